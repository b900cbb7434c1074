//! Who has sent what: the units that report a form, by period, and the
//! totals a commune office reports upwards (expected, received, on time).

use std::collections::HashMap;

use diesel::prelude::*;
use tonghop_shared::api::{
    Completeness, CompletenessCell, CompletenessGroup, CompletenessRow, CompletenessSummary, CompletenessTotal, SubmissionStatus,
};
use tonghop_shared::{Amount, MonthPeriod};

use crate::db::DbConn;
use crate::db::schema::submissions;
use crate::holidays::{Book, Schedule};
use crate::indicators::model::FormRow;
use crate::submissions::model::SubmissionRow;
use crate::units::model::{self as units, UnitRow};

/// Most periods one answer covers.
pub const MAX_PERIODS: usize = 24;

/// The periods from `from` to `to`, both included.
pub fn periods_between(from: MonthPeriod, to: MonthPeriod) -> Vec<MonthPeriod> {
    let mut out = Vec::new();
    let mut p = from;
    while p <= to && out.len() < MAX_PERIODS {
        out.push(p);
        p = p.next();
    }
    out
}

/// Builds the table for `reporting` units (already filtered to the form's
/// kind and the caller's view) over `periods`, in two queries.
pub fn table(
    conn: &mut DbConn,
    form: &FormRow,
    reporting: &[UnitRow],
    periods: &[MonthPeriod],
    caller: &Schedule,
    today: chrono::NaiveDate,
) -> QueryResult<Completeness> {
    let unit_ids: Vec<i64> = reporting.iter().map(|u| u.id).collect();
    let period_codes: Vec<String> = periods.iter().map(ToString::to_string).collect();
    let rows: Vec<SubmissionRow> = submissions::table
        .filter(submissions::form_id.eq(form.id))
        .filter(submissions::unit_id.eq_any(&unit_ids))
        .filter(submissions::period.eq_any(&period_codes))
        .select(SubmissionRow::as_select())
        .load(conn)?;
    let by_key: HashMap<(i64, &str), &SubmissionRow> = rows.iter().map(|r| ((r.unit_id, r.period.as_str()), r)).collect();
    let calendars = units::effective_calendars(conn, reporting)?;
    let holidays = Book::load(conn, reporting)?.of_each(reporting);
    let table_rows: Vec<CompletenessRow> = reporting
        .iter()
        .map(|unit| {
            let (calendar, holidays) = (calendars[&unit.id], &holidays[&unit.id]);
            let cells = periods
                .iter()
                .zip(&period_codes)
                .map(|(period, code)| {
                    let row = by_key.get(&(unit.id, code.as_str()));
                    let status = row.map_or(SubmissionStatus::NotStarted, |r| r.status());
                    CompletenessCell {
                        period: *period,
                        status,
                        late: status.received() && row.is_some_and(|r| r.late),
                        overdue: !status.received() && today > period.deadline(&calendar, holidays),
                        submitted_at: row.and_then(|r| r.submitted_at).map(|t| t.and_utc()),
                    }
                })
                .collect();
            CompletenessRow { unit: unit.summary(), cells }
        })
        .collect();
    let totals = totals(&table_rows.iter().collect::<Vec<_>>(), periods, caller);
    Ok(Completeness { form_id: form.id, periods: periods.to_vec(), rows: table_rows, totals })
}

/// Expected, received and on time per period over some rows of a table.
pub fn totals(table_rows: &[&CompletenessRow], periods: &[MonthPeriod], caller: &Schedule) -> Vec<CompletenessTotal> {
    periods
        .iter()
        .enumerate()
        .map(|(i, period)| {
            let cells = table_rows.iter().map(|r| &r.cells[i]);
            let expected = table_rows.len() as u32;
            let received = cells.clone().filter(|c| c.status.received()).count() as u32;
            let on_time = cells.filter(|c| c.status.received() && !c.late).count() as u32;
            let percent = |n: u32| Amount::percent_rounded(n as i64, expected as i64, 1).unwrap_or(Amount::ZERO);
            CompletenessTotal {
                period: *period,
                deadline: caller.deadline(*period),
                expected,
                received,
                on_time,
                received_percent: percent(received),
                on_time_percent: percent(on_time),
            }
        })
        .collect()
}

/// The table grouped by the units directly below `root`: each group holds
/// the reporting units in that child's part of the tree (`root` itself is a
/// group of its own when it reports the form). Children without reporting
/// units are left out.
pub fn summary(
    table: &Completeness,
    root: &UnitRow,
    reporting: &[UnitRow],
    children: &[UnitRow],
    caller: &Schedule,
) -> CompletenessSummary {
    let mut groups: Vec<CompletenessGroup> = Vec::new();
    let with_root = std::iter::once(root).filter(|r| reporting.iter().any(|u| u.id == r.id));
    for group in with_root.chain(children.iter()) {
        let rows: Vec<&CompletenessRow> = table
            .rows
            .iter()
            .zip(reporting)
            .filter(|(_, unit)| if group.id == root.id { unit.id == root.id } else { group.contains(unit) })
            .map(|(row, _)| row)
            .collect();
        if !rows.is_empty() {
            groups.push(CompletenessGroup { unit: group.summary(), totals: totals(&rows, &table.periods, caller) });
        }
    }
    groups.sort_by(|a, b| a.unit.code.cmp(&b.unit.code));
    CompletenessSummary {
        form_id: table.form_id,
        unit: root.summary(),
        periods: table.periods.clone(),
        groups,
        totals: table.totals.clone(),
    }
}
