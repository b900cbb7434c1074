//! Sending a request: the bearer token, the one automatic refresh on 401,
//! and turning answers into [`ApiError`]s.
//!
//! A session that is over (no tokens, or the refresh refused) is said here,
//! once for every call: [`ApiError::SessionExpired`] comes back to the caller
//! and the listener set with [`on_session_expired`] (the session context) is
//! told, which puts the login screen up. Pages only show other errors.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder, Response};
use gloo_timers::future::TimeoutFuture;
use serde::de::DeserializeOwned;
use tonghop_shared::api::{ErrorBody, RefreshRequest, TokenResponse};
use wasm_bindgen::JsValue;

use super::ApiError;
use super::tokens::{self, Tokens};

/// Where the API lives.
pub const BASE: &str = "/api/v1";

thread_local! {
    /// Set while a refresh is on its way. Refresh tokens are single-use: two
    /// requests refreshing at once would spend the same token twice, and the
    /// second would log the user out.
    static REFRESHING: Cell<bool> = const { Cell::new(false) };

    /// Told when a call finds the session over (see [`on_session_expired`]).
    static ON_EXPIRED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Sets what to do when a call finds the session over (the session provider
/// shows the login screen), or, with `None`, forgets it.
pub fn on_session_expired(listener: Option<Rc<dyn Fn()>>) {
    ON_EXPIRED.with(|l| *l.borrow_mut() = listener);
}

/// Tells the listener, if any, that the session is over. Called outside the
/// borrow: the listener may set another.
fn session_expired() {
    if let Some(listener) = ON_EXPIRED.with(|l| l.borrow().clone()) {
        listener();
    }
}

/// Clears [`REFRESHING`] however the refresh ends (even if its future is dropped).
struct RefreshGuard;

impl Drop for RefreshGuard {
    fn drop(&mut self) {
        REFRESHING.with(|r| r.set(false));
    }
}

/// What a request carries.
#[derive(Clone, Copy)]
pub enum Payload<'a> {
    /// Nothing.
    Empty,
    /// A JSON document.
    Json(&'a str),
    /// Raw bytes, e.g. a file the user picked, with their content type.
    Raw {
        /// A `File`, `Blob` or byte array.
        data: &'a JsValue,
        /// E.g. `text/csv`.
        content_type: &'a str,
    },
}

impl<'a> From<Option<&'a str>> for Payload<'a> {
    fn from(body: Option<&'a str>) -> Self {
        body.map_or(Payload::Empty, Payload::Json)
    }
}

/// Sends a request without a token (login, refresh, logout).
pub async fn send(method: Method, path: &str, body: Option<&str>, token: Option<&str>) -> Result<Response, ApiError> {
    send_payload(method, path, body.into(), token).await
}

/// Sends a request with any payload, with an optional token.
async fn send_payload(method: Method, path: &str, payload: Payload<'_>, token: Option<&str>) -> Result<Response, ApiError> {
    let mut builder = RequestBuilder::new(&format!("{BASE}{path}")).method(method).header("Accept", "application/json");
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match payload {
        Payload::Empty => builder.build(),
        Payload::Json(json) => builder.header("Content-Type", "application/json").body(json.to_owned()),
        Payload::Raw { data, content_type } => builder.header("Content-Type", content_type).body(data.clone()),
    };
    let request = request.map_err(|e| ApiError::Unexpected(e.to_string()))?;
    request.send().await.map_err(|_| ApiError::Network)
}

/// Sends a request as the logged-in user. On 401 the access token is
/// refreshed once and the request repeated; if that fails the session is
/// over, and the session is told so (the login screen comes up).
pub async fn send_authed(method: Method, path: &str, body: Option<&str>) -> Result<Response, ApiError> {
    send_authed_payload(method, path, body.into()).await
}

/// [`send_authed`] with any payload.
pub async fn send_authed_payload(method: Method, path: &str, payload: Payload<'_>) -> Result<Response, ApiError> {
    let result = send_with_refresh(method, path, payload).await;
    if matches!(result, Err(ApiError::SessionExpired)) {
        session_expired();
    }
    result
}

/// The request, and once more after a refresh if the token was refused.
async fn send_with_refresh(method: Method, path: &str, payload: Payload<'_>) -> Result<Response, ApiError> {
    let used = tokens::load().ok_or(ApiError::SessionExpired)?;
    let response = send_payload(method.clone(), path, payload, Some(&used.access_token)).await?;
    if response.status() != 401 {
        return Ok(response);
    }
    refresh(&used).await?;
    let fresh = tokens::load().ok_or(ApiError::SessionExpired)?;
    let response = send_payload(method, path, payload, Some(&fresh.access_token)).await?;
    if response.status() == 401 {
        tokens::clear();
        return Err(ApiError::SessionExpired);
    }
    Ok(response)
}

/// Replaces the tokens that `used` was refused with, unless another request
/// (or another tab) has already done so.
async fn refresh(used: &Tokens) -> Result<(), ApiError> {
    while REFRESHING.with(Cell::get) {
        TimeoutFuture::new(50).await;
    }
    let current = tokens::load().ok_or(ApiError::SessionExpired)?;
    if current.access_token != used.access_token {
        return Ok(());
    }
    REFRESHING.with(|r| r.set(true));
    let _guard = RefreshGuard;
    let body =
        serde_json::to_string(&RefreshRequest { refresh_token: current.refresh_token }).map_err(|e| ApiError::Unexpected(e.to_string()))?;
    let response = send(Method::POST, "/auth/refresh", Some(&body), None).await?;
    match json::<TokenResponse>(response).await {
        Ok(answer) => {
            tokens::store(&answer);
            Ok(())
        }
        // Offline: keep the tokens, the user may retry when back online.
        Err(ApiError::Network) => Err(ApiError::Network),
        Err(_) => {
            tokens::clear();
            Err(ApiError::SessionExpired)
        }
    }
}

/// Reads a JSON answer, or the error body of a failed one.
pub async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    super::decode(&text(response).await?)
}

/// The body of a successful answer as text, or the error of a failed one.
/// Not generic, so it is compiled once whatever the answer decodes to.
pub async fn text(response: Response) -> Result<String, ApiError> {
    check(response).await?.text().await.map_err(|_| ApiError::Network)
}

/// Passes a successful answer through; turns a failed one into an [`ApiError`].
pub async fn check(response: Response) -> Result<Response, ApiError> {
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let retry_after = response.headers().get("Retry-After").and_then(|v| v.trim().parse().ok());
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    let body = crate::json::from_str::<ErrorBody>(&text).unwrap_or_else(|_| ErrorBody {
        code: if status == 401 { "unauthorized".into() } else { format!("http_{status}") },
        message: String::new(),
        fields: Vec::new(),
    });
    Err(ApiError::Server { status, body, retry_after })
}
