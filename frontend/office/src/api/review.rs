//! The commune office's decisions on what units send (return, approve,
//! reopen; figures and sections alike), and the lists it decides from.

use tonghop_shared::api::{ApproveRequest, ReopenRequest, ReturnRequest, Section, Submission};
use tonghop_shared::{MonthPeriod, ReportPeriod};

use super::{ApiError, get, post};

/// Sends a submitted form back to its unit with reasons (commune office).
pub async fn return_submission(unit_id: i64, form_id: i64, period: MonthPeriod, request: &ReturnRequest) -> Result<Submission, ApiError> {
    post(&format!("/submissions/{unit_id}/{form_id}/{period}/return"), request).await
}

/// Approves a submitted form, which locks it (commune office).
pub async fn approve(unit_id: i64, form_id: i64, period: MonthPeriod, request: &ApproveRequest) -> Result<Submission, ApiError> {
    post(&format!("/submissions/{unit_id}/{form_id}/{period}/approve"), request).await
}

/// Opens an approved form again, with a reason (commune office).
pub async fn reopen(unit_id: i64, form_id: i64, period: MonthPeriod, request: &ReopenRequest) -> Result<Submission, ApiError> {
    post(&format!("/submissions/{unit_id}/{form_id}/{period}/reopen"), request).await
}

/// Every unit's submission of a form for a period (`None`: the current one).
pub async fn submissions(form_id: i64, period: Option<MonthPeriod>) -> Result<Vec<Submission>, ApiError> {
    match period {
        Some(period) => get(&format!("/submissions?form_id={form_id}&period={period}")).await,
        None => get(&format!("/submissions?form_id={form_id}")).await,
    }
}

/// Who has sent what: every unit x the months `from`..=`to` (`None`: the
/// last six months, as the server counts them).
pub async fn completeness(form_id: i64, window: Option<(MonthPeriod, MonthPeriod)>) -> Result<tonghop_shared::api::Completeness, ApiError> {
    match window {
        Some((from, to)) => get(&format!("/completeness?form_id={form_id}&from={from}&to={to}")).await,
        None => get(&format!("/completeness?form_id={form_id}")).await,
    }
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
