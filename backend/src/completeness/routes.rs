//! `/api/v1/completeness` and `/api/v1/notices`.

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use tonghop_shared::api::{Completeness, CompletenessSummary, DataFormat, DecimalMark, ErrorBody, Notice};
use tonghop_shared::{MonthPeriod, ReportingCalendar};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{files, notices, table};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::web::files::FileBytes;
use crate::indicators::model as indicators;
use crate::state::AppState;
use crate::units::model::{self as units, UnitRow};

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

/// What [`load`] reads.
struct Loaded {
    /// The units × months table.
    table: Completeness,
    /// The asked unit (the caller's by default).
    root: UnitRow,
    /// The units of the table, in its order.
    reporting: Vec<UnitRow>,
    /// The caller's calendar, which sets the deadlines shown.
    calendar: ReportingCalendar,
}

/// The table of the units that report the form, below `unit_id` when
/// given, with the asked unit.
async fn load(state: &AppState, user: AuthUser, query: &CompletenessQuery) -> ApiResult<Loaded> {
    let (from, to) = (parse_period("from", query.from.as_deref())?, parse_period("to", query.to.as_deref())?);
    let (form_id, unit_id) = (query.form_id, query.unit_id);
    state
        .db(move |conn| {
            let form = indicators::find_form(conn, form_id)?;
            let root = match unit_id {
                Some(id) => units::find(conn, id)?,
                None => user.unit.clone(),
            };
            let readable = user.readable_under(conn, &root, true)?;
            let calendar = units::effective_calendar(conn, &user.unit)?;
            let today = crate::clock::today();
            let to = to.unwrap_or_else(|| MonthPeriod::containing(today, &calendar));
            let from = from.unwrap_or_else(|| (0..5).fold(to, |p, _| p.previous()));
            if from > to {
                return Err(ApiError::field("from", "after_to", "Tháng bắt đầu phải trước tháng kết thúc"));
            }
            let reporting: Vec<UnitRow> = readable.into_iter().filter(|u| u.active && u.kind == form.unit_kind).collect();
            let periods = table::periods_between(from, to);
            let answer = table::table(conn, &form, &reporting, &periods, calendar, today)?;
            Ok(Loaded { table: answer, root, reporting, calendar })
        })
        .await
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
    let Loaded { table: answer, root, .. } = load(&state, user, &query).await?;
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
    let Loaded { table, root, reporting, calendar } = load(&state, user, &query).await?;
    let root_id = root.id;
    let children = state.db(move |conn| Ok(units::children(conn, root_id)?)).await?;
    let answer = table::summary(&table, &root, &reporting, &children, calendar);
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
