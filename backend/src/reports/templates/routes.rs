//! `/api/v1/report-templates`: the outlines a unit's reports may follow.

use actix_web::{HttpResponse, delete, get, post, put, web};
use serde::Deserialize;
use tonghop_shared::api::{ErrorBody, ReportTemplate, ReportTemplateInput};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::error::{ApiResult, unknown_as};
use crate::reports::templates;
use crate::state::AppState;
use crate::units::model as units;
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_templates).service(create_template).service(update_template).service(delete_template);
}

/// Query of `GET /api/v1/report-templates`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TemplatesQuery {
    /// The unit whose reports would use them (default: the caller's).
    pub unit_id: Option<i64>,
}

/// The templates a unit's reports may follow.
///
/// The usual outline built into tonghop (`id` null) first, then the
/// templates of the unit and of the units above it, nearest first.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(TemplatesQuery),
    responses(
        (status = 200, description = "The templates", body = Vec<ReportTemplate>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
    )
)]
#[get("/report-templates")]
pub async fn list_templates(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<TemplatesQuery>,
) -> ApiResult<web::Json<Vec<ReportTemplate>>> {
    let unit_id = query.unit_id.unwrap_or(user.unit.id);
    let list = state
        .db(move |conn| {
            let unit = user.readable_unit(conn, unit_id)?;
            templates::offered(conn, &unit)
        })
        .await?;
    Ok(web::Json(list))
}

/// Keep a new template.
///
/// A name and an outline: headings (`{period}` and `{next}` stand for the
/// periods' names), and under each a heading only, the target summary, the
/// sentences of listed indicators, the other indicators, the mass
/// organisations' sections, or a prompt. The commune office, for its unit.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    request_body = ReportTemplateInput,
    responses(
        (status = 201, description = "The template", body = ReportTemplate),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to write this unit's reports", body = ErrorBody),
        (status = 422, description = "Refused, field by field (`name`, `outline[3].heading`, `outline[2].content.indicators`...), or an unknown unit", body = ErrorBody),
    )
)]
#[post("/report-templates")]
pub async fn create_template(state: web::Data<AppState>, user: AuthUser, body: Json<ReportTemplateInput>) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let template = state
        .db(move |conn| {
            let unit = units::find(conn, input.unit_id).map_err(unknown_as("unit_id", "Không có đơn vị này"))?;
            AuthUser::require(user.can_plan(&unit))?;
            templates::save(conn, user.id, None, unit.id, &input)
        })
        .await?;
    Ok(HttpResponse::Created().json(template))
}

/// Change a template's name and outline.
///
/// Reports already started keep the outline they copied.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Template id")),
    request_body = ReportTemplateInput,
    responses(
        (status = 200, description = "The template", body = ReportTemplate),
        (status = 403, description = "Not allowed to write this unit's reports", body = ErrorBody),
        (status = 404, description = "No such template", body = ErrorBody),
        (status = 422, description = "Refused, field by field", body = ErrorBody),
    )
)]
#[put("/report-templates/{id}")]
pub async fn update_template(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<ReportTemplateInput>,
) -> ApiResult<web::Json<ReportTemplate>> {
    let (id, input) = (id.into_inner(), body.into_inner());
    let template = state
        .db(move |conn| {
            let row = templates::find(conn, id)?;
            AuthUser::require(user.can_plan(&units::find(conn, row.unit_id)?))?;
            templates::save(conn, user.id, Some(id), row.unit_id, &input)
        })
        .await?;
    Ok(web::Json(template))
}

/// Delete a template.
///
/// Reports already started keep the outline they copied.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Template id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Not allowed to write this unit's reports", body = ErrorBody),
        (status = 404, description = "No such template", body = ErrorBody),
    )
)]
#[delete("/report-templates/{id}")]
pub async fn delete_template(state: web::Data<AppState>, user: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .db(move |conn| {
            let row = templates::find(conn, id)?;
            AuthUser::require(user.can_plan(&units::find(conn, row.unit_id)?))?;
            templates::delete(conn, user.id, id)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
