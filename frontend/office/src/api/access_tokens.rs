//! The user's personal access tokens for scripts.

use gloo_net::http::Method;
use tonghop_shared::api::{AccessToken, CreatedAccessToken, NewAccessToken};

use super::client::{check, json, send_authed};
use super::{ApiError, get, to_json};

/// The user's tokens, newest first (never the tokens themselves).
pub async fn access_tokens() -> Result<Vec<AccessToken>, ApiError> {
    get("/me/tokens").await
}

/// Creates a token; the answer holds it this once.
pub async fn create_access_token(input: &NewAccessToken) -> Result<CreatedAccessToken, ApiError> {
    let body = to_json(input)?;
    json(send_authed(Method::POST, "/me/tokens", Some(&body)).await?).await
}

/// Revokes a token: it stops working at once.
pub async fn revoke_access_token(id: i64) -> Result<(), ApiError> {
    check(send_authed(Method::DELETE, &format!("/me/tokens/{id}"), None).await?).await.map(|_| ())
}
