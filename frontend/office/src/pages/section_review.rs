//! The commune office's decisions on a section: «Trả lại» and «Duyệt» for a
//! submitted one, «Mở lại» for an approved one; returns and reopenings need
//! a reason.

use std::rc::Rc;

use tonghop_shared::api::{ApproveRequest, ReopenRequest, ReturnRequest, Section};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::confirm::ConfirmDialog;
use crate::components::notice::{Flash, Notice};
use crate::components::review_mode::{self, Mode};
use crate::format;

/// Props of [`SectionReviewPanel`].
#[derive(Properties, PartialEq)]
pub struct SectionReviewPanelProps {
    /// The section decided on.
    pub section: Rc<Section>,
    /// A decision was taken: the section as it now stands, and what to say.
    pub on_done: Callback<(Section, String)>,
}

/// The buttons, and the reason panel a return or reopening opens.
#[component]
pub fn SectionReviewPanel(props: &SectionReviewPanelProps) -> Html {
    let mode = use_state(|| Mode::Idle);
    let reason = use_state(String::new);
    let error = use_state(|| None::<String>);
    let flash = use_state(|| None::<Flash>);
    let busy = use_state(|| false);
    // An opened panel puts the cursor in its reason, which brings it on screen.
    use_effect_with(*mode, |mode| {
        if mode.asks_reason() {
            focus("section-reason");
        }
    });
    let section = props.section.clone();
    let (unit_id, period, version) = (section.unit.id, section.period, section.version);

    // Sends a decision; `request` gets the trimmed reason.
    let decide = |done: &'static str, request: fn(i64, i64, Option<String>) -> Decision| {
        let (mode, reason, error, flash, busy, on_done) =
            (mode.clone(), reason.clone(), error.clone(), flash.clone(), busy.clone(), props.on_done.clone());
        Callback::from(move |()| {
            if *busy {
                return;
            }
            let text = match review_mode::checked_reason(*mode, &reason) {
                Ok(text) => text,
                Err(why) => return error.set(Some(why)),
            };
            busy.set(true);
            let decision = request(unit_id, version, text);
            let (mode, error, flash, busy, on_done) = (mode.clone(), error.clone(), flash.clone(), busy.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result: Result<Section, ApiError> = match decision {
                    Decision::Return(r) => api::return_section(unit_id, period, &r).await,
                    Decision::Approve(r) => api::approve_section(unit_id, period, &r).await,
                    Decision::Reopen(r) => api::reopen_section(unit_id, period, &r).await,
                };
                busy.set(false);
                match result {
                    Ok(section) => {
                        mode.set(Mode::Idle);
                        on_done.emit((section, done.replace("{time}", &format::now_time())));
                    }
                    Err(e) => {
                        if let Some(field) = e.fields().iter().find(|f| f.field == "reason") {
                            error.set(Some(field.message.clone()));
                        } else {
                            mode.set(Mode::Idle);
                            flash.set(Some(Flash::error(e.message())));
                        }
                    }
                }
            });
        })
    };
    let open = {
        let (mode, reason, error, flash) = (mode.clone(), reason.clone(), error.clone(), flash.clone());
        Callback::from(move |to: Mode| {
            reason.set(String::new());
            error.set(None);
            flash.set(None);
            mode.set(to);
        })
    };
    let approve = decide("Đã duyệt lúc {time}", |_, version, _| Decision::Approve(ApproveRequest { version }));
    let send_return = decide("Đã trả lại cho đơn vị lúc {time}", |_, version, reason| {
        Decision::Return(ReturnRequest { version, reason: reason.unwrap_or_default(), figure_comments: Vec::new() })
    });
    let send_reopen = decide("Đã mở lại lúc {time}; đơn vị có thể sửa và gửi lại", |_, version, reason| {
        Decision::Reopen(ReopenRequest { version, reason: reason.unwrap_or_default() })
    });
    let oninput = {
        let (reason, error) = (reason.clone(), error.clone());
        Callback::from(move |e: InputEvent| {
            error.set(None);
            reason.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let panel = |title: &'static str, label: &'static str, confirm_id: &'static str, confirm: &'static str, send: Callback<()>| {
        html! {
            <div class="card review-panel" data-testid="section-review-panel">
                <h2>{ title }</h2>
                <div class={classes!("field", error.is_some().then_some("field-invalid"))}>
                    <label for="section-reason">{ label }</label>
                    <textarea id="section-reason" data-testid="section-reason" rows="3" value={(*reason).clone()} oninput={oninput.clone()}
                        aria-invalid={error.is_some().to_string()} />
                    if let Some(error) = &*error {
                        <p class="field-error" data-testid="section-reason-error">{ error.clone() }</p>
                    }
                </div>
                <div class="actions">
                    <button type="button" class="button" disabled={*busy} onclick={open.reform(|_: MouseEvent| Mode::Idle)}>{ "Quay lại" }</button>
                    <button type="button" class="button button-danger" data-testid={confirm_id} disabled={*busy} onclick={send.reform(|_: MouseEvent| ())}>
                        { if *busy { "Đang gửi…" } else { confirm } }
                    </button>
                </div>
            </div>
        }
    };
    match *mode {
        Mode::Returning => panel("Trả lại báo cáo", "Lý do trả lại (bắt buộc)", "section-return-confirm", "Gửi trả lại", send_return),
        Mode::Reopening => panel("Mở lại báo cáo đã duyệt", "Lý do mở lại (bắt buộc)", "section-reopen-confirm", "Mở lại", send_reopen),
        Mode::Idle | Mode::ConfirmApprove => {
            let Some(buttons) = review_mode::buttons(section.status, "section-", *busy, &open) else { return html! {} };
            let question = format!("Duyệt báo cáo hoạt động {} của {}?", section.period_label.to_lowercase(), section.unit.name);
            let cancel = {
                let mode = mode.clone();
                Callback::from(move |()| mode.set(Mode::Idle))
            };
            html! {
                <>
                    <div class="action-bar">
                        <Notice flash={(*flash).clone()} />
                        <div class="actions">{ buttons }</div>
                    </div>
                    if *mode == Mode::ConfirmApprove {
                        <ConfirmDialog message={question} confirm_label="Duyệt" confirm_testid="section-approve-confirm" on_confirm={approve} on_cancel={cancel} />
                    }
                </>
            }
        }
    }
}

/// Puts the cursor in a field.
fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// A decision ready to send.
enum Decision {
    Return(ReturnRequest),
    Approve(ApproveRequest),
    Reopen(ReopenRequest),
}
