//! The phone layout: a summary line per month, then a row of small
//! coloured cells per unit, and the legend (shared with the table).

use std::rc::Rc;

use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{Completeness, CompletenessCell, CompletenessTotal, SubmissionStatus, UnitSummary};
use tonghop_ui::router::*;
use yew::prelude::*;

use crate::app::Route;

/// Every status, in the order of the workflow (for the legend).
const STATUSES: [SubmissionStatus; 5] = [
    SubmissionStatus::NotStarted,
    SubmissionStatus::Draft,
    SubmissionStatus::Submitted,
    SubmissionStatus::Returned,
    SubmissionStatus::Approved,
];

/// A status as one sign: readable without the colour.
pub fn glyph(status: SubmissionStatus) -> Html {
    match status {
        SubmissionStatus::NotStarted => html! { "–" },
        SubmissionStatus::Draft => html! { "✎" },
        SubmissionStatus::Submitted => html! { "✓" },
        SubmissionStatus::Returned => html! { "↩" },
        SubmissionStatus::Approved => html! {
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                <path fill="currentColor" d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" />
            </svg>
        },
    }
}

/// `Thôn Ba Ngọc – Tháng 6/2026: Đã gửi, nộp muộn`.
pub fn describe(unit: &UnitSummary, cell: &CompletenessCell) -> String {
    let mut text = format!("{} – {}: {}", unit.name, cell.period.label_vi(), cell.status.label_vi());
    if cell.late {
        text.push_str(", nộp muộn");
    }
    if cell.overdue {
        text.push_str(", quá hạn");
    }
    text
}

/// The classes of a cell: its status colour, late, overdue.
pub fn cell_classes(cell: &CompletenessCell) -> Classes {
    classes!("cc", format!("cc-{}", cell.status.as_str()), cell.late.then_some("cc-late"), cell.overdue.then_some("cc-overdue"))
}

/// Where a cell leads: that unit's form for that month.
pub fn cell_route(unit: &UnitSummary, form_id: i64, period: MonthPeriod) -> Route {
    Route::Form { unit_id: unit.id, form_id, period: period.to_string() }
}

/// `5/6 (83,3%)`.
pub fn received_text(total: &CompletenessTotal) -> String {
    format!("{}/{} ({}%)", total.received, total.expected, total.received_percent.format_vi_trimmed(1))
}

/// `4/6 (66,7%)`.
pub fn on_time_text(total: &CompletenessTotal) -> String {
    format!("{}/{} ({}%)", total.on_time, total.expected, total.on_time_percent.format_vi_trimmed(1))
}

/// `T6`, with the year under January and the first column.
fn short_month(period: MonthPeriod, first: bool) -> Html {
    html! {
        <>
            { format!("T{}", period.month()) }
            if first || period.month() == 1 {
                <span class="cc-year">{ period.year() }</span>
            }
        </>
    }
}

/// Props of the phone views.
#[derive(Properties, PartialEq)]
pub struct TableProps {
    /// The form (cells open it).
    pub form_id: i64,
    /// The answer of the server.
    pub table: Rc<Completeness>,
}

/// Props of [`PeriodSummaries`].
#[derive(Properties, PartialEq)]
pub struct SummariesProps {
    /// The answer of the server.
    pub table: Rc<Completeness>,
}

/// One line per month, newest first: "Tháng 6/2026: đã nhận 5/6 (83,3%),
/// đúng hạn 4/6 (66,7%)", over a bar of what is received.
#[component]
pub fn PeriodSummaries(props: &SummariesProps) -> Html {
    let items = props.table.totals.iter().rev().map(|t| {
        let width = (t.received * 100).checked_div(t.expected).unwrap_or(0);
        let on_time = (t.on_time * 100).checked_div(t.expected).unwrap_or(0);
        html! {
            <li class="cc-total" data-testid={format!("total-{}", t.period)}>
                <span class="cc-total-month">{ t.period.label_vi() }</span>{ ": " }
                { format!("đã nhận {}, đúng hạn {}", received_text(t), on_time_text(t)) }
                // SVG widths, not `style` attributes: the page's
                // Content-Security-Policy allows no inline style.
                <svg class="cc-bar" aria-hidden="true" viewBox="0 0 100 5" preserveAspectRatio="none">
                    <rect class="cc-bar-received" width={width.to_string()} height="5" />
                    <rect class="cc-bar-on-time" width={on_time.to_string()} height="5" />
                </svg>
            </li>
        }
    });
    html! { <ul class="card cc-totals">{ for items }</ul> }
}

/// Month letters over the columns, then a row of cells per unit.
#[component]
pub fn CellGrid(props: &TableProps) -> Html {
    let table = &props.table;
    let heads = table
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| html! { <span class="cc-month" title={p.label_vi()}>{ short_month(*p, i == 0) }</span> });
    let rows = table.rows.iter().map(|row| {
        let received = row.cells.iter().filter(|c| c.status.received()).count();
        let cells = row.cells.iter().map(|cell| {
            let title = describe(&row.unit, cell);
            html! {
                <span class="cc-slot" data-testid={format!("cell-{}-{}", row.unit.code, cell.period)} data-status={cell.status.as_str()}>
                    <Link to={cell_route(&row.unit, props.form_id, cell.period)} classes={cell_classes(cell)}>
                        <span class="cc-glyph">{ glyph(cell.status) }</span>
                        if cell.late {
                            <span class="cc-late-mark">{ "muộn" }</span>
                        }
                        <span class="cc-sr">{ title }</span>
                    </Link>
                </span>
            }
        });
        html! {
            <li key={row.unit.id} class="cc-row" data-testid="completeness-row" data-unit={row.unit.code.clone()}>
                <div class="cc-unit">
                    <span class="cc-unit-name">{ &row.unit.name }</span>
                    <span class="muted">{ format!("{received}/{} tháng", row.cells.len()) }</span>
                </div>
                <div class="cc-cells">{ for cells }</div>
            </li>
        }
    });
    html! {
        <div class="card cc-grid">
            <div class="cc-cells cc-heads" aria-hidden="true">{ for heads }</div>
            <ul class="cc-rows">{ for rows }</ul>
        </div>
    }
}

/// What the colours and signs mean.
#[component]
pub fn Legend() -> Html {
    let items = STATUSES.iter().map(|s| {
        html! {
            <li class="cc-legend-item">
                <span class={classes!("cc", "cc-sample", format!("cc-{}", s.as_str()))}><span class="cc-glyph">{ glyph(*s) }</span></span>
                { s.label_vi() }
            </li>
        }
    });
    html! {
        <ul class="cc-legend" data-testid="completeness-legend">
            { for items }
            <li class="cc-legend-item">
                <span class="cc cc-sample cc-submitted cc-late"><span class="cc-late-mark">{ "muộn" }</span></span>
                { "Nộp sau hạn" }
            </li>
            <li class="cc-legend-item">
                <span class="cc cc-sample cc-not_started cc-overdue"><span class="cc-glyph">{ "–" }</span></span>
                { "Quá hạn, chưa nộp" }
            </li>
        </ul>
    }
}
