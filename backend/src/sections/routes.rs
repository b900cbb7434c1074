//! `/api/v1/sections`: list, read, save, submit, and the commune's decisions.

use actix_web::{get, post, put, web};
use serde::Deserialize;
use tonghop_shared::ReportPeriod;
use tonghop_shared::api::{ApproveRequest, ErrorBody, ReopenRequest, ReturnRequest, ReviewAction, Role, Section, SectionInput, UnitKind};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{model, service};
use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::units::model::{self as units, UnitRow};
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_sections)
        .service(get_section)
        .service(save_section)
        .service(submit_section)
        .service(return_section)
        .service(approve_section)
        .service(reopen_section);
}

/// Path of one section.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SectionPath {
    /// The unit that writes it.
    pub unit_id: i64,
    /// The period: `2026-H1`, `2026-06`, `2026`...
    #[param(value_type = String, example = "2026-H1")]
    pub period: String,
}

/// Query of `GET /api/v1/sections`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SectionsQuery {
    /// The period.
    #[param(example = "2026-H1")]
    pub period: String,
}

fn parse_period(text: &str) -> ApiResult<ReportPeriod> {
    ApiError::parse_field("period", text)
}

fn one(conn: &mut DbConn, unit: &UnitRow, period: ReportPeriod) -> ApiResult<Section> {
    Ok(model::present(conn, std::slice::from_ref(unit), period)?.remove(0))
}

/// List sections.
///
/// For the commune office and upper levels: every mass organisation below the
/// caller's unit, whether started or not, and every other unit that has
/// written a section. For a reporting unit: its own.
#[utoipa::path(
    tag = "sections",
    security(("bearer" = [])),
    params(SectionsQuery),
    responses(
        (status = 200, description = "One section per unit, by unit name", body = Vec<Section>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 422, description = "Malformed period", body = ErrorBody),
    )
)]
#[get("/sections")]
pub async fn list_sections(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<SectionsQuery>,
) -> ApiResult<web::Json<Vec<Section>>> {
    let period = parse_period(&query.period)?;
    let list = state
        .db(move |conn| {
            let visible = user.readable_units(conn)?;
            let ids: Vec<i64> = visible.iter().map(|u| u.id).collect();
            let written: Vec<i64> = model::for_units(conn, &ids, period)?.iter().map(|r| r.unit_id).collect();
            let reporter = user.role == Role::Reporter;
            let mut chosen: Vec<UnitRow> =
                visible.into_iter().filter(|u| reporter || u.kind() == UnitKind::MassOrganisation || written.contains(&u.id)).collect();
            chosen.sort_by(|a, b| a.name.cmp(&b.name));
            Ok(model::present(conn, &chosen, period)?)
        })
        .await?;
    Ok(web::Json(list))
}

/// Read a section (`not_started` with an empty text when none is saved).
#[utoipa::path(
    tag = "sections",
    security(("bearer" = [])),
    params(SectionPath),
    responses(
        (status = 200, description = "The section", body = Section),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
        (status = 422, description = "Malformed period", body = ErrorBody),
    )
)]
#[get("/sections/{unit_id}/{period}")]
pub async fn get_section(state: web::Data<AppState>, user: AuthUser, path: web::Path<SectionPath>) -> ApiResult<web::Json<Section>> {
    let period = parse_period(&path.period)?;
    let unit_id = path.unit_id;
    let section = state
        .db(move |conn| {
            let unit = user.readable_unit(conn, unit_id)?;
            one(conn, &unit, period)
        })
        .await?;
    Ok(web::Json(section))
}

async fn write(
    state: web::Data<AppState>,
    user: AuthUser,
    path: SectionPath,
    input: SectionInput,
    submit: bool,
) -> ApiResult<web::Json<Section>> {
    let period = parse_period(&path.period)?;
    let section = state
        .db(move |conn| {
            let unit = units::find(conn, path.unit_id)?;
            AuthUser::require(user.can_enter_data(&unit))?;
            service::save(conn, &user, &unit, period, &input, submit)?;
            one(conn, &unit, period)
        })
        .await?;
    Ok(web::Json(section))
}

/// Save the draft.
///
/// The app saves as the writer types, so a dropped connection loses at most
/// the last few seconds. Send the version read; a stale one is refused with
/// the current version (409 `version_conflict`). The unit itself, or the
/// commune office for a unit below it.
#[utoipa::path(
    tag = "sections",
    security(("bearer" = [])),
    params(SectionPath),
    request_body = SectionInput,
    responses(
        (status = 200, description = "Saved; the section as stored", body = Section),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to write for this unit", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
        (status = 409, description = "Submitted or approved (`conflict`), or a stale version (`version_conflict`)", body = ErrorBody),
        (status = 422, description = "Too long, or a period not yet begun", body = ErrorBody),
    )
)]
#[put("/sections/{unit_id}/{period}")]
pub async fn save_section(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SectionPath>,
    body: Json<SectionInput>,
) -> ApiResult<web::Json<Section>> {
    write(state, user, path.into_inner(), body.into_inner(), false).await
}

/// Submit to the commune.
///
/// Saves the text and sends it for review; it is then locked until the
/// commune returns it.
#[utoipa::path(
    tag = "sections",
    security(("bearer" = [])),
    params(SectionPath),
    request_body = SectionInput,
    responses(
        (status = 200, description = "Submitted; the section as stored", body = Section),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to write for this unit", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
        (status = 409, description = "Already submitted or approved (`conflict`), or a stale version (`version_conflict`)", body = ErrorBody),
        (status = 422, description = "Empty or too long, or a period not yet begun", body = ErrorBody),
    )
)]
#[post("/sections/{unit_id}/{period}/submit")]
pub async fn submit_section(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SectionPath>,
    body: Json<SectionInput>,
) -> ApiResult<web::Json<Section>> {
    write(state, user, path.into_inner(), body.into_inner(), true).await
}

async fn decide(
    state: web::Data<AppState>,
    user: AuthUser,
    path: SectionPath,
    action: ReviewAction,
    version: i64,
    reason: Option<String>,
) -> ApiResult<web::Json<Section>> {
    let period = parse_period(&path.period)?;
    let section = state
        .db(move |conn| {
            let unit = units::find(conn, path.unit_id)?;
            user.may_decide(&unit, action, None)?;
            service::decide(conn, &user, &unit, period, action, version, reason.as_deref())?;
            one(conn, &unit, period)
        })
        .await?;
    Ok(web::Json(section))
}

/// Return to the unit with a reason (the commune office, for units below it).
#[utoipa::path(
    tag = "sections",
    security(("bearer" = [])),
    params(SectionPath),
    request_body = ReturnRequest,
    responses(
        (status = 200, description = "Returned", body = Section),
        (status = 403, description = "The caller may not review this unit", body = ErrorBody),
        (status = 409, description = "Not submitted, or a stale version", body = ErrorBody),
        (status = 422, description = "No reason", body = ErrorBody),
    )
)]
#[post("/sections/{unit_id}/{period}/return")]
pub async fn return_section(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SectionPath>,
    body: Json<ReturnRequest>,
) -> ApiResult<web::Json<Section>> {
    let body = body.into_inner();
    decide(state, user, path.into_inner(), ReviewAction::Return, body.version, Some(body.reason)).await
}

/// Approve: the section is locked and goes into the report.
#[utoipa::path(
    tag = "sections",
    security(("bearer" = [])),
    params(SectionPath),
    request_body = ApproveRequest,
    responses(
        (status = 200, description = "Approved", body = Section),
        (status = 403, description = "The caller may not review this unit", body = ErrorBody),
        (status = 409, description = "Not submitted, or a stale version", body = ErrorBody),
    )
)]
#[post("/sections/{unit_id}/{period}/approve")]
pub async fn approve_section(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SectionPath>,
    body: Json<ApproveRequest>,
) -> ApiResult<web::Json<Section>> {
    decide(state, user, path.into_inner(), ReviewAction::Approve, body.version, None).await
}

/// Reopen an approved section with a reason; it goes back to the unit.
#[utoipa::path(
    tag = "sections",
    security(("bearer" = [])),
    params(SectionPath),
    request_body = ReopenRequest,
    responses(
        (status = 200, description = "Reopened (returned to the unit)", body = Section),
        (status = 403, description = "The caller may not review this unit", body = ErrorBody),
        (status = 409, description = "Not approved, or a stale version", body = ErrorBody),
        (status = 422, description = "No reason", body = ErrorBody),
    )
)]
#[post("/sections/{unit_id}/{period}/reopen")]
pub async fn reopen_section(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SectionPath>,
    body: Json<ReopenRequest>,
) -> ApiResult<web::Json<Section>> {
    let body = body.into_inner();
    decide(state, user, path.into_inner(), ReviewAction::Reopen, body.version, Some(body.reason)).await
}
