//! The commune office's decisions on a unit's form: approve ("Duyệt"),
//! return with reasons ("Trả lại"), reopen an approved one ("Mở lại").
//!
//! The panel keeps its own state ([`ReviewState`], a plain reducer tested on
//! the host); the form page hears about a decision through `on_done`.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::rc::Rc;

use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{ApproveRequest, FigureComment, Form, Indicator, ReopenRequest, ReturnRequest, Submission};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::confirm::ConfirmDialog;
use crate::components::notice::{Flash, Notice};
use crate::components::review_mode::{self, Mode};
use crate::review::figure;

/// The review panel's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReviewState {
    /// What is being prepared.
    pub mode: Mode,
    /// The general reason as typed.
    pub reason: String,
    /// Comments on figures as typed, by indicator code.
    pub comments: BTreeMap<String, String>,
    /// Refusals: `reason`, or an indicator code for its comment.
    pub errors: BTreeMap<String, String>,
    /// The message of the panel.
    pub flash: Option<Flash>,
    /// A decision is on its way.
    pub busy: bool,
    /// The form changed meanwhile: offer to reload.
    pub conflict: bool,
}

/// What happens in the panel.
#[derive(Debug)]
pub enum ReviewAction {
    /// Open a panel or the approval question.
    Open(Mode),
    /// Close it (and forget what was typed).
    Close,
    /// The reason was typed.
    Reason(String),
    /// The comment box of a figure was opened (by its code).
    OpenComment(String),
    /// A comment on a figure was typed.
    Comment(String, String),
    /// Sending was refused here: why the reason does not do.
    ReasonRefused(String),
    /// A decision was sent.
    Sending,
    /// The server refused it; the codes are those of the comments sent, in order.
    Failed(ApiError, Vec<String>),
}

impl ReviewState {
    /// The reason to send with the decision prepared, checked as the
    /// server will, or why it does not do.
    pub fn reason(&self) -> Result<Option<String>, String> {
        review_mode::checked_reason(self.mode, &self.reason)
    }

    /// The comments to send, in the form's order, leaving empty ones out.
    pub fn figure_comments(&self, indicators: &[Indicator]) -> (Vec<FigureComment>, Vec<String>) {
        indicators
            .iter()
            .filter_map(|ind| {
                let comment = self.comments.get(&ind.code)?.trim();
                (!comment.is_empty()).then(|| (FigureComment { indicator_id: ind.id, comment: comment.to_owned() }, ind.code.clone()))
            })
            .unzip()
    }
}

impl Reducible for ReviewState {
    type Action = ReviewAction;

    fn reduce(self: Rc<Self>, action: ReviewAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            ReviewAction::Open(mode) => s = ReviewState { mode, ..ReviewState::default() },
            ReviewAction::Close => s = ReviewState::default(),
            ReviewAction::Reason(text) => {
                s.errors.remove("reason");
                s.reason = text;
            }
            ReviewAction::OpenComment(code) => {
                s.comments.entry(code).or_default();
            }
            ReviewAction::Comment(code, text) => {
                s.errors.remove(&code);
                s.comments.insert(code, text);
            }
            ReviewAction::ReasonRefused(why) => {
                s.errors.insert("reason".into(), why);
                s.flash = None;
            }
            ReviewAction::Sending => {
                s.busy = true;
                s.flash = None;
                s.conflict = false;
            }
            ReviewAction::Failed(e, codes) => {
                s.busy = false;
                if s.mode == Mode::ConfirmApprove {
                    s.mode = Mode::Idle;
                }
                for field in e.fields() {
                    let key = match field.field.strip_prefix("figure_comments[").and_then(|rest| rest.strip_suffix(']')) {
                        Some(i) => i.parse::<usize>().ok().and_then(|i| codes.get(i).cloned()),
                        None => Some(field.field.clone()),
                    };
                    if let Some(key) = key {
                        s.errors.insert(key, field.message.clone());
                    }
                }
                s.conflict = matches!(e.code(), Some("conflict" | "version_conflict"));
                s.flash = Some(Flash::error(e.message()));
            }
        }
        Rc::new(s)
    }
}

/// Props of [`ReviewPanel`].
#[derive(Properties, PartialEq)]
pub struct ReviewPanelProps {
    /// The form.
    pub form: Rc<Form>,
    /// The submission under review.
    pub submission: Submission,
    /// A decision was taken: the new submission and what to say (with the time).
    pub on_done: Callback<(Submission, String)>,
    /// Fetch the form again (after a conflict).
    pub on_reload: Callback<()>,
}

thread_local! {
    /// A decision is on its way (a quick double tap comes before the next render).
    static DECIDING: Cell<bool> = const { Cell::new(false) };
}

/// Sends a decision unless one is on its way.
fn decide(
    dispatch: UseReducerDispatcher<ReviewState>,
    on_done: Callback<(Submission, String)>,
    codes: Vec<String>,
    done: &'static str,
    send: impl Future<Output = Result<Submission, ApiError>> + 'static,
) {
    if DECIDING.with(|d| d.replace(true)) {
        return;
    }
    dispatch.dispatch(ReviewAction::Sending);
    wasm_bindgen_futures::spawn_local(async move {
        match send.await {
            Ok(sub) => {
                dispatch.dispatch(ReviewAction::Close);
                on_done.emit((sub, done.replace("{time}", &crate::format::now_time())));
            }
            Err(e) => dispatch.dispatch(ReviewAction::Failed(e, codes)),
        }
        DECIDING.with(|d| d.set(false));
    });
}

/// The buttons for a submitted form ("Trả lại", "Duyệt") or an approved one
/// ("Mở lại"), and the panel each opens.
#[component]
pub fn ReviewPanel(props: &ReviewPanelProps) -> Html {
    let state = use_reducer(ReviewState::default);
    // An opened panel puts the cursor in its reason, which brings it on screen.
    use_effect_with(state.mode, |mode| match mode {
        Mode::Returning => focus("return-reason"),
        Mode::Reopening => focus("reopen-reason"),
        Mode::Idle | Mode::ConfirmApprove => {}
    });
    let sub = &props.submission;
    let (unit_id, form_id, period, version): (i64, i64, MonthPeriod, i64) = (sub.unit.id, sub.form_id, sub.period, sub.version);
    let open = state.dispatcher().to_callback().reform(ReviewAction::Open);
    let close = state.dispatcher().to_callback().reform(|_: MouseEvent| ReviewAction::Close);
    let on_reason = state
        .dispatcher()
        .to_callback()
        .reform(|e: InputEvent| ReviewAction::Reason(e.target_unchecked_into::<HtmlTextAreaElement>().value()));
    let reason_error = state.errors.get("reason").cloned();
    let reason_field = |id: &'static str, label: &'static str| {
        html! {
            <div class={classes!("field", reason_error.is_some().then_some("field-invalid"))}>
                <label for={id}>{ label }</label>
                <textarea id={id} data-testid={id} rows="3" value={state.reason.clone()} oninput={on_reason.clone()}
                    aria-invalid={reason_error.is_some().to_string()} aria-describedby="error-reason" />
                if let Some(error) = &reason_error {
                    <p class="field-error" id="error-reason" data-testid="error-reason">{ error.clone() }</p>
                }
            </div>
        }
    };
    let notice = html! {
        <Notice flash={state.flash.clone()}>
            if state.conflict {
                <button type="button" class="button button-small" data-testid="reload" onclick={props.on_reload.reform(|_: MouseEvent| ())}>{ "Tải lại" }</button>
            }
        </Notice>
    };

    match state.mode {
        Mode::Idle | Mode::ConfirmApprove => {
            let approve = {
                let (dispatch, on_done) = (state.dispatcher(), props.on_done.clone());
                Callback::from(move |()| {
                    let send = async move { api::approve(unit_id, form_id, period, &ApproveRequest { version }).await };
                    decide(dispatch.clone(), on_done.clone(), Vec::new(), "Đã duyệt báo cáo lúc {time}", send);
                })
            };
            let question =
                format!("Duyệt báo cáo {} của {}? Sau khi duyệt, số liệu được khoá.", period.label_vi().to_lowercase(), sub.unit.name);
            let Some(buttons) = review_mode::buttons(sub.status, "", state.busy, &open) else { return html! {} };
            // The dialog sits outside the sticky bar, whose stacking would
            // leave the header above the dialog's backdrop.
            html! {
                <>
                    <div class="action-bar">
                        { notice }
                        <div class="actions">{ buttons }</div>
                    </div>
                    if state.mode == Mode::ConfirmApprove {
                        <ConfirmDialog message={question} confirm_label="Duyệt" confirm_testid="confirm-approve"
                            on_confirm={approve} on_cancel={state.dispatcher().to_callback().reform(|()| ReviewAction::Close)} />
                    }
                </>
            }
        }
        Mode::Returning => {
            let send = {
                let (state, on_done, form) = (state.clone(), props.on_done.clone(), props.form.clone());
                Callback::from(move |_: MouseEvent| {
                    let reason = match state.reason() {
                        Ok(reason) => reason.unwrap_or_default(),
                        Err(why) => {
                            state.dispatch(ReviewAction::ReasonRefused(why));
                            focus("return-reason");
                            return;
                        }
                    };
                    let (figure_comments, codes) = state.figure_comments(&form.indicators);
                    let request = ReturnRequest { version, reason, figure_comments };
                    let send = async move { api::return_submission(unit_id, form_id, period, &request).await };
                    decide(state.dispatcher(), on_done.clone(), codes, "Đã trả lại báo cáo cho đơn vị lúc {time}", send);
                })
            };
            let comments = props.form.indicators.iter().map(|ind| {
                let code = ind.code.clone();
                let value = sub.values.iter().find(|v| v.indicator_id == ind.id).and_then(|v| v.value);
                let on_input = state.dispatcher().to_callback().reform({
                    let code = code.clone();
                    move |text: String| ReviewAction::Comment(code.clone(), text)
                });
                let on_open = state.dispatcher().to_callback().reform({
                    let code = code.clone();
                    move |()| ReviewAction::OpenComment(code.clone())
                });
                html! {
                    <ReturnComment key={code.clone()} code={code.clone()} name={ind.name.clone()}
                        value={format!("{} {}", figure(value, ind.precision), ind.unit_of_measure)}
                        text={state.comments.get(&code).cloned()} error={state.errors.get(&code).cloned()} {on_input} {on_open} />
                }
            });
            html! {
                <div class="card review-panel" data-testid="return-panel">
                    <h2>{ "Trả lại báo cáo" }</h2>
                    <p class="muted">{ "Đơn vị sẽ thấy lý do và ý kiến dưới từng số liệu, sửa rồi gửi lại." }</p>
                    { reason_field("return-reason", "Lý do trả lại (bắt buộc)") }
                    <p class="comments-title">{ "Ý kiến về từng số liệu (không bắt buộc): chạm vào số liệu cần góp ý" }</p>
                    <ul class="comment-rows">{ for comments }</ul>
                    // The decision stays in reach at the bottom of the screen, however long the list.
                    <div class="action-bar">
                        { notice }
                        <div class="actions">
                            <button type="button" class="button" disabled={state.busy} onclick={close}>{ "Quay lại" }</button>
                            <button type="button" class="button button-danger" data-testid="confirm-return" disabled={state.busy} onclick={send}>
                                { if state.busy { "Đang gửi…" } else { "Gửi trả lại" } }
                            </button>
                        </div>
                    </div>
                </div>
            }
        }
        Mode::Reopening => {
            let send = {
                let (state, on_done) = (state.clone(), props.on_done.clone());
                Callback::from(move |_: MouseEvent| {
                    let reason = match state.reason() {
                        Ok(reason) => reason.unwrap_or_default(),
                        Err(why) => {
                            state.dispatch(ReviewAction::ReasonRefused(why));
                            focus("reopen-reason");
                            return;
                        }
                    };
                    let request = ReopenRequest { version, reason };
                    let send = async move { api::reopen(unit_id, form_id, period, &request).await };
                    decide(
                        state.dispatcher(),
                        on_done.clone(),
                        Vec::new(),
                        "Đã mở lại báo cáo lúc {time}; đơn vị có thể sửa và gửi lại",
                        send,
                    );
                })
            };
            html! {
                <div class="card review-panel" data-testid="reopen-panel">
                    <h2>{ "Mở lại báo cáo đã duyệt" }</h2>
                    <p class="muted">{ "Báo cáo trở về đơn vị để sửa; lý do được ghi vào lịch sử." }</p>
                    { reason_field("reopen-reason", "Lý do mở lại (bắt buộc)") }
                    <div class="action-bar">
                        { notice }
                        <div class="actions">
                            <button type="button" class="button" disabled={state.busy} onclick={close}>{ "Quay lại" }</button>
                            <button type="button" class="button button-primary" data-testid="confirm-reopen" disabled={state.busy} onclick={send}>
                                { if state.busy { "Đang gửi…" } else { "Mở lại" } }
                            </button>
                        </div>
                    </div>
                </div>
            }
        }
    }
}

/// Props of [`ReturnComment`].
#[derive(Properties, PartialEq)]
struct ReturnCommentProps {
    code: String,
    name: String,
    /// The figure with its unit of measure, as shown.
    value: String,
    /// The comment as typed; `None` while its box is closed.
    text: Option<String>,
    error: Option<String>,
    on_input: Callback<String>,
    on_open: Callback<()>,
}

/// One figure of the return panel: its name and value, a tap target that
/// opens a comment box under it, with the cursor in it.
#[component]
fn ReturnComment(props: &ReturnCommentProps) -> Html {
    let input = use_node_ref();
    let open = props.text.is_some();
    use_effect_with(open, {
        let input = input.clone();
        move |open| {
            if *open {
                let _ = input.cast::<web_sys::HtmlElement>().map(|i| i.focus());
            }
        }
    });
    let code = &props.code;
    let id = format!("return-comment-{code}");
    let figure = html! {
        <>
            <span>{ &props.name }</span>
            <span class="figure-value">{ &props.value }</span>
        </>
    };
    html! {
        <li class={classes!("comment-row", props.error.is_some().then_some("field-invalid"))}>
            if let Some(text) = &props.text {
                <label for={id.clone()} class="comment-label">{ figure }</label>
                <input ref={input} id={id.clone()} data-testid={id} type="text" autocomplete="off" placeholder="Ý kiến về số liệu này"
                    value={text.clone()} oninput={props.on_input.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value())} />
            } else {
                <button type="button" class="comment-open" data-testid={format!("return-comment-toggle-{code}")}
                    onclick={props.on_open.reform(|_: MouseEvent| ())}>
                    { figure }
                    <span class="comment-open-hint">{ "+ Ý kiến" }</span>
                </button>
            }
            if let Some(error) = &props.error {
                <p class="field-error" data-testid={format!("error-comment-{code}")}>{ error.clone() }</p>
            }
        </li>
    }
}

/// Puts the cursor in a field (and the field on screen).
fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

#[cfg(test)]
mod tests {
    use tonghop_shared::FieldError;
    use tonghop_shared::api::{Aggregation, ErrorBody};
    use tonghop_shared::review::REASON_REQUIRED;

    use super::*;

    fn indicator(id: i64, code: &str) -> Indicator {
        Indicator::new(id, code, code, "con", Aggregation::Stock, 0)
    }

    fn apply(actions: Vec<ReviewAction>) -> Rc<ReviewState> {
        actions.into_iter().fold(Rc::default(), |s: Rc<ReviewState>, a| s.reduce(a))
    }

    #[test]
    fn a_blank_reason_is_no_reason_and_typing_clears_the_message() {
        let s = apply(vec![ReviewAction::Open(Mode::Returning), ReviewAction::Reason("  \n ".into())]);
        assert_eq!(s.reason(), Err(REASON_REQUIRED.to_owned()));
        let s = s.reduce(ReviewAction::ReasonRefused(REASON_REQUIRED.into()));
        assert_eq!(s.errors.get("reason").map(String::as_str), Some(REASON_REQUIRED));
        let s = s.reduce(ReviewAction::Reason(" Số gia súc chưa khớp ".into()));
        assert_eq!(s.reason(), Ok(Some("Số gia súc chưa khớp".to_owned())));
        assert!(s.errors.is_empty());
    }

    #[test]
    fn only_written_comments_are_sent_in_the_forms_order() {
        let indicators = [indicator(1, "GRAIN"), indicator(2, "CATTLE"), indicator(3, "POULTRY")];
        let s = apply(vec![
            ReviewAction::Open(Mode::Returning),
            ReviewAction::Comment("POULTRY".into(), "Gà hay vịt?".into()),
            ReviewAction::Comment("GRAIN".into(), "   ".into()),
            ReviewAction::Comment("CATTLE".into(), " Đếm lại ".into()),
        ]);
        let (comments, codes) = s.figure_comments(&indicators);
        assert_eq!(codes, ["CATTLE", "POULTRY"]);
        assert_eq!(comments[0], FigureComment { indicator_id: 2, comment: "Đếm lại".into() });
    }

    #[test]
    fn server_refusals_land_next_to_the_reason_and_the_comment_they_are_about() {
        let body = ErrorBody {
            code: "validation_failed".into(),
            message: String::new(),
            fields: vec![
                FieldError::new("reason", "too_long", "Quá dài"),
                FieldError::new("figure_comments[1]", "format", "Tối đa 1000 ký tự"),
            ],
        };
        let failed =
            ReviewAction::Failed(ApiError::Server { status: 422, body, retry_after: None }, vec!["CATTLE".into(), "POULTRY".into()]);
        let s = apply(vec![ReviewAction::Open(Mode::Returning), ReviewAction::Sending, failed]);
        assert!(!s.busy);
        assert_eq!(s.errors.get("reason").map(String::as_str), Some("Quá dài"));
        assert_eq!(s.errors.get("POULTRY").map(String::as_str), Some("Tối đa 1000 ký tự"));
        assert!(!s.errors.contains_key("CATTLE"));
        assert_eq!(s.mode, Mode::Returning, "what was typed stays to be corrected");
    }

    #[test]
    fn a_decision_on_a_changed_form_offers_to_reload_and_closing_forgets_everything() {
        let body = ErrorBody { code: "version_conflict".into(), message: String::new(), fields: vec![] };
        let s = apply(vec![
            ReviewAction::Open(Mode::ConfirmApprove),
            ReviewAction::Sending,
            ReviewAction::Failed(ApiError::Server { status: 409, body, retry_after: None }, vec![]),
        ]);
        assert!(s.conflict);
        assert_eq!(s.mode, Mode::Idle, "the question closes so the message and «Tải lại» are seen");
        assert!(s.flash.is_some());
        let s = s.reduce(ReviewAction::Open(Mode::Reopening));
        assert_eq!(*s, ReviewState { mode: Mode::Reopening, ..ReviewState::default() });
    }
}
