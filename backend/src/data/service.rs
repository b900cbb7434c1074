//! `/api/v1/data/values` behind its handler: who may read which units, then
//! one page (JSON, CSV or XLSX) or every row as a streamed CSV.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, web};
use chrono::{Duration, NaiveDateTime};
use tokio::sync::mpsc;
use tonghop_shared::api::{DataFormat, DataPage};

use super::cursor::{Cursor, Key};
use super::export_csv::{self, ChunkedBody};
use super::export_xlsx;
use super::params::{self, Params};
use super::query::{self, DataRow, Filter};
use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::indicators::model as indicators;
use crate::state::AppState;
use crate::units::model as units;
use crate::web::etag::{Etag, Fingerprint};
use crate::web::files;

/// Rows read per query while streaming a CSV.
const CHUNK: i64 = 5000;

/// How far before its first page a walk says it began: a write that took
/// its time before commit still falls after that.
const IN_FLIGHT: Duration = Duration::minutes(5);

/// Answers one request.
pub async fn values(req: HttpRequest, state: web::Data<AppState>, user: AuthUser, params: Params) -> ApiResult<HttpResponse> {
    let filters = params.filters_hash(user.unit.id);
    let cursor = params.cursor.as_deref().map(|text| Cursor::decode(text, &filters)).transpose()?;
    let started = cursor.as_ref().map_or_else(|| crate::db::now() - IN_FLIGHT, |c| c.started);
    let p = params.clone();
    let filter = state.db(move |conn| resolve(conn, &user, &p)).await?;
    match params.page_size() {
        Some(limit) => {
            let after = cursor.map_or_else(Key::start, |c| c.after);
            page(&req, &state, &params, filter, Walk { after, filters, started }, limit).await
        }
        None => stream(&req, state, &params, filter, filters, started).await,
    }
}

/// Where a walk stands.
struct Walk {
    after: Key,
    filters: String,
    started: NaiveDateTime,
}

/// The filter of a request, after the access check.
fn resolve(conn: &mut DbConn, user: &AuthUser, p: &Params) -> ApiResult<Filter> {
    let unit = match p.unit_id {
        Some(id) => units::find(conn, id)?,
        None => user.unit.clone(),
    };
    let mut unit_ids: Vec<i64> = user.readable_under(conn, &unit, p.descendants)?.iter().map(|u| u.id).collect();
    unit_ids.sort_unstable();
    let mut indicator_ids = Vec::new();
    if !p.indicators.is_empty() {
        let all = indicators::all_indicators(conn)?;
        let mut unknown = Vec::new();
        for code in &p.indicators {
            match all.iter().find(|i| i.code == *code) {
                Some(i) => indicator_ids.push(i.id),
                None => unknown.push(code.as_str()),
            }
        }
        if !unknown.is_empty() {
            return Err(ApiError::field("indicator", "unknown", format!("Không có chỉ tiêu mã {}", unknown.join(", "))));
        }
    }
    Ok(Filter { unit_ids, indicator_ids, from: p.from, to: p.to, status: p.status, changed_since: p.changed_since })
}

/// One page in the requested format.
async fn page(req: &HttpRequest, state: &AppState, p: &Params, filter: Filter, walk: Walk, limit: i64) -> ApiResult<HttpResponse> {
    let after = walk.after.clone();
    let mut rows = state.db(move |conn| Ok(query::page(conn, &filter, &after, limit + 1)?)).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next = rows.last().filter(|_| more).map(|last| Cursor { after: last.key(), filters: walk.filters.clone(), started: walk.started });
    let items: Vec<_> = rows.iter().map(DataRow::to_api).collect();
    // The tag leaves out the cursor's start time: the same rows are the same page.
    let mut f = Fingerprint::new("data/values page");
    f.add_display(p.format).add_display(p.decimal).add_display(more);
    f.add(&serde_json::to_vec(&items).map_err(|e| ApiError::Internal(e.into()))?);
    let tag = f.finish();
    let Some(mut ok) = tag.fresh(req) else {
        return Ok(tag.not_modified());
    };
    common_headers(&mut ok, p.format, walk.started);
    if let Some(next) = &next {
        ok.insert_header((header::LINK, next_link(req, p, &next.encode())));
    }
    let body = match p.format {
        DataFormat::Json => {
            let page = DataPage { items, next_cursor: next.map(|c| c.encode()) };
            serde_json::to_vec(&page).map_err(|e| ApiError::Internal(e.into()))?
        }
        DataFormat::Csv => {
            ok.insert_header(files::attachment("so-lieu.csv"));
            let mut bytes = export_csv::head(p.decimal)?;
            bytes.extend(export_csv::lines(&rows, p.decimal)?);
            bytes
        }
        DataFormat::Xlsx => {
            ok.insert_header(files::attachment("so-lieu.xlsx"));
            export_xlsx::workbook(&rows)?
        }
    };
    Ok(ok.body(body))
}

/// Every row as one CSV, read and sent a chunk at a time.
async fn stream(
    req: &HttpRequest,
    state: web::Data<AppState>,
    p: &Params,
    filter: Filter,
    filters: String,
    started: NaiveDateTime,
) -> ApiResult<HttpResponse> {
    let counted = filter.clone();
    let summary = state.db(move |conn| Ok(query::summary(conn, &counted)?)).await?;
    let mut f = Fingerprint::new("data/values csv");
    f.add(filters.as_bytes()).add_display(p.decimal);
    f.add_display(format!("{}|{:?}|{}", summary.row_count, summary.last_change, summary.checksum));
    let tag: Etag = f.finish();
    let Some(mut ok) = tag.fresh(req) else {
        return Ok(tag.not_modified());
    };
    common_headers(&mut ok, DataFormat::Csv, started);
    ok.insert_header(files::attachment("so-lieu.csv"));
    let head = export_csv::head(p.decimal)?;
    let mark = p.decimal;
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(2);
    actix_web::rt::spawn(async move {
        if tx.send(Ok(Bytes::from(head))).await.is_err() {
            return;
        }
        let mut after = Key::start();
        loop {
            let (chunk_filter, chunk_after) = (filter.clone(), after.clone());
            let rows = state.db(move |conn| Ok(query::page(conn, &chunk_filter, &chunk_after, CHUNK)?)).await;
            let chunk = rows.and_then(|rows| Ok((export_csv::lines(&rows, mark)?, rows)));
            match chunk {
                Ok((bytes, rows)) => {
                    if tx.send(Ok(Bytes::from(bytes))).await.is_err() {
                        return;
                    }
                    match rows.last() {
                        Some(last) if rows.len() as i64 == CHUNK => after = last.key(),
                        _ => return,
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
    ok.content_type(content_type(format));
    ok.insert_header((actix_web::http::header::VARY, "Accept, Authorization"));
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

/// The content type of a format.
fn content_type(format: DataFormat) -> &'static str {
    match format {
        DataFormat::Json => "application/json",
        DataFormat::Csv => files::CSV,
        DataFormat::Xlsx => files::XLSX,
    }
}
