//! `/api/v1/me/tokens`: the caller's personal access tokens for scripts.

use actix_web::{HttpResponse, delete, get, post, web};
use tonghop_shared::api::{AccessToken, CreatedAccessToken, ErrorBody, NewAccessToken};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::access_tokens;
use crate::auth::extractor::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_tokens).service(create_token).service(revoke_token);
}

/// List my access tokens.
///
/// The caller's personal access tokens, newest first, including expired and
/// revoked ones. The tokens themselves are never shown again: only their
/// first characters (`prefix`).
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's tokens", body = Vec<AccessToken>),
        (status = 401, description = "Not logged in, or the token is unknown, expired or revoked", body = ErrorBody),
        (status = 429, description = "Too many requests with this personal access token", body = ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds until the next request is allowed"))),
    )
)]
#[get("/me/tokens")]
pub async fn list_tokens(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<Vec<AccessToken>>> {
    let now = crate::db::now();
    let rows = state.db(move |conn| Ok(access_tokens::list(conn, user.id)?)).await?;
    Ok(web::Json(rows.iter().map(|r| r.to_api(now)).collect()))
}

/// Create an access token.
///
/// A read-only token for scripts: send it as `Authorization: Bearer <token>`.
/// It reads what its owner may read; any request other than GET or HEAD made
/// with it is refused (403 `read_only_token`). The token is in this answer
/// only: it is stored as a hash and cannot be shown again. Only a session of
/// the app may create tokens, not another token.
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = [])),
    request_body = NewAccessToken,
    responses(
        (status = 201, description = "Created; the token is shown this once", body = CreatedAccessToken, headers(
            ("Cache-Control" = String, description = "`no-store`: no cache keeps the token"),
            ("Pragma" = String, description = "`no-cache`, for HTTP/1.0 caches"))),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Called with a personal access token (`read_only_token`)", body = ErrorBody),
        (status = 422, description = "Name missing or too long, or lifetime not 1 to 365 days", body = ErrorBody),
    )
)]
#[post("/me/tokens")]
pub async fn create_token(state: web::Data<AppState>, user: AuthUser, body: Json<NewAccessToken>) -> ApiResult<HttpResponse> {
    user.require_session()?;
    let (name, days) = access_tokens::validate_new(&body)?;
    let now = crate::db::now();
    let created = state.db(move |conn| access_tokens::issue(conn, user.id, &name, days, now)).await?;
    Ok(crate::auth::routes::secret(HttpResponse::Created()).json(created))
}

/// Revoke an access token.
///
/// The token stops working at once. Revoking a revoked token changes
/// nothing. Another user's token is not found.
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Token id (from the list)")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 400, description = "Malformed id", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Called with a personal access token (`read_only_token`)", body = ErrorBody),
        (status = 404, description = "No such token of the caller", body = ErrorBody),
    )
)]
#[delete("/me/tokens/{id}")]
pub async fn revoke_token(state: web::Data<AppState>, user: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    user.require_session()?;
    let id = id.into_inner();
    let now = crate::db::now();
    state.db(move |conn| access_tokens::revoke_audited(conn, user.id, id, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}
