//! A unit's monthly form: enter figures, save a draft, send to the commune.

mod actions;
mod head;
mod history;
mod note;
mod outcomes;
mod state;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use crate::router::*;
use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{Role, SubmissionStatus};
use yew::prelude::*;

use crate::api;
use crate::components::confirm::ConfirmDialog;
use crate::components::indicator_field::IndicatorField;
use crate::components::loading::{load_error, loading};
use crate::components::notice::Flash;
use crate::components::notice::Notice;
use crate::drafts::DraftKey;
use crate::format;
use crate::hooks::{Loadable, use_load};
use crate::outbox::{self, Answer, Delivery, Key, Pending, use_outbox, use_outbox_item};
use crate::review::{change_text, changes_summary, figure_comment};
use crate::route::Route;
use crate::session::use_session;
use head::FormHead;
use history::History;
use note::FigureNote;
use state::{FormAction, FormState};

/// What the office's review panel gets from the form page. The panel itself
/// is the office app's: the reporter app never carries it.
#[derive(Clone, PartialEq)]
pub struct FormReview {
    /// The form.
    pub form: Rc<tonghop_shared::api::Form>,
    /// The server's copy of the submission.
    pub submission: tonghop_shared::api::Submission,
    /// A decision was taken: the new copy and what to tell the user.
    pub on_done: Callback<(tonghop_shared::api::Submission, String)>,
    /// The submission changed meanwhile: load it again.
    pub on_reload: Callback<()>,
}

/// Props of [`FormPage`].
#[derive(Properties, PartialEq)]
pub struct FormPageProps {
    /// The reporting unit.
    pub unit_id: i64,
    /// The form.
    pub form_id: i64,
    /// The reporting month.
    pub period: MonthPeriod,
    /// The review panel shown to the commune office under a received form.
    #[prop_or_default]
    pub review: Option<Callback<FormReview, Html>>,
}

/// The form. Read-only once submitted, and for users of other units, but
/// for the commune office entering a village's figures for it («Nhập thay»).
#[component]
pub fn FormPage(props: &FormPageProps) -> Html {
    let session = use_session();
    let state = use_reducer(FormState::default);
    // The office chose to enter this unit's figures for it.
    let entering_for = use_state(|| false);
    let key = DraftKey { unit_id: props.unit_id, form_id: props.form_id, period: props.period };
    let outbox = use_outbox();
    // A delivery made in the background becomes the server's copy; one the
    // server refused while the page was away is shown as the page's own
    // refusal (a conflict with «Tải lại», both versions kept).
    let on_delivered = {
        let dispatch = state.dispatcher();
        Callback::from(move |answer| {
            if let Answer::Form(sub) = answer {
                dispatch.dispatch(FormAction::Delivered(sub, format::now_time()));
            }
        })
    };
    let on_refused = state.dispatcher().to_callback().reform(FormAction::Failed);
    let pending = use_outbox_item(Key::Form(key), state.loaded.is_some(), on_delivered, on_refused);

    // The form and the server's copy, handed to the reducer with any unsaved
    // local text; the rules follow (without them the form still works: the
    // server checks them anyway). Loaded resets the rules, so both effects
    // hand them over. In an Rc: the effects compare it at every keystroke.
    let server = use_load(key, |key| async move {
        Ok(Rc::new((Rc::new(api::form(key.form_id).await?), api::submission(key.unit_id, key.form_id, key.period).await?)))
    });
    let rules = use_load(props.form_id, |form_id| async move { api::rules(form_id).await.map(Rc::new) });
    use_effect_with(server.loaded().cloned(), {
        let (dispatch, rules) = (state.dispatcher(), rules.loaded().cloned());
        move |loaded| {
            if let Some((form, sub)) = loaded.as_deref().cloned() {
                let queued = outbox::find(&outbox::load(), Key::Form(key)).is_some();
                dispatch.dispatch(FormAction::Loaded(form, sub, key.load(), queued));
                if let Some(rules) = rules {
                    dispatch.dispatch(FormAction::Rules(rules));
                }
            }
        }
    });
    use_effect_with(rules.loaded().cloned(), {
        let dispatch = state.dispatcher();
        move |rules| {
            if let Some(rules) = rules.clone() {
                dispatch.dispatch(FormAction::Rules(rules));
            }
        }
    });
    // Mirror every keystroke to localStorage; forget it once the server has it.
    let status = state.loaded.as_ref().map(|(_, sub)| sub.status);
    use_effect_with((key, status, state.texts.clone(), state.comments.clone(), state.version), {
        let state = state.clone();
        move |(key, status, _, _, _)| match status {
            None => {}
            Some(status) if status.received() => key.clear(),
            Some(_) if state.has_unsaved() => key.store(&state.local_draft()),
            Some(_) => key.clear(),
        }
    });

    if let Loadable::Failed(e) = &*server {
        return load_error(e.message(), server.reload_callback());
    }
    let Some((form, sub)) = state.loaded.clone() else { return loading() };
    let user = session.user.as_ref();
    let own_unit = user.is_some_and(|u| u.unit.id == props.unit_id && u.role != Role::Viewer);
    // Typing stays possible while a save is on its way over a slow line; a
    // submit waiting in the outbox is as good as sent.
    let submit_waiting = pending.as_ref().is_some_and(|p| p.submit && p.delivery == Delivery::Waiting);
    // The commune office (or an admin) reviews the units below it, and may
    // enter their figures for them; the server decides which those are and
    // refuses the others.
    let reviewer = user.is_some_and(|u| matches!(u.role, Role::Commune | Role::Admin) && u.unit.id != props.unit_id);
    let open_to_unit = sub.status.editable_by_unit() && !submit_waiting;
    // Text typed for the unit earlier and kept on this phone resumes the entry.
    let entering = reviewer && open_to_unit && (*entering_for || state.has_unsaved());
    let editable = (own_unit || entering) && open_to_unit;
    let readonly = !editable;
    let review = sub.last_review.as_ref();
    let saved = sub.id.is_some();
    // What the unit changed after a return, until the commune approves.
    let changes = if sub.status == SubmissionStatus::Approved { &[][..] } else { &sub.changes_since_return[..] };

    let live = state.live_violations();
    let fields = form.indicators.iter().map(|ind| {
        let code = ind.code.clone();
        let checks = state.checks(ind, &live);
        let note_text = state.comment(&ind.code).to_owned();
        let note_open = checks.outlier || !note_text.trim().is_empty() || state.comment_open.contains(&ind.code);
        let on_note = state.dispatcher().to_callback().reform({
            let code = code.clone();
            move |text| FormAction::EditComment(code.clone(), text)
        });
        let on_note_open = state.dispatcher().to_callback().reform({
            let code = code.clone();
            move |()| FormAction::OpenComment(code.clone())
        });
        let note_error = state.server_errors.get(&format!("{}.comment", ind.code)).cloned().map(AttrValue::from);
        let on_input = state.dispatcher().to_callback().reform({
            let code = code.clone();
            move |text| FormAction::Edit(code.clone(), text)
        });
        let on_blur = state.dispatcher().to_callback().reform(move |()| FormAction::Blur(code.clone()));
        let change = changes.iter().find(|c| c.indicator_id == ind.id);
        let comment = figure_comment(review, ind.id);
        html! {
            <IndicatorField key={ind.code.clone()} indicator={ind.clone()} text={state.text(&ind.code).to_owned()}
                error={checks.error.map(AttrValue::from)} warnings={checks.warnings.into_iter().map(AttrValue::from).collect::<Vec<_>>()}
                server_value={state.server_values.get(&ind.code).cloned().map(AttrValue::from)}
                {readonly} {on_input} {on_blur}>
                if let Some(comment) = comment {
                    <p class="review-comment" data-testid={format!("review-comment-{}", ind.code)}>
                        <span class="review-comment-label">{ "Ý kiến của xã: " }</span>{ comment }
                    </p>
                }
                if let Some(change) = change {
                    <p class="field-change" data-testid={format!("change-{}", ind.code)}>
                        { "Đã sửa: " }<span class="change-values">{ change_text(change, ind.precision) }</span>
                    </p>
                }
                <FigureNote code={ind.code.clone()} text={note_text} {readonly} open={note_open} error={note_error}
                    on_input={on_note} on_open={on_note_open} />
                if saved {
                    <History unit_id={props.unit_id} form_id={props.form_id} period={props.period} indicator={ind.clone()} />
                }
            </IndicatorField>
        }
    });
    let on_reviewed = state.dispatcher().to_callback().reform(|(sub, text): (tonghop_shared::api::Submission, String)| {
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        FormAction::Reviewed(sub, Flash::success(text))
    });
    let on_review_reload = {
        let server = server.clone();
        Callback::from(move |()| server.reload())
    };
    // Why the form came back to the unit: the general reason, who, when.
    let review_notice = review.filter(|_| sub.status == SubmissionStatus::Returned).and_then(|r| {
        let reason = r.reason.clone()?;
        let title = match r.action {
            tonghop_shared::api::ReviewAction::Reopen => "Xã đã mở lại báo cáo để sửa",
            _ => "Xã đã trả lại báo cáo để sửa",
        };
        Some(html! {
            <div class="review-notice" data-testid="review-reason" role="note">
                <p class="review-notice-title">{ title }</p>
                <p class="review-notice-reason">{ reason }</p>
                <p class="review-notice-by">{ format!("{} · {}", r.by, format::date_time(r.at)) }</p>
            </div>
        })
    });
    let changes = changes.len();
    let sender = actions::Sender { dispatch: state.dispatcher(), session: session.clone(), outbox: outbox.clone(), key };
    let save = {
        let (state, sender) = (state.clone(), sender.clone());
        Callback::from(move |_: MouseEvent| actions::save_draft(&state, sender.clone()))
    };
    let ask = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| actions::ask_submit(&state, state.dispatcher()))
    };
    let reload_latest = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| actions::reload(dispatch.clone(), key))
    };
    let confirm = {
        let state = state.clone();
        Callback::from(move |()| actions::submit(&state, sender.clone()))
    };
    let cancel = state.dispatcher().to_callback().reform(|()| FormAction::Confirm(false));
    let question = format!(
        "Gửi báo cáo {} cho xã? Sau khi gửi, đơn vị không sửa được số liệu của kỳ này nữa.",
        tonghop_shared::text::lowercase(&props.period.label_vi())
    );

    // While editing, messages sit in the action bar at the bottom, next to
    // the buttons that caused them: at the top they would be off screen.
    let waiting = pending.as_ref().map(pending_banner);
    let notice = html! {
        <Notice flash={state.flash.clone()}>
            if state.conflict {
                <button type="button" class="button button-small" data-testid="reload" onclick={reload_latest}>{ "Tải lại" }</button>
            }
        </Notice>
    };
    html! {
        <section class="form-page">
            <Link to={Route::Home} classes="back">{ "‹ Quay lại" }</Link>
            <FormHead form={form.clone()} submission={sub.clone()} />
            { waiting.unwrap_or_default() }
            if !editable { { notice.clone() } }
            { review_notice.unwrap_or_default() }
            if changes > 0 {
                <p class="changes-summary" data-testid="changes-summary">{ changes_summary(changes) }</p>
            }
            if entering {
                <p class="entering-for" data-testid="entering-for" role="status">
                    { format!("Văn phòng đang nhập thay {}. Lịch sử của đơn vị ghi rõ ai nhập.", sub.unit.name) }
                </p>
            } else if reviewer && open_to_unit {
                <div class="card enter-for">
                    <p>{ format!("{} chưa gửi số liệu tháng này. Nếu đơn vị báo qua điện thoại, văn phòng có thể nhập và gửi thay.", sub.unit.name) }</p>
                    <button type="button" class="button" data-testid="enter-for-unit"
                        onclick={let entering_for = entering_for.clone(); Callback::from(move |_: MouseEvent| entering_for.set(true))}>
                        { format!("Nhập thay {}", sub.unit.name) }
                    </button>
                </div>
            } else if !(own_unit || reviewer && sub.status.received()) {
                <p class="muted">{ "Chỉ xem: đơn vị khác nhập số liệu này." }</p>
            }
            <form class="fields" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())} novalidate=true>
                { for fields }
            </form>
            if editable {
                <div class="action-bar">
                    { notice }
                    <div class="actions">
                        <button type="button" class="button" data-testid="save-draft" disabled={state.busy} onclick={save}>{ "Lưu nháp" }</button>
                        <button type="button" class="button button-primary" data-testid="submit" disabled={state.busy} onclick={ask}>{ "Gửi báo cáo" }</button>
                    </div>
                </div>
            }
            if let Some(panel) = props.review.as_ref().filter(|_| reviewer && !editable) {
                { panel.emit(FormReview { form: form.clone(), submission: sub.clone(), on_done: on_reviewed, on_reload: on_review_reload }) }
            }
            if state.confirming {
                <ConfirmDialog message={question} confirm_label="Gửi báo cáo" on_confirm={confirm} on_cancel={cancel} />
            }
        </section>
    }
}

/// What the outbox holds for this form: a save or a submit waiting for the
/// connection, told apart (a submit has not reached the commune). A refused
/// delivery is the page's own refusal instead (see above).
fn pending_banner(pending: &Pending) -> Html {
    let at = pending.queued_at_text();
    match (&pending.delivery, pending.submit) {
        (Delivery::Waiting, false) => html! {
            <p class="pending pending-save" data-testid="pending-save" role="status">
                <span class="pending-title">{ "Chờ gửi" }</span>
                { format!(" · lưu trên máy lúc {at}. Số liệu sẽ tự gửi lên máy chủ khi có mạng.") }
            </p>
        },
        (Delivery::Waiting, true) => html! {
            <div class="pending pending-submit" data-testid="pending-submit" role="status">
                <p class="pending-title">{ format!("Chờ gửi · báo cáo chưa đến xã (bấm gửi lúc {at})") }</p>
                <p>{ "Máy sẽ tự gửi khi có mạng, kể cả khi bạn đóng trang rồi mở lại. Đừng xoá dữ liệu trình duyệt trước khi báo cáo được gửi." }</p>
            </div>
        },
        _ => html! {},
    }
}
