//! The count of resolution targets on track, as the report sentence.

use tonghop_shared::api::{TargetStatus, TargetSummary};
use yew::prelude::*;

use super::figures::{status_class, status_icon};

/// Props of [`SummaryCard`].
#[derive(Properties, PartialEq)]
pub struct SummaryCardProps {
    /// The summary of the table.
    pub summary: TargetSummary,
}

/// `Trong 27 chỉ tiêu chủ yếu theo Nghị quyết, có 15 chỉ tiêu đạt …`, and
/// the three counts beside their signs.
#[component]
pub fn SummaryCard(props: &SummaryCardProps) -> Html {
    let s = &props.summary;
    let count = |status: TargetStatus, n: usize| {
        html! {
            <li class={classes!("status", status_class(status))}>
                <span class="status-icon" aria-hidden="true">{ status_icon(status) }</span>
                { format!("{}: {n}", status.label_vi()) }
            </li>
        }
    };
    html! {
        <div class="card summary-card" data-testid="totals-summary">
            <p class="summary-sentence" data-testid="summary-sentence">{ &s.sentence }</p>
            if s.total > 0 {
                <ul class="summary-counts">
                    { count(TargetStatus::Reached, s.reached.len()) }
                    { count(TargetStatus::Behind, s.behind.len()) }
                    { count(TargetStatus::NotEvaluable, s.not_evaluable.len()) }
                </ul>
                <p class="muted">{ format!("Ngưỡng đánh giá tiến độ: {}% kế hoạch năm.", s.threshold_percent.format_vi_trimmed(1)) }</p>
            }
        </div>
    }
}
