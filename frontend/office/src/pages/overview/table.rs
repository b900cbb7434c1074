//! The overview as a table, for desktop screens: indicators down, units
//! across, totals last, as commune reports are laid out on paper.

use tonghop_shared::api::{Indicator, Submission};
use yew::prelude::*;

use super::totals::total;

/// Props of [`OverviewTable`].
#[derive(Properties, PartialEq)]
pub struct OverviewTableProps {
    /// The form's indicators.
    pub indicators: Vec<Indicator>,
    /// Every unit's submission.
    pub submissions: Vec<Submission>,
}

/// Hidden on phones, where the cards are shown instead (see style.css). It
/// carries no `data-testid`: tests read the cards.
#[component]
pub fn OverviewTable(props: &OverviewTableProps) -> Html {
    let subs = &props.submissions;
    let heads = subs.iter().map(|s| {
        html! {
            <th scope="col">
                { &s.unit.name }<br />
                <span class={classes!("badge", format!("badge-{}", s.status.as_str()))}>{ s.status.label_vi() }</span>
            </th>
        }
    });
    let rows = props.indicators.iter().map(|ind| {
        let cells = subs.iter().map(|s| {
            let value = s.values.iter().find(|v| v.indicator_id == ind.id).and_then(|v| v.value);
            let class = classes!((!s.status.received()).then_some("unsent"));
            html! { <td {class}>{ value.map_or_else(|| "—".to_owned(), |v| v.format_vi_trimmed(ind.precision)) }</td> }
        });
        html! {
            <tr>
                <th scope="row">{ &ind.name }<span class="figure-unit">{ format!(" ({})", ind.unit_of_measure) }</span></th>
                { for cells }
                <td class="total">{ total(ind, subs).map_or_else(|| "—".to_owned(), |t| t.format_vi_trimmed(ind.precision)) }</td>
            </tr>
        }
    });
    html! {
        <div class="table-wrap">
            <table class="overview-table">
                <thead>
                    <tr><th scope="col">{ "Chỉ tiêu" }</th>{ for heads }<th scope="col" class="total">{ "Tổng (tạm tính)" }</th></tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
