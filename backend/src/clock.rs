//! Today's date where the communes are.
//!
//! Deadlines and reporting periods are Vietnamese calendar dates. Vietnam
//! keeps UTC+7 all year (no daylight saving), so the date is computed from
//! UTC directly rather than from the server's own time zone, which on a cloud
//! machine is usually UTC and would move the cut-off by seven hours.

use chrono::{Duration, NaiveDate, Utc};

/// Vietnam's offset from UTC.
const VIETNAM_OFFSET_HOURS: i64 = 7;

/// The time now in Vietnam, as a date and time without a zone.
pub fn now_in_vietnam() -> chrono::NaiveDateTime {
    (Utc::now() + Duration::hours(VIETNAM_OFFSET_HOURS)).naive_utc()
}

/// Today's date in Vietnam.
pub fn today() -> NaiveDate {
    now_in_vietnam().date()
}
