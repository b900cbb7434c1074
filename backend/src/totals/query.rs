//! The aggregation queries: sums over units and months, computed in the
//! database so that a province's table never loads its millions of values.
//!
//! Every figure that counts is either a value of a submission (approved, or
//! also submitted when provisional figures are asked for) or an imported
//! monthly figure, which counts as approved. For each group (a unit and
//! everything below it) and indicator the query returns what every
//! aggregation kind needs: the sum over all months, the sum of each unit's
//! latest month, and how many units reported.

use diesel::QueryResult;
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Text};
use tonghop_shared::MonthPeriod;

use crate::db::DbConn;
use crate::db::raw::{self, Bind};
use crate::submissions::counted;

/// Which units a query totals.
#[derive(Debug, Clone, Copy)]
pub enum Groups {
    /// One group: this unit and everything below it.
    Unit(i64),
    /// One group per child of this unit, each with everything below it.
    ChildrenOf(i64),
}

/// What a query counts.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The groups.
    pub groups: Groups,
    /// First and last month, both included.
    pub months: (MonthPeriod, MonthPeriod),
    /// Only these indicators; all when empty.
    pub indicator_ids: Vec<i64>,
    /// Count submitted figures not yet approved.
    pub include_provisional: bool,
}

/// The sums of one group and indicator (and month, for a trend).
#[derive(Debug, Clone, Default, PartialEq, QueryableByName)]
pub struct Sums {
    #[diesel(sql_type = BigInt)]
    pub group_id: i64,
    #[diesel(sql_type = BigInt)]
    pub indicator_id: i64,
    /// Empty, or the month for [`by_month`].
    #[diesel(sql_type = Text)]
    pub period: String,
    /// Sum of every value (a flow's total).
    #[diesel(sql_type = BigInt)]
    pub total: i64,
    /// Sum of each unit's value in its latest month (a stock's total).
    #[diesel(sql_type = BigInt)]
    pub latest_total: i64,
    /// Units with a value.
    #[diesel(sql_type = BigInt)]
    pub units: i64,
    /// 1 when a value counted is not yet approved.
    #[diesel(sql_type = BigInt)]
    pub provisional: i64,
}

/// `IN (...)` of indicator ids, or nothing for all ([`raw::int_list`]).
fn indicator_filter(column: &str, ids: &[i64]) -> String {
    if ids.is_empty() {
        return String::new();
    }
    format!(" AND {column} IN ({})", raw::int_list(ids))
}

/// The common table expressions every query starts with, and their binds:
/// `grp` (group -> each unit in it), `subs` (the submissions that count) and
/// `imp` (imported monthly figures). Both `grp` and `subs` are materialised:
/// the prefix match on paths runs once per unit, not once per value.
fn base(scope: &Scope) -> (String, Vec<Bind>) {
    let (group_filter, group_id) = match scope.groups {
        Groups::Unit(id) => ("g.id = ?", id),
        Groups::ChildrenOf(id) => ("g.parent_id = ?", id),
    };
    let (counted, counted_binds) = counted::status_in("s.status", scope.include_provisional);
    let (provisional, provisional_binds) = counted::provisional("s.status");
    let imported = indicator_filter("iv.indicator_id", &scope.indicator_ids);
    let sql = format!(
        "WITH grp AS MATERIALIZED (
            SELECT g.id AS group_id, u.id AS unit_id
            FROM units g JOIN units u ON substr(u.path, 1, length(g.path)) = g.path
            WHERE {group_filter}
        ),
        subs AS MATERIALIZED (
            SELECT grp.group_id, s.id, s.unit_id, s.form_id, s.period,
                   {provisional} AS provisional
            FROM grp JOIN submissions s ON s.unit_id = grp.unit_id
            WHERE s.period >= ? AND s.period <= ? AND {counted}
        ),
        imp AS MATERIALIZED (
            SELECT grp.group_id, iv.unit_id, iv.indicator_id, iv.period, iv.value
            FROM grp JOIN imported_values iv ON iv.unit_id = grp.unit_id
            WHERE iv.monthly AND iv.period >= ? AND iv.period <= ?{imported}
              -- A month later sent through the app for the same unit wins.
              AND NOT EXISTS (
                  SELECT 1 FROM submissions s JOIN submission_values sv ON sv.submission_id = s.id
                  WHERE s.unit_id = iv.unit_id AND s.period = iv.period AND sv.indicator_id = iv.indicator_id
                    AND {counted} AND sv.value IS NOT NULL
              )
        )"
    );
    let (from, to) = (Bind::Text(scope.months.0.to_string()), Bind::Text(scope.months.1.to_string()));
    // In the order of their placeholders in the text above.
    let mut binds = vec![Bind::Int(group_id)];
    binds.extend(provisional_binds);
    binds.extend([from.clone(), to.clone()]);
    binds.extend(counted_binds.iter().cloned());
    binds.extend([from, to]);
    binds.extend(counted_binds);
    (sql, binds)
}

/// Sums per group and indicator over the whole range of months.
///
/// A unit's latest month is the latest of its submissions that count (a
/// submitted or approved form has every figure) or of its imported months,
/// whichever is later; `ends` holds each unit's figure of that month.
pub fn over_period(conn: &mut DbConn, scope: &Scope) -> QueryResult<Vec<Sums>> {
    let (base, binds) = base(scope);
    let values = indicator_filter("sv.indicator_id", &scope.indicator_ids);
    let sql = format!(
        "{base},
        sums AS (
            SELECT subs.group_id, sv.indicator_id, SUM(sv.value) AS total, MAX(subs.provisional) AS provisional
            FROM subs JOIN submission_values sv ON sv.submission_id = subs.id
            WHERE sv.value IS NOT NULL{values}
            GROUP BY subs.group_id, sv.indicator_id
            UNION ALL
            SELECT group_id, indicator_id, SUM(value), 0 FROM imp GROUP BY group_id, indicator_id
        ),
        last_subs AS (
            SELECT group_id, unit_id, form_id, MAX(period) AS period FROM subs GROUP BY group_id, unit_id, form_id
        ),
        app_ends AS MATERIALIZED (
            SELECT ls.group_id, ls.unit_id, sv.indicator_id, ls.period, sv.value
            FROM last_subs ls
            JOIN submissions s ON s.unit_id = ls.unit_id AND s.form_id = ls.form_id AND s.period = ls.period
            JOIN submission_values sv ON sv.submission_id = s.id
            WHERE sv.value IS NOT NULL{values}
        ),
        imp_last AS (
            SELECT group_id, unit_id, indicator_id, MAX(period) AS period FROM imp GROUP BY group_id, unit_id, indicator_id
        ),
        imp_ends AS MATERIALIZED (
            SELECT imp.group_id, imp.unit_id, imp.indicator_id, imp.period, imp.value
            FROM imp JOIN imp_last il
              ON il.group_id = imp.group_id AND il.unit_id = imp.unit_id AND il.indicator_id = imp.indicator_id AND il.period = imp.period
        ),
        ends AS (
            SELECT a.group_id, a.indicator_id, a.value FROM app_ends a
            WHERE NOT EXISTS (SELECT 1 FROM imp_ends i
                              WHERE i.group_id = a.group_id AND i.unit_id = a.unit_id AND i.indicator_id = a.indicator_id AND i.period > a.period)
            UNION ALL
            SELECT i.group_id, i.indicator_id, i.value FROM imp_ends i
            WHERE NOT EXISTS (SELECT 1 FROM app_ends a
                              WHERE a.group_id = i.group_id AND a.unit_id = i.unit_id AND a.indicator_id = i.indicator_id AND a.period >= i.period)
        )
        SELECT t.group_id, t.indicator_id, '' AS period, CAST(t.total AS BIGINT) AS total,
               CAST(l.latest_total AS BIGINT) AS latest_total, CAST(l.units AS BIGINT) AS units,
               CAST(t.provisional AS BIGINT) AS provisional
        FROM (SELECT group_id, indicator_id, SUM(total) AS total, MAX(provisional) AS provisional
              FROM sums GROUP BY group_id, indicator_id) t
        JOIN (SELECT group_id, indicator_id, SUM(value) AS latest_total, COUNT(*) AS units
              FROM ends GROUP BY group_id, indicator_id) l
          ON l.group_id = t.group_id AND l.indicator_id = t.indicator_id"
    );
    raw::load(conn, &sql, &binds)
}

/// Sums per group, indicator and month: within one month a unit's latest
/// value is its only one.
pub fn by_month(conn: &mut DbConn, scope: &Scope) -> QueryResult<Vec<Sums>> {
    let (base, binds) = base(scope);
    let values = indicator_filter("sv.indicator_id", &scope.indicator_ids);
    let sql = format!(
        "{base},
        months AS (
            SELECT subs.group_id, sv.indicator_id, subs.period, SUM(sv.value) AS total,
                   COUNT(DISTINCT subs.unit_id) AS units, MAX(subs.provisional) AS provisional
            FROM subs JOIN submission_values sv ON sv.submission_id = subs.id
            WHERE sv.value IS NOT NULL{values}
            GROUP BY subs.group_id, sv.indicator_id, subs.period
            UNION ALL
            SELECT group_id, indicator_id, period, SUM(value), COUNT(DISTINCT unit_id), 0
            FROM imp GROUP BY group_id, indicator_id, period
        )
        SELECT group_id, indicator_id, period, CAST(SUM(total) AS BIGINT) AS total, CAST(SUM(total) AS BIGINT) AS latest_total,
               CAST(SUM(units) AS BIGINT) AS units, CAST(MAX(provisional) AS BIGINT) AS provisional
        FROM months GROUP BY group_id, indicator_id, period"
    );
    raw::load(conn, &sql, &binds)
}

/// A total imported for a whole period (`2025-H1`, `2025`), used when the
/// months of that period have no figures.
#[derive(Debug, Clone, QueryableByName)]
pub struct ImportedTotal {
    #[diesel(sql_type = BigInt)]
    pub unit_id: i64,
    #[diesel(sql_type = BigInt)]
    pub indicator_id: i64,
    #[diesel(sql_type = BigInt)]
    pub value: i64,
}

/// Imported whole-period totals of some units for one period code.
pub fn imported_totals(conn: &mut DbConn, unit_ids: &[i64], period: &str) -> QueryResult<Vec<ImportedTotal>> {
    if unit_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT unit_id, indicator_id, value FROM imported_values WHERE period = ? AND NOT monthly AND unit_id IN ({})",
        raw::placeholders(unit_ids.len())
    );
    let mut binds = vec![Bind::Text(period.to_owned())];
    binds.extend(unit_ids.iter().map(|id| Bind::Int(*id)));
    raw::load(conn, &sql, &binds)
}
