//! `/api/v1/holidays`: the public holidays deadlines count out.

use actix_web::{HttpResponse, delete, get, post, web};
use serde::Deserialize;
use tonghop_shared::api::{ErrorBody, Holiday, NewHoliday};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_holidays).service(add_holiday).service(delete_holiday);
}

/// Query of `GET /api/v1/holidays`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HolidaysQuery {
    /// The year.
    pub year: i32,
}

/// List the holidays of a year.
///
/// Those in force for the caller's unit: everywhere's, and those its
/// commune (or a unit above) added. Deadlines count them out.
#[utoipa::path(
    tag = "holidays",
    security(("bearer" = [])),
    params(HolidaysQuery),
    responses(
        (status = 200, description = "The holidays, by day", body = Vec<Holiday>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 422, description = "Year out of range", body = ErrorBody),
    )
)]
#[get("/holidays")]
pub async fn list_holidays(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<HolidaysQuery>,
) -> ApiResult<web::Json<Vec<Holiday>>> {
    let year = query.into_inner().year;
    Ok(web::Json(state.db(move |conn| super::list(conn, &user, year)).await?))
}

/// Add a holiday.
///
/// In force everywhere (administrators), or for the caller's unit and every
/// unit below it (the commune office).
#[utoipa::path(
    tag = "holidays",
    security(("bearer" = [])),
    request_body = NewHoliday,
    responses(
        (status = 201, description = "The holiday", body = Holiday),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to keep holidays there", body = ErrorBody),
        (status = 422, description = "No name, a name too long, a day out of range, or a day already listed", body = ErrorBody),
    )
)]
#[post("/holidays")]
pub async fn add_holiday(state: web::Data<AppState>, user: AuthUser, body: Json<NewHoliday>) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let holiday = state.db(move |conn| super::add(conn, &user, &input)).await?;
    Ok(HttpResponse::Created().json(holiday))
}

/// Remove a holiday.
#[utoipa::path(
    tag = "holidays",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Holiday id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Kept by another unit", body = ErrorBody),
        (status = 404, description = "No such holiday", body = ErrorBody),
    )
)]
#[delete("/holidays/{id}")]
pub async fn delete_holiday(state: web::Data<AppState>, user: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.db(move |conn| super::remove(conn, &user, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
