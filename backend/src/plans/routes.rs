//! `/api/v1/plans`: read, set and remove annual plans.

use actix_web::{HttpResponse, delete, get, put, web};
use serde::Deserialize;
use tonghop_shared::api::{ErrorBody, Plan, PlanInput};
use tonghop_shared::{FieldError, MonthPeriod, validation};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::model;
use crate::auth::AuthUser;
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::indicators::model as indicators;
use crate::state::AppState;
use crate::units::model as units;
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_plans).service(put_plan).service(delete_plan);
}

/// Query of `GET /api/v1/plans`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlansQuery {
    /// The unit whose plans to list.
    pub unit_id: i64,
    /// The year.
    pub year: i32,
}

/// Checks a plan against its unit, indicator and the caller's rights: the
/// field errors, or the error that refuses it outright. Imports use it too.
pub fn check(conn: &mut DbConn, user: &AuthUser, input: &PlanInput) -> ApiResult<Vec<FieldError>> {
    let unit = units::find(conn, input.unit_id).map_err(crate::error::unknown_as("unit_id", "Không có đơn vị này"))?;
    AuthUser::require(user.can_plan(&unit))?;
    let mut errors = Vec::new();
    if MonthPeriod::new(input.year, 1).is_none() {
        errors.push(FieldError::new("year", "format", "Năm phải từ 2000 đến 2100"));
    }
    match indicators::find_indicator(conn, input.indicator_id) {
        Ok(indicator) => {
            if let Err(mut e) = validation::check_value(&indicator.to_api(), input.value) {
                e.field = "value".to_owned();
                errors.push(e);
            }
        }
        Err(diesel::result::Error::NotFound) => errors.push(FieldError::new("indicator_id", "unknown", "Không có chỉ tiêu này")),
        Err(other) => return Err(other.into()),
    }
    Ok(errors)
}

/// List a unit's plans for a year.
///
/// Anyone who can read the unit.
#[utoipa::path(
    tag = "plans",
    security(("bearer" = [])),
    params(PlansQuery),
    responses(
        (status = 200, description = "The plans, by indicator", body = Vec<Plan>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
    )
)]
#[get("/plans")]
pub async fn list_plans(state: web::Data<AppState>, user: AuthUser, query: web::Query<PlansQuery>) -> ApiResult<web::Json<Vec<Plan>>> {
    let PlansQuery { unit_id, year } = query.into_inner();
    let rows = state
        .db(move |conn| {
            user.readable_unit(conn, unit_id)?;
            Ok(model::for_units(conn, &[unit_id], year)?)
        })
        .await?;
    Ok(web::Json(rows.iter().map(model::PlanRow::to_api).collect()))
}

/// Set a plan.
///
/// Creates or replaces the plan of one unit, indicator and year. The commune
/// office, for its commune and villages; administrators anywhere.
#[utoipa::path(
    tag = "plans",
    security(("bearer" = [])),
    request_body = PlanInput,
    responses(
        (status = 200, description = "The stored plan", body = Plan),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to plan for this unit", body = ErrorBody),
        (status = 422, description = "Unknown unit or indicator, year out of range, or a value the indicator refuses", body = ErrorBody),
    )
)]
#[put("/plans")]
pub async fn put_plan(state: web::Data<AppState>, user: AuthUser, body: Json<PlanInput>) -> ApiResult<web::Json<Plan>> {
    let input = body.into_inner();
    let row = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let errors = check(conn, &user, &input)?;
                if !errors.is_empty() {
                    return Err(ApiError::Validation(errors));
                }
                Ok(model::upsert(conn, &input, user.id)?.0)
            })
        })
        .await?;
    Ok(web::Json(row.to_api()))
}

/// Remove a plan.
#[utoipa::path(
    tag = "plans",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Plan id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to plan for this unit", body = ErrorBody),
        (status = 404, description = "No such plan", body = ErrorBody),
    )
)]
#[delete("/plans/{id}")]
pub async fn delete_plan(state: web::Data<AppState>, user: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let row = model::find(conn, id)?;
                let unit = units::find(conn, row.unit_id)?;
                AuthUser::require(user.can_plan(&unit))?;
                Ok(model::delete(conn, &row, user.id)?)
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
