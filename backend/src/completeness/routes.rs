//! `/api/v1/completeness` and `/api/v1/notices`.

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{Completeness, CompletenessSummary, DataFormat, DecimalMark, ErrorBody, Notice};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::service::{self, Loaded, Scope};
use super::{files, notices};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::files::FileBytes;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(completeness).service(summary).service(list_notices);
}

/// Query of `GET /api/v1/completeness` and `/completeness/summary`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompletenessQuery {
    /// The form.
    pub form_id: i64,
    /// Only the units below this one (default: every unit the caller may see).
    pub unit_id: Option<i64>,
    /// First month, `YYYY-MM` (default: five months before `to`).
    #[param(value_type = Option<String>, example = "2026-01")]
    pub from: Option<String>,
    /// Last month, `YYYY-MM` (default: the current one).
    #[param(value_type = Option<String>, example = "2026-06")]
    pub to: Option<String>,
    /// `json` (default), `csv` or `xlsx`.
    #[param(inline)]
    pub format: Option<DataFormat>,
    /// CSV only: `dot` (default: `12.5`, fields separated by `,`) or
    /// `comma` (`12,5`, fields separated by `;`, for Excel set to Vietnamese).
    #[param(inline)]
    pub decimal: Option<DecimalMark>,
}

fn parse_period(field: &str, text: Option<&str>) -> ApiResult<Option<MonthPeriod>> {
    text.map(|t| ApiError::parse_field(field, t)).transpose()
}

impl CompletenessQuery {
    /// What the query asks for, its months read.
    fn scope(&self) -> ApiResult<Scope> {
        let (from, to) = (parse_period("from", self.from.as_deref())?, parse_period("to", self.to.as_deref())?);
        Ok(Scope { form_id: self.form_id, unit_id: self.unit_id, from, to })
    }
}

/// Completeness: units x periods.
///
/// For each unit the caller may see that reports the form (below `unit_id`
/// when given), and each month from `from` to `to` (at most 24): not
/// started, draft, submitted, returned or approved, late or on time,
/// overdue. Per month: expected, received, on time, and both in percent.
/// As a file (`format=csv|xlsx`): one row per unit and month. With an
/// `ETag`: `If-None-Match` gives 304 when nothing changed.
#[utoipa::path(
    tag = "completeness",
    security(("bearer" = [])),
    params(CompletenessQuery),
    responses(
        (status = 200, description = "The table, as JSON, CSV or XLSX",
            headers(("ETag" = String, description = "Strong tag of this answer, for `If-None-Match`")),
            content(
                (Completeness = "application/json"),
                (inline(FileBytes) = crate::web::files::CSV_MEDIA),
                (inline(FileBytes) = crate::web::files::XLSX),
            )),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current"),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such form or unit", body = ErrorBody),
        (status = 422, description = "Malformed period, or `from` after `to`", body = ErrorBody),
    )
)]
#[get("/completeness")]
pub async fn completeness(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<CompletenessQuery>,
) -> ApiResult<HttpResponse> {
    let scope = query.scope()?;
    let Loaded { table: answer, root, .. } = state.db(move |conn| service::load(conn, &user, scope)).await?;
    let (format, mark) = (query.format.unwrap_or(DataFormat::Json), query.decimal.unwrap_or(DecimalMark::Dot));
    let stem = format!("tien-do-gui-{}-{}", root.code, answer.periods.last().map(ToString::to_string).unwrap_or_default());
    crate::web::files::table(&req, format, mark, &answer, &stem, || files::cells(&answer))
}

/// Completeness by unit below: expected, received, on time.
///
/// For each unit directly below `unit_id` (default the caller's unit), the
/// units in its part of the tree that report the form, and per month from
/// `from` to `to` (at most 24): how many were expected, received and on
/// time, and both in percent; then the same for the whole tree. For a
/// province, one group per commune; for a commune, one per village. As a
/// file (`format=csv|xlsx`): one row per unit below and month. With an
/// `ETag`, as `/completeness`.
#[utoipa::path(
    tag = "completeness",
    security(("bearer" = [])),
    params(CompletenessQuery),
    responses(
        (status = 200, description = "The summary, as JSON, CSV or XLSX",
            headers(("ETag" = String, description = "Strong tag of this answer, for `If-None-Match`")),
            content(
                (CompletenessSummary = "application/json"),
                (inline(FileBytes) = crate::web::files::CSV_MEDIA),
                (inline(FileBytes) = crate::web::files::XLSX),
            )),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current"),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such form or unit", body = ErrorBody),
        (status = 422, description = "Malformed period, or `from` after `to`", body = ErrorBody),
    )
)]
#[get("/completeness/summary")]
pub async fn summary(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<CompletenessQuery>,
) -> ApiResult<HttpResponse> {
    let scope = query.scope()?;
    let (answer, root) = state.db(move |conn| service::summary(conn, &user, scope)).await?;
    let (format, mark) = (query.format.unwrap_or(DataFormat::Json), query.decimal.unwrap_or(DecimalMark::Dot));
    let stem = format!("tien-do-gui-theo-don-vi-{}-{}", root.code, answer.periods.last().map(ToString::to_string).unwrap_or_default());
    crate::web::files::table(&req, format, mark, &answer, &stem, || files::summary(&answer))
}

/// Notices.
///
/// What needs the caller's attention now: forms of the caller's own unit
/// that were returned (with the reason) or are overdue; for a commune office
/// or an administrator, also the forms below waiting for review (newest
/// first, at most 50).
#[utoipa::path(
    tag = "completeness",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Notices, returned first", body = Vec<Notice>),
        (status = 401, description = "Not logged in", body = ErrorBody),
    )
)]
#[get("/notices")]
pub async fn list_notices(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<Vec<Notice>>> {
    let list = state.db(move |conn| notices::for_user(conn, &user, crate::clock::today())).await?;
    Ok(web::Json(list))
}
