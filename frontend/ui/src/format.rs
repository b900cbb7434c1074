//! Dates and times as Vietnamese users write them: `16/06/2026`, `10:32`,
//! and the reporting period in progress.
//!
//! Figures are formatted by `tonghop_shared::Amount`; this is only the
//! calendar side, written by `tonghop_shared::dates` as the server writes it.
//! Times are shown in the phone's own time zone, which the browser knows and
//! Rust does not.

use chrono::{DateTime, NaiveDate, Utc};
use tonghop_shared::{MonthPeriod, ReportPeriod, ReportingCalendar};
use wasm_bindgen::JsValue;
use web_sys::js_sys::Date;

/// `16/06/2026`.
pub fn date(day: NaiveDate) -> String {
    tonghop_shared::dates::numeric_date(day)
}

/// `15/05/2026 – 14/06/2026`: the days a period's figures cover.
pub fn date_range(start: NaiveDate, end: NaiveDate) -> String {
    format!("{} – {}", date(start), date(end))
}

/// `10:32` now, local time.
pub fn now_time() -> String {
    time_of(&Date::new_0())
}

/// `10:32 15/06/2026`, local time.
pub fn date_time(at: DateTime<Utc>) -> String {
    let js = Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    format!("{} {:02}/{:02}/{}", time_of(&js), js.get_date(), js.get_month() + 1, js.get_full_year())
}

fn time_of(js: &Date) -> String {
    format!("{:02}:{:02}", js.get_hours(), js.get_minutes())
}

/// Today on the phone's calendar.
pub fn today() -> NaiveDate {
    let now = Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// The reporting calendar the screens count periods by: the one the
/// user's unit follows, as the login said (the default, Decree 09, before
/// anyone is logged in).
pub fn calendar() -> ReportingCalendar {
    crate::session::calendar()
}

/// The reporting month in progress.
pub fn current_month() -> MonthPeriod {
    MonthPeriod::containing(today(), &calendar())
}

/// The six months in progress: those of the reporting month in progress.
pub fn current_half() -> ReportPeriod {
    ReportPeriod::current_half(today(), &calendar())
}
