//! Public holidays: those in force for the user's unit, and keeping them;
//! the reminder before deadlines.

use gloo_net::http::Method;
use tonghop_shared::api::{Holiday, NewHoliday, ReminderSettings, ReminderSettingsInput};

use super::client::{check, json, send_authed};
use super::{ApiError, get, to_json};

/// The holidays of a year in force for the user's unit.
pub async fn holidays(year: i32) -> Result<Vec<Holiday>, ApiError> {
    get(&format!("/holidays?year={year}")).await
}

/// Adds a holiday.
pub async fn add_holiday(input: &NewHoliday) -> Result<Holiday, ApiError> {
    let body = to_json(input)?;
    json(send_authed(Method::POST, "/holidays", Some(&body)).await?).await
}

/// Removes a holiday.
pub async fn delete_holiday(id: i64) -> Result<(), ApiError> {
    check(send_authed(Method::DELETE, &format!("/holidays/{id}"), None).await?).await.map(|_| ())
}

/// The reminder before deadlines in force for a unit.
pub async fn reminders(unit_id: i64) -> Result<ReminderSettings, ApiError> {
    get(&format!("/units/{unit_id}/reminders")).await
}

/// Sets how many days before a deadline the unit (and those below it) are reminded.
pub async fn set_reminders(unit_id: i64, days_before: Option<u32>) -> Result<ReminderSettings, ApiError> {
    let body = to_json(&ReminderSettingsInput { days_before })?;
    json(send_authed(Method::PUT, &format!("/units/{unit_id}/reminders"), Some(&body)).await?).await
}
