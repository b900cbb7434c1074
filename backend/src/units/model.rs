//! Units as stored, and the queries on them.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use tonghop_shared::api::{Unit, UnitKind, UnitSummary};
use tonghop_shared::{CalendarKind, ReportingCalendar};

use crate::db::DbConn;
use crate::db::schema::units;

/// A row of `units`.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = units)]
pub struct UnitRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    #[diesel(deserialize_as = String)]
    pub kind: UnitKind,
    pub code: String,
    pub name: String,
    pub active: bool,
    /// Ids from the root down to this unit, `/1/4/17/`.
    pub path: String,
    pub depth: i32,
    pub calendar_kind: Option<String>,
    pub deadline_working_days: Option<i32>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When the unit's current Party term began, if set.
    pub term_started_on: Option<chrono::NaiveDate>,
}

/// Columns of a new unit; the path is set once the id is known.
#[derive(Debug, Insertable)]
#[diesel(table_name = units)]
pub struct NewUnitRow<'a> {
    pub parent_id: Option<i64>,
    pub kind: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    pub active: bool,
    pub path: &'a str,
    pub depth: i32,
    pub calendar_kind: Option<&'a str>,
    pub deadline_working_days: Option<i32>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl UnitRow {
    /// The stored kind (a name this program did not write fails the
    /// row's read, not the server).
    pub fn kind(&self) -> UnitKind {
        self.kind
    }

    /// True when `other` is this unit or below it.
    pub fn contains(&self, other: &UnitRow) -> bool {
        other.path.starts_with(&self.path)
    }

    /// The calendar this unit sets itself, if any.
    pub fn own_calendar(&self) -> Option<ReportingCalendar> {
        let kind: CalendarKind = self.calendar_kind.as_deref()?.parse().ok()?;
        Some(ReportingCalendar { kind, deadline_working_days: self.deadline_working_days.unwrap_or(0).max(0) as u32 })
    }

    /// Ids of this unit's ancestors and itself, root first.
    pub fn lineage(&self) -> Vec<i64> {
        self.path.split('/').filter_map(|s| s.parse().ok()).collect()
    }

    /// As other answers name it.
    pub fn summary(&self) -> UnitSummary {
        UnitSummary { id: self.id, code: self.code.clone(), name: self.name.clone(), kind: self.kind() }
    }

    /// In full.
    pub fn to_api(&self) -> Unit {
        Unit {
            id: self.id,
            parent_id: self.parent_id,
            kind: self.kind(),
            code: self.code.clone(),
            name: self.name.clone(),
            active: self.active,
            depth: self.depth,
            calendar: self.own_calendar(),
            term_started_on: self.term_started_on,
        }
    }
}

/// One unit by id.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<UnitRow> {
    units::table.find(id).select(UnitRow::as_select()).first(conn)
}

/// One unit by code.
pub fn find_by_code(conn: &mut DbConn, code: &str) -> QueryResult<UnitRow> {
    units::table.filter(units::code.eq(code)).select(UnitRow::as_select()).first(conn)
}

/// A unit and everything below it, top-down.
pub fn subtree(conn: &mut DbConn, root: &UnitRow) -> QueryResult<Vec<UnitRow>> {
    units::table
        .filter(units::path.like(format!("{}%", root.path)))
        .order((units::depth, units::name, units::id))
        .select(UnitRow::as_select())
        .load(conn)
}

/// The units directly below one unit.
pub fn children(conn: &mut DbConn, parent_id: i64) -> QueryResult<Vec<UnitRow>> {
    units::table.filter(units::parent_id.eq(parent_id)).order(units::code).select(UnitRow::as_select()).load(conn)
}

/// Every unit, top-down.
pub fn all(conn: &mut DbConn) -> QueryResult<Vec<UnitRow>> {
    units::table.order((units::depth, units::name, units::id)).select(UnitRow::as_select()).load(conn)
}

/// The reporting calendar in force for a unit: its own, or the nearest
/// ancestor's, or the Decree 09 default.
pub fn effective_calendar(conn: &mut DbConn, unit: &UnitRow) -> QueryResult<ReportingCalendar> {
    let lineage = unit.lineage();
    let setters: Vec<UnitRow> = units::table
        .filter(units::id.eq_any(&lineage))
        .filter(units::calendar_kind.is_not_null())
        .order(units::depth.desc())
        .select(UnitRow::as_select())
        .load(conn)?;
    Ok(setters.iter().find_map(UnitRow::own_calendar).unwrap_or_default())
}

/// The calendars in force for many units at once, in one query.
pub fn effective_calendars(conn: &mut DbConn, rows: &[UnitRow]) -> QueryResult<HashMap<i64, ReportingCalendar>> {
    let mut ancestor_ids: Vec<i64> = rows.iter().flat_map(UnitRow::lineage).collect();
    ancestor_ids.sort_unstable();
    ancestor_ids.dedup();
    let setters: HashMap<i64, ReportingCalendar> = units::table
        .filter(units::id.eq_any(&ancestor_ids))
        .filter(units::calendar_kind.is_not_null())
        .select(UnitRow::as_select())
        .load(conn)?
        .iter()
        .filter_map(|u| Some((u.id, u.own_calendar()?)))
        .collect();
    Ok(rows
        .iter()
        .map(|u| {
            let calendar = u.lineage().iter().rev().find_map(|id| setters.get(id).copied()).unwrap_or_default();
            (u.id, calendar)
        })
        .collect())
}

/// Inserts a unit below `parent` (or as a root) and sets its path.
pub fn insert(
    conn: &mut DbConn,
    parent: Option<&UnitRow>,
    kind: UnitKind,
    code: &str,
    name: &str,
    calendar: Option<ReportingCalendar>,
) -> QueryResult<UnitRow> {
    let now = crate::db::now();
    let row = NewUnitRow {
        parent_id: parent.map(|p| p.id),
        kind: kind.as_str(),
        code,
        name,
        active: true,
        path: "",
        depth: parent.map_or(0, |p| p.depth + 1),
        calendar_kind: calendar.map(|c| c.kind.as_str()),
        deadline_working_days: calendar.map(|c| c.deadline_working_days as i32),
        created_at: now,
        updated_at: now,
    };
    let id: i64 = diesel::insert_into(units::table).values(&row).returning(units::id).get_result(conn)?;
    let path = format!("{}{id}/", parent.map_or("/", |p| p.path.as_str()));
    diesel::update(units::table.find(id)).set(units::path.eq(&path)).execute(conn)?;
    find(conn, id)
}

/// Moves `unit` and its subtree under `new_parent`, rewriting their paths.
pub fn move_subtree(conn: &mut DbConn, unit: &UnitRow, new_parent: &UnitRow) -> QueryResult<()> {
    let new_path = format!("{}{}/", new_parent.path, unit.id);
    let depth_delta = new_parent.depth + 1 - unit.depth;
    for row in subtree(conn, unit)? {
        let path = format!("{new_path}{}", &row.path[unit.path.len()..]);
        diesel::update(units::table.find(row.id)).set((units::path.eq(path), units::depth.eq(row.depth + depth_delta))).execute(conn)?;
    }
    diesel::update(units::table.find(unit.id)).set(units::parent_id.eq(new_parent.id)).execute(conn)?;
    Ok(())
}
