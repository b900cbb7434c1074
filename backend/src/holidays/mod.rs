//! Public holidays, counted out of deadlines: the days the government
//! announces each year (kept by an administrator, in force everywhere) and
//! those a commune office adds for its commune and the units below it.
//!
//! [`Book`] is what deadlines are computed with: the holidays in force for a
//! set of units, loaded once per request, each unit reading the ones of its
//! lineage.

pub mod model;
pub mod routes;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use diesel::QueryResult;
use tonghop_shared::api::{Holiday, MAX_HOLIDAY_NAME_CHARS, NewHoliday, Role};
use tonghop_shared::{FieldError, Holidays, MonthPeriod, ReportingCalendar};

use self::model::HolidayRow;
use crate::auth::AuthUser;
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::units::model::{self as units, UnitRow};

/// Years either side of today whose holidays a deadline may need.
const YEARS_AROUND: i32 = 2;

/// The holidays in force for some units.
#[derive(Debug, Clone, Default)]
pub struct Book {
    rows: Vec<HolidayRow>,
}

impl Book {
    /// The holidays of these units' lineages, around today.
    pub fn load<'a>(conn: &mut DbConn, units: impl IntoIterator<Item = &'a UnitRow>) -> QueryResult<Book> {
        let mut lineage: Vec<i64> = units.into_iter().flat_map(UnitRow::lineage).collect();
        lineage.sort_unstable();
        lineage.dedup();
        let year = crate::clock::today().year();
        let (from, to) = (first_day(year - YEARS_AROUND), first_day(year + YEARS_AROUND + 1));
        Ok(Book { rows: model::in_force(conn, &lineage, from, to)? })
    }

    /// The holidays of one unit: everywhere's and its lineage's.
    pub fn of(&self, unit: &UnitRow) -> Holidays {
        let lineage = unit.lineage();
        Holidays::new(self.rows.iter().filter(|h| h.unit_id.is_none_or(|id| lineage.contains(&id))).map(|h| h.day).collect())
    }

    /// The holidays of each unit, by id.
    pub fn of_each(&self, units: &[UnitRow]) -> HashMap<i64, Holidays> {
        units.iter().map(|u| (u.id, self.of(u))).collect()
    }
}

fn first_day(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The holidays of one unit (see [`Book`]).
pub fn of_unit(conn: &mut DbConn, unit: &UnitRow) -> QueryResult<Holidays> {
    Ok(Book::load(conn, [unit])?.of(unit))
}

/// What sets a unit's deadlines: its reporting calendar and its holidays.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    /// The calendar in force for the unit.
    pub calendar: ReportingCalendar,
    /// The holidays in force for it.
    pub holidays: Holidays,
}

impl Schedule {
    /// The calendar and holidays in force for a unit.
    pub fn of(conn: &mut DbConn, unit: &UnitRow) -> QueryResult<Schedule> {
        Ok(Schedule { calendar: units::effective_calendar(conn, unit)?, holidays: of_unit(conn, unit)? })
    }

    /// When the month's report is due.
    pub fn deadline(&self, period: MonthPeriod) -> NaiveDate {
        period.deadline(&self.calendar, &self.holidays)
    }
}

/// The holidays in force for the caller's unit in a year, as the API shows them.
pub fn list(conn: &mut DbConn, user: &AuthUser, year: i32) -> ApiResult<Vec<Holiday>> {
    // The product's years, as everywhere: those a month can be in.
    let Some(from) = MonthPeriod::new(year, 1).and_then(|_| NaiveDate::from_ymd_opt(year, 1, 1)) else {
        return Err(ApiError::field("year", "format", "Năm phải từ 2000 đến 2100"));
    };
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(from);
    let rows = model::in_force(conn, &user.unit.lineage(), from, to)?;
    let mut keepers: HashMap<i64, UnitRow> = HashMap::new();
    for id in rows.iter().filter_map(|r| r.unit_id) {
        if let std::collections::hash_map::Entry::Vacant(slot) = keepers.entry(id) {
            slot.insert(units::find(conn, id)?);
        }
    }
    Ok(rows
        .iter()
        .map(|r| Holiday {
            id: r.id,
            day: r.day,
            name: r.name.clone(),
            unit: r.unit_id.and_then(|id| keepers.get(&id)).map(UnitRow::summary),
            editable: may_keep(user, r.unit_id),
        })
        .collect())
}

/// Administrators keep every holiday; a commune office those of its own unit.
fn may_keep(user: &AuthUser, unit_id: Option<i64>) -> bool {
    user.is_admin() || (user.role == Role::Commune && unit_id == Some(user.unit.id))
}

/// Adds a holiday: everywhere (administrators), or for the caller's unit.
pub fn add(conn: &mut DbConn, user: &AuthUser, input: &NewHoliday) -> ApiResult<Holiday> {
    let unit_id = if input.everywhere { None } else { Some(user.unit.id) };
    if !may_keep(user, unit_id) {
        return Err(ApiError::ForbiddenBecause(if input.everywhere {
            "Chỉ quản trị viên thêm ngày nghỉ áp dụng cho mọi nơi".into()
        } else {
            "Chỉ văn phòng xã (hoặc quản trị viên) thêm ngày nghỉ lễ".into()
        }));
    }
    let name = input.name.trim();
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(FieldError::new("name", "required", "Cần ghi tên ngày nghỉ (ví dụ: Tết Nguyên đán)"));
    } else if name.chars().count() > MAX_HOLIDAY_NAME_CHARS {
        errors.push(FieldError::new("name", "too_long", format!("Tên ngày nghỉ tối đa {MAX_HOLIDAY_NAME_CHARS} ký tự")));
    }
    if MonthPeriod::new(input.day.year(), 1).is_none() {
        errors.push(FieldError::new("day", "format", "Ngày phải trong các năm 2000 đến 2100"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let row = write_transaction(conn, |conn| {
        if model::exists(conn, input.day, unit_id)? {
            return Err(ApiError::field("day", "duplicate", "Ngày này đã có trong danh sách ngày nghỉ"));
        }
        Ok(model::insert(conn, input.day, name, unit_id, user.id)?)
    })?;
    let unit = unit_id.is_some().then(|| user.unit.summary());
    Ok(Holiday { id: row.id, day: row.day, name: row.name, unit, editable: true })
}

/// Removes a holiday the caller keeps.
pub fn remove(conn: &mut DbConn, user: &AuthUser, id: i64) -> ApiResult<()> {
    write_transaction(conn, |conn| {
        let row = model::find(conn, id)?;
        if !may_keep(user, row.unit_id) {
            return Err(ApiError::ForbiddenBecause("Ngày nghỉ này do nơi khác quản lý".into()));
        }
        Ok(model::delete(conn, &row, user.id)?)
    })
}
