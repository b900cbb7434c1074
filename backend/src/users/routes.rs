//! `/api/v1/users`: accounts.

use actix_web::{HttpResponse, get, patch, post, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use tonghop_shared::api::{ErrorBody, NewUser, Role, User};
use tonghop_shared::text;
use tonghop_shared::validation::{FieldError, check_name, check_password};
use utoipa_actix_web::service_config::ServiceConfig;

use super::model;
use crate::audit::{self, Entry};
use crate::auth::{AuthUser, password};
use crate::db::schema::users;
use crate::db::write_transaction;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::units::model as units;
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
    AuthUser::require(matches!(user.role, Role::Admin | Role::Commune))?;
    let rows = state.db(move |conn| Ok(model::list(conn, (!user.is_admin()).then_some(&user.unit))?)).await?;
    Ok(web::Json(rows.iter().map(|(u, unit)| u.to_api(unit)).collect()))
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
    )
)]
#[post("/users")]
pub async fn create_user(state: web::Data<AppState>, user: AuthUser, body: Json<NewUser>) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let (username, display_name) = model::validate_new(&input)?;
    let created = state
        .db(move |conn| {
            let unit = units::find(conn, input.unit_id)?;
            let role_allowed = user.is_admin() || matches!(input.role, Role::Reporter | Role::Commune);
            AuthUser::require(role_allowed && user.can_manage(&unit))?;
            write_transaction(conn, |conn| {
                let id = model::insert(conn, &username, &display_name, &input.password, input.role, unit.id)?;
                let (row, unit) = model::find(conn, id)?;
                let entry = Entry { user_id: Some(user.id), entity: "user", entity_id: id, action: "create" };
                audit::record(conn, entry, None::<&User>, Some(&row.to_api(&unit)))?;
                Ok(row.to_api(&unit))
            })
        })
        .await?;
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
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<UserPatch>,
) -> ApiResult<web::Json<User>> {
    let id = id.into_inner();
    let patch = body.into_inner();
    let display_name = patch.display_name.as_deref().map(text::clean);
    let mut errors = Vec::new();
    if let Some(name) = &display_name {
        errors.extend(check_name("display_name", name, 120).err());
    }
    if let Some(pw) = &patch.password {
        errors.extend(check_password(pw).err());
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let updated = state
        .db(move |conn| {
            // Hashing is slow on purpose: it runs here, off the async executor.
            let new_hash = patch.password.as_deref().map(password::hash).transpose()?;
            write_transaction(conn, |conn| {
                let deactivating = patch.active == Some(false);
                if deactivating {
                    crate::db::serialize(conn, crate::db::Serialized::ActiveAdministrators)?;
                }
                let (before, unit) = model::find(conn, id)?;
                let target_role: Role = before.role;
                AuthUser::require(user.can_manage(&unit) && (user.is_admin() || target_role != Role::Admin))?;
                if deactivating && target_role == Role::Admin && before.active && model::other_active_admins(conn, id)? == 0 {
                    return Err(ApiError::Validation(vec![FieldError::new(
                        "active",
                        "last_administrator",
                        "Không thể khóa quản trị viên cuối cùng: hãy tạo hoặc mở lại một tài khoản quản trị khác trước",
                    )]));
                }
                diesel::update(users::table.find(id))
                    .set((
                        users::display_name.eq(display_name.unwrap_or_else(|| before.display_name.clone())),
                        users::active.eq(patch.active.unwrap_or(before.active)),
                        users::updated_at.eq(crate::db::now()),
                    ))
                    .execute(conn)?;
                if let Some(hash) = &new_hash {
                    diesel::update(users::table.find(id)).set(users::password_hash.eq(hash)).execute(conn)?;
                }
                let (after, unit) = model::find(conn, id)?;
                let entry = Entry { user_id: Some(user.id), entity: "user", entity_id: id, action: "update" };
                audit::record(conn, entry, Some(&before.to_api(&unit)), Some(&after.to_api(&unit)))?;
                Ok(after.to_api(&unit))
            })
        })
        .await?;
    Ok(web::Json(updated))
}
