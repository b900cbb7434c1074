//! `/api/v1/rules`: validation rules, listed for everyone, created and
//! removed by administrators.

use actix_web::{HttpResponse, delete, get, post, web};
use serde::Deserialize;
use tonghop_shared::api::ErrorBody;
use tonghop_shared::rules::{RuleInput, ValidationRule};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::indicators::rules;
use crate::state::AppState;
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_rules).service(create_rule).service(delete_rule);
}

/// Query of `GET /api/v1/rules`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RulesQuery {
    /// Only the rules that apply to this form's indicators.
    pub form_id: Option<i64>,
}

/// List validation rules.
///
/// The rules the app applies while the user types and the server applies
/// again on save and submit. With `form_id`, only those about that form's
/// indicators.
#[utoipa::path(
    tag = "indicators",
    security(("bearer" = [])),
    params(RulesQuery),
    responses(
        (status = 200, description = "Rules", body = Vec<ValidationRule>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such form", body = ErrorBody),
    )
)]
#[get("/rules")]
pub async fn list_rules(
    state: web::Data<AppState>,
    _user: AuthUser,
    query: web::Query<RulesQuery>,
) -> ApiResult<web::Json<Vec<ValidationRule>>> {
    let form_id = query.into_inner().form_id;
    Ok(web::Json(state.db(move |conn| rules::for_form(conn, form_id)).await?))
}

/// Create a validation rule (administrators).
#[utoipa::path(
    tag = "indicators",
    security(("bearer" = [])),
    request_body = RuleInput,
    responses(
        (status = 201, description = "Created", body = ValidationRule),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Administrators only", body = ErrorBody),
        (status = 404, description = "An indicator does not exist", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[post("/rules")]
pub async fn create_rule(state: web::Data<AppState>, user: AuthUser, body: Json<RuleInput>) -> ApiResult<HttpResponse> {
    AuthUser::require(user.is_admin())?;
    let input = rules::validate(body.into_inner())?;
    let rule = state.db(move |conn| rules::create(conn, &input)).await?;
    Ok(HttpResponse::Created().json(rule))
}

/// Delete a validation rule (administrators).
#[utoipa::path(
    tag = "indicators",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Rule id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Administrators only", body = ErrorBody),
        (status = 404, description = "No such rule", body = ErrorBody),
    )
)]
#[delete("/rules/{id}")]
pub async fn delete_rule(state: web::Data<AppState>, user: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    AuthUser::require(user.is_admin())?;
    let id = id.into_inner();
    state.db(move |conn| rules::delete(conn, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
