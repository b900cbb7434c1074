//! `/api/v1/reports/{id}`: reports the commune office keeps — create, read,
//! edit a passage, issue, and the Word file.

use actix_web::{HttpResponse, delete, get, post, put, web};
use serde::Deserialize;
use tonghop_shared::api::{ErrorBody, IssueRequest, NewReport, PassageEdit, Report, ReportHeaderInput, ReportStatus, ReportSummary};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::reports::{kept, kept::edits, kept::issue, templates};
use crate::state::AppState;
use crate::units::model as units;
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_reports)
        .service(create_report)
        .service(get_report)
        .service(edit_header)
        .service(edit_passage)
        .service(issue_report)
        .service(new_version)
        .service(delete_report)
        .service(report_docx);
}

/// Path of a passage.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct PassagePath {
    /// Report id.
    pub id: i64,
    /// The passage's place in the outline, from 0.
    pub position: u32,
}

/// Query of `GET /api/v1/reports`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportsQuery {
    /// The unit (default: the caller's).
    pub unit_id: Option<i64>,
    /// Also the reports of every unit below it (default true).
    pub descendants: Option<bool>,
    /// Only this period, e.g. `2026-H1`.
    #[param(example = "2026-H1")]
    pub period: Option<String>,
    /// Only `draft` or `issued` reports.
    pub status: Option<String>,
}

/// List reports.
///
/// The reports of a unit (and by default of the units below it), newest
/// period first, without their passages. Upper levels list the issued
/// reports of their communes with `status=issued` and fetch each file from
/// `/reports/{id}/document.docx`.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(ReportsQuery),
    responses(
        (status = 200, description = "The reports", body = Vec<ReportSummary>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
        (status = 422, description = "Malformed period or status", body = ErrorBody),
    )
)]
#[get("/reports")]
pub async fn list_reports(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<ReportsQuery>,
) -> ApiResult<web::Json<Vec<ReportSummary>>> {
    let query = query.into_inner();
    let period = query.period.as_deref().map(|p| ApiError::parse_field("period", p)).transpose()?;
    let status = query.status.as_deref().map(|s| ApiError::parse_field::<ReportStatus>("status", s)).transpose()?;
    let unit_id = query.unit_id.unwrap_or(user.unit.id);
    let list = state
        .db(move |conn| {
            let unit = units::find(conn, unit_id)?;
            let ids: Vec<i64> = user.readable_under(conn, &unit, query.descendants.unwrap_or(true))?.iter().map(|u| u.id).collect();
            kept::list(conn, &ids, period, status)
        })
        .await?;
    Ok(web::Json(list))
}

/// Loads a report and checks the caller may read it, or (`write`) change it.
fn load(conn: &mut DbConn, user: &AuthUser, id: i64, write: bool) -> ApiResult<kept::ReportRow> {
    let row = kept::find(conn, id)?;
    let unit = units::find(conn, row.unit_id)?;
    AuthUser::require(if write { user.can_plan(&unit) } else { user.can_read(&unit) })?;
    Ok(row)
}

/// Checks the caller may change report `id`, runs `change` (which returns
/// the id of the report to answer with), and answers that report as stored.
async fn change<F>(state: web::Data<AppState>, user: AuthUser, id: i64, change: F) -> ApiResult<Report>
where
    F: FnOnce(&mut DbConn, &AuthUser) -> ApiResult<i64> + Send + 'static,
{
    state
        .db(move |conn| {
            load(conn, &user, id, true)?;
            let answer = change(conn, &user)?;
            let row = kept::find(conn, answer)?;
            kept::present(conn, &row)
        })
        .await
}

/// Start a report.
///
/// A draft for a unit and period in the Party or State format, following
/// the outline of a template (`template_id`; default the usual outline).
/// Its passages follow the figures until the office writes its own. The commune office,
/// for its commune.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    request_body = NewReport,
    responses(
        (status = 201, description = "The draft", body = Report),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to write this unit's reports", body = ErrorBody),
        (status = 422, description = "Unknown unit, or a template not offered to it", body = ErrorBody),
    )
)]
#[post("/reports")]
pub async fn create_report(state: web::Data<AppState>, user: AuthUser, body: Json<NewReport>) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let report = state
        .db(move |conn| {
            let unit = units::find(conn, input.unit_id).map_err(crate::error::unknown_as("unit_id", "Không có đơn vị này"))?;
            AuthUser::require(user.can_plan(&unit))?;
            let outline = templates::outline_for(conn, &unit, input.template_id)?;
            let draft = kept::NewDraft {
                unit_id: unit.id,
                period: input.period,
                profile: input.profile,
                include_provisional: input.include_provisional,
                outline,
            };
            let id = kept::create(conn, user.id, &draft)?;
            let row = kept::find(conn, id)?;
            kept::present(conn, &row)
        })
        .await?;
    Ok(HttpResponse::Created().json(report))
}

/// Read a report, its passages as printed, and which edited ones have
/// figures that changed since.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id")),
    responses(
        (status = 200, description = "The report", body = Report),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not yours to read", body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody),
    )
)]
#[get("/reports/{id}")]
pub async fn get_report(state: web::Data<AppState>, user: AuthUser, id: web::Path<i64>) -> ApiResult<web::Json<Report>> {
    let id = id.into_inner();
    let report = state
        .db(move |conn| {
            let row = load(conn, &user, id, false)?;
            kept::present(conn, &row)
        })
        .await?;
    Ok(web::Json(report))
}

/// Write a passage.
///
/// The office's own text replaces what tonghop generates and is kept when
/// the figures change (the passage then says `figures_changed`); `null`
/// follows the figures again. Drafts only.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(PassagePath),
    request_body = PassageEdit,
    responses(
        (status = 200, description = "The report", body = Report),
        (status = 403, description = "Not allowed to write this unit's reports", body = ErrorBody),
        (status = 404, description = "No such report or passage", body = ErrorBody),
        (status = 409, description = "Issued (`conflict`), or a stale version (`version_conflict`)", body = ErrorBody),
        (status = 422, description = "Too long", body = ErrorBody),
    )
)]
#[put("/reports/{id}/passages/{position}")]
pub async fn edit_passage(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<PassagePath>,
    body: Json<PassageEdit>,
) -> ApiResult<web::Json<Report>> {
    let (PassagePath { id, position }, edit) = (path.into_inner(), body.into_inner());
    let report = change(state, user, id, move |conn, user| {
        edits::edit_passage(conn, user.id, id, position, edit.version, edit.text.as_deref())?;
        Ok(id)
    })
    .await?;
    Ok(web::Json(report))
}

/// Issue a report.
///
/// Gives it the next number of its unit and format (`Số 01-BC/ĐU`,
/// `Số: 01/BC-UBND`) and today's date, freezes every passage as printed, and
/// keeps the Word file. An issued report no longer changes.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id")),
    request_body = IssueRequest,
    responses(
        (status = 200, description = "Issued", body = Report),
        (status = 403, description = "Not allowed to write this unit's reports", body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody),
        (status = 409, description = "Already issued (`conflict`), or a stale version (`version_conflict`)", body = ErrorBody),
    )
)]
#[post("/reports/{id}/issue")]
pub async fn issue_report(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<IssueRequest>,
) -> ApiResult<web::Json<Report>> {
    let (id, version) = (id.into_inner(), body.version);
    let report = change(state, user, id, move |conn, user| {
        issue::issue(conn, user.id, id, version)?;
        Ok(id)
    })
    .await?;
    Ok(web::Json(report))
}

/// The report as a Word file: the issued file as it was issued, or the
/// draft as it prints now.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id")),
    responses(
        (status = 200, description = "The DOCX file", content_type = crate::web::files::DOCX),
        (status = 403, description = "Not yours to read", body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody),
    )
)]
#[get("/reports/{id}/document.docx")]
pub async fn report_docx(state: web::Data<AppState>, user: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (bytes, period) = state
        .db(move |conn| {
            let row = load(conn, &user, id, false)?;
            let bytes = match kept::issued_file(conn, id)? {
                Some(bytes) => bytes,
                None => crate::reports::docx::write(&kept::document(conn, &row)?)
                    .map_err(|e| ApiError::Internal(anyhow::anyhow!("writing the DOCX: {e:?}")))?,
            };
            Ok((bytes, row.period))
        })
        .await?;
    Ok(crate::web::files::download(crate::web::files::DOCX, format!("bao-cao-{period}.docx"), bytes))
}

/// Set the header and signature of a draft: title, place, recipients, the
/// signer's title and name.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id")),
    request_body = ReportHeaderInput,
    responses(
        (status = 200, description = "The report", body = Report),
        (status = 403, description = "Not allowed to write this unit's reports", body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody),
        (status = 409, description = "Issued (`conflict`), or a stale version (`version_conflict`)", body = ErrorBody),
        (status = 422, description = "Empty title or place", body = ErrorBody),
    )
)]
#[put("/reports/{id}")]
pub async fn edit_header(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<ReportHeaderInput>,
) -> ApiResult<web::Json<Report>> {
    let (id, input) = (id.into_inner(), body.into_inner());
    let report = change(state, user, id, move |conn, user| {
        edits::edit_header(conn, user.id, id, input.version, &input.header)?;
        Ok(id)
    })
    .await?;
    Ok(web::Json(report))
}

/// Query of `DELETE /api/v1/reports/{id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteQuery {
    /// The version the caller saw: a draft changed since is not deleted.
    pub version: i64,
}

/// Delete a draft report.
///
/// The draft and everything written in it. An issued report is never
/// deleted: a new version corrects it.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id"), DeleteQuery),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Not allowed to write this unit's reports", body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody),
        (status = 409, description = "Issued (`conflict`), or changed since (`version_conflict`)", body = ErrorBody),
    )
)]
#[delete("/reports/{id}")]
pub async fn delete_report(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    query: web::Query<DeleteQuery>,
) -> ApiResult<HttpResponse> {
    let (id, version) = (id.into_inner(), query.into_inner().version);
    state
        .db(move |conn| {
            load(conn, &user, id, true)?;
            edits::delete_draft(conn, user.id, id, version)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Start a new version of an issued report.
///
/// A new draft of the same unit, period and format, with the issued one's
/// header and the passages the office had written; the issued report and
/// its file stay as they were.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The issued report")),
    responses(
        (status = 201, description = "The new draft", body = Report),
        (status = 403, description = "Not allowed to write this unit's reports", body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody),
        (status = 409, description = "Not issued", body = ErrorBody),
    )
)]
#[post("/reports/{id}/new-version")]
pub async fn new_version(state: web::Data<AppState>, user: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let report = change(state, user, id, move |conn, user| issue::new_version(conn, user.id, id)).await?;
    Ok(HttpResponse::Created().json(report))
}
