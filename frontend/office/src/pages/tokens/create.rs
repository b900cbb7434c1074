//! The form that creates a token, and the new token shown the one time it
//! can be.

use tonghop_shared::api::{ACCESS_TOKEN_DAY_CHOICES, CreatedAccessToken, NewAccessToken};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::api::{self, ApiError};

/// Props of [`CreateToken`].
#[derive(Properties, PartialEq)]
pub struct CreateTokenProps {
    /// A token was created: reload the list.
    pub on_created: Callback<()>,
}

/// Name, lifetime, «Tạo mã»; then the new token with a copy button.
#[component]
pub fn CreateToken(props: &CreateTokenProps) -> Html {
    let name = use_state(String::new);
    let days = use_state(|| 90_i64);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let created = use_state(|| None::<CreatedAccessToken>);

    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_days = {
        let days = days.clone();
        Callback::from(move |e: Event| {
            if let Ok(value) = e.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                days.set(value);
            }
        })
    };
    let on_submit = {
        let (name, days, busy, error, created) = (name.clone(), days.clone(), busy.clone(), error.clone(), created.clone());
        let on_created = props.on_created.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            let input = NewAccessToken { name: (*name).clone(), expires_in_days: *days };
            let (name, busy, error, created, on_created) = (name.clone(), busy.clone(), error.clone(), created.clone(), on_created.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::create_access_token(&input).await {
                    Ok(answer) => {
                        error.set(None);
                        name.set(String::new());
                        created.set(Some(answer));
                        on_created.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let field_error = |field: &str| {
        let message = (*error).as_ref().and_then(|e| e.fields().iter().find(|f| f.field == field)).map(|f| f.message.clone());
        html! { if let Some(message) = message { <p class="field-error">{ message }</p> } }
    };
    let general_error = (*error).as_ref().filter(|e| e.fields().is_empty()).map(ApiError::message);
    let dismiss = {
        let created = created.clone();
        Callback::from(move |()| created.set(None))
    };
    html! {
        <>
            if let Some(answer) = &*created {
                <NewToken token={answer.token.clone()} name={answer.access_token.name.clone()} on_done={dismiss} />
            }
            <form class="card token-form" onsubmit={on_submit} novalidate=true>
                <label for="token-name">{ "Tên gợi nhớ" }</label>
                <input id="token-name" type="text" data-testid="token-name" maxlength="100" placeholder="Ví dụ: Số liệu cho huyện"
                    value={(*name).clone()} oninput={on_name} />
                { field_error("name") }
                <label for="token-days">{ "Thời hạn" }</label>
                <select id="token-days" class="select" data-testid="token-days" onchange={on_days}>
                    { for ACCESS_TOKEN_DAY_CHOICES.iter().map(|&d| html! {
                        <option value={d.to_string()} selected={d == *days}>{ format!("{d} ngày") }</option>
                    }) }
                </select>
                { field_error("expires_in_days") }
                if let Some(message) = general_error {
                    <p class="notice notice-error" role="alert">{ message }</p>
                }
                <button type="submit" class="button button-primary button-block" data-testid="token-create" disabled={*busy}>
                    { if *busy { "Đang tạo…" } else { "Tạo mã" } }
                </button>
            </form>
        </>
    }
}

/// Props of [`NewToken`].
#[derive(Properties, PartialEq)]
struct NewTokenProps {
    token: AttrValue,
    name: AttrValue,
    on_done: Callback<()>,
}

/// The new token, its copy button and the warning that it will not be
/// shown again.
#[component]
fn NewToken(props: &NewTokenProps) -> Html {
    let input = use_node_ref();
    let copied = use_state(|| None::<bool>);
    let copy = {
        let (input, copied, token) = (input.clone(), copied.clone(), props.token.clone());
        Callback::from(move |_: MouseEvent| {
            // Selected too, so a long press copies it if the clipboard is refused.
            if let Some(input) = input.cast::<HtmlTextAreaElement>() {
                input.select();
            }
            let (copied, token) = (copied.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move { copied.set(Some(copy_text(&token).await)) });
        })
    };
    let done = props.on_done.reform(|_: MouseEvent| ());
    html! {
        <div class="card token-new" data-testid="token-new" role="status">
            <p class="token-new-title">{ format!("Mã mới «{}»", props.name) }</p>
            <p class="notice notice-error">
                { "Hãy chép và cất giữ mã này ngay. Mã chỉ hiện một lần: sau khi đóng, không ai xem lại được, kể cả quản trị." }
            </p>
            <textarea ref={input} readonly=true rows="2" class="token-value" data-testid="token-secret" aria-label="Mã truy cập"
                spellcheck="false" value={props.token.clone()} />
            <button type="button" class="button button-primary button-block" data-testid="token-copy" onclick={copy}>{ "Chép mã" }</button>
            { match *copied {
                Some(true) => html! { <p class="field-server" data-testid="token-copied">{ "Đã chép vào bộ nhớ tạm." }</p> },
                Some(false) => html! { <p class="field-error" data-testid="token-copied">{ "Không chép tự động được; hãy nhấn giữ vào mã để chép." }</p> },
                None => html! {},
            } }
            <button type="button" class="button button-block" data-testid="token-done" onclick={done}>{ "Tôi đã cất giữ mã" }</button>
        </div>
    }
}

/// Copies through the Clipboard API, or the older `execCommand` where the
/// page is not served over HTTPS (the API is missing there).
async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    let has_clipboard = web_sys::js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| !c.is_undefined());
    if has_clipboard {
        let promise = navigator.clipboard().write_text(text);
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            return true;
        }
    }
    window.document().and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok()).and_then(|d| d.exec_command("copy").ok()).unwrap_or(false)
}
