//! `/api/v1/reports`: the commune report drafted from live data, as a Word
//! file in the Party or State format, and its appendix as a spreadsheet.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use tonghop_shared::ReportPeriod;
use tonghop_shared::api::ErrorBody;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::reports::document::Profile;
use crate::reports::{docx, draft::appendix, draft::compose, templates, templates::outline};
use crate::state::AppState;
use crate::totals::service::{self as totals, Request};

use crate::web::files::{DOCX, XLSX, download};

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(draft_docx).service(appendix_xlsx);
}

/// Query of the report routes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The commune (or any unit): its figures include everything below it.
    pub unit_id: i64,
    /// The period: `2026-H1`, `2026`, `2026-06`...
    #[param(example = "2026-H1")]
    pub period: String,
    /// `party` (Hướng dẫn 36-HD/VPTW, the default) or `state` (Decree 30/2020).
    pub profile: Option<String>,
    /// Also count figures submitted but not yet approved (default false).
    #[serde(default)]
    pub include_provisional: bool,
    /// The template whose outline the draft follows (default: the usual
    /// outline built into tonghop).
    pub template_id: Option<i64>,
}

impl ReportQuery {
    fn period(&self) -> ApiResult<ReportPeriod> {
        ApiError::parse_field("period", &self.period)
    }

    fn profile(&self) -> ApiResult<Profile> {
        match self.profile.as_deref() {
            None | Some("party") => Ok(Profile::Party),
            Some("state") => Ok(Profile::State),
            Some(_) => Err(ApiError::field("profile", "unknown", "Mẫu văn bản là party (Đảng) hoặc state (chính quyền)")),
        }
    }
}

/// The report drafted from the data, as a Word file.
///
/// The header from the unit tree, a sentence for every figure against plan
/// and last year in its part of the outline (the usual one, or `template_id`'s), the count of resolution
/// targets on track, the approved sections of the mass organisations, prompts
/// where the office writes, and the appendix of all indicators. The number
/// is left blank until the report is issued.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(ReportQuery),
    responses(
        (status = 200, description = "The DOCX file, as an attachment", content_type = crate::web::files::DOCX),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
        (status = 422, description = "Malformed period or profile, or a template not offered to the unit", body = ErrorBody),
    )
)]
#[get("/reports/draft.docx")]
pub async fn draft_docx(state: web::Data<AppState>, user: AuthUser, query: web::Query<ReportQuery>) -> ApiResult<HttpResponse> {
    let (period, profile) = (query.period()?, query.profile()?);
    let (unit_id, provisional, template_id) = (query.unit_id, query.include_provisional, query.template_id);
    let bytes = state
        .db(move |conn| {
            let unit = user.readable_unit(conn, unit_id)?;
            let outline = templates::outline_for(conn, &unit, template_id)?.unwrap_or_else(outline::usual);
            let document = compose::draft(conn, &unit, period, profile, provisional, &outline)?;
            docx::write(&document).map_err(|e| ApiError::Internal(anyhow::anyhow!("writing the DOCX: {e:?}")))
        })
        .await?;
    Ok(download(DOCX, format!("bao-cao-{period}.docx"), bytes))
}

/// The appendix of all indicators as a spreadsheet.
///
/// One row per indicator: code, name, unit, plan (KH), actual, % KH, the same
/// period last year (CK), % CK, and an `x` where the figure counts some not
/// yet approved. Figures are numbers.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(ReportQuery),
    responses(
        (status = 200, description = "The XLSX file, as an attachment", content_type = crate::web::files::XLSX),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
        (status = 422, description = "Malformed period", body = ErrorBody),
    )
)]
#[get("/reports/appendix.xlsx")]
pub async fn appendix_xlsx(state: web::Data<AppState>, user: AuthUser, query: web::Query<ReportQuery>) -> ApiResult<HttpResponse> {
    let period = query.period()?;
    let (unit_id, include_provisional) = (query.unit_id, query.include_provisional);
    let bytes = state
        .db(move |conn| {
            let unit = user.readable_unit(conn, unit_id)?;
            let table = totals::table(conn, None, &unit, Request { period, include_provisional, threshold_percent: None })?;
            appendix::appendix(&table).map_err(|e| ApiError::Internal(anyhow::anyhow!("writing the XLSX: {e}")))
        })
        .await?;
    Ok(download(XLSX, format!("phu-luc-{period}.xlsx"), bytes))
}
