//! Activity sections: the text a mass organisation writes about a period,
//! and the commune office's decisions on it.

use gloo_net::http::Method;
use tonghop_shared::ReportPeriod;
use tonghop_shared::api::{ApproveRequest, ReopenRequest, ReturnRequest, Section, SectionInput};

use super::client::{json, send_authed};
use super::{ApiError, get, post, to_json};

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
    let body = to_json(input)?;
    json(send_authed(Method::PUT, &format!("/sections/{unit_id}/{period}"), Some(&body)).await?).await
}

/// Saves and sends to the commune. Safe to repeat after a lost answer.
pub async fn submit_section(unit_id: i64, period: ReportPeriod, input: &SectionInput) -> Result<Section, ApiError> {
    post(&format!("/sections/{unit_id}/{period}/submit"), input).await
}

/// Sends a submitted section back with a reason (commune office).
pub async fn return_section(unit_id: i64, period: ReportPeriod, request: &ReturnRequest) -> Result<Section, ApiError> {
    post(&format!("/sections/{unit_id}/{period}/return"), request).await
}

/// Approves a submitted section (commune office).
pub async fn approve_section(unit_id: i64, period: ReportPeriod, request: &ApproveRequest) -> Result<Section, ApiError> {
    post(&format!("/sections/{unit_id}/{period}/approve"), request).await
}

/// Opens an approved section again, with a reason (commune office).
pub async fn reopen_section(unit_id: i64, period: ReportPeriod, request: &ReopenRequest) -> Result<Section, ApiError> {
    post(&format!("/sections/{unit_id}/{period}/reopen"), request).await
}
