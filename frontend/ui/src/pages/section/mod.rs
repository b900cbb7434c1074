//! «Báo cáo hoạt động»: a unit's activity section for a period. The unit
//! (or the commune office for a unit below it) writes it, saved as it is
//! typed, and sends it to the commune; the commune returns it with a reason,
//! approves it, or reopens it.

mod autosave;
mod editor;
mod entry;
mod period;
mod preview;
#[cfg(test)]
mod tests;
mod toolbar;

use std::rc::Rc;

use crate::router::*;
use tonghop_shared::ReportPeriod;
use tonghop_shared::api::{ReviewAction, Role, SubmissionStatus};
use yew::prelude::*;

use crate::components::loading::{load_error, loading};
use crate::components::notice::{Flash, Notice};
use crate::components::status_badge::status_badge;
use crate::drafts::SectionDraftKey;
use crate::format;
use crate::hooks::{Loadable, use_load};
use crate::outbox::{Answer, Delivery, Key, use_outbox_item};
use crate::route::Route;
use crate::session::use_session;
use autosave::{SectionAction, SectionState};
use editor::Editor;
pub use entry::SectionEntry;
pub use period::HalfPicker;
pub use preview::Preview;
pub use toolbar::Toolbar;

/// What the office's review panel gets from the section page (the panel is
/// the office app's).
#[derive(Clone, PartialEq)]
pub struct SectionReview {
    /// The server's copy.
    pub section: Rc<tonghop_shared::api::Section>,
    /// A decision was taken: the new copy and what to tell the user.
    pub on_done: Callback<(tonghop_shared::api::Section, String)>,
}

/// Props of [`SectionPage`].
#[derive(Properties, PartialEq)]
pub struct SectionPageProps {
    /// The unit that writes the section.
    pub unit_id: i64,
    /// The period, e.g. `2026-H1`.
    pub period: ReportPeriod,
    /// The review panel shown to the commune office under a received section.
    #[prop_or_default]
    pub review: Option<Callback<SectionReview, Html>>,
}

/// The section: the editor while it can be written, else the text as the
/// report prints it, with the commune's decisions.
#[component]
pub fn SectionPage(props: &SectionPageProps) -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let state = use_reducer(SectionState::default);
    let key = SectionDraftKey { unit_id: props.unit_id, period: props.period };
    // Delivered in the background: the server's copy, and say so; refused
    // while away: shown as this page's own refusal.
    let on_delivered = {
        let dispatch = state.dispatcher();
        Callback::from(move |answer| {
            if let Answer::Section(section) = answer {
                let flash = Flash::success(format!("Đã tự gửi xã lúc {}", format::now_time()));
                dispatch.dispatch(SectionAction::Changed(section, Some(flash)));
            }
        })
    };
    let on_refused = state.dispatcher().to_callback().reform(SectionAction::SubmitFailed);
    let pending = use_outbox_item(Key::Section(key), state.section.is_some(), on_delivered, on_refused);

    // The server's copy, handed to the reducer with any unsaved local text.
    // In an Rc: the effect compares it at every keystroke.
    let server = use_load(key, |key| async move { crate::api::section(key.unit_id, key.period).await.map(Rc::new) });
    use_effect_with(server.loaded().cloned(), {
        let dispatch = state.dispatcher();
        move |loaded| {
            if let Some(section) = loaded.as_deref().cloned() {
                let at = section.updated_at.map(format::date_time);
                dispatch.dispatch(SectionAction::Loaded(section, key.load(), at));
            }
        }
    });
    // Every keystroke to localStorage until the server has the text.
    use_effect_with((state.text.clone(), state.version, state.section.as_ref().map(|s| (s.status, s.version))), {
        let state = state.clone();
        move |(text, version, _)| match state.editable() && state.dirty() {
            true => key.store(&crate::drafts::SectionDraft { version: *version, body: text.clone() }),
            false if state.section.is_some() => key.clear(),
            false => {}
        }
    });

    if let Loadable::Failed(e) = &*server {
        return load_error(e.message(), server.reload_callback());
    }
    let Some(section) = state.section.clone() else { return loading() };
    let user = session.user.as_ref();
    let own = user.is_some_and(|u| u.unit.id == props.unit_id);
    let reviewer = user.is_some_and(|u| matches!(u.role, Role::Commune | Role::Admin) && !own);
    let writer = user.is_some_and(|u| u.role != Role::Viewer) && (own || reviewer);
    // A submit waiting in the outbox is as good as sent: the text is shown
    // as it will be sent, under its banner.
    let waiting = pending.as_ref().filter(|p| p.delivery == Delivery::Waiting);
    let editing = writer && state.editable() && waiting.is_none();
    let back = if own { Route::Home } else { Route::SectionsPeriod { period: props.period.to_string() } };

    let on_period = {
        let unit_id = props.unit_id;
        Callback::from(move |period: ReportPeriod| {
            if let Some(navigator) = &navigator {
                navigator.push(&Route::Section { unit_id, period: period.to_string() });
            }
        })
    };
    let on_reviewed = state.dispatcher().to_callback().reform(|(section, text): (tonghop_shared::api::Section, String)| {
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        SectionAction::Changed(section, Some(Flash::success(text)))
    });
    // Why the section came back: shown above the text, in full.
    let returned = section.last_review.as_ref().filter(|_| section.status == SubmissionStatus::Returned).and_then(|r| {
        let reason = r.reason.clone()?;
        let title = if r.action == ReviewAction::Reopen {
            "Xã đã mở lại báo cáo để sửa"
        } else {
            "Xã đã trả lại báo cáo để sửa"
        };
        Some(html! {
            <div class="review-notice" data-testid="section-review-reason" role="note">
                <p class="review-notice-title">{ title }</p>
                <p class="review-notice-reason">{ reason }</p>
                <p class="review-notice-by">{ format!("{} · {}", r.by, format::date_time(r.at)) }</p>
            </div>
        })
    });
    html! {
        <section class="sec-page">
            <Link to={back} classes="back">{ "‹ Quay lại" }</Link>
            <h1>{ "Báo cáo hoạt động" }</h1>
            <p class="form-unit" data-testid="section-unit">{ &section.unit.name }</p>
            if own {
                <HalfPicker period={props.period} current={format::current_month()} on_change={on_period} />
            } else {
                <p class="form-period">{ &section.period_label }</p>
            }
            <div class="sec-status" data-testid="section-status">
                { status_badge(section.status, false) }
                if let Some(at) = section.submitted_at.filter(|_| section.status.received()) {
                    <span class="muted">{ format!("Gửi lúc {}", format::date_time(at)) }</span>
                }
            </div>
            { returned.unwrap_or_default() }
            if let Some(waiting) = waiting {
                <div class="pending pending-submit" data-testid="section-pending-submit" role="status">
                    <p class="pending-title">{ format!("Chờ gửi · báo cáo chưa đến xã (bấm gửi lúc {})", waiting.queued_at_text()) }</p>
                    <p>{ "Máy sẽ tự gửi khi có mạng, kể cả khi bạn đóng trang rồi mở lại. Đừng xoá dữ liệu trình duyệt trước khi báo cáo được gửi." }</p>
                </div>
            }
            if editing {
                <Editor state={state.clone()} place={key} />
            } else {
                <Notice flash={state.flash.clone()} />
                if section.status == SubmissionStatus::Approved {
                    <p class="approved-note">{ "Đã duyệt: nội dung được khoá và đưa vào báo cáo của xã; chỉ xã mở lại được." }</p>
                }
                <div class="card sec-read">
                    <Preview text={if waiting.is_some() { state.text.clone() } else { section.body.clone() }} />
                </div>
                if let Some(panel) = props.review.as_ref().filter(|_| reviewer) {
                    { panel.emit(SectionReview { section: Rc::new(section.clone()), on_done: on_reviewed }) }
                }
            }
        </section>
    }
}
