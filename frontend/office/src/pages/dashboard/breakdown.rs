//! One indicator for each village or organisation under the unit.

use tonghop_shared::api::{Breakdown, TotalRow};
use yew::prelude::*;

use super::figures;

/// Whether a child has anything to show: a figure, a plan or last year's figure.
pub fn worth_showing(row: &TotalRow) -> bool {
    row.actual.is_some() || row.plan.base.is_some() || row.last_year.base.is_some()
}

/// Props of [`BreakdownList`].
#[derive(Properties, PartialEq)]
pub struct BreakdownListProps {
    /// The children with their rows.
    pub breakdown: Breakdown,
    /// The indicator shown.
    pub indicator_id: i64,
}

/// A line per child unit with its figure, then `% KH` and `% CK` under it.
/// Units with nothing to show are left out.
#[component]
pub fn BreakdownList(props: &BreakdownListProps) -> Html {
    let items: Vec<Html> = props
        .breakdown
        .children
        .iter()
        .filter_map(|child| {
            let row = child.rows.iter().find(|r| r.indicator.id == props.indicator_id).filter(|r| worth_showing(r))?;
            let precision = row.indicator.precision;
            Some(html! {
                <li key={child.unit.id} class="bd-row" data-testid={format!("breakdown-row-{}", child.unit.code)}>
                    <div class="bd-head">
                        <span class="bd-name">{ &child.unit.name }</span>
                        <span class="bd-actual" data-testid="actual">{ figures::with_unit(row.actual, precision, &row.indicator.unit_of_measure) }</span>
                    </div>
                    <div class="bd-compare">
                        <span>{ "% KH: " }<b data-testid="plan-percent">{ figures::percent(&row.plan, precision) }</b></span>
                        <span>{ "% CK: " }<b data-testid="last-year-percent">{ figures::percent(&row.last_year, precision) }</b></span>
                        if row.provisional { <span class="mark mark-provisional">{ "Tạm tính" }</span> }
                    </div>
                </li>
            })
        })
        .collect();
    if items.is_empty() {
        return html! { <p class="empty" data-testid="breakdown-empty">{ "Chưa có đơn vị trực thuộc nào có số liệu cho chỉ tiêu này." }</p> };
    }
    html! { <ul class="card bd-list" data-testid="breakdown">{ for items }</ul> }
}
