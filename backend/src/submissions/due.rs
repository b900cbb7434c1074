//! What a unit has to report now.

use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{DueItem, SubmissionStatus};

use super::model;
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::indicators::model as indicators;
use crate::units::model::UnitRow;

/// How many past periods are still offered when not submitted.
pub const LOOK_BACK: u32 = 3;

/// The forms due for `unit` as of `today`: the current period, and earlier
/// ones not yet received. Returned first, then overdue, then by deadline.
pub fn for_unit(conn: &mut DbConn, unit: &UnitRow, today: chrono::NaiveDate) -> ApiResult<Vec<DueItem>> {
    if !unit.active {
        return Ok(Vec::new());
    }
    let crate::holidays::Schedule { calendar, holidays } = crate::holidays::Schedule::of(conn, unit)?;
    let current = MonthPeriod::containing(today, &calendar);
    let mut items = Vec::new();
    for form in indicators::forms_for_kind(conn, unit.kind())? {
        let mut period = current;
        for back in 0..=LOOK_BACK {
            let row = model::find(conn, unit.id, form.id, period)?;
            let status = row.as_ref().map_or(SubmissionStatus::NotStarted, model::SubmissionRow::status);
            if back == 0 || !status.received() {
                let (period_start, period_end) = period.date_range(&calendar);
                let deadline = period.deadline(&calendar, &holidays);
                let review_reason = match &row {
                    Some(r) if status == SubmissionStatus::Returned => model::last_return_reason(conn, r.id)?,
                    _ => None,
                };
                items.push(DueItem {
                    unit: unit.summary(),
                    form_id: form.id,
                    form_code: form.code.clone(),
                    form_name: form.name.clone(),
                    period,
                    period_start,
                    period_end,
                    deadline,
                    status,
                    version: row.as_ref().map_or(0, |r| r.version),
                    overdue: !status.received() && today > deadline,
                    review_reason,
                });
            }
            period = period.previous();
        }
    }
    // Returned first (the commune is waiting on a fix), then overdue, then by deadline.
    items.sort_by_key(|item| (item.status != SubmissionStatus::Returned, !item.overdue, item.deadline));
    Ok(items)
}
