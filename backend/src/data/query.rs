//! The figures of `/api/v1/data/values`, read in key order one page at a
//! time, and a fingerprint of the whole answer for its ETag.
//!
//! A row is a unit's figure for an indicator and reporting month, from the
//! app or imported, combined as the totals combine them
//! (`totals/query.rs`): a submission's value counts when approved, or also
//! when submitted unless only approved figures are asked for; an imported
//! monthly figure counts as approved, unless the app has a figure that counts
//! for the same unit, indicator and month, which replaces it. Should an
//! indicator sit on two forms of a unit, its figures of one month add up into
//! one row, as in the totals, so the key `(unit_id, indicator_id, period)` is
//! unique.

use chrono::NaiveDateTime;
use diesel::QueryResult;
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};
use tonghop_shared::MonthPeriod;
use tonghop_shared::api::DataStatusFilter;

use super::cursor::Key;
use crate::db::DbConn;
use crate::db::raw::{self, Bind};
use crate::submissions::counted;

/// What a pull asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    /// The units, ids in ascending order.
    pub unit_ids: Vec<i64>,
    /// Only these indicators; all when empty.
    pub indicator_ids: Vec<i64>,
    /// First and last month, both included, each open when absent.
    pub from: Option<MonthPeriod>,
    /// See `from`.
    pub to: Option<MonthPeriod>,
    /// Approved, provisional or both.
    pub status: DataStatusFilter,
    /// Only rows changed at or after this time (UTC).
    pub changed_since: Option<NaiveDateTime>,
}

/// One figure with the names a table shows beside it.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct DataRow {
    #[diesel(sql_type = BigInt)]
    pub unit_id: i64,
    #[diesel(sql_type = Text)]
    pub unit_code: String,
    #[diesel(sql_type = Text)]
    pub unit_name: String,
    #[diesel(sql_type = BigInt)]
    pub indicator_id: i64,
    #[diesel(sql_type = Text)]
    pub indicator_code: String,
    #[diesel(sql_type = Text)]
    pub indicator_name: String,
    #[diesel(sql_type = Text)]
    pub unit_of_measure: String,
    #[diesel(sql_type = Text)]
    pub period: String,
    /// Ten-thousandths (see `Amount`).
    #[diesel(sql_type = BigInt)]
    pub value: i64,
    /// 1 when not yet approved.
    #[diesel(sql_type = BigInt)]
    pub provisional: i64,
    #[diesel(sql_type = Timestamp)]
    pub changed_at: NaiveDateTime,
}

impl DataRow {
    /// Its key, for the cursor.
    pub fn key(&self) -> Key {
        Key { unit_id: self.unit_id, indicator_id: self.indicator_id, period: self.period.clone() }
    }
}

/// How many rows match, their latest change and a checksum of their values.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct Summary {
    #[diesel(sql_type = BigInt)]
    pub row_count: i64,
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub last_change: Option<NaiveDateTime>,
    #[diesel(sql_type = BigInt)]
    pub checksum: i64,
}

/// The rows after `after`, as the common table expression `r`, then the
/// condition on it; and their binds in order.
fn matching(filter: &Filter, unit_ids: &[i64], after: &Key) -> (String, String, Vec<Bind>) {
    let mut binds = Vec::new();
    let scope = if unit_ids.is_empty() { "1 = 0".to_owned() } else { format!("u.id IN ({})", raw::int_list(unit_ids)) };
    let (sv_only, iv_only) = if filter.indicator_ids.is_empty() {
        (String::new(), String::new())
    } else {
        let list = raw::int_list(&filter.indicator_ids);
        (format!(" AND sv.indicator_id IN ({list})"), format!(" AND iv.indicator_id IN ({list})"))
    };
    let include_provisional = !matches!(filter.status, DataStatusFilter::Approved);
    let (counted, counted_binds) = counted::status_in("s.status", include_provisional);
    let (provisional, provisional_binds) = counted::provisional("s.status");
    let from = Bind::Text(filter.from.map_or_else(|| "0000-00".to_owned(), |m| m.to_string()));
    let to = Bind::Text(filter.to.map_or_else(|| "9999-99".to_owned(), |m| m.to_string()));
    let key = [Bind::Int(after.unit_id), Bind::Int(after.indicator_id), Bind::Text(after.period.clone())];
    // With `changed_since`, only the unit-months with a submission changed
    // since then are aggregated (a superset: the final condition keeps the
    // rows whose own latest change is that recent), so a nightly pull with
    // little changed reads little instead of every figure.
    let (changed_cte, changed_join, iv_since) = match filter.changed_since {
        Some(since) => {
            binds.push(Bind::Time(since));
            (
                ",
        changed AS MATERIALIZED (
            SELECT DISTINCT s.unit_id, s.period FROM scope JOIN submissions s ON s.unit_id = scope.id WHERE s.updated_at >= ?
        )",
                " JOIN changed c ON c.unit_id = s.unit_id AND c.period = s.period",
                " AND iv.imported_at >= ?",
            )
        }
        None => ("", "", ""),
    };
    // In the order of their placeholders in `r` below: its SELECT, then its WHERE.
    binds.extend(provisional_binds);
    binds.extend(counted_binds.iter().cloned());
    binds.extend([from.clone(), to.clone()]);
    binds.extend(key.clone());
    let imported = if filter.status == DataStatusFilter::Provisional {
        // Imported figures are approved: none to read.
        String::new()
    } else {
        binds.extend([from, to]);
        binds.extend(key);
        if let Some(since) = filter.changed_since {
            binds.push(Bind::Time(since));
        }
        binds.extend(counted_binds);
        format!(
            " UNION ALL
            SELECT iv.unit_id, iv.indicator_id, iv.period, iv.value, 0 AS provisional, iv.imported_at AS changed_at
            FROM scope JOIN imported_values iv ON iv.unit_id = scope.id
            WHERE iv.monthly AND iv.period >= ? AND iv.period <= ?{iv_only}
              AND (iv.unit_id, iv.indicator_id, iv.period) > (?, ?, ?){iv_since}
              -- A month sent through the app for the same unit wins.
              AND NOT EXISTS (
                  SELECT 1 FROM submissions s JOIN submission_values sv ON sv.submission_id = s.id
                  WHERE s.unit_id = iv.unit_id AND s.period = iv.period AND sv.indicator_id = iv.indicator_id
                    AND {counted} AND sv.value IS NOT NULL
              )"
        )
    };
    let ctes = format!(
        "WITH scope AS MATERIALIZED (
            SELECT u.id FROM units u WHERE {scope}
        ){changed_cte},
        r AS (
            SELECT s.unit_id, sv.indicator_id, s.period, SUM(sv.value) AS value,
                   MAX({provisional}) AS provisional,
                   MAX(s.updated_at) AS changed_at
            FROM scope JOIN submissions s ON s.unit_id = scope.id{changed_join}
            JOIN submission_values sv ON sv.submission_id = s.id
            WHERE {counted} AND sv.value IS NOT NULL AND s.period >= ? AND s.period <= ?{sv_only}
              AND (s.unit_id, sv.indicator_id, s.period) > (?, ?, ?)
            GROUP BY s.unit_id, sv.indicator_id, s.period{imported}
        )"
    );
    let mut condition = match filter.status {
        DataStatusFilter::Provisional => "r.provisional = 1".to_owned(),
        DataStatusFilter::All | DataStatusFilter::Approved => "1 = 1".to_owned(),
    };
    if let Some(since) = filter.changed_since {
        condition.push_str(" AND r.changed_at >= ?");
        binds.push(Bind::Time(since));
    }
    (ctes, condition, binds)
}

/// Up to `limit` rows with a key greater than `after`, in key order.
///
/// The key starts with the unit id, so the rows are read a window of units
/// at a time (4, then 16, 64... units), until the page is full: a page of a
/// province aggregates the figures of a few villages, not of all of them.
/// A window that yields fewer rows than asked has yielded all of its rows
/// after `after`, and every row of a later window has a greater key.
pub fn page(conn: &mut DbConn, filter: &Filter, after: &Key, limit: i64) -> QueryResult<Vec<DataRow>> {
    let mut rows: Vec<DataRow> = Vec::new();
    let mut after = after.clone();
    let mut start = filter.unit_ids.partition_point(|id| *id < after.unit_id);
    let mut window = 4;
    while start < filter.unit_ids.len() && (rows.len() as i64) < limit {
        let ids = &filter.unit_ids[start..(start + window).min(filter.unit_ids.len())];
        let found = read(conn, filter, ids, &after, limit - rows.len() as i64)?;
        if let Some(last) = found.last() {
            after = last.key();
        }
        rows.extend(found);
        start += ids.len();
        window *= 4;
    }
    Ok(rows)
}

/// Up to `limit` rows of some units with a key greater than `after`.
fn read(conn: &mut DbConn, filter: &Filter, unit_ids: &[i64], after: &Key, limit: i64) -> QueryResult<Vec<DataRow>> {
    let (ctes, condition, mut binds) = matching(filter, unit_ids, after);
    let sql = format!(
        "{ctes}
        SELECT r.unit_id, u.code AS unit_code, u.name AS unit_name, r.indicator_id, i.code AS indicator_code,
               i.name AS indicator_name, i.unit_of_measure, r.period, CAST(r.value AS BIGINT) AS value,
               CAST(r.provisional AS BIGINT) AS provisional, r.changed_at
        FROM r JOIN units u ON u.id = r.unit_id JOIN indicators i ON i.id = r.indicator_id
        WHERE {condition}
        ORDER BY r.unit_id, r.indicator_id, r.period
        LIMIT ?"
    );
    binds.push(Bind::Int(limit));
    raw::load(conn, &sql, &binds)
}

/// Count, latest change and a checksum of the values of every matching row:
/// what a streamed answer's ETag is made of.
pub fn summary(conn: &mut DbConn, filter: &Filter) -> QueryResult<Summary> {
    let (ctes, condition, binds) = matching(filter, &filter.unit_ids, &Key::start());
    // The remainder keeps the sum far from overflowing on a province.
    let sql = format!(
        "{ctes}
        SELECT CAST(COUNT(*) AS BIGINT) AS row_count, MAX(r.changed_at) AS last_change,
               CAST(COALESCE(SUM(r.value % 1000003), 0) AS BIGINT) AS checksum
        FROM r WHERE {condition}"
    );
    let mut rows: Vec<Summary> = raw::load(conn, &sql, &binds)?;
    Ok(rows.pop().unwrap_or(Summary { row_count: 0, last_change: None, checksum: 0 }))
}
