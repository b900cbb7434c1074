//! From sums to figures: each indicator combined by its own kind, set against
//! its plan and last year.
//!
//! - a flow adds up over months and units;
//! - a stock takes each unit's value at the end of the period (its latest
//!   month with a figure) and adds those up over units;
//! - a rate is its numerator's total over its denominator's total, each
//!   combined by its own kind, never an average of rates;
//! - a criteria count takes each unit's latest figure; over several units it
//!   is their mean ("bình quân đạt 17,5 tiêu chí/xã").

use std::collections::HashMap;

use tonghop_shared::Amount;
use tonghop_shared::api::{Aggregation, IndicatorSummary, TotalRow};
use tonghop_shared::totals::{TargetInput, compare, target_status};

use super::query::Sums;
use crate::indicators::model::IndicatorRow;
use crate::plans::model::PlanRow;

/// One group's sums and imported whole-period totals, by indicator.
#[derive(Debug, Default)]
pub struct GroupFigures {
    /// Sums by indicator id.
    pub sums: HashMap<i64, Sums>,
    /// Imported totals of the whole period by indicator id: used when the
    /// months have nothing.
    pub imported: HashMap<i64, i64>,
}

/// An indicator's figure for a group, and whether it counts figures not yet
/// approved.
pub fn actual(indicator: &IndicatorRow, figures: &GroupFigures, indicators: &HashMap<i64, &IndicatorRow>) -> (Option<Amount>, bool) {
    actual_at_depth(indicator, figures, indicators, 0)
}

fn actual_at_depth(
    indicator: &IndicatorRow,
    figures: &GroupFigures,
    indicators: &HashMap<i64, &IndicatorRow>,
    depth: u32,
) -> (Option<Amount>, bool) {
    let precision = indicator.display_precision.max(0) as u32;
    let sums = figures.sums.get(&indicator.id);
    let provisional = sums.is_some_and(|s| s.provisional > 0);
    let aggregation: Aggregation = indicator.aggregation;
    let value = match aggregation {
        Aggregation::Flow => sums.map(|s| Amount::from_scaled(s.total)),
        Aggregation::Stock => sums.map(|s| Amount::from_scaled(s.latest_total)),
        // An average of whole counts gets one more decimal: 16,5 criteria.
        Aggregation::Criteria => sums.filter(|s| s.units > 0).map(|s| mean(s.latest_total, s.units).round_to(precision + 1)),
        Aggregation::Rate => {
            let parts =
                indicator.numerator_id.zip(indicator.denominator_id).and_then(|(n, d)| Some((indicators.get(&n)?, indicators.get(&d)?)));
            match parts {
                Some((num, den)) if depth < 2 => {
                    let (n, n_prov) = actual_at_depth(num, figures, indicators, depth + 1);
                    let (d, d_prov) = actual_at_depth(den, figures, indicators, depth + 1);
                    let rate = n.zip(d).and_then(|(n, d)| Amount::percent_rounded(n.scaled(), d.scaled(), precision));
                    return (rate.or_else(|| imported(indicator, figures)), n_prov || d_prov);
                }
                // A rate reported as such can stand for one unit, never be averaged.
                _ => sums.filter(|s| s.units == 1).map(|s| Amount::from_scaled(s.latest_total)),
            }
        }
    };
    (value.or_else(|| imported(indicator, figures)), provisional)
}

fn imported(indicator: &IndicatorRow, figures: &GroupFigures) -> Option<Amount> {
    figures.imported.get(&indicator.id).copied().map(Amount::from_scaled)
}

/// `total / count` in fixed point, rounded half away from zero.
fn mean(total: i64, count: i64) -> Amount {
    let (q, r) = (total / count, total % count);
    Amount::from_scaled(if 2 * r.abs() >= count { q + total.signum() } else { q })
}

/// The summary of an indicator a table row carries.
pub fn summary(indicator: &IndicatorRow) -> IndicatorSummary {
    let api = indicator.to_api();
    IndicatorSummary {
        id: api.id,
        code: api.code,
        name: api.name,
        unit_of_measure: api.unit_of_measure,
        aggregation: api.aggregation,
        precision: api.precision,
        input_precision: api.input_precision,
        higher_is_better: api.higher_is_better,
    }
}

/// Everything one row is made of.
#[derive(Debug)]
pub struct RowInput<'a> {
    /// The indicator.
    pub indicator: &'a IndicatorRow,
    /// Its figure for the period.
    pub actual: Option<Amount>,
    /// The figure counts some not yet approved.
    pub provisional: bool,
    /// The unit's plan for the year.
    pub plan: Option<&'a PlanRow>,
    /// The figure of the same period last year.
    pub last_year: Option<Amount>,
    /// The period ends the year and is over: year-end figures can be judged.
    pub period_over_at_year_end: bool,
    /// Percent of the plan on track by now.
    pub threshold_percent: Amount,
}

/// One row: the figure against its plan and last year, and its status.
pub fn row(input: RowInput<'_>) -> TotalRow {
    let summary = summary(input.indicator);
    let plan_value = input.plan.map(|p| Amount::from_scaled(p.value));
    let status = target_status(TargetInput {
        aggregation: summary.aggregation,
        higher_is_better: summary.higher_is_better,
        actual: input.actual,
        plan: plan_value,
        year_end_only: input.plan.is_some_and(|p| p.year_end_only),
        period_ends_year: input.period_over_at_year_end,
        threshold_percent: input.threshold_percent,
    });
    TotalRow {
        plan: compare(input.actual, plan_value, summary.precision),
        last_year: compare(input.actual, input.last_year, summary.precision),
        actual: input.actual,
        resolution_target: input.plan.is_some_and(|p| p.resolution_target),
        year_end_only: input.plan.is_some_and(|p| p.year_end_only),
        status,
        provisional: input.provisional,
        indicator: summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(id: i64, aggregation: &str, precision: i32, parts: Option<(i64, i64)>) -> IndicatorRow {
        IndicatorRow {
            id,
            code: format!("I{id}"),
            name: String::new(),
            unit_of_measure: String::new(),
            aggregation: aggregation.parse().unwrap(),
            display_precision: precision,
            higher_is_better: true,
            help: String::new(),
            min_value: None,
            max_value: None,
            numerator_id: parts.map(|p| p.0),
            denominator_id: parts.map(|p| p.1),
            active: true,
            input_precision: precision,
        }
    }

    fn sums(indicator_id: i64, total: i64, latest_total: i64, units: i64) -> Sums {
        Sums { indicator_id, total: total * 10_000, latest_total: latest_total * 10_000, units, ..Sums::default() }
    }

    #[test]
    fn each_kind_combines_its_own_way() {
        let flow = indicator(1, "flow", 0, None);
        let stock = indicator(2, "stock", 0, None);
        let criteria = indicator(3, "criteria", 1, None);
        let rate = indicator(4, "rate", 2, Some((2, 5)));
        let households = indicator(5, "stock", 0, None);
        let all = [&flow, &stock, &criteria, &rate, &households];
        let by_id: HashMap<i64, &IndicatorRow> = all.iter().map(|i| (i.id, *i)).collect();
        let figures = GroupFigures {
            sums: [sums(1, 120, 20, 3), sums(2, 900, 300, 3), sums(3, 110, 35, 2), sums(5, 3000, 1000, 3)]
                .into_iter()
                .map(|s| (s.indicator_id, s))
                .collect(),
            imported: HashMap::new(),
        };
        let value = |i: &IndicatorRow| actual(i, &figures, &by_id).0.map(|a| a.format_vi_trimmed(4));
        assert_eq!(value(&flow).as_deref(), Some("120"));
        assert_eq!(value(&stock).as_deref(), Some("300"));
        // Two communes at 17 and 18 criteria: 17,5 on average.
        assert_eq!(value(&criteria).as_deref(), Some("17,5"));
        // 300 poor households of 1.000: 30%, from the totals.
        assert_eq!(value(&rate).as_deref(), Some("30"));
    }

    #[test]
    fn a_rate_without_a_denominator_figure_has_no_value() {
        let rate = indicator(4, "rate", 2, Some((2, 5)));
        let stock = indicator(2, "stock", 0, None);
        let households = indicator(5, "stock", 0, None);
        let by_id: HashMap<i64, &IndicatorRow> = [(2, &stock), (4, &rate), (5, &households)].into_iter().collect();
        let figures = GroupFigures { sums: [(2, sums(2, 10, 10, 1))].into_iter().collect(), imported: HashMap::new() };
        assert_eq!(actual(&rate, &figures, &by_id).0, None);
        let zero = GroupFigures { sums: [(2, sums(2, 10, 10, 1)), (5, sums(5, 0, 0, 1))].into_iter().collect(), imported: HashMap::new() };
        assert_eq!(actual(&rate, &zero, &by_id).0, None);
    }

    #[test]
    fn an_imported_period_total_stands_in_when_the_months_are_empty() {
        let flow = indicator(1, "flow", 0, None);
        let by_id: HashMap<i64, &IndicatorRow> = [(1, &flow)].into_iter().collect();
        let figures = GroupFigures { sums: HashMap::new(), imported: [(1, 1_698 * 10_000)].into_iter().collect() };
        assert_eq!(actual(&flow, &figures, &by_id).0, Some(Amount::from_int(1_698)));
    }

    #[test]
    fn a_rate_is_rounded_once_from_its_parts() {
        // 162 poor households of 3.161: 5,12496%, which is 5,12% and not 5,13%.
        let rate = indicator(4, "rate", 2, Some((2, 5)));
        let (poor, households) = (indicator(2, "stock", 0, None), indicator(5, "stock", 0, None));
        let by_id: HashMap<i64, &IndicatorRow> = [(2, &poor), (4, &rate), (5, &households)].into_iter().collect();
        let figures =
            GroupFigures { sums: [(2, sums(2, 162, 162, 1)), (5, sums(5, 3161, 3161, 1))].into_iter().collect(), imported: HashMap::new() };
        assert_eq!(actual(&rate, &figures, &by_id).0.map(|a| a.format_vi_trimmed(4)).as_deref(), Some("5,12"));
    }

    #[test]
    fn means_round_half_away_from_zero() {
        assert_eq!(mean(35, 2), Amount::from_scaled(18));
        assert_eq!(mean(34, 3), Amount::from_scaled(11));
    }
}
