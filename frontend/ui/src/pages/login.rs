//! The login screen.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api;
use crate::components::notice::{Flash, Notice};
use crate::session::{SessionAction, use_session};

/// Username, password, "Đăng nhập". Shown in place of any page while nobody
/// is logged in, so the address (and the form on it) survive a new login.
#[component]
pub fn LoginPage() -> Html {
    let session = use_session();
    let username = use_state(String::new);
    let password = use_state(String::new);
    let busy = use_state(|| false);
    let flash = use_state(|| session.notice.clone().map(Flash::info));

    let onsubmit = {
        let (session, username, password, busy, flash) = (session.clone(), username.clone(), password.clone(), busy.clone(), flash.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let name = username.trim().to_owned();
            if name.is_empty() || password.is_empty() {
                flash.set(Some(Flash::error("Nhập tên đăng nhập và mật khẩu")));
                return;
            }
            busy.set(true);
            let (session, password, busy, flash) = (session.clone(), (*password).clone(), busy.clone(), flash.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::login(&name, &password).await {
                    Ok(user) => session.dispatch(SessionAction::LoggedIn(user)),
                    Err(e) => {
                        // A refused field (too long a name...) says more than the general message.
                        let text = e.fields().first().map_or_else(|| e.message(), |f| f.message.clone());
                        flash.set(Some(Flash::error(text)));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let text_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };

    html! {
        <form class="login card" {onsubmit} novalidate=true>
            <h1>{ "Đăng nhập" }</h1>
            <p class="muted">{ "Báo cáo số liệu hằng tháng của thôn, đoàn thể gửi xã." }</p>
            <Notice flash={(*flash).clone()} />
            <label for="username">{ "Tên đăng nhập" }</label>
            <input id="username" data-testid="login-username" type="text" autocomplete="username" autocapitalize="none"
                spellcheck="false" value={(*username).clone()} oninput={text_input(&username)} />
            <label for="password">{ "Mật khẩu" }</label>
            <input id="password" data-testid="login-password" type="password" autocomplete="current-password"
                value={(*password).clone()} oninput={text_input(&password)} />
            <button type="submit" class="button button-primary button-block" data-testid="login-submit" disabled={*busy}>
                { if *busy { "Đang đăng nhập…" } else { "Đăng nhập" } }
            </button>
        </form>
    }
}
