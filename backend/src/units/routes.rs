//! `/api/v1/units`: the tree of units.

use actix_web::{HttpResponse, get, patch, post, web};
use tonghop_shared::api::{ErrorBody, NewUnit, Unit, UnitPatch};
use tonghop_shared::validation::{check_code, check_name};
use tonghop_shared::{FieldError, text};
use utoipa_actix_web::service_config::ServiceConfig;

use super::model::{self, UnitRow};
use crate::audit::{self, Entry};
use crate::auth::AuthUser;
use crate::db::schema::units;
use crate::db::write_transaction;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::text::Json;
use diesel::prelude::*;

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
    let name = text::clean(&input.name);
    let code = input.code.trim().to_owned();
    let errors: Vec<FieldError> = [check_code("code", &code), check_name("name", &name, 200)].into_iter().filter_map(Result::err).collect();
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let created = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let parent = input.parent_id.map(|id| model::find(conn, id)).transpose()?;
                AuthUser::require(user.can_add_under(parent.as_ref()))?;
                let row = model::insert(conn, parent.as_ref(), input.kind, &code, &name, input.calendar)?;
                let entry = Entry { user_id: Some(user.id), entity: "unit", entity_id: row.id, action: "create" };
                audit::record(conn, entry, None::<&Unit>, Some(&row.to_api()))?;
                Ok(row)
            })
        })
        .await?;
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
    let id = id.into_inner();
    let patch = body.into_inner();
    let name = patch.name.as_deref().map(text::clean);
    let code = patch.code.as_deref().map(|c| c.trim().to_owned());
    let mut errors = Vec::new();
    if let Some(name) = &name {
        errors.extend(check_name("name", name, 200).err());
    }
    if let Some(code) = &code {
        errors.extend(check_code("code", code).err());
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let updated = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let before = model::find(conn, id)?;
                AuthUser::require(user.can_manage(&before))?;
                if let Some(parent_id) = patch.parent_id.filter(|p| Some(*p) != before.parent_id) {
                    let parent = model::find(conn, parent_id)?;
                    AuthUser::require(user.can_add_under(Some(&parent)))?;
                    if before.contains(&parent) {
                        return Err(ApiError::field("parent_id", "cycle", "Không thể chuyển một đơn vị vào dưới chính nó"));
                    }
                    model::move_subtree(conn, &before, &parent)?;
                }
                let now = crate::db::now();
                diesel::update(units::table.find(id))
                    .set((
                        units::name.eq(name.unwrap_or_else(|| before.name.clone())),
                        units::code.eq(code.unwrap_or_else(|| before.code.clone())),
                        units::active.eq(patch.active.unwrap_or(before.active)),
                        units::calendar_kind.eq(patch.calendar.map(|c| c.kind.as_str().to_owned()).or(before.calendar_kind.clone())),
                        units::deadline_working_days
                            .eq(patch.calendar.map(|c| c.deadline_working_days as i32).or(before.deadline_working_days)),
                        units::term_started_on.eq(patch.term_started_on.or(before.term_started_on)),
                        units::updated_at.eq(now),
                    ))
                    .execute(conn)?;
                let after = model::find(conn, id)?;
                let entry = Entry { user_id: Some(user.id), entity: "unit", entity_id: id, action: "update" };
                audit::record(conn, entry, Some(&before.to_api()), Some(&after.to_api()))?;
                Ok(after)
            })
        })
        .await?;
    Ok(web::Json(updated.to_api()))
}
