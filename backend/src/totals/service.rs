//! The three answers: a unit's table, its children's breakdown, and one
//! indicator's trend by month.

use std::collections::HashMap;

use tonghop_shared::api::{Breakdown, BreakdownRow, TargetStatus, TargetSummary, TotalRow, TotalsTable, Trend, TrendPoint};
use tonghop_shared::totals::summary_sentence;
use tonghop_shared::{Amount, MonthPeriod, ReportPeriod};

use super::compute::{self, GroupFigures, RowInput};
use super::query::{self, Groups, Scope};
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::indicators::model::{self as indicators, IndicatorRow};
use crate::plans::model::{self as plans, PlanRow};
use crate::units::model::{self as units, UnitRow};

/// What a table or breakdown asks for.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    /// The period.
    pub period: ReportPeriod,
    /// Count submitted figures not yet approved.
    pub include_provisional: bool,
    /// Percent of the plan on track by now; the share of the year over by now
    /// when not given.
    pub threshold_percent: Option<Amount>,
}

/// Indicators in the order tables show them (the order they were defined).
fn ordered_indicators(conn: &mut DbConn) -> ApiResult<Vec<IndicatorRow>> {
    let mut rows = indicators::all_indicators(conn)?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// Sums and imported totals of every group for a period, by group id.
fn figures(
    conn: &mut DbConn,
    groups: Groups,
    group_ids: &[i64],
    period: ReportPeriod,
    scope_ids: &[i64],
    provisional: bool,
) -> ApiResult<HashMap<i64, GroupFigures>> {
    let scope = Scope { groups, months: period.months(), indicator_ids: scope_ids.to_vec(), include_provisional: provisional };
    let mut out: HashMap<i64, GroupFigures> = HashMap::new();
    for sums in query::over_period(conn, &scope)? {
        out.entry(sums.group_id).or_default().sums.insert(sums.indicator_id, sums);
    }
    for t in query::imported_totals(conn, group_ids, &period.to_string())? {
        out.entry(t.unit_id).or_default().imported.insert(t.indicator_id, t.value);
    }
    Ok(out)
}

/// Rows of every group: group id -> rows. With `only` set, each group gets
/// exactly those indicators' rows; otherwise every indicator with a figure,
/// a plan or last year's figure.
fn rows_by_group(
    conn: &mut DbConn,
    spare: Option<&mut DbConn>,
    groups: Groups,
    group_units: &[UnitRow],
    only: Option<&[i64]>,
    request: Request,
) -> ApiResult<HashMap<i64, Vec<TotalRow>>> {
    let all = ordered_indicators(conn)?;
    let by_id: HashMap<i64, &IndicatorRow> = all.iter().map(|i| (i.id, i)).collect();
    // A rate needs its numerator and denominator summed too.
    let scope_ids: Vec<i64> = match only {
        None => Vec::new(),
        Some(ids) => {
            let mut ids = ids.to_vec();
            for id in ids.clone() {
                if let Some(i) = by_id.get(&id) {
                    ids.extend(i.numerator_id.into_iter().chain(i.denominator_id));
                }
            }
            ids
        }
    };
    let group_ids: Vec<i64> = group_units.iter().map(|u| u.id).collect();
    let provisional = request.include_provisional;
    // The period and the year before are independent: with a spare
    // connection they are summed at once, each on its own core.
    let (current, earlier) = match (spare, request.period.a_year_earlier()) {
        (Some(spare), Some(before)) => std::thread::scope(|scope| {
            let earlier = scope.spawn(|| figures(spare, groups, &group_ids, before, &scope_ids, provisional));
            let current = figures(conn, groups, &group_ids, request.period, &scope_ids, provisional);
            (current, earlier.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        }),
        (None, Some(before)) => (
            figures(conn, groups, &group_ids, request.period, &scope_ids, provisional),
            figures(conn, groups, &group_ids, before, &scope_ids, provisional),
        ),
        (_, None) => (figures(conn, groups, &group_ids, request.period, &scope_ids, provisional), Ok(HashMap::new())),
    };
    let (current, earlier) = (current?, earlier?);
    let plan_rows = plans::for_units(conn, &group_ids, request.period.year())?;
    let plans: HashMap<(i64, i64), &PlanRow> = plan_rows.iter().map(|p| ((p.unit_id, p.indicator_id), p)).collect();
    let (threshold, over) = judged_by(conn, group_units, request)?;
    let empty = GroupFigures::default();
    let mut out = HashMap::new();
    for unit in group_units {
        let now = current.get(&unit.id).unwrap_or(&empty);
        let before = earlier.get(&unit.id).unwrap_or(&empty);
        let mut rows = Vec::new();
        for indicator in &all {
            if only.is_some_and(|ids| !ids.contains(&indicator.id)) {
                continue;
            }
            let (actual, provisional) = compute::actual(indicator, now, &by_id);
            let (last_year, _) = compute::actual(indicator, before, &by_id);
            let plan = plans.get(&(unit.id, indicator.id)).copied();
            if only.is_none() && actual.is_none() && last_year.is_none() && plan.is_none() {
                continue;
            }
            rows.push(compute::row(RowInput {
                indicator,
                actual,
                provisional,
                plan,
                last_year,
                period_over_at_year_end: over,
                threshold_percent: threshold,
            }));
        }
        out.insert(unit.id, rows);
    }
    Ok(out)
}

/// The share of the plan expected by now (asked for, or the share of the
/// year over under the first unit's calendar), and whether the period is a
/// year's end that is over, when year-end figures can be judged.
fn judged_by(conn: &mut DbConn, group_units: &[UnitRow], request: Request) -> ApiResult<(Amount, bool)> {
    let current = match group_units.first() {
        Some(unit) => MonthPeriod::containing(crate::clock::today(), &units::effective_calendar(conn, unit)?),
        None => MonthPeriod::containing(crate::clock::today(), &Default::default()),
    };
    let threshold = request.threshold_percent.unwrap_or_else(|| request.period.expected_share(current));
    Ok((threshold, request.period.ends_the_year() && request.period.is_over(current)))
}

/// The count of resolution targets by status, and its sentence.
pub fn target_summary(rows: &[TotalRow], threshold_percent: Amount) -> TargetSummary {
    let codes = |status: TargetStatus| -> Vec<String> {
        rows.iter().filter(|r| r.resolution_target && r.status == status).map(|r| r.indicator.code.clone()).collect()
    };
    let (reached, behind, not_evaluable) = (codes(TargetStatus::Reached), codes(TargetStatus::Behind), codes(TargetStatus::NotEvaluable));
    let total = rows.iter().filter(|r| r.resolution_target).count();
    TargetSummary {
        threshold_percent,
        total: total as u32,
        sentence: summary_sentence(total, reached.len(), behind.len(), not_evaluable.len(), threshold_percent),
        reached,
        behind,
        not_evaluable,
    }
}

/// A unit's table: every indicator against KH and CK, and the target summary.
/// With a `spare` connection the period and the year before are summed at
/// once.
pub fn table(conn: &mut DbConn, spare: Option<&mut DbConn>, unit: &UnitRow, request: Request) -> ApiResult<TotalsTable> {
    let mut by_group = rows_by_group(conn, spare, Groups::Unit(unit.id), std::slice::from_ref(unit), None, request)?;
    let rows = by_group.remove(&unit.id).unwrap_or_default();
    let calendar = units::effective_calendar(conn, unit)?;
    let (date_from, date_to) = request.period.date_range(&calendar);
    let (threshold, _) = judged_by(conn, std::slice::from_ref(unit), request)?;
    Ok(TotalsTable {
        unit: unit.summary(),
        period: request.period,
        period_label: request.period.label_vi(),
        date_from,
        date_to,
        include_provisional: request.include_provisional,
        summary: target_summary(&rows, threshold),
        rows,
    })
}

/// The units directly below `unit`, each with its totals for the indicators
/// asked for (all when `only` is empty).
pub fn breakdown(conn: &mut DbConn, spare: Option<&mut DbConn>, unit: &UnitRow, only: &[i64], request: Request) -> ApiResult<Breakdown> {
    let mut children = units::children(conn, unit.id)?;
    children.sort_by(|a, b| a.code.cmp(&b.code));
    let only = (!only.is_empty()).then_some(only);
    let mut by_group = rows_by_group(conn, spare, Groups::ChildrenOf(unit.id), &children, only, request)?;
    let children =
        children.iter().map(|child| BreakdownRow { unit: child.summary(), rows: by_group.remove(&child.id).unwrap_or_default() }).collect();
    Ok(Breakdown { unit: unit.summary(), period: request.period, include_provisional: request.include_provisional, children })
}

/// One indicator month by month through a year, against the year before.
pub fn trend(conn: &mut DbConn, unit: &UnitRow, indicator: &IndicatorRow, year: i32, include_provisional: bool) -> ApiResult<Trend> {
    let all = ordered_indicators(conn)?;
    let by_id: HashMap<i64, &IndicatorRow> = all.iter().map(|i| (i.id, i)).collect();
    let mut ids = vec![indicator.id];
    ids.extend(indicator.numerator_id.into_iter().chain(indicator.denominator_id));
    let month = |y: i32, m: u32| MonthPeriod::new(y, m);
    let mut per_month: HashMap<(i32, u32), GroupFigures> = HashMap::new();
    for y in [year - 1, year] {
        let (Some(first), Some(last)) = (month(y, 1), month(y, 12)) else { continue };
        let scope = Scope { groups: Groups::Unit(unit.id), months: (first, last), indicator_ids: ids.clone(), include_provisional };
        for sums in query::by_month(conn, &scope)? {
            let Ok(period) = sums.period.parse::<MonthPeriod>() else { continue };
            per_month.entry((period.year(), period.month())).or_default().sums.insert(sums.indicator_id, sums);
        }
    }
    let value = |y: i32, m: u32| per_month.get(&(y, m)).and_then(|f| compute::actual(indicator, f, &by_id).0);
    let points = (1..=12).map(|m| TrendPoint { month: m, actual: value(year, m), last_year: value(year - 1, m) }).collect();
    Ok(Trend { unit: unit.summary(), indicator: compute::summary(indicator), year, points })
}
