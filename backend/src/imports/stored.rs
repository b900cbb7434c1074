//! Imported figures as stored (`imported_values`), and the probe for figures
//! already sent through the app.

use std::collections::{BTreeSet, HashMap};

use diesel::prelude::*;
use serde_json::json;
use tonghop_shared::{Amount, MonthPeriod, PeriodKind, ReportPeriod};

use crate::audit::{self, Entry};
use crate::db::DbConn;
use crate::db::schema::{imported_values, submission_values, submissions, units};
use crate::units::model::UnitRow;

/// Whether a period code is one month: such a figure adds into totals.
pub fn is_monthly(period: ReportPeriod) -> bool {
    period.kind() == PeriodKind::Month
}

/// One imported figure, checked.
#[derive(Debug, Clone)]
pub struct ImportedValue {
    /// The unit.
    pub unit_id: i64,
    /// The indicator.
    pub indicator_id: i64,
    /// A month, or a longer period whose total it is.
    pub period: ReportPeriod,
    /// The figure.
    pub value: Amount,
}

impl ImportedValue {
    fn audit_json(&self) -> serde_json::Value {
        json!({
            "unit_id": self.unit_id,
            "indicator_id": self.indicator_id,
            "period": self.period.to_string(),
            "value": self.value,
        })
    }
}

/// The months of `months` (both included) in which a submission of `unit` or
/// a unit below it holds a figure, by indicator: one query for a whole file.
pub fn months_with_app_figures(
    conn: &mut DbConn,
    unit: &UnitRow,
    months: (MonthPeriod, MonthPeriod),
) -> QueryResult<HashMap<i64, BTreeSet<MonthPeriod>>> {
    let found: Vec<(i64, String)> = submissions::table
        .inner_join(submission_values::table)
        .inner_join(units::table)
        .filter(units::path.like(format!("{}%", unit.path)))
        .filter(submission_values::value.is_not_null())
        .filter(submissions::period.ge(months.0.to_string()))
        .filter(submissions::period.le(months.1.to_string()))
        .select((submission_values::indicator_id, submissions::period))
        .distinct()
        .load(conn)?;
    let mut by_indicator: HashMap<i64, BTreeSet<MonthPeriod>> = HashMap::new();
    for (indicator_id, period) in found {
        if let Ok(month) = period.parse() {
            by_indicator.entry(indicator_id).or_default().insert(month);
        }
    }
    Ok(by_indicator)
}

/// Id and value of imported figures, by unit, indicator and period code.
pub type Existing = HashMap<(i64, i64, String), (i64, i64)>;

/// Every figure already imported for some units.
pub fn existing(conn: &mut DbConn, unit_ids: &[i64]) -> QueryResult<Existing> {
    let mut found = HashMap::new();
    for chunk in unit_ids.chunks(500) {
        let rows: Vec<(i64, i64, i64, String, i64)> = imported_values::table
            .filter(imported_values::unit_id.eq_any(chunk))
            .select((
                imported_values::id,
                imported_values::unit_id,
                imported_values::indicator_id,
                imported_values::period,
                imported_values::value,
            ))
            .load(conn)?;
        found.extend(rows.into_iter().map(|(id, unit, indicator, period, value)| ((unit, indicator, period), (id, value))));
    }
    Ok(found)
}

/// Creates or replaces (given the id and value found by [`existing`]) the
/// imported figure of a unit, indicator and period, with an audit entry.
/// Returns whether an earlier import was replaced. Run it inside a write
/// transaction.
pub fn upsert(conn: &mut DbConn, row: &ImportedValue, existing: Option<(i64, i64)>, user_id: i64) -> QueryResult<bool> {
    let period = row.period.to_string();
    let now = crate::db::now();
    let id = match existing {
        Some((id, _)) => {
            diesel::update(imported_values::table.find(id))
                .set((
                    imported_values::value.eq(row.value.scaled()),
                    imported_values::imported_at.eq(now),
                    imported_values::imported_by.eq(user_id),
                ))
                .execute(conn)?;
            id
        }
        None => diesel::insert_into(imported_values::table)
            .values((
                imported_values::unit_id.eq(row.unit_id),
                imported_values::indicator_id.eq(row.indicator_id),
                imported_values::period.eq(&period),
                imported_values::monthly.eq(is_monthly(row.period)),
                imported_values::value.eq(row.value.scaled()),
                imported_values::imported_at.eq(now),
                imported_values::imported_by.eq(user_id),
            ))
            .returning(imported_values::id)
            .get_result(conn)?,
    };
    let before = existing.map(|(_, value)| ImportedValue { value: Amount::from_scaled(value), ..row.clone() }.audit_json());
    let entry = Entry {
        user_id: Some(user_id),
        entity: "imported_value",
        entity_id: id,
        action: if existing.is_some() { "update" } else { "create" },
    };
    audit::record(conn, entry, before.as_ref(), Some(&row.audit_json()))?;
    Ok(existing.is_some())
}

/// Monthly imported figures of some indicators in a range of months, by
/// indicator and month: the units that hold one, with their paths. An import
/// refuses a month already imported one level up or down the tree, which the
/// totals would otherwise add twice.
pub type Branches = HashMap<(i64, MonthPeriod), Vec<(i64, String)>>;

/// See [`Branches`].
pub fn monthly_imports(conn: &mut DbConn, indicator_ids: &[i64], months: (MonthPeriod, MonthPeriod)) -> QueryResult<Branches> {
    let rows: Vec<(i64, i64, String, String)> = imported_values::table
        .inner_join(units::table)
        .filter(imported_values::monthly.eq(true))
        .filter(imported_values::indicator_id.eq_any(indicator_ids))
        .filter(imported_values::period.ge(months.0.to_string()))
        .filter(imported_values::period.le(months.1.to_string()))
        .select((imported_values::unit_id, imported_values::indicator_id, imported_values::period, units::path))
        .load(conn)?;
    let mut found: Branches = HashMap::new();
    for (unit_id, indicator_id, period, path) in rows {
        if let Ok(month) = period.parse() {
            found.entry((indicator_id, month)).or_default().push((unit_id, path));
        }
    }
    Ok(found)
}

/// The unit on the same branch of the tree (above or below `unit`, not
/// itself) that already holds this month's figure, if any.
pub fn on_same_branch(branches: &Branches, indicator_id: i64, month: MonthPeriod, unit: &UnitRow) -> Option<i64> {
    branches
        .get(&(indicator_id, month))?
        .iter()
        .find_map(|(id, path)| (*id != unit.id && (path.starts_with(&unit.path) || unit.path.starts_with(path.as_str()))).then_some(*id))
}
