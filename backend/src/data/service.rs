//! `/api/v1/data/values` behind its handler, without HTTP: which rows a
//! request selects (after the access check), where its walk stands, one
//! page, and the chunks of a CSV that holds every row.

use chrono::{Duration, NaiveDateTime};
use tonghop_shared::api::{DataFormat, DataPage, DataValue, DecimalMark};

use super::cursor::{Cursor, Key};
use super::export;
use super::params::Params;
use super::query::{self, DataRow, Filter, Summary};
use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::indicators::model as indicators;
use crate::units::model as units;

/// Rows read per query while streaming a CSV.
pub const CHUNK: i64 = 5000;

/// How far before its first page a walk says it began: a write that took
/// its time before commit still falls after that.
const IN_FLIGHT: Duration = Duration::minutes(5);

/// Where a walk stands.
#[derive(Debug, Clone)]
pub struct Walk {
    /// The key of the last row already returned.
    pub after: Key,
    /// The filters the walk was made for ([`Params::filters_hash`]).
    pub filters: String,
    /// When the walk began, less [`IN_FLIGHT`]: `changed_since` of the next pull.
    pub started: NaiveDateTime,
}

impl Walk {
    /// The walk of a request: after its cursor's key, or at the start.
    /// A cursor made for other filters is refused.
    pub fn of(params: &Params, caller_unit: i64) -> ApiResult<Self> {
        let filters = params.filters_hash(caller_unit);
        Ok(match params.cursor.as_deref().map(|text| Cursor::decode(text, &filters)).transpose()? {
            Some(cursor) => Walk { after: cursor.after, filters, started: cursor.started },
            None => Walk { after: Key::start(), filters, started: crate::db::now() - IN_FLIGHT },
        })
    }
}

/// The rows a request selects, after the access check: its unit (the
/// caller's own by default) and, unless told otherwise, every unit below it
/// that the caller may read; indicators by code.
pub fn filter(conn: &mut DbConn, user: &AuthUser, p: &Params) -> ApiResult<Filter> {
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

/// One page of a walk.
#[derive(Debug)]
pub struct Page {
    /// Its figures, in key order.
    pub items: Vec<DataValue>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

impl Page {
    /// The page in a format: the JSON page, or a CSV or XLSX file.
    pub fn body(self, format: DataFormat, mark: DecimalMark) -> ApiResult<Vec<u8>> {
        match format {
            DataFormat::Json => {
                let page = DataPage { next_cursor: self.next.as_ref().map(Cursor::encode), items: self.items };
                serde_json::to_vec(&page).map_err(|e| ApiError::Internal(e.into()))
            }
            DataFormat::Csv => {
                let mut bytes = export::csv_head(mark)?;
                bytes.extend(export::csv_lines(&self.items, mark)?);
                Ok(bytes)
            }
            DataFormat::Xlsx => export::workbook(&self.items),
        }
    }
}

/// The page of `limit` rows after the walk's position.
pub fn page(conn: &mut DbConn, filter: &Filter, walk: &Walk, limit: i64) -> ApiResult<Page> {
    let mut rows = query::page(conn, filter, &walk.after, limit + 1)?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next = rows.last().filter(|_| more).map(|last| Cursor { after: last.key(), filters: walk.filters.clone(), started: walk.started });
    let items = rows.into_iter().map(DataRow::into_api).collect();
    Ok(Page { items, next })
}

/// How many rows the filter selects, their latest change and a checksum of
/// their values: what the tag of a CSV of every row hashes.
pub fn summary(conn: &mut DbConn, filter: &Filter) -> ApiResult<Summary> {
    Ok(query::summary(conn, filter)?)
}

/// The CSV lines of the [`CHUNK`] rows after `after`, and the key to read
/// after next (`None` once the last row is in).
pub fn csv_chunk(conn: &mut DbConn, filter: &Filter, after: &Key, mark: DecimalMark) -> ApiResult<(Vec<u8>, Option<Key>)> {
    let rows = query::page(conn, filter, after, CHUNK)?;
    let next = rows.last().filter(|_| rows.len() as i64 == CHUNK).map(DataRow::key);
    let values: Vec<DataValue> = rows.into_iter().map(DataRow::into_api).collect();
    Ok((export::csv_lines(&values, mark)?, next))
}
