//! The completeness of a form under a unit, without HTTP: which units the
//! caller may see that report the form, over which months, and the table
//! or its summary by the units directly below.

use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{Completeness, CompletenessSummary};

use super::table;
use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::holidays::Schedule;
use crate::indicators::model as indicators;
use crate::units::model::{self as units, UnitRow};

/// What a request asks for.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// The form.
    pub form_id: i64,
    /// Only the units below this one (default: the caller's unit).
    pub unit_id: Option<i64>,
    /// First month (default: five months before `to`).
    pub from: Option<MonthPeriod>,
    /// Last month (default: the current one, in the caller's calendar).
    pub to: Option<MonthPeriod>,
}

/// The table, with what it was built from.
pub struct Loaded {
    /// The units × months table.
    pub table: Completeness,
    /// The asked unit (the caller's by default).
    pub root: UnitRow,
    /// The units of the table, in its order.
    pub reporting: Vec<UnitRow>,
    /// The caller's calendar and holidays, which set the deadlines shown.
    pub schedule: Schedule,
}

/// The table of the active units the caller may read under the asked unit
/// that report the form, over the asked months.
pub fn load(conn: &mut DbConn, user: &AuthUser, scope: Scope) -> ApiResult<Loaded> {
    let form = indicators::find_form(conn, scope.form_id)?;
    let root = match scope.unit_id {
        Some(id) => units::find(conn, id)?,
        None => user.unit.clone(),
    };
    let readable = user.readable_under(conn, &root, true)?;
    let schedule = Schedule::of(conn, &user.unit)?;
    let today = crate::clock::today();
    let to = scope.to.unwrap_or_else(|| MonthPeriod::containing(today, &schedule.calendar));
    let from = scope.from.unwrap_or_else(|| (0..5).fold(to, |p, _| p.previous()));
    if from > to {
        return Err(ApiError::field("from", "after_to", "Tháng bắt đầu phải trước tháng kết thúc"));
    }
    let reporting: Vec<UnitRow> = readable.into_iter().filter(|u| u.active && u.kind == form.unit_kind).collect();
    let periods = table::periods_between(from, to);
    let answer = table::table(conn, &form, &reporting, &periods, &schedule, today)?;
    Ok(Loaded { table: answer, root, reporting, schedule })
}

/// The table summed by the units directly below the asked one, with the
/// asked unit.
pub fn summary(conn: &mut DbConn, user: &AuthUser, scope: Scope) -> ApiResult<(CompletenessSummary, UnitRow)> {
    let Loaded { table, root, reporting, schedule } = load(conn, user, scope)?;
    let children = units::children(conn, root.id)?;
    Ok((table::summary(&table, &root, &reporting, &children, &schedule), root))
}
