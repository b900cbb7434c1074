//! One unit's figures on the commune overview.

use tonghop_shared::api::{Indicator, Submission, SubmissionStatus};
use tonghop_ui::router::*;
use yew::prelude::*;

use crate::app::Route;
use crate::components::status_badge::status_badge;
use crate::{format, review};

/// Props of [`UnitCard`].
#[derive(Properties, PartialEq)]
pub struct UnitCardProps {
    /// The form's indicators, in order.
    pub indicators: Vec<Indicator>,
    /// The unit's submission (status `not_started` when nothing is saved).
    pub submission: Submission,
}

/// Unit name, status, when it was sent, and every figure with its unit of
/// measure. A tap anywhere on the card opens the unit's form (for review,
/// or to enter its figures for it).
#[component]
pub fn UnitCard(props: &UnitCardProps) -> Html {
    let sub = &props.submission;
    let to = Route::Form { unit_id: sub.unit.id, form_id: sub.form_id, period: sub.period.to_string() };
    let sent = match sub.status {
        SubmissionStatus::Submitted | SubmissionStatus::Approved => {
            sub.submitted_at.map(|at| format!("Gửi lúc {}{}", format::date_time(at), if sub.late { " (nộp muộn)" } else { "" }))
        }
        SubmissionStatus::Draft | SubmissionStatus::Returned => sub.updated_at.map(|at| format!("Sửa lần cuối {}", format::date_time(at))),
        SubmissionStatus::NotStarted => None,
    };
    let returned_reason = (sub.status == SubmissionStatus::Returned)
        .then(|| sub.last_review.as_ref()?.reason.as_deref().map(|r| review::first_line(r).to_owned()))
        .flatten();
    let overdue = !sub.status.received() && format::today() > sub.deadline;
    let figures = props.indicators.iter().map(|ind| {
        let value = sub.values.iter().find(|v| v.indicator_id == ind.id).and_then(|v| v.value);
        let text = value.map_or_else(|| "—".to_owned(), |v| v.format_vi_trimmed(ind.precision));
        html! {
            <li class="figure" data-testid={format!("figure-{}", ind.code)}>
                <span class="figure-name">{ &ind.name }</span>
                <span class="figure-value">{ text }<span class="figure-unit">{ format!(" {}", ind.unit_of_measure) }</span></span>
            </li>
        }
    });
    html! {
        <li class={classes!("card", "unit-card", format!("unit-{}", sub.status.as_str()))} data-testid="unit-card" data-unit={sub.unit.code.clone()}>
          <Link {to} classes="card-link">
            <div class="card-head">
                <span class="card-title">{ &sub.unit.name }</span>
                { status_badge(sub.status, overdue) }
            </div>
            if let Some(sent) = sent {
                <div class="muted">{ sent }</div>
            }
            if let Some(reason) = returned_reason {
                <p class="card-reason">{ format!("Lý do trả lại: {reason}") }</p>
            }
            if !sub.changes_since_return.is_empty() && sub.status == SubmissionStatus::Submitted {
                <p class="card-changes">{ review::changes_summary(sub.changes_since_return.len()) }</p>
            }
            // Thirteen dashes say less than three words, and cost a phone user a scroll.
            if sub.status == SubmissionStatus::NotStarted {
                <p class="muted">{ "Chưa có số liệu" }</p>
            } else {
                <ul class="figures">{ for figures }</ul>
            }
          </Link>
        </li>
    }
}
