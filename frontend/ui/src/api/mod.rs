//! Every call to the tonghop API. Only this module knows about HTTP: pages
//! call these functions and get `tonghop_shared` types or an [`ApiError`].
//!
//! Calls made as the logged-in user refresh the access token once when it
//! is refused; [`ApiError::SessionExpired`] means that failed too, and
//! [`client`] has already told the session, which shows the login screen
//! (what the user typed is kept by [`crate::drafts`]). Pages need not
//! handle it.

pub mod client;
mod error;
pub mod offline;
pub mod push;
mod sections;
mod tokens;

pub use error::{ApiError, OFFLINE, VERSION_CONFLICT};
pub use sections::{save_section, section, sections, submit_section};

use gloo_net::http::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{
    CurrentUser, DueItem, Form, HistoryEntry, LoginRequest, RefreshRequest, Submission, SubmissionInput, TokenResponse,
};

use client::{json, send, send_authed};

/// Logs in and keeps the tokens.
pub async fn login(username: &str, password: &str) -> Result<CurrentUser, ApiError> {
    let body = to_json(&LoginRequest { username: username.to_owned(), password: password.to_owned() })?;
    let answer: TokenResponse = json(send(Method::POST, "/auth/login", Some(&body), None).await?).await?;
    // Another user than the last one on this phone: their answers go first.
    if crate::storage::get::<i64>(LAST_USER_KEY).is_some_and(|last| last != answer.user.id) {
        offline::forget_all().await;
    }
    crate::storage::set(LAST_USER_KEY, &answer.user.id);
    tokens::store(&answer);
    Ok(answer.user)
}

/// The last user who logged in on this browser: the service worker's copies
/// of API answers are theirs.
const LAST_USER_KEY: &str = "tonghop.last_user";

/// Ends the session on the server (best effort), forgets the tokens and the
/// answers kept for offline use.
pub async fn logout() {
    offline::forget_all().await;
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

/// Saves a draft. Safe to repeat after a lost answer.
pub async fn save_draft(unit_id: i64, form_id: i64, period: MonthPeriod, input: &SubmissionInput) -> Result<Submission, ApiError> {
    decode(&send_and_keep(Method::PUT, &format!("/submissions/{unit_id}/{form_id}/{period}"), "", to_json(input)?).await?)
}

/// Submits to the commune. Safe to repeat after a lost answer.
pub async fn submit(unit_id: i64, form_id: i64, period: MonthPeriod, input: &SubmissionInput) -> Result<Submission, ApiError> {
    decode(&send_and_keep(Method::POST, &format!("/submissions/{unit_id}/{form_id}/{period}"), "/submit", to_json(input)?).await?)
}

/// Sends a JSON body to `{path}{action}` as the logged-in user and keeps the
/// answer as the offline copy of `GET {path}`, the same resource (a
/// submission, a section); returns the answer's text.
async fn send_and_keep(method: Method, path: &str, action: &str, body: String) -> Result<String, ApiError> {
    let text = client::text(send_authed(method, &format!("{path}{action}"), Some(&body)).await?).await?;
    offline::remember(path, &text);
    Ok(text)
}

/// The changes of one figure and every change of status, oldest first.
pub async fn history(unit_id: i64, form_id: i64, period: MonthPeriod, indicator_code: &str) -> Result<Vec<HistoryEntry>, ApiError> {
    get(&format!("/submissions/{unit_id}/{form_id}/{period}/history?indicator={indicator_code}")).await
}

/// What the user should look at now: returned and overdue forms, forms
/// waiting for review.
pub async fn notices() -> Result<Vec<tonghop_shared::api::Notice>, ApiError> {
    get("/notices").await
}

/// Reads a JSON answer as the logged-in user. Only the decoding is generic:
/// the request, the refresh and the error handling are compiled once, not
/// once per type of answer.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(&client::text(send_authed(Method::GET, path, None).await?).await?)
}

/// Posts a JSON body as the logged-in user and reads the JSON answer.
pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let body = to_json(body)?;
    decode(&client::text(send_authed(Method::POST, path, Some(&body)).await?).await?)
}

/// Writes a request body.
pub fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::Unexpected(e.to_string()))
}

/// Reads an answer's JSON.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    crate::json::from_str(text).map_err(ApiError::Unexpected)
}
