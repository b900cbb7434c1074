//! «Đoàn thể»: the commune office's list of activity sections for a period,
//! one card per mass organisation (and any other unit that wrote one), with
//! its status; a card opens the section to read and decide on.

use tonghop_shared::ReportPeriod;
use tonghop_shared::api::{Section, SubmissionStatus};
use tonghop_shared::richtext::plain;
use tonghop_ui::hooks::use_load;
use tonghop_ui::router::*;
use yew::prelude::*;

use crate::api;
use crate::app::Route;
use crate::components::status_badge::status_badge;
use crate::format;
use crate::pages::section::HalfPicker;
use crate::review::first_line;

/// Props of [`SectionsPage`].
#[derive(Properties, PartialEq)]
pub struct SectionsPageProps {
    /// The period shown (`None`: the current six months).
    #[prop_or_default]
    pub period: Option<ReportPeriod>,
}

/// "N/M đã gửi", counting approved ones as sent.
pub fn received_count(list: &[Section]) -> String {
    let received = list.iter().filter(|s| s.status.received()).count();
    format!("{received}/{} đơn vị đã gửi", list.len())
}

/// The period picker and a card per section.
#[component]
pub fn SectionsPage(props: &SectionsPageProps) -> Html {
    let navigator = use_navigator();
    let period = props.period.unwrap_or_else(format::current_half);
    let list = use_load(period, api::sections);
    let on_period = Callback::from(move |p: ReportPeriod| {
        if let Some(navigator) = &navigator {
            navigator.push(&Route::SectionsPeriod { period: p.to_string() });
        }
    });
    let body = list.view(&list.reload_callback(), |list| {
        if list.is_empty() {
            return html! { <p class="empty">{ "Chưa có đoàn thể nào." }</p> };
        }
        html! {
            <>
                <p class="summary" data-testid="sections-summary">{ received_count(list) }</p>
                <ul class="cards cards-grid">{ for list.iter().map(row) }</ul>
            </>
        }
    });
    html! {
        <section>
            <h1>{ "Báo cáo hoạt động của các đoàn thể" }</h1>
            <div class="controls">
                <HalfPicker {period} current={format::current_month()} on_change={on_period} />
            </div>
            { body }
        </section>
    }
}

/// One unit's card: name, status, the first words (or why it came back).
fn row(section: &Section) -> Html {
    let to = Route::Section { unit_id: section.unit.id, period: section.period.to_string() };
    let text = plain(&section.blocks);
    let excerpt = first_line(&text);
    let reason = section.last_review.as_ref().and_then(|r| r.reason.clone()).filter(|_| section.status == SubmissionStatus::Returned);
    let class = classes!("card", "sec-row", format!("unit-{}", section.status.as_str()));
    html! {
        <li key={section.unit.id} {class} data-testid={format!("section-row-{}", section.unit.code)} data-status={section.status.as_str()}>
            <Link {to} classes="card-link">
                <div class="card-head">
                    <span class="card-title">{ &section.unit.name }</span>
                    { status_badge(section.status, false) }
                </div>
                if excerpt.is_empty() {
                    <p class="muted">{ "Chưa viết." }</p>
                } else {
                    <p class="sec-excerpt">{ excerpt.trim_start_matches("- ").to_owned() }</p>
                }
                if let Some(reason) = reason {
                    <p class="card-reason">{ format!("Lý do trả lại: {}", first_line(&reason)) }</p>
                }
            </Link>
        </li>
    }
}
