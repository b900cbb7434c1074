//! `/api/v1/units`: the tree of units.

use actix_web::{HttpResponse, get, patch, post, web};
use tonghop_shared::api::{ErrorBody, NewUnit, Unit, UnitPatch};
use utoipa_actix_web::service_config::ServiceConfig;

use super::model::{self, UnitRow};
use super::service;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_units).service(get_unit).service(create_unit).service(update_unit);
}

/// List units.
///
/// The units the caller may see, top-down: everything for an administrator,
/// the caller's unit and everything below it for commune and upper-level
/// users, the caller's own unit for a reporter. Inactive units are included
/// with `active: false`.
#[utoipa::path(
    tag = "units",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Visible units", body = Vec<Unit>),
        (status = 401, description = "Not logged in", body = ErrorBody),
    )
)]
#[get("/units")]
pub async fn list_units(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<Vec<Unit>>> {
    let rows = state.db(move |conn| Ok(user.readable_units(conn)?)).await?;
    Ok(web::Json(rows.iter().map(UnitRow::to_api).collect()))
}

/// Get a unit.
#[utoipa::path(
    tag = "units",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Unit id")),
    responses(
        (status = 200, description = "The unit", body = Unit),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Outside the caller's units", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
    )
)]
#[get("/units/{id}")]
pub async fn get_unit(state: web::Data<AppState>, user: AuthUser, id: web::Path<i64>) -> ApiResult<web::Json<Unit>> {
    let id = id.into_inner();
    let row = state.db(move |conn| Ok(model::find(conn, id)?)).await?;
    AuthUser::require(user.can_read(&row))?;
    Ok(web::Json(row.to_api()))
}

/// Create a unit.
///
/// Administrators may create units anywhere, including new roots; a commune
/// office may create units below its own (a new village, a new association).
#[utoipa::path(
    tag = "units",
    security(("bearer" = [])),
    request_body = NewUnit,
    responses(
        (status = 201, description = "Created", body = Unit),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to add a unit there", body = ErrorBody),
        (status = 404, description = "Parent unit not found", body = ErrorBody),
        (status = 409, description = "Code already used", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[post("/units")]
pub async fn create_unit(state: web::Data<AppState>, user: AuthUser, body: Json<NewUnit>) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let created = state.db(move |conn| service::create(conn, &user, &input)).await?;
    Ok(HttpResponse::Created().json(created.to_api()))
}

/// Change a unit.
///
/// Rename, recode, move under another unit, deactivate or reactivate, set its
/// reporting calendar. The unit keeps its id, so its history stays with it;
/// every change is in the audit log.
#[utoipa::path(
    tag = "units",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Unit id")),
    request_body = UnitPatch,
    responses(
        (status = 200, description = "The changed unit", body = Unit),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to change this unit or move it there", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
        (status = 409, description = "Code already used", body = ErrorBody),
        (status = 422, description = "Invalid fields, or a move under its own descendant", body = ErrorBody),
    )
)]
#[patch("/units/{id}")]
pub async fn update_unit(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<UnitPatch>,
) -> ApiResult<web::Json<Unit>> {
    let (id, patch) = (id.into_inner(), body.into_inner());
    let updated = state.db(move |conn| service::update(conn, &user, id, &patch)).await?;
    Ok(web::Json(updated.to_api()))
}
