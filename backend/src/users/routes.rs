//! `/api/v1/users`: accounts.

use actix_web::{HttpResponse, get, patch, post, web};
use serde::{Deserialize, Serialize};
use tonghop_shared::api::{ErrorBody, NewUser, User};
use utoipa_actix_web::service_config::ServiceConfig;

use super::service::{self, Change};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_users).service(create_user).service(update_user);
}

/// Body of `PATCH /api/v1/users/{id}`: only the fields given change.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UserPatch {
    /// New display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// A new password (at least 8 characters).
    #[serde(default)]
    pub password: Option<String>,
    /// Deactivate (`false`) or reactivate (`true`) the account.
    #[serde(default)]
    pub active: Option<bool>,
}

/// List accounts.
///
/// Administrators see every account; a commune office sees the accounts of
/// its commune and the units below it.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Accounts", body = Vec<User>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Reporters and viewers cannot list accounts", body = ErrorBody),
    )
)]
#[get("/users")]
pub async fn list_users(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<Vec<User>>> {
    Ok(web::Json(state.db(move |conn| service::list(conn, &user)).await?))
}
/// Create an account.
///
/// Administrators may create any account. A commune office may create
/// reporter and commune accounts for the units below it.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = NewUser,
    responses(
        (status = 201, description = "Created", body = User),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to create this account", body = ErrorBody),
        (status = 404, description = "Unit not found", body = ErrorBody),
        (status = 409, description = "Username already used", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
        (status = 503, description = "Every password-hashing slot stayed busy (`busy`)", body = ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait before trying again"))),
    )
)]
#[post("/users")]
pub async fn create_user(state: web::Data<AppState>, user: AuthUser, body: Json<NewUser>) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let created = state.db_hashing(move |conn| service::create(conn, &user, &input)).await?;
    Ok(HttpResponse::Created().json(created))
}

/// Change an account.
///
/// Rename, reset the password, deactivate or reactivate. Deactivation takes
/// effect on the account's next request. The last active administrator
/// cannot be deactivated (422 on `active`), so someone can always administer;
/// two deactivations at once are decided one after the other.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    request_body = UserPatch,
    responses(
        (status = 200, description = "The changed account", body = User),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to change this account", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
        (status = 422, description = "Invalid fields, or it would deactivate the last active administrator", body = ErrorBody),
        (status = 503, description = "A new password, and every password-hashing slot stayed busy (`busy`)", body = ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait before trying again"))),
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<UserPatch>,
) -> ApiResult<web::Json<User>> {
    let patch = body.into_inner();
    let change = Change { display_name: patch.display_name, password: patch.password, active: patch.active }.checked()?;
    let id = id.into_inner();
    // A new password is hashed: that takes a slot.
    let hashes = change.password.is_some();
    let update = move |conn: &mut crate::db::PooledConn| service::update(conn, &user, id, change);
    Ok(web::Json(if hashes { state.db_hashing(update).await? } else { state.db(update).await? }))
}
