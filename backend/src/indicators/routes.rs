//! `/api/v1/indicators` and `/api/v1/forms`.

use actix_web::{HttpResponse, get, post, put, web};
use tonghop_shared::api::{Aggregation, ErrorBody, Form, FormInput, Indicator, IndicatorInput};
use tonghop_shared::validation::{check_code, check_name};
use tonghop_shared::{FieldError, text};
use utoipa_actix_web::service_config::ServiceConfig;

use super::model;
use crate::auth::AuthUser;
use crate::db::write_transaction;
use crate::error::{ApiError, ApiResult};
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

/// Checks and normalises an indicator's fields.
fn validate_indicator(mut input: IndicatorInput) -> ApiResult<IndicatorInput> {
    input.code = input.code.trim().to_owned();
    input.name = text::clean(&input.name);
    input.unit_of_measure = text::clean(&input.unit_of_measure);
    input.help = text::clean(&input.help);
    let mut errors: Vec<FieldError> =
        [check_code("code", &input.code), check_name("name", &input.name, 200), check_name("unit_of_measure", &input.unit_of_measure, 30)]
            .into_iter()
            .filter_map(Result::err)
            .collect();
    if input.precision > 4 {
        errors.push(FieldError::new("precision", "above_max", "Tối đa 4 chữ số thập phân"));
    }
    if input.input_precision.is_some_and(|p| p > 4) {
        errors.push(FieldError::new("input_precision", "above_max", "Tối đa 4 chữ số thập phân"));
    }
    if let (Some(min), Some(max)) = (input.min_value, input.max_value)
        && min > max
    {
        errors.push(FieldError::new("max_value", "below_min", "Giá trị lớn nhất phải không nhỏ hơn giá trị nhỏ nhất"));
    }
    if input.aggregation == Aggregation::Rate && (input.numerator_id.is_none() || input.denominator_id.is_none()) {
        errors.push(FieldError::new("numerator_id", "required", "Chỉ tiêu tỷ lệ cần chỉ tiêu tử số và mẫu số"));
    }
    if errors.is_empty() { Ok(input) } else { Err(ApiError::Validation(errors)) }
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
    let input = validate_indicator(body.into_inner())?;
    let row = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let id = model::save_indicator(conn, None, &input)?;
                Ok(model::find_indicator(conn, id)?)
            })
        })
        .await?;
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
    let input = validate_indicator(body.into_inner())?;
    let row = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                model::find_indicator(conn, id)?;
                model::save_indicator(conn, Some(id), &input)?;
                Ok(model::find_indicator(conn, id)?)
            })
        })
        .await?;
    Ok(web::Json(row.to_api()))
}

/// Checks a form's fields; returns its cleaned name.
fn validate_form(input: &FormInput) -> ApiResult<String> {
    let name = text::clean(&input.name);
    let mut errors: Vec<FieldError> =
        [check_code("code", &input.code), check_name("name", &name, 200)].into_iter().filter_map(Result::err).collect();
    if input.indicator_ids.is_empty() {
        errors.push(FieldError::new("indicator_ids", "required", "Biểu mẫu cần ít nhất một chỉ tiêu"));
    }
    let mut seen = std::collections::HashSet::new();
    if !input.indicator_ids.iter().all(|id| seen.insert(*id)) {
        errors.push(FieldError::new("indicator_ids", "duplicate", "Một chỉ tiêu chỉ được có một lần trong biểu mẫu"));
    }
    if errors.is_empty() { Ok(name) } else { Err(ApiError::Validation(errors)) }
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
    let forms = state
        .db(|conn| {
            let mut out = Vec::new();
            for form in model::all_forms(conn)? {
                let indicators = model::form_indicators(conn, form.id)?;
                out.push(form.to_api(&indicators));
            }
            Ok(out)
        })
        .await?;
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
    let form = state
        .db(move |conn| {
            let form = model::find_form(conn, id)?;
            let indicators = model::form_indicators(conn, id)?;
            Ok(form.to_api(&indicators))
        })
        .await?;
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
    let name = validate_form(&input)?;
    let form = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                for id in &input.indicator_ids {
                    model::find_indicator(conn, *id)?;
                }
                let id = model::insert_form(conn, &input.code, &name, input.unit_kind, input.frequency.as_str(), &input.indicator_ids)?;
                let form = model::find_form(conn, id)?;
                let indicators = model::form_indicators(conn, id)?;
                Ok(form.to_api(&indicators))
            })
        })
        .await?;
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
    let name = validate_form(&input)?;
    let form = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let before = model::find_form(conn, id)?;
                if before.code != input.code || before.unit_kind != input.unit_kind || before.frequency != input.frequency {
                    return Err(ApiError::field("code", "immutable", "Không đổi được mã, loại đơn vị hay kỳ báo cáo của biểu mẫu đã có"));
                }
                for indicator_id in &input.indicator_ids {
                    model::find_indicator(conn, *indicator_id)?;
                }
                model::update_form(conn, id, &name, before.active, &input.indicator_ids)?;
                let form = model::find_form(conn, id)?;
                let indicators = model::form_indicators(conn, id)?;
                Ok(form.to_api(&indicators))
            })
        })
        .await?;
    Ok(web::Json(form))
}
