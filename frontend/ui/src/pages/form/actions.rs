//! The form page's changes sent to the server: save, submit, and the reload
//! after a conflict (the page loads the form with `hooks::use_load`).
//!
//! Each takes the reducer's dispatcher and reports what happened as a
//! [`FormAction`]; a refused session is the API layer's, which shows the
//! login screen (the typed text is already in localStorage).

use std::cell::Cell;
use std::collections::HashSet;

use tonghop_shared::api::SubmissionInput;
use tonghop_shared::rules::Severity;
use tonghop_shared::validation::{Completeness, check_values};
use wasm_bindgen_futures::spawn_local;
use yew::UseReducerDispatcher;

use super::state::{FormAction, FormState};
use crate::api;
use crate::components::notice::Flash;
use crate::drafts::DraftKey;
use crate::format;
use crate::outbox::{self, Answer, Key, OutboxAction, OutboxContext, Outcome, Target};
use crate::session::SessionContext;

type Dispatch = UseReducerDispatcher<FormState>;

thread_local! {
    /// A save or submit is on its way. The buttons are disabled too, but only
    /// from the next render on: a quick double tap would otherwise send the
    /// same version twice and the second would come back as a conflict.
    static SENDING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `send` unless another save or submit is on its way.
fn send_once(dispatch: &Dispatch, send: impl Future<Output = ()> + 'static) {
    if SENDING.with(|s| s.replace(true)) {
        return;
    }
    dispatch.dispatch(FormAction::Sending);
    spawn_local(async move {
        send.await;
        SENDING.with(|s| s.set(false));
    });
}

/// What a save or submit needs besides the state: who sends, and the outbox
/// that keeps it until the server has it.
#[derive(Clone)]
pub struct Sender {
    /// The reducer.
    pub dispatch: Dispatch,
    /// The session: who sends.
    pub session: SessionContext,
    /// The outbox, to refresh what it shows.
    pub outbox: Option<OutboxContext>,
    /// The form.
    pub key: DraftKey,
}

/// Saves the figures as a draft (`PUT`), through the outbox.
pub fn save_draft(state: &FormState, sender: Sender) {
    let Some(input) = checked_input(state, &sender.dispatch, Completeness::Draft) else { return };
    send(sender, input, false);
}

/// Sends through the outbox and shows what became of it: taken, queued
/// («Chờ gửi»), or refused.
fn send(sender: Sender, input: SubmissionInput, submit: bool) {
    let Some(user_id) = sender.session.user.as_ref().map(|u| u.id) else { return };
    send_once(&sender.dispatch.clone(), async move {
        let Sender { dispatch, outbox, key, .. } = sender;
        let target = Target::Form { form_id: key.form_id, period: key.period, input };
        let outcome = outbox::send(user_id, key.unit_id, target, submit).await;
        // Refused while the user looks: this page says why, and the typed
        // text stays in the local draft; the outbox need not keep it.
        if matches!(outcome, Outcome::Refused(_)) {
            outbox::forget(Key::Form(key));
        }
        if let Some(outbox) = &outbox {
            outbox.dispatch(OutboxAction::Reload);
        }
        match outcome {
            Outcome::Taken(answer) => {
                let Answer::Form(sub) = *answer else { return };
                let text = if submit {
                    format!("Đã gửi báo cáo lúc {}", format::now_time())
                } else {
                    format!("Đã lưu nháp lúc {}", format::now_time())
                };
                dispatch.dispatch(FormAction::Saved(sub, Flash::success(text)));
                // The read-only report and its message start at the top of the page.
                if submit && let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
            Outcome::Queued(pending) => {
                dispatch.dispatch(FormAction::Queued { submit, at: pending.queued_at_text() });
                // A waiting submit leaves the form read-only: its banner is at
                // the top. A refused session has brought the login screen up
                // (the API layer); the queue waits for the next login.
                if submit && let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
            Outcome::Refused(e) => dispatch.dispatch(FormAction::Failed(e)),
            Outcome::Superseded => dispatch.dispatch(FormAction::Settled),
        }
    });
}

/// Checks that the figures can be submitted, then asks for confirmation.
pub fn ask_submit(state: &FormState, dispatch: Dispatch) {
    if checked_input(state, &dispatch, Completeness::Submit).is_some() {
        dispatch.dispatch(FormAction::Confirm(true));
    }
}

/// Submits to the commune (`POST .../submit`), after the confirmation,
/// through the outbox.
pub fn submit(state: &FormState, sender: Sender) {
    let Some(input) = checked_input(state, &sender.dispatch, Completeness::Submit) else { return };
    send(sender, input, true);
}

/// Fetches the latest server copy after a conflict, keeping what was typed
/// (the refused item leaves the outbox: the next save carries the text).
pub fn reload(dispatch: Dispatch, key: DraftKey) {
    outbox::forget(Key::Form(key));
    dispatch.dispatch(FormAction::Sending);
    spawn_local(async move {
        match api::submission(key.unit_id, key.form_id, key.period).await {
            Ok(sub) => dispatch.dispatch(FormAction::Reloaded(sub)),
            Err(e) => dispatch.dispatch(FormAction::Failed(e)),
        }
    });
}

/// The body to send, checked here first with the server's own rules so the
/// user hears about a mistake without a round trip on a slow connection.
fn checked_input(state: &FormState, dispatch: &Dispatch, completeness: Completeness) -> Option<SubmissionInput> {
    let (form, _) = state.loaded.as_ref()?;
    let values = match state.inputs() {
        Ok(values) => values,
        Err(invalid) => {
            let text = format!("Còn {invalid} ô chưa đúng, xem thông báo dưới từng ô.");
            dispatch.dispatch(FormAction::Refused(Vec::new(), Flash::error(text)));
            return None;
        }
    };
    let errors = check_values(&form.indicators, &values, &HashSet::new(), completeness);
    if !errors.is_empty() {
        let text = match completeness {
            Completeness::Submit => format!("Còn {} ô chưa nhập. Nhập đủ số liệu trước khi gửi (nhập 0 nếu không có).", errors.len()),
            Completeness::Draft => "Có số liệu chưa hợp lệ, xem thông báo dưới từng ô.".to_owned(),
        };
        dispatch.dispatch(FormAction::Refused(errors, Flash::error(text)));
        return None;
    }
    // A hard rule blocks sending; its message is already under the field.
    let hard: Vec<_> = state.live_violations().into_iter().filter(|v| v.severity == Severity::Hard).collect();
    if completeness == Completeness::Submit && !hard.is_empty() {
        let text = format!("Còn {} số liệu không hợp lý, xem thông báo màu đỏ dưới từng ô rồi sửa lại trước khi gửi.", hard.len());
        dispatch.dispatch(FormAction::Refused(Vec::new(), Flash::error(text)));
        // Bring the first one into view: on a phone it is usually off screen.
        let input = hard[0].error.field.strip_prefix("values.").map(|code| format!("value-{code}"));
        if let Some(element) = input.and_then(|id| web_sys::window()?.document()?.get_element_by_id(&id)) {
            element.scroll_into_view();
        }
        return None;
    }
    Some(SubmissionInput { version: state.version, values })
}
