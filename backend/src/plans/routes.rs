//! `/api/v1/plans`: read, set and remove annual plans.

use actix_web::{HttpResponse, delete, get, put, web};
use serde::Deserialize;
use tonghop_shared::api::{ErrorBody, Plan, PlanInput};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::model::PlanRow;
use super::service;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
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
    let rows = state.db(move |conn| service::list(conn, &user, unit_id, year)).await?;
    Ok(web::Json(rows.iter().map(PlanRow::to_api).collect()))
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
    let row = state.db(move |conn| service::put(conn, &user, &input)).await?;
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
    state.db(move |conn| service::delete(conn, &user, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
