//! Activity sections: the text a mass organisation writes about a period,
//! saved and sent (the office's decisions on it are the office app's).

use gloo_net::http::Method;
use tonghop_shared::ReportPeriod;
use tonghop_shared::api::{Section, SectionInput};

use super::{ApiError, decode, get, send_and_keep, to_json};

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
    decode(&send_and_keep(Method::PUT, &format!("/sections/{unit_id}/{period}"), "", to_json(input)?).await?)
}

/// Saves and sends to the commune. Safe to repeat after a lost answer.
pub async fn submit_section(unit_id: i64, period: ReportPeriod, input: &SectionInput) -> Result<Section, ApiError> {
    decode(&send_and_keep(Method::POST, &format!("/sections/{unit_id}/{period}"), "/submit", to_json(input)?).await?)
}
