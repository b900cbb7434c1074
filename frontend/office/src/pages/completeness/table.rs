//! The wide-screen layout: units down, months across, totals last.

use tonghop_ui::router::*;
use yew::prelude::*;

use super::cells::{TableProps, cell_classes, cell_route, describe, glyph, on_time_text, received_text};
use crate::format;

/// A table with a cell per unit and month (status, "muộn", red when overdue)
/// and the month's totals at the bottom: received, and on time.
#[component]
pub fn CompletenessTable(props: &TableProps) -> Html {
    let table = &props.table;
    let heads = table.totals.iter().map(|t| {
        html! {
            <th scope="col" title={t.period.label_vi()}>
                { format!("{}/{}", t.period.month(), t.period.year()) }<br />
                <span class="muted">{ format!("Hạn {}", format::date(t.deadline)) }</span>
            </th>
        }
    });
    let rows = table.rows.iter().map(|row| {
        let cells = row.cells.iter().map(|cell| {
            html! {
                <td data-testid={format!("cell-{}-{}", row.unit.code, cell.period)} data-status={cell.status.as_str()} title={describe(&row.unit, cell)}>
                    <Link to={cell_route(&row.unit, props.form_id, cell.period)} classes={classes!(cell_classes(cell), "cc-wide")}>
                        <span class="cc-glyph">{ glyph(cell.status) }</span>
                        <span class="cc-label">{ cell.status.label_vi() }</span>
                        if cell.late {
                            <span class="cc-late-mark">{ "muộn" }</span>
                        }
                    </Link>
                </td>
            }
        });
        html! {
            <tr key={row.unit.id} data-testid="completeness-row" data-unit={row.unit.code.clone()}>
                <th scope="row">{ &row.unit.name }</th>
                { for cells }
            </tr>
        }
    });
    let received = table.totals.iter().map(|t| html! { <td data-testid={format!("total-{}", t.period)}>{ received_text(t) }</td> });
    let on_time = table.totals.iter().map(|t| html! { <td>{ on_time_text(t) }</td> });
    html! {
        <div class="table-wrap">
            <table class="cc-table">
                <thead>
                    <tr><th scope="col">{ "Đơn vị" }</th>{ for heads }</tr>
                </thead>
                <tbody>{ for rows }</tbody>
                <tfoot>
                    <tr><th scope="row">{ "Đã nhận" }</th>{ for received }</tr>
                    <tr class="cc-on-time"><th scope="row">{ "Đúng hạn" }</th>{ for on_time }</tr>
                </tfoot>
            </table>
        </div>
    }
}
