//! Writing the section: toolbar, text, where saving stands, the preview and
//! «Gửi xã». The text is saved on the server 1.5 s after the last keystroke
//! and when the text loses focus, retried while the server cannot be
//! reached, and mirrored to localStorage by the page meanwhile.

use std::cell::Cell;

use gloo_timers::callback::Timeout;
use tonghop_shared::api::SectionInput;
use tonghop_shared::text::clean_multiline;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::autosave::{SaveState, SectionAction, SectionState};
use super::preview::Preview;
use super::toolbar::Toolbar;
use crate::api;
use crate::components::confirm::ConfirmDialog;
use crate::components::notice::{Flash, Notice};
use crate::drafts::SectionDraftKey;
use crate::format;
use crate::outbox::{self, Answer, Key, OutboxAction, OutboxContext, Outcome, Target, use_outbox};
use crate::session::{SessionContext, use_session};

type Dispatch = UseReducerDispatcher<SectionState>;

thread_local! {
    /// A save or submit is on its way: one at a time, or the second would
    /// carry a version the first has just made stale.
    static SENDING: Cell<bool> = const { Cell::new(false) };
}

/// Sends `send` unless another request is on its way; false if one is.
fn send_once(send: impl Future<Output = ()> + 'static) -> bool {
    if SENDING.with(|s| s.replace(true)) {
        return false;
    }
    spawn_local(async move {
        send.await;
        SENDING.with(|s| s.set(false));
    });
    true
}

/// Saves the draft; on a version conflict fetches the server's copy.
fn save(dispatch: Dispatch, key: SectionDraftKey, input: SectionInput) {
    let sending = dispatch.clone();
    let started = send_once(async move {
        match api::save_section(key.unit_id, key.period, &input).await {
            Ok(section) => dispatch.dispatch(SectionAction::Saved(section, format::now_time())),
            Err(e) => {
                let conflict = e.code() == Some("version_conflict");
                dispatch.dispatch(SectionAction::SaveFailed(e));
                if conflict && let Ok(server) = api::section(key.unit_id, key.period).await {
                    dispatch.dispatch(SectionAction::Conflict(server));
                }
            }
        }
    });
    if started {
        sending.dispatch(SectionAction::Sending);
    }
}

/// Sends the section to the commune, after «Gửi xã?», through the outbox:
/// offline it waits on the phone («Chờ gửi») and is sent by itself.
fn submit(dispatch: Dispatch, session: SessionContext, outbox: Option<OutboxContext>, key: SectionDraftKey, input: SectionInput) {
    let Some(user_id) = session.user.as_ref().map(|u| u.id) else { return };
    let sending = dispatch.clone();
    let started = send_once(async move {
        let target = Target::Section { period: key.period, input };
        let outcome = outbox::send(user_id, key.unit_id, target, true).await;
        // Refused while the user looks: this page says why.
        if matches!(outcome, Outcome::Refused(_)) {
            outbox::forget(Key::Section(key));
        }
        if let Some(outbox) = &outbox {
            outbox.dispatch(OutboxAction::Reload);
        }
        match outcome {
            Outcome::Taken(answer) => {
                if let Answer::Section(section) = *answer {
                    let flash = Flash::success(format!("Đã gửi xã lúc {}", format::now_time()));
                    dispatch.dispatch(SectionAction::Changed(section, Some(flash)));
                }
                if let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
            Outcome::Queued(_) | Outcome::Superseded => {
                dispatch.dispatch(SectionAction::Queued);
                // A refused session has brought the login screen up (the
                // API layer); the queue waits for the next login.
                if let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
            Outcome::Refused(e) => dispatch.dispatch(SectionAction::SubmitFailed(e)),
        }
    });
    if started {
        sending.dispatch(SectionAction::Submitting);
    } else {
        sending.dispatch(SectionAction::SubmitFailed(refusal("Đang lưu, vui lòng bấm lại sau giây lát")));
    }
}

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The page's state.
    pub state: UseReducerHandle<SectionState>,
    /// The unit and period written.
    pub place: SectionDraftKey,
}

/// Toolbar, text, save state, preview, «Gửi xã».
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let session = use_session();
    let outbox = use_outbox();
    let state = props.state.clone();
    let key = props.place;
    let area = use_node_ref();
    let input = SectionInput { version: state.version, body: state.text.clone() };

    // The debounce and the retries: a new keystroke drops the waiting timer.
    use_effect_with((input.clone(), state.save.clone(), state.failures, state.busy), {
        let (dispatch, after) = (state.dispatcher(), state.save_after());
        move |(input, _, _, _)| {
            let input = input.clone();
            let timer = after.map(|ms| Timeout::new(ms, move || save(dispatch, key, input)));
            move || drop(timer)
        }
    });

    let on_edit = state.dispatcher().to_callback().reform(|text: String| SectionAction::Edit(text));
    let oninput = on_edit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let onblur = {
        let (state, input) = (state.clone(), input.clone());
        Callback::from(move |_: FocusEvent| {
            if state.save == SaveState::Pending {
                save(state.dispatcher(), key, input.clone());
            }
        })
    };
    let ask = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if clean_multiline(&state.text).is_empty() {
                state.dispatch(SectionAction::SubmitFailed(refusal("Chưa có nội dung để gửi")));
            } else {
                state.dispatch(SectionAction::Confirm(true));
            }
        })
    };
    let confirm = {
        let (dispatch, session, input) = (state.dispatcher(), session.clone(), input.clone());
        Callback::from(move |()| submit(dispatch.clone(), session.clone(), outbox.clone(), key, input.clone()))
    };
    let cancel = state.dispatcher().to_callback().reform(|()| SectionAction::Confirm(false));
    let save_class = match state.save {
        SaveState::Saved => "sec-save-ok",
        SaveState::Pending | SaveState::Saving => "sec-save-busy",
        _ => "sec-save-bad",
    };
    let question = match &state.section {
        Some(s) => format!(
            "Gửi báo cáo hoạt động {} cho xã? Sau khi gửi, nội dung không sửa được nữa, trừ khi xã trả lại.",
            tonghop_shared::text::lowercase(&s.period_label)
        ),
        None => String::new(),
    };
    let conflict = state.conflict.as_ref().map(|server| {
        let keep = state.dispatcher().to_callback().reform(|_: MouseEvent| SectionAction::KeepMine);
        let take = state.dispatcher().to_callback().reform(|_: MouseEvent| SectionAction::TakeServer);
        let by = match (&server.updated_by, server.updated_at) {
            (Some(by), Some(at)) => format!("{by} đã sửa lúc {}.", format::date_time(at)),
            _ => String::new(),
        };
        html! {
            <div class="sec-conflict" data-testid="section-conflict" role="alert">
                <p class="sec-conflict-title">{ "Nội dung đã được sửa ở nơi khác" }</p>
                <p class="muted">{ format!("{by} Bản của bạn vẫn ở trong ô trên; bản trên máy chủ:") }</p>
                <div class="sec-conflict-server" data-testid="section-server-text">{ server.body.clone() }</div>
                <div class="actions">
                    <button type="button" class="button" data-testid="section-take-server" onclick={take}>{ "Dùng bản trên máy chủ" }</button>
                    <button type="button" class="button button-primary" data-testid="section-keep-mine" onclick={keep}>{ "Dùng bản của tôi" }</button>
                </div>
            </div>
        }
    });
    html! {
        <>
            <Toolbar target={area.clone()} on_edit={on_edit} disabled={state.busy} />
            <label for="section-text" class="sec-label">{ "Nội dung" }</label>
            <textarea id="section-text" class="sec-text" data-testid="section-text" ref={area} value={state.text.clone()}
                {oninput} {onblur} disabled={state.busy} spellcheck="true" autocapitalize="sentences"
                placeholder="Viết kết quả hoạt động của đơn vị trong kỳ. Để một dòng trống giữa các đoạn." />
            <p class={classes!("sec-save", save_class)} data-testid="section-save-state" data-state={format!("{:?}", state.save)} aria-live="polite">
                { state.save_label() }
            </p>
            { conflict.unwrap_or_default() }
            <p class="sec-hint muted">{ "**chữ đậm**, *chữ nghiêng*, dòng bắt đầu bằng «- » là gạch đầu dòng." }</p>
            <h2 class="sec-subtitle">{ "Xem trước" }</h2>
            <Preview text={state.text.clone()} />
            <div class="action-bar">
                <Notice flash={state.flash.clone()} />
                <div class="actions">
                    // Not disabled while a save is on its way: tapping «Gửi xã»
                    // takes the focus from the text, whose blur starts a save,
                    // and a button disabled by it would swallow the tap. The
                    // question waits for the save instead.
                    <button type="button" class="button button-primary" data-testid="section-submit"
                        disabled={state.busy || state.conflict.is_some()} onclick={ask}>
                        { if state.busy { "Đang gửi…" } else { "Gửi xã" } }
                    </button>
                </div>
            </div>
            if state.confirming {
                <ConfirmDialog message={question} confirm_label="Gửi xã" confirm_testid="section-confirm-submit" on_confirm={confirm} on_cancel={cancel}
                    waiting={(state.save == SaveState::Saving).then_some(AttrValue::Static("Đang lưu…"))} />
            }
        </>
    }
}

/// Why «Gửi xã» is refused here, said the way the server would say it.
fn refusal(message: &str) -> crate::api::ApiError {
    let body = tonghop_shared::api::ErrorBody {
        code: "validation_failed".into(),
        message: String::new(),
        fields: vec![tonghop_shared::FieldError::new("body", "required", message)],
    };
    crate::api::ApiError::Server { status: 422, body, retry_after: None }
}
