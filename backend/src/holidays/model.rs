//! Storing holidays.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::audit::{self, Entry};
use crate::db::DbConn;
use crate::db::schema::holidays;

/// A stored holiday.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = holidays)]
pub struct HolidayRow {
    pub id: i64,
    pub day: NaiveDate,
    pub name: String,
    /// The unit that keeps it; `None` for everywhere.
    pub unit_id: Option<i64>,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

/// The holidays in force for any of these lineages' units (everywhere, or
/// kept by a unit in `unit_ids`), between two days.
pub fn in_force(conn: &mut DbConn, unit_ids: &[i64], from: NaiveDate, to: NaiveDate) -> QueryResult<Vec<HolidayRow>> {
    holidays::table
        .filter(holidays::unit_id.is_null().or(holidays::unit_id.eq_any(unit_ids)))
        .filter(holidays::day.between(from, to))
        .order((holidays::day, holidays::id))
        .select(HolidayRow::as_select())
        .load(conn)
}

/// One holiday.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<HolidayRow> {
    holidays::table.find(id).select(HolidayRow::as_select()).first(conn)
}

/// Whether the scope already has that day.
pub fn exists(conn: &mut DbConn, day: NaiveDate, unit_id: Option<i64>) -> QueryResult<bool> {
    let query = holidays::table.filter(holidays::day.eq(day));
    let found: i64 = match unit_id {
        Some(unit) => query.filter(holidays::unit_id.eq(unit)).count().get_result(conn)?,
        None => query.filter(holidays::unit_id.is_null()).count().get_result(conn)?,
    };
    Ok(found > 0)
}

/// Adds a holiday, with an audit entry. Run it inside a write transaction.
pub fn insert(conn: &mut DbConn, day: NaiveDate, name: &str, unit_id: Option<i64>, user_id: i64) -> QueryResult<HolidayRow> {
    let id: i64 = diesel::insert_into(holidays::table)
        .values((
            holidays::day.eq(day),
            holidays::name.eq(name),
            holidays::unit_id.eq(unit_id),
            holidays::created_by.eq(user_id),
            holidays::created_at.eq(crate::db::now()),
        ))
        .returning(holidays::id)
        .get_result(conn)?;
    let row = find(conn, id)?;
    audit::record::<HolidayRow, HolidayRow>(
        conn,
        Entry { user_id: Some(user_id), entity: "holiday", entity_id: id, action: "create" },
        None,
        Some(&row),
    )?;
    Ok(row)
}

/// Removes a holiday, with an audit entry. Run it inside a write transaction.
pub fn delete(conn: &mut DbConn, row: &HolidayRow, user_id: i64) -> QueryResult<()> {
    diesel::delete(holidays::table.find(row.id)).execute(conn)?;
    audit::record::<HolidayRow, HolidayRow>(
        conn,
        Entry { user_id: Some(user_id), entity: "holiday", entity_id: row.id, action: "delete" },
        Some(row),
        None,
    )
}
