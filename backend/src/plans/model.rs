//! Plans as stored.

use diesel::prelude::*;
use tonghop_shared::Amount;
use tonghop_shared::api::{Plan, PlanInput};

use crate::audit::{self, Entry};
use crate::db::DbConn;
use crate::db::schema::plans;

/// A row of `plans`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plans)]
pub struct PlanRow {
    pub id: i64,
    pub unit_id: i64,
    pub indicator_id: i64,
    pub year: i32,
    pub value: i64,
    pub resolution_target: bool,
    pub year_end_only: bool,
}

impl PlanRow {
    /// As the API shows it.
    pub fn to_api(&self) -> Plan {
        Plan {
            id: self.id,
            unit_id: self.unit_id,
            indicator_id: self.indicator_id,
            year: self.year,
            value: Amount::from_scaled(self.value),
            resolution_target: self.resolution_target,
            year_end_only: self.year_end_only,
        }
    }
}

/// Plans of some units for a year.
pub fn for_units(conn: &mut DbConn, unit_ids: &[i64], year: i32) -> QueryResult<Vec<PlanRow>> {
    plans::table
        .filter(plans::unit_id.eq_any(unit_ids))
        .filter(plans::year.eq(year))
        .order((plans::unit_id, plans::indicator_id))
        .select(PlanRow::as_select())
        .load(conn)
}

/// One plan.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<PlanRow> {
    plans::table.find(id).select(PlanRow::as_select()).first(conn)
}

/// Creates or replaces the plan of a unit, indicator and year, with an audit
/// entry. Returns the stored row and whether an earlier plan was replaced.
/// Run it inside a write transaction.
pub fn upsert(conn: &mut DbConn, input: &PlanInput, user_id: i64) -> QueryResult<(PlanRow, bool)> {
    let existing: Option<PlanRow> = plans::table
        .filter(plans::unit_id.eq(input.unit_id))
        .filter(plans::indicator_id.eq(input.indicator_id))
        .filter(plans::year.eq(input.year))
        .select(PlanRow::as_select())
        .first(conn)
        .optional()?;
    let now = crate::db::now();
    let id = match &existing {
        Some(row) => {
            diesel::update(plans::table.find(row.id))
                .set((
                    plans::value.eq(input.value.scaled()),
                    plans::resolution_target.eq(input.resolution_target),
                    plans::year_end_only.eq(input.year_end_only),
                    plans::updated_at.eq(now),
                    plans::updated_by.eq(user_id),
                ))
                .execute(conn)?;
            row.id
        }
        None => diesel::insert_into(plans::table)
            .values((
                plans::unit_id.eq(input.unit_id),
                plans::indicator_id.eq(input.indicator_id),
                plans::year.eq(input.year),
                plans::value.eq(input.value.scaled()),
                plans::resolution_target.eq(input.resolution_target),
                plans::year_end_only.eq(input.year_end_only),
                plans::updated_at.eq(now),
                plans::updated_by.eq(user_id),
            ))
            .returning(plans::id)
            .get_result(conn)?,
    };
    let stored = find(conn, id)?;
    let entry =
        Entry { user_id: Some(user_id), entity: "plan", entity_id: id, action: if existing.is_some() { "update" } else { "create" } };
    audit::record(conn, entry, existing.as_ref().map(PlanRow::to_api).as_ref(), Some(&stored.to_api()))?;
    Ok((stored, existing.is_some()))
}

/// Removes a plan, with an audit entry. Run it inside a write transaction.
pub fn delete(conn: &mut DbConn, row: &PlanRow, user_id: i64) -> QueryResult<()> {
    diesel::delete(plans::table.find(row.id)).execute(conn)?;
    let entry = Entry { user_id: Some(user_id), entity: "plan", entity_id: row.id, action: "delete" };
    audit::record::<Plan, Plan>(conn, entry, Some(&row.to_api()), None)
}
