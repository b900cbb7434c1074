//! One indicator of the totals table as a card: the figure, its plan (KH)
//! and last year (CK) with percentages, and where it stands.

use tonghop_shared::api::TotalRow;
use tonghop_ui::router::*;
use yew::prelude::*;

use super::figures::{self, status_class, status_icon};
use crate::app::Route;

/// Props of [`TotalCard`].
#[derive(Properties, PartialEq)]
pub struct TotalCardProps {
    /// The row.
    pub row: TotalRow,
    /// Where tapping the card leads, if anywhere.
    #[prop_or_default]
    pub link: Option<Route>,
}

/// `Sản lượng lương thực có hạt  [Chỉ tiêu NQ]`, the figure and the status,
/// then KH, % KH, CK, % CK two by two: readable on a 360 px phone.
#[component]
pub fn TotalCard(props: &TotalCardProps) -> Html {
    let row = &props.row;
    let ind = &row.indicator;
    let precision = ind.precision;
    let status = row.status;
    let body = html! {
        <>
            <div class="tr-name">{ &ind.name }</div>
            if row.resolution_target || row.provisional || row.year_end_only {
                <div class="tr-marks">
                    if row.resolution_target { <span class="mark mark-nq" data-testid="mark-resolution">{ "Chỉ tiêu NQ" }</span> }
                    if row.provisional { <span class="mark mark-provisional" data-testid="mark-provisional">{ "Tạm tính" }</span> }
                    if row.year_end_only { <span class="mark mark-year-end">{ "Đánh giá cuối năm" }</span> }
                </div>
            }
            <div class="tr-main">
                <span class="tr-actual" data-testid="actual">{ figures::with_unit(row.actual, precision, &ind.unit_of_measure) }</span>
                <span class={classes!("status", status_class(status))} data-testid="status" data-status={status.as_str()}>
                    <span class="status-icon" aria-hidden="true">{ status_icon(status) }</span>
                    { status.label_vi() }
                </span>
            </div>
            <dl class="tr-compare">
                <div><dt>{ "KH" }</dt><dd data-testid="plan">{ figures::with_unit(row.plan.base, precision, &ind.unit_of_measure) }</dd></div>
                <div><dt>{ "% KH" }</dt><dd data-testid="plan-percent">{ figures::percent(&row.plan, precision) }</dd></div>
                <div><dt>{ "CK" }</dt><dd data-testid="last-year">{ figures::with_unit(row.last_year.base, precision, &ind.unit_of_measure) }</dd></div>
                <div><dt>{ "% CK" }</dt><dd data-testid="last-year-percent">{ figures::percent(&row.last_year, precision) }</dd></div>
            </dl>
        </>
    };
    let class = classes!("card", "total-row", format!("total-{}", status_class(status)), row.provisional.then_some("total-provisional"));
    html! {
        <li {class} data-testid={format!("total-row-{}", ind.code)}>
            if let Some(to) = props.link.clone() {
                <Link {to} classes="card-link">{ body }<span class="tr-go" aria-hidden="true">{ "›" }</span></Link>
            } else {
                { body }
            }
        </li>
    }
}
