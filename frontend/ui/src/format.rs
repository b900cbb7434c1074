//! Dates and times as Vietnamese users write them: `16/06/2026`, `10:32`.
//!
//! Figures are formatted by `tonghop_shared::Amount`; this is only the
//! calendar side. Times are shown in the phone's own time zone, which the
//! browser knows and Rust does not.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use wasm_bindgen::JsValue;
use web_sys::js_sys::Date;

/// `16/06/2026`. Written out by hand: chrono's formatter would add its
/// whole pattern parser to the download.
pub fn date(day: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", day.day(), day.month(), day.year())
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
