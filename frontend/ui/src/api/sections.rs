//! Activity sections: the text a mass organisation writes about a period,
//! saved and sent (the office's decisions on it are the office app's).

use gloo_net::http::Method;
use tonghop_shared::ReportPeriod;
use tonghop_shared::api::{Section, SectionInput};

use super::client::{send_authed, text};
use super::{ApiError, decode, get, offline, to_json};

/// Every section the user may see for a period: for the commune, each mass
/// organisation below it (started or not); for a unit, its own.
pub async fn sections(period: ReportPeriod) -> Result<Vec<Section>, ApiError> {
    get(&format!("/sections?period={period}")).await
}

/// One unit's section (`not_started` with an empty text when none is saved).
pub async fn section(unit_id: i64, period: ReportPeriod) -> Result<Section, ApiError> {
    get(&format!("/sections/{unit_id}/{period}")).await
}

/// Saves the draft (`PUT`); a stale version is refused with `version_conflict`.
pub async fn save_section(unit_id: i64, period: ReportPeriod, input: &SectionInput) -> Result<Section, ApiError> {
    write(Method::PUT, &format!("/sections/{unit_id}/{period}"), "", input).await
}

/// Saves and sends to the commune. Safe to repeat after a lost answer.
pub async fn submit_section(unit_id: i64, period: ReportPeriod, input: &SectionInput) -> Result<Section, ApiError> {
    write(Method::POST, &format!("/sections/{unit_id}/{period}"), "/submit", input).await
}

/// Sends the text to `{path}{action}` and keeps the answer as the offline
/// copy of `GET {path}`.
async fn write(method: Method, path: &str, action: &str, input: &SectionInput) -> Result<Section, ApiError> {
    let body = to_json(input)?;
    let text = text(send_authed(method, &format!("{path}{action}"), Some(&body)).await?).await?;
    let section = decode(&text)?;
    offline::remember(path, &text);
    Ok(section)
}
