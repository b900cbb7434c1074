//! Every call to the tonghop API. Only this module knows about HTTP: pages
//! call these functions and get `tonghop_shared` types or an [`ApiError`].
//!
//! Calls made as the logged-in user refresh the access token once when it
//! is refused; [`ApiError::SessionExpired`] means that failed too, and the
//! page should send the user to the login screen (what they typed is kept
//! by [`crate::drafts`]).

mod access_tokens;
mod client;
mod error;
mod plans;
mod reports;
mod sections;
mod tokens;
mod totals;

pub use access_tokens::{access_tokens, create_access_token, revoke_access_token};
pub use error::{ApiError, OFFLINE};
pub use plans::{FileFormat, delete_plan, import, indicators, plans, put_plan, template};
pub use reports::{
    appendix_xlsx, create_report, create_template, delete_template, draft_docx, issue_report, new_version, report, report_docx, reports,
    save_header, save_passage, templates, update_template,
};
pub use sections::{approve_section, reopen_section, return_section, save_section, section, sections, submit_section};
pub use totals::{breakdown, totals, trend};

use gloo_net::http::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{
    ApproveRequest, CurrentUser, DueItem, Form, HistoryEntry, LoginRequest, RefreshRequest, ReopenRequest, ReturnRequest, Submission,
    SubmissionInput, TokenResponse,
};

use client::{json, send, send_authed};

/// Logs in and keeps the tokens.
pub async fn login(username: &str, password: &str) -> Result<CurrentUser, ApiError> {
    let body = to_json(&LoginRequest { username: username.to_owned(), password: password.to_owned() })?;
    let answer: TokenResponse = json(send(Method::POST, "/auth/login", Some(&body), None).await?).await?;
    tokens::store(&answer);
    Ok(answer.user)
}

/// Ends the session on the server (best effort) and forgets the tokens.
pub async fn logout() {
    if let Some(stored) = tokens::load() {
        tokens::clear();
        if let Ok(body) = to_json(&RefreshRequest { refresh_token: stored.refresh_token }) {
            // Offline: the refresh token simply expires on its own.
            let _ = send(Method::POST, "/auth/logout", Some(&body), None).await;
        }
    }
}

/// Whether tokens are stored (the user logged in on this browser).
pub fn has_session() -> bool {
    tokens::load().is_some()
}

/// Forgets the tokens without telling the server (the session is already over).
pub fn forget_session() {
    tokens::clear();
}

/// Who is logged in.
pub async fn me() -> Result<CurrentUser, ApiError> {
    get("/auth/me").await
}

/// Forms due for the user's own unit.
pub async fn due() -> Result<Vec<DueItem>, ApiError> {
    get("/due").await
}

/// Every form the user can see.
pub async fn forms() -> Result<Vec<Form>, ApiError> {
    get("/forms").await
}

/// One form with its indicators.
pub async fn form(form_id: i64) -> Result<Form, ApiError> {
    get(&format!("/forms/{form_id}")).await
}

/// The validation rules of a form's indicators, checked while the user types.
pub async fn rules(form_id: i64) -> Result<Vec<tonghop_shared::rules::ValidationRule>, ApiError> {
    get(&format!("/rules?form_id={form_id}")).await
}

/// A unit's submission (the empty form when nothing is saved yet).
pub async fn submission(unit_id: i64, form_id: i64, period: MonthPeriod) -> Result<Submission, ApiError> {
    get(&format!("/submissions/{unit_id}/{form_id}/{period}")).await
}

/// Saves a draft.
pub async fn save_draft(unit_id: i64, form_id: i64, period: MonthPeriod, input: &SubmissionInput) -> Result<Submission, ApiError> {
    let body = to_json(input)?;
    json(send_authed(Method::PUT, &format!("/submissions/{unit_id}/{form_id}/{period}"), Some(&body)).await?).await
}

/// Submits to the commune. Safe to repeat after a lost answer.
pub async fn submit(unit_id: i64, form_id: i64, period: MonthPeriod, input: &SubmissionInput) -> Result<Submission, ApiError> {
    let body = to_json(input)?;
    json(send_authed(Method::POST, &format!("/submissions/{unit_id}/{form_id}/{period}/submit"), Some(&body)).await?).await
}

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

/// The changes of one figure and every change of status, oldest first.
pub async fn history(unit_id: i64, form_id: i64, period: MonthPeriod, indicator_code: &str) -> Result<Vec<HistoryEntry>, ApiError> {
    get(&format!("/submissions/{unit_id}/{form_id}/{period}/history?indicator={indicator_code}")).await
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

/// What the user should look at now: returned and overdue forms, forms
/// waiting for review.
pub async fn notices() -> Result<Vec<tonghop_shared::api::Notice>, ApiError> {
    get("/notices").await
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    json(send_authed(Method::GET, path, None).await?).await
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let body = to_json(body)?;
    json(send_authed(Method::POST, path, Some(&body)).await?).await
}

fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::Unexpected(e.to_string()))
}
