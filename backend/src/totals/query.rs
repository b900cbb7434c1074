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

/// The common table expressions `grp` (group -> unit) and `v` (the values that
/// count), with their binds.
fn values_cte(scope: &Scope) -> (String, Vec<Bind>) {
    let (group_filter, group_id) = match scope.groups {
        Groups::Unit(id) => ("g.id = ?", id),
        Groups::ChildrenOf(id) => ("g.parent_id = ?", id),
    };
    let statuses = if scope.include_provisional { "'approved', 'submitted'" } else { "'approved'" };
    let (indicator_filter_s, indicator_filter_i) = if scope.indicator_ids.is_empty() {
        (String::new(), String::new())
    } else {
        let list = raw::placeholders(scope.indicator_ids.len());
        (format!(" AND sv.indicator_id IN ({list})"), format!(" AND iv.indicator_id IN ({list})"))
    };
    let sql = format!(
        "WITH grp AS (
            SELECT g.id AS group_id, u.id AS unit_id
            FROM units g JOIN units u ON substr(u.path, 1, length(g.path)) = g.path
            WHERE {group_filter}
        ),
        v AS (
            SELECT grp.group_id, s.unit_id, sv.indicator_id, s.period, sv.value,
                   CASE WHEN s.status = 'approved' THEN 0 ELSE 1 END AS provisional
            FROM grp
            JOIN submissions s ON s.unit_id = grp.unit_id
            JOIN submission_values sv ON sv.submission_id = s.id
            WHERE s.period >= ? AND s.period <= ? AND s.status IN ({statuses}) AND sv.value IS NOT NULL{indicator_filter_s}
            UNION ALL
            SELECT grp.group_id, iv.unit_id, iv.indicator_id, iv.period, iv.value, 0
            FROM grp
            JOIN imported_values iv ON iv.unit_id = grp.unit_id
            WHERE iv.monthly AND iv.period >= ? AND iv.period <= ?{indicator_filter_i}
        )"
    );
    let (from, to) = (Bind::Text(scope.months.0.to_string()), Bind::Text(scope.months.1.to_string()));
    let ids = scope.indicator_ids.iter().map(|id| Bind::Int(*id));
    let mut binds = vec![Bind::Int(group_id), from.clone(), to.clone()];
    binds.extend(ids.clone());
    binds.extend([from, to]);
    binds.extend(ids);
    (sql, binds)
}

/// Sums per group and indicator over the whole range of months.
pub fn over_period(conn: &mut DbConn, scope: &Scope) -> QueryResult<Vec<Sums>> {
    let (cte, binds) = values_cte(scope);
    let sql = format!(
        "{cte},
        latest AS (
            SELECT group_id, unit_id, indicator_id, MAX(period) AS period
            FROM v GROUP BY group_id, unit_id, indicator_id
        )
        SELECT v.group_id, v.indicator_id, '' AS period,
               CAST(SUM(v.value) AS BIGINT) AS total,
               CAST(SUM(CASE WHEN v.period = l.period THEN v.value ELSE 0 END) AS BIGINT) AS latest_total,
               CAST(COUNT(DISTINCT v.unit_id) AS BIGINT) AS units,
               CAST(MAX(v.provisional) AS BIGINT) AS provisional
        FROM v JOIN latest l ON l.group_id = v.group_id AND l.unit_id = v.unit_id AND l.indicator_id = v.indicator_id
        GROUP BY v.group_id, v.indicator_id"
    );
    raw::load(conn, &sql, &binds)
}

/// Sums per group, indicator and month: within one month a unit's latest
/// value is its only one.
pub fn by_month(conn: &mut DbConn, scope: &Scope) -> QueryResult<Vec<Sums>> {
    let (cte, binds) = values_cte(scope);
    let sql = format!(
        "{cte}
        SELECT v.group_id, v.indicator_id, v.period,
               CAST(SUM(v.value) AS BIGINT) AS total,
               CAST(SUM(v.value) AS BIGINT) AS latest_total,
               CAST(COUNT(DISTINCT v.unit_id) AS BIGINT) AS units,
               CAST(MAX(v.provisional) AS BIGINT) AS provisional
        FROM v
        GROUP BY v.group_id, v.indicator_id, v.period"
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
