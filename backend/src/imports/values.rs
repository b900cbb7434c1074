//! Importing figures of past periods: a month's figure, which adds into totals
//! like an approved one, or the total of a longer period (`2025-H1`), which is
//! compared against when its months have no figures.
//!
//! Data from the app wins: a row is refused when a submission of its unit or
//! any unit below already holds a figure for that indicator in that month (or
//! any month of that period). Imports are for periods before tonghop, so a
//! period that has not ended is refused too. A month is imported at one level
//! only: for the villages or for the commune, never both, or totals would
//! count it twice.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

use tonghop_shared::api::{ImportKind, ImportResult};
use tonghop_shared::{Amount, MonthPeriod, ReportPeriod, validation};

use super::parse::{Row, Sheet};
use super::rows::{self, Errors, Failure, Lookup};
use super::stored::{self, ImportedValue, is_monthly};
use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::indicators::model::IndicatorRow;
use crate::units::model::{self as units, UnitRow};

/// A row whose cells each passed their own checks.
struct Candidate<'a> {
    row: u32,
    unit: &'a UnitRow,
    indicator: &'a IndicatorRow,
    period: ReportPeriod,
    value: Amount,
}

/// Checks every row; stores them all when none is refused. Run it inside a
/// write transaction.
pub fn import(conn: &mut DbConn, user: &AuthUser, sheet: &Sheet) -> Result<ImportResult, Failure> {
    let lookup = Lookup::load(conn, sheet)?;
    let mut errors = Errors::default();
    let mut candidates = Vec::new();
    for row in &sheet.rows {
        let before = errors.total;
        let unit = lookup.unit(row, user, &mut errors);
        let indicator = lookup.indicator(row, &mut errors);
        let period = period(row, &mut errors);
        let value = value(row, indicator, &mut errors);
        if let (Some(unit), Some(indicator), Some(period), Some(value)) = (unit, indicator, period, value)
            && errors.total == before
        {
            candidates.push(Candidate { row: row.number, unit, indicator, period, value });
        }
    }
    let rows = check_against_stored(conn, &candidates, &mut errors)?;
    errors.into_result()?;
    let mut unit_ids: Vec<i64> = rows.iter().map(|r| r.unit_id).collect();
    unit_ids.sort_unstable();
    unit_ids.dedup();
    let existing = stored::existing(conn, &unit_ids)?;
    let mut replaced = 0;
    for row in &rows {
        let earlier = existing.get(&(row.unit_id, row.indicator_id, row.period.to_string())).copied();
        replaced += u32::from(stored::upsert(conn, row, earlier, user.id)?);
    }
    Ok(ImportResult { kind: ImportKind::Values, imported: rows.len() as u32, replaced })
}

/// Refuses periods not yet over, keys seen before in the file, and months that
/// already hold figures sent through the app.
fn check_against_stored(conn: &mut DbConn, candidates: &[Candidate<'_>], errors: &mut Errors) -> Result<Vec<ImportedValue>, Failure> {
    let (Some(first), Some(last)) =
        (candidates.iter().map(|c| c.period.months().0).min(), candidates.iter().map(|c| c.period.months().1).max())
    else {
        return Ok(Vec::new());
    };
    let today = crate::clock::today();
    // By unit: its current month, and the months with app figures by indicator.
    let mut per_unit: HashMap<i64, (MonthPeriod, HashMap<i64, BTreeSet<MonthPeriod>>)> = HashMap::new();
    let mut seen = HashMap::new();
    let indicator_ids: Vec<i64> = candidates.iter().map(|c| c.indicator.id).collect();
    let mut branches = stored::monthly_imports(conn, &indicator_ids, (first, last))?;
    let mut rows = Vec::new();
    for Candidate { row, unit, indicator, period, value } in candidates {
        let (row, (from, to)) = (*row, period.months());
        if let Entry::Vacant(slot) = per_unit.entry(unit.id) {
            let current = MonthPeriod::containing(today, &units::effective_calendar(conn, unit)?);
            slot.insert((current, stored::months_with_app_figures(conn, unit, (first, last))?));
        }
        let (current, app_months) = &per_unit[&unit.id];
        let current = *current;
        if to >= current {
            let when = if from > current { "chưa đến" } else { "chưa kết thúc" };
            errors.add(row, "period", format!("{} {when}: chỉ nhập số liệu các kỳ đã qua", period.label_vi()));
            continue;
        }
        if !rows::first_of_key(&mut seen, (unit.id, indicator.id, *period), row, errors, "đơn vị, chỉ tiêu và kỳ") {
            continue;
        }
        if let Some(month) = app_months.get(&indicator.id).and_then(|months| months.range(from..=to).next()) {
            errors.add(row, "period", app_data_message(unit, indicator, month));
            continue;
        }
        if is_monthly(*period) {
            if let Some(other) = stored::on_same_branch(&branches, indicator.id, from, unit) {
                errors.add(row, "unit_code", branch_message(conn, unit, other, indicator, &from)?);
                continue;
            }
            branches.entry((indicator.id, from)).or_default().push((unit.id, unit.path.clone()));
        }
        rows.push(ImportedValue { unit_id: unit.id, indicator_id: indicator.id, period: *period, value: *value });
    }
    Ok(rows)
}

fn period(row: &Row, errors: &mut Errors) -> Option<ReportPeriod> {
    let text = row.cell("period").text();
    if text.is_empty() {
        errors.add(row.number, "period", "Chưa nhập kỳ");
        return None;
    }
    text.parse::<ReportPeriod>().map_err(|e| errors.add(row.number, "period", e.to_string())).ok()
}

fn value(row: &Row, indicator: Option<&IndicatorRow>, errors: &mut Errors) -> Option<Amount> {
    let value = rows::amount(&row.cell("value")).map_err(|message| errors.add(row.number, "value", message)).ok()?;
    if let Some(indicator) = indicator
        && let Err(e) = validation::check_value(&indicator.to_api(), value)
    {
        errors.add(row.number, "value", e.message);
        return None;
    }
    Some(value)
}

/// Why a month imported for both a unit and one above or below it is refused.
fn branch_message(conn: &mut DbConn, unit: &UnitRow, other: i64, indicator: &IndicatorRow, month: &MonthPeriod) -> Result<String, Failure> {
    let other = units::find(conn, other)?;
    Ok(format!(
        "{} «{}» đã được nhập cho {} ({}); nhập thêm cho {} ({}) sẽ bị cộng hai lần. Chỉ nhập ở một cấp: từng thôn, hoặc cả xã",
        month.label_vi(),
        indicator.name,
        other.name,
        other.code,
        unit.name,
        unit.code
    ))
}

fn app_data_message(unit: &UnitRow, indicator: &IndicatorRow, month: &MonthPeriod) -> String {
    format!(
        "{} đã có số liệu «{}» của {} ({}) hoặc đơn vị cấp dưới gửi qua ứng dụng. Số liệu trong ứng dụng được giữ; chỉ nhập các kỳ trước khi dùng tonghop",
        month.label_vi(),
        indicator.name,
        unit.name,
        unit.code
    )
}
