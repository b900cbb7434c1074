//! `/api/v1/data`: figures for scripts, spreadsheets and BI tools, and the
//! report periods of a year. HTTP in and out: the query and the headers,
//! the tags, the `Link` to the next page and the streamed CSV's body; what
//! is selected and read is [`service`]'s.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, get, web};
use chrono::NaiveDateTime;
use serde::Deserialize;
use tokio::sync::mpsc;
use tonghop_shared::api::{DataFormat, DataPage, ErrorBody, PeriodList};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::params::{self, Params, ValuesQuery};
use super::query::Filter;
use super::service::{self, Walk};
use super::{export, periods};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::etag::{Etag, Fingerprint};
use crate::web::files::{self, ChunkedBody, FileBytes};

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(values).service(period_list);
}

/// The figures below a unit, one row per unit, indicator and reporting month.
///
/// Every figure that counts in the totals: approved ones, submitted ones not
/// yet approved (`provisional`), and figures imported from past reports
/// (`approved`; a figure sent through the app for the same unit, indicator and
/// month replaces the imported one). Only units the caller may read; another
/// unit is 403.
///
/// **Pages.** Rows come in the order of their key `(unit_id, indicator_id,
/// period)`. A page holds `limit` rows; `next_cursor` (also the `Link:
/// <…>; rel="next"` header) asks for the rows after the last one, with the
/// same filters; it is `null` on the last page. The key of a figure never
/// changes, only its value, status and `changed_at` do, so while figures are
/// written during a walk:
/// - no row is returned twice;
/// - every row that matches the filters when the walk begins and still
///   matches when the page holding its key is read is returned exactly once,
///   with its value at that moment;
/// - a row that starts to match during the walk (a new or newly submitted
///   figure, a changed one under `changed_since`) is returned if its key lies
///   after the page being read, else not in this walk; one that stops
///   matching (returned for correction, reopened) before its page is not.
///
/// A walk is therefore not a snapshot of one instant. Everything it may have
/// missed changed after it began: pass the `X-Next-Changed-Since` header (the
/// time the walk began, less five minutes for writes still in flight) as
/// `changed_since` of the next pull to get it. Incremental pulls are at least
/// once: key rows by `(unit_id, indicator_id, period)` and overwrite. A figure
/// that stops counting (returned, reopened) is not reported as removed, and
/// an imported figure that counts again because the app's figure for its
/// month was withdrawn keeps its old `changed_at`: a full pull now and then
/// catches both.
///
/// **ETag.** Every answer carries a strong `ETag`; send it back in
/// `If-None-Match` to get 304 when nothing changed. A page's tag is a hash of
/// its rows (every value, status, name and change time), its format and
/// whether more follow, so any change to what it shows changes it. A streamed
/// CSV's tag hashes the filters, the count of matching rows, their latest
/// `changed_at` and a checksum of their values: a changed, added or removed
/// figure changes it; a renamed unit or indicator alone does not.
///
/// **Formats.** `format=json|csv|xlsx` or the `Accept` header. CSV: UTF-8 with
/// a byte order mark, columns `ma_don_vi, Đơn vị, ma_chi_tieu, Chỉ tiêu, ĐVT,
/// Kỳ, Giá trị, Trạng thái, Cập nhật`; `decimal=dot` (default) writes
/// `1234.5` with `,` between fields for scripts and BI tools, `decimal=comma`
/// writes `1234,5` with `;` for Excel set to Vietnamese; never a thousands
/// separator. Without `limit` a CSV holds every matching row, streamed (the
/// server holds one chunk of 5000 rows at a time; an error midway closes the
/// connection, so a file cut short never looks whole); with `limit` it is a
/// page like JSON, with the `Link` header. XLSX: the same columns, values as
/// numbers, at most 20000 rows a file (the default), more through `Link`.
#[utoipa::path(
    tag = "data",
    security(("bearer" = [])),
    params(ValuesQuery),
    responses(
        (status = 200, description = "A page of figures, a CSV or an XLSX file",
            headers(
                ("ETag" = String, description = "Strong tag of this answer, for `If-None-Match`"),
                ("Link" = String, description = "`</api/v1/data/values?…&cursor=…>; rel=\"next\"` when more rows follow"),
                ("X-Next-Changed-Since" = String, description = "RFC 3339: `changed_since` for the next incremental pull"),
            ),
            content(
                (DataPage = "application/json", example = json!({"items": [{
                    "unit_id": 4, "unit_code": "XP-BANGOC", "unit_name": "Thôn Ba Ngọc", "indicator_id": 7,
                    "indicator_code": "CATTLE", "indicator_name": "Tổng đàn trâu, bò", "unit_of_measure": "con",
                    "period": "2026-06", "value": 1936.5, "status": "approved", "changed_at": "2026-06-16T02:14:07.123456Z"}],
                    "next_cursor": "eyJrIjp7InVuaXRfaWQiOjQsImluZGljYXRvcl9pZCI6NywicGVyaW9kIjoiMjAyNi0wNiJ9LCJmIjoiM2YyYTljMWQwYjdlNmE1NCIsInQiOiIyMDI2LTA2LTE2VDAyOjA5OjA3LjEyMzQ1NiJ9"})),
                (inline(FileBytes) = files::CSV_MEDIA),
                (inline(FileBytes) = files::XLSX),
            )),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current"),
        (status = 400, description = "Unknown parameter, unreadable query or a cursor made for other filters", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The unit is not yours to read", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
        (status = 422, description = "Malformed month, time, status, format or limit; unknown indicator code", body = ErrorBody),
    )
)]
#[get("/data/values")]
pub async fn values(req: HttpRequest, state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let accept = req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let params = Params::parse(req.query_string(), accept)?;
    let walk = Walk::of(&params, user.unit.id)?;
    let p = params.clone();
    let filter = state.db(move |conn| service::filter(conn, &user, &p)).await?;
    match params.page_size() {
        Some(limit) => page(&req, &state, &params, filter, walk, limit).await,
        None => every_row_csv(&req, state, &params, filter, walk).await,
    }
}

/// One page in the requested format.
async fn page(req: &HttpRequest, state: &AppState, p: &Params, filter: Filter, walk: Walk, limit: i64) -> ApiResult<HttpResponse> {
    let started = walk.started;
    let page = state.db(move |conn| service::page(conn, &filter, &walk, limit)).await?;
    // The tag leaves out the cursor's start time: the same rows are the same page.
    let mut f = Fingerprint::new("data/values page");
    f.add_display(p.format).add_display(p.decimal).add_display(page.next.is_some());
    f.add(&serde_json::to_vec(&page.items).map_err(|e| ApiError::Internal(e.into()))?);
    let tag = f.finish();
    let Some(mut ok) = tag.fresh(req) else {
        return Ok(tag.not_modified());
    };
    common_headers(&mut ok, p.format, started);
    if let Some(next) = &page.next {
        ok.insert_header((header::LINK, next_link(req, p, &next.encode())));
    }
    match p.format {
        DataFormat::Json => {}
        DataFormat::Csv => {
            ok.insert_header(files::attachment("so-lieu.csv"));
        }
        DataFormat::Xlsx => {
            ok.insert_header(files::attachment("so-lieu.xlsx"));
        }
    }
    Ok(ok.body(page.body(p.format, p.decimal)?))
}

/// Every row as one CSV, read and sent a chunk at a time.
async fn every_row_csv(req: &HttpRequest, state: web::Data<AppState>, p: &Params, filter: Filter, walk: Walk) -> ApiResult<HttpResponse> {
    let counted = filter.clone();
    let summary = state.db(move |conn| service::summary(conn, &counted)).await?;
    let mut f = Fingerprint::new("data/values csv");
    f.add(walk.filters.as_bytes()).add_display(p.decimal);
    f.add_display(format!("{}|{:?}|{}", summary.row_count, summary.last_change, summary.checksum));
    let tag: Etag = f.finish();
    let Some(mut ok) = tag.fresh(req) else {
        return Ok(tag.not_modified());
    };
    common_headers(&mut ok, DataFormat::Csv, walk.started);
    ok.insert_header(files::attachment("so-lieu.csv"));
    let head = export::csv_head(p.decimal)?;
    let mark = p.decimal;
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(2);
    actix_web::rt::spawn(async move {
        if tx.send(Ok(Bytes::from(head))).await.is_err() {
            return;
        }
        // A CSV of every row starts at the first, whatever cursor came with it.
        let mut after = super::cursor::Key::start();
        loop {
            let (chunk_filter, chunk_after) = (filter.clone(), after.clone());
            match state.db(move |conn| service::csv_chunk(conn, &chunk_filter, &chunk_after, mark)).await {
                Ok((bytes, next)) => {
                    if tx.send(Ok(Bytes::from(bytes))).await.is_err() {
                        return;
                    }
                    match next {
                        Some(key) => after = key,
                        None => return,
                    }
                }
                Err(e) => {
                    tracing::error!(error = %e, "data/values: streaming a CSV failed");
                    let _ = tx.send(Err(std::io::Error::other("streaming failed"))).await;
                    return;
                }
            }
        }
    });
    Ok(ok.body(ChunkedBody(rx)))
}

fn common_headers(ok: &mut HttpResponseBuilder, format: DataFormat, started: NaiveDateTime) {
    ok.content_type(files::media_type(format));
    ok.insert_header((header::VARY, "Accept, Authorization"));
    // Caches may keep it, but must ask again (with the tag) before reuse.
    ok.insert_header((header::CACHE_CONTROL, "private, no-cache"));
    let since = started.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    ok.insert_header(("X-Next-Changed-Since", since));
}

/// `<path?query with the new cursor>; rel="next"`.
fn next_link(req: &HttpRequest, p: &Params, cursor: &str) -> String {
    let mut query: Vec<String> =
        p.pairs.iter().filter(|(k, _)| k != "cursor").map(|(k, v)| format!("{}={}", params::encode(k), params::encode(v))).collect();
    query.push(format!("cursor={}", params::encode(cursor)));
    format!("<{}?{}>; rel=\"next\"", req.path(), query.join("&"))
}

/// Query of `GET /api/v1/data/periods`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodsQuery {
    /// The year, 2000 to 2100.
    #[param(example = 2026)]
    pub year: i32,
}

/// The report periods of a year, with their codes and Vietnamese labels.
///
/// Twelve months, four quarters, the two halves, nine months and the year,
/// each with its first and last reporting month: the values a script passes
/// as `period` to the totals, or as `from`/`to` (months) to `/data/values`.
#[utoipa::path(
    tag = "data",
    security(("bearer" = [])),
    params(PeriodsQuery),
    responses(
        (status = 200, description = "The periods", body = PeriodList),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 422, description = "Year out of range", body = ErrorBody),
    )
)]
#[get("/data/periods")]
pub async fn period_list(_user: AuthUser, query: web::Query<PeriodsQuery>) -> ApiResult<web::Json<PeriodList>> {
    let list = periods::of_year(query.year).ok_or_else(|| ApiError::field("year", "out_of_range", "Năm phải từ 2000 đến 2100"))?;
    Ok(web::Json(list))
}
