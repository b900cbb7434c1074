//! `/api/v1/totals`: a unit's table, its children's breakdown, one
//! indicator's trend.

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use tonghop_shared::api::{Breakdown, DataFormat, DecimalMark, ErrorBody, TotalsTable, Trend};
use tonghop_shared::{Amount, MonthPeriod, ReportPeriod};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::files;
use super::service::{self, Request};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::indicators::model as indicators;
use crate::state::AppState;
use crate::web::files::FileBytes;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(totals).service(breakdown).service(trend);
}

/// Query of `GET /api/v1/totals`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TotalsQuery {
    /// The unit: its figures include everything below it.
    pub unit_id: i64,
    /// The period: `2026-06`, `2026-Q2`, `2026-H1`, `2026-H2`, `2026-9M` or `2026`.
    #[param(example = "2026-H1")]
    pub period: String,
    /// Also count figures submitted but not yet approved (default false).
    #[serde(default)]
    pub include_provisional: bool,
    /// Percent of the annual plan that counts as on track. Default: a twelfth
    /// for each month of the period that is over, so 50 for the first six
    /// months once they are over, 83,3 for a year with ten months over.
    pub threshold: Option<Amount>,
    /// `json` (default), `csv` or `xlsx`: one row per indicator, with
    /// Vietnamese column names beside the codes.
    #[param(inline)]
    pub format: Option<DataFormat>,
    /// CSV only: `dot` (default: `1234.5`, fields separated by `,`) or
    /// `comma` (`1234,5`, fields separated by `;`, for Excel set to Vietnamese).
    #[param(inline)]
    pub decimal: Option<DecimalMark>,
}

/// Query of `GET /api/v1/totals/breakdown`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BreakdownQuery {
    /// The unit whose children to list.
    pub unit_id: i64,
    /// The period, as for `/totals`.
    #[param(example = "2026-H1")]
    pub period: String,
    /// One indicator; every indicator when absent.
    pub indicator_id: Option<i64>,
    /// Also count figures submitted but not yet approved (default false).
    #[serde(default)]
    pub include_provisional: bool,
    /// `json` (default), `csv` or `xlsx`: one row per child unit and indicator.
    #[param(inline)]
    pub format: Option<DataFormat>,
    /// CSV only: `dot` (default) or `comma`, as for `/totals`.
    #[param(inline)]
    pub decimal: Option<DecimalMark>,
}

/// Query of `GET /api/v1/totals/trend`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrendQuery {
    /// The unit.
    pub unit_id: i64,
    /// The indicator.
    pub indicator_id: i64,
    /// The year (the year before is returned beside it).
    pub year: i32,
    /// Also count figures submitted but not yet approved (default false).
    #[serde(default)]
    pub include_provisional: bool,
}

fn parse_period(text: &str) -> ApiResult<ReportPeriod> {
    ApiError::parse_field("period", text)
}

fn check_threshold(threshold: Option<Amount>) -> ApiResult<Option<Amount>> {
    match threshold {
        Some(t) if t < Amount::ZERO || t > Amount::from_int(1000) => {
            Err(ApiError::field("threshold", "out_of_range", "Ngưỡng đánh giá phải từ 0 đến 1.000 (%)"))
        }
        other => Ok(other),
    }
}

/// A unit's totals for a period.
///
/// Every indicator with a figure, a plan or last year's figure: the actual
/// figure combined by the indicator's kind, the annual plan (KH) and the same
/// period last year (CK) with percentages and changes, the status against the
/// plan, and the count of resolution targets on track with its sentence.
/// Only approved figures count unless `include_provisional` is set; rows that
/// count unapproved figures say so.
///
/// As a file (`format=csv|xlsx`): one row per indicator with the unit's code
/// and name and the period, so the files of many units can be stacked. The
/// answer carries an `ETag`; `If-None-Match` with it gives 304 when nothing
/// changed.
#[utoipa::path(
    tag = "totals",
    security(("bearer" = [])),
    params(TotalsQuery),
    responses(
        (status = 200, description = "The table, as JSON, CSV or XLSX",
            headers(("ETag" = String, description = "Strong tag of this answer, for `If-None-Match`")),
            content(
                (TotalsTable = "application/json"),
                (inline(FileBytes) = crate::web::files::CSV_MEDIA),
                (inline(FileBytes) = crate::web::files::XLSX),
            )),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current"),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
        (status = 422, description = "Malformed period or threshold", body = ErrorBody),
    )
)]
#[get("/totals")]
pub async fn totals(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<TotalsQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let (format, mark) = (query.format.unwrap_or(DataFormat::Json), query.decimal.unwrap_or(DecimalMark::Dot));
    let request = Request {
        period: parse_period(&query.period)?,
        include_provisional: query.include_provisional,
        threshold_percent: check_threshold(query.threshold)?,
    };
    let table = state
        .db_with_spare(move |conn, spare| {
            let unit = user.readable_unit(conn, query.unit_id)?;
            service::table(conn, spare, &unit, request)
        })
        .await?;
    let stem = format!("tong-hop-{}-{}", table.unit.code, table.period);
    crate::web::files::table(&req, format, mark, &table, &stem, || files::table(&table))
}

/// The totals of each unit directly below a unit.
///
/// For a commune, its villages and organisations; for a province, its
/// communes. Each child's figures include everything below it. With
/// `indicator_id`, one row per child for that indicator; otherwise every
/// indicator. As a file (`format=csv|xlsx`), one row per child and
/// indicator. With an `ETag`, as `/totals`.
#[utoipa::path(
    tag = "totals",
    security(("bearer" = [])),
    params(BreakdownQuery),
    responses(
        (status = 200, description = "One entry per child unit, as JSON, CSV or XLSX",
            headers(("ETag" = String, description = "Strong tag of this answer, for `If-None-Match`")),
            content(
                (Breakdown = "application/json"),
                (inline(FileBytes) = crate::web::files::CSV_MEDIA),
                (inline(FileBytes) = crate::web::files::XLSX),
            )),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current"),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such unit or indicator", body = ErrorBody),
        (status = 422, description = "Malformed period", body = ErrorBody),
    )
)]
#[get("/totals/breakdown")]
pub async fn breakdown(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<BreakdownQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let (format, mark) = (query.format.unwrap_or(DataFormat::Json), query.decimal.unwrap_or(DecimalMark::Dot));
    let request = Request { period: parse_period(&query.period)?, include_provisional: query.include_provisional, threshold_percent: None };
    let answer = state
        .db_with_spare(move |conn, spare| {
            let unit = user.readable_unit(conn, query.unit_id)?;
            let only: Vec<i64> = match query.indicator_id {
                Some(id) => vec![indicators::find_indicator(conn, id)?.id],
                None => Vec::new(),
            };
            service::breakdown(conn, spare, &unit, &only, request)
        })
        .await?;
    let stem = format!("tong-hop-theo-don-vi-{}-{}", answer.unit.code, answer.period);
    crate::web::files::table(&req, format, mark, &answer, &stem, || files::breakdown(&answer))
}

/// One indicator month by month, this year against last year.
///
/// Each month's own figure: a flow's total for the month, a stock's level at
/// its end, a rate from the month's numerator and denominator.
#[utoipa::path(
    tag = "totals",
    security(("bearer" = [])),
    params(TrendQuery),
    responses(
        (status = 200, description = "Twelve months", body = Trend),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such unit or indicator", body = ErrorBody),
        (status = 422, description = "Year out of range", body = ErrorBody),
    )
)]
#[get("/totals/trend")]
pub async fn trend(state: web::Data<AppState>, user: AuthUser, query: web::Query<TrendQuery>) -> ApiResult<web::Json<Trend>> {
    let query = query.into_inner();
    if MonthPeriod::new(query.year, 1).is_none() {
        return Err(ApiError::field("year", "format", "Năm phải từ 2000 đến 2100"));
    }
    let answer = state
        .db(move |conn| {
            let unit = user.readable_unit(conn, query.unit_id)?;
            let indicator = indicators::find_indicator(conn, query.indicator_id)?;
            service::trend(conn, &unit, &indicator, query.year, query.include_provisional)
        })
        .await?;
    Ok(web::Json(answer))
}
