//! `/api/v1/indicators` and `/api/v1/forms`.

use actix_web::{HttpResponse, get, post, put, web};
use tonghop_shared::api::{ErrorBody, Form, FormInput, Indicator, IndicatorInput};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{model, service};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_indicators)
        .service(create_indicator)
        .service(update_indicator)
        .service(list_forms)
        .service(get_form)
        .service(create_form)
        .service(update_form);
}

/// List indicators.
///
/// Every indicator, active or retired, ordered by code. Any logged-in user.
#[utoipa::path(
    tag = "indicators",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Indicators", body = Vec<Indicator>),
        (status = 401, description = "Not logged in", body = ErrorBody),
    )
)]
#[get("/indicators")]
pub async fn list_indicators(state: web::Data<AppState>, _user: AuthUser) -> ApiResult<web::Json<Vec<Indicator>>> {
    let rows = state.db(|conn| Ok(model::all_indicators(conn)?)).await?;
    Ok(web::Json(rows.iter().map(model::IndicatorRow::to_api).collect()))
}

/// Create an indicator (administrators).
#[utoipa::path(
    tag = "indicators",
    security(("bearer" = [])),
    request_body = IndicatorInput,
    responses(
        (status = 201, description = "Created", body = Indicator),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Administrators only", body = ErrorBody),
        (status = 409, description = "Code already used", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[post("/indicators")]
pub async fn create_indicator(state: web::Data<AppState>, user: AuthUser, body: Json<IndicatorInput>) -> ApiResult<HttpResponse> {
    AuthUser::require(user.is_admin())?;
    let input = service::validate_indicator(body.into_inner())?;
    let row = state.db(move |conn| service::save_indicator(conn, None, &input)).await?;
    Ok(HttpResponse::Created().json(row.to_api()))
}

/// Replace an indicator's definition (administrators).
///
/// Stored figures keep their meaning: change names and help freely, but make
/// a new indicator rather than changing what an existing one measures.
#[utoipa::path(
    tag = "indicators",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Indicator id")),
    request_body = IndicatorInput,
    responses(
        (status = 200, description = "The changed indicator", body = Indicator),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Administrators only", body = ErrorBody),
        (status = 404, description = "No such indicator", body = ErrorBody),
        (status = 409, description = "Code already used", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[put("/indicators/{id}")]
pub async fn update_indicator(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<IndicatorInput>,
) -> ApiResult<web::Json<Indicator>> {
    AuthUser::require(user.is_admin())?;
    let id = id.into_inner();
    let input = service::validate_indicator(body.into_inner())?;
    let row = state.db(move |conn| service::save_indicator(conn, Some(id), &input)).await?;
    Ok(web::Json(row.to_api()))
}

/// List forms.
///
/// Every form with its indicators in display order. Any logged-in user.
#[utoipa::path(
    tag = "forms",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Forms", body = Vec<Form>),
        (status = 401, description = "Not logged in", body = ErrorBody),
    )
)]
#[get("/forms")]
pub async fn list_forms(state: web::Data<AppState>, _user: AuthUser) -> ApiResult<web::Json<Vec<Form>>> {
    let forms = state.db(|conn| service::all_forms(conn)).await?;
    Ok(web::Json(forms))
}

/// Get a form.
#[utoipa::path(
    tag = "forms",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Form id")),
    responses(
        (status = 200, description = "The form with its indicators", body = Form),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such form", body = ErrorBody),
    )
)]
#[get("/forms/{id}")]
pub async fn get_form(state: web::Data<AppState>, _user: AuthUser, id: web::Path<i64>) -> ApiResult<web::Json<Form>> {
    let id = id.into_inner();
    let form = state.db(move |conn| service::form(conn, id)).await?;
    Ok(web::Json(form))
}

/// Create a form (administrators).
#[utoipa::path(
    tag = "forms",
    security(("bearer" = [])),
    request_body = FormInput,
    responses(
        (status = 201, description = "Created", body = Form),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Administrators only", body = ErrorBody),
        (status = 404, description = "An indicator does not exist", body = ErrorBody),
        (status = 409, description = "Code already used", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    )
)]
#[post("/forms")]
pub async fn create_form(state: web::Data<AppState>, user: AuthUser, body: Json<FormInput>) -> ApiResult<HttpResponse> {
    AuthUser::require(user.is_admin())?;
    let input = body.into_inner();
    let name = service::validate_form(&input)?;
    let form = state.db(move |conn| service::create_form(conn, &input, &name)).await?;
    Ok(HttpResponse::Created().json(form))
}

/// Change a form (administrators).
///
/// Replaces its name and its indicators (in the order given); `code`,
/// `unit_kind` and `frequency` cannot change, since submissions refer to
/// them. Figures already entered for an indicator that leaves the form are
/// kept.
#[utoipa::path(
    tag = "forms",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Form id")),
    request_body = FormInput,
    responses(
        (status = 200, description = "The changed form", body = Form),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Administrators only", body = ErrorBody),
        (status = 404, description = "No such form or indicator", body = ErrorBody),
        (status = 422, description = "Invalid fields, or a change of code, unit kind or frequency", body = ErrorBody),
    )
)]
#[put("/forms/{id}")]
pub async fn update_form(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<FormInput>,
) -> ApiResult<web::Json<Form>> {
    AuthUser::require(user.is_admin())?;
    let id = id.into_inner();
    let input = body.into_inner();
    let name = service::validate_form(&input)?;
    let form = state.db(move |conn| service::update_form(conn, id, &input, &name)).await?;
    Ok(web::Json(form))
}
