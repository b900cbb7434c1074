//! `/api/v1/auth/*`: log in, refresh, log out, who am I.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, get, post, web};
use tonghop_shared::api::{CurrentUser, ErrorBody, LoginRequest, RefreshRequest, TokenResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use super::extractor::AuthUser;
use super::sessions;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login).service(refresh).service(logout).service(me);
}

/// Log in.
///
/// Exchanges a username and password for a short-lived access token and a
/// single-use refresh token. A wrong username and a wrong password get the
/// same answer. After five failures in a row a username is locked for a
/// minute, doubling with each further failure up to 15 minutes. Logins from
/// one client address are also limited in rate (30 a minute by default).
/// Password checks run a few at a time (one per core by default); a login
/// that waits too long for its turn is answered 503 `busy` with `Retry-After`.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenResponse, headers(
            ("Cache-Control" = String, description = "`no-store`: no cache keeps the tokens"),
            ("Pragma" = String, description = "`no-cache`, for HTTP/1.0 caches"))),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Wrong username or password", body = ErrorBody),
        (status = 422, description = "Username or password missing", body = ErrorBody),
        (status = 429, description = "Too many failed attempts for this username (`too_many_attempts`), or too many logins from this address (`rate_limited`)", body = ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds until the next attempt is allowed"))),
        (status = 503, description = "Every password-hashing slot stayed busy (`busy`: many logins at once)", body = ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait before trying again"))),
    )
)]
#[post("/auth/login")]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, body: Json<LoginRequest>) -> ApiResult<HttpResponse> {
    let address = state.limits.client_address(&req);
    let LoginRequest { username, password } = body.into_inner();
    let mut missing = Vec::new();
    if username.trim().is_empty() {
        missing.push(tonghop_shared::FieldError::new("username", "required", "Nhập tên đăng nhập"));
    }
    if password.is_empty() {
        missing.push(tonghop_shared::FieldError::new("password", "required", "Nhập mật khẩu"));
    }
    if !missing.is_empty() {
        return Err(ApiError::Validation(missing));
    }
    state.limits.check_login(address)?;
    let (keys, limits) = (state.keys.clone(), state.limits.clone());
    let tokens = state
        .db_hashing(move |conn| {
            limits.check_login_stored(conn, address)?;
            sessions::login(conn, &keys, &username, &password)
        })
        .await?;
    Ok(secret(HttpResponse::Ok()).json(tokens))
}

/// Refresh a session.
///
/// Exchanges a refresh token for a new access token and a new refresh token.
/// Each refresh token works once (a retry within 30 seconds is tolerated, for
/// phones whose first answer was lost); one presented again later ends every
/// session of its user.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenResponse, headers(
            ("Cache-Control" = String, description = "`no-store`: no cache keeps the tokens"),
            ("Pragma" = String, description = "`no-cache`, for HTTP/1.0 caches"))),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Unknown, expired or reused refresh token", body = ErrorBody),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(state: web::Data<AppState>, body: Json<RefreshRequest>) -> ApiResult<HttpResponse> {
    let keys = state.keys.clone();
    let token = body.into_inner().refresh_token;
    let tokens = state.db(move |conn| sessions::refresh(conn, &keys, &token)).await?;
    Ok(secret(HttpResponse::Ok()).json(tokens))
}

/// Log out.
///
/// Ends the session of this refresh token. Access tokens already issued run
/// out by themselves within minutes.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Logged out"),
        (status = 400, description = "Malformed body", body = ErrorBody),
    )
)]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, body: Json<RefreshRequest>) -> ApiResult<HttpResponse> {
    let token = body.into_inner().refresh_token;
    state.db(move |conn| sessions::logout(conn, &token)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An answer that carries a secret (tokens): no cache keeps it, neither
/// the browser's nor a proxy's.
pub(crate) fn secret(mut builder: HttpResponseBuilder) -> HttpResponseBuilder {
    builder.insert_header((header::CACHE_CONTROL, "no-store")).insert_header((header::PRAGMA, "no-cache"));
    builder
}

/// Who am I.
///
/// The logged-in user, their role, their unit and the reporting calendar
/// the unit follows.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = CurrentUser),
        (status = 401, description = "Not logged in", body = ErrorBody),
    )
)]
#[get("/auth/me")]
pub async fn me(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<CurrentUser>> {
    Ok(web::Json(state.db(move |conn| Ok(user.to_api(conn)?)).await?))
}
