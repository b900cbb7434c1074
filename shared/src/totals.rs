//! How a figure compares with its plan and with last year, whether a target is
//! on track, and the sentence a report uses for the count of targets. The
//! server computes totals with these; the app uses them to word the table.

use crate::Amount;
use crate::api::{Aggregation, Comparison, MissingReason, TargetStatus};

/// `actual` against `base`: the percentage (computed from the exact amounts
/// and rounded once, half away from zero, to `precision`), the
/// change, or why there is no percentage. Never divides by zero.
pub fn compare(actual: Option<Amount>, base: Option<Amount>, precision: u32) -> Comparison {
    let missing = match (actual, base) {
        (None, _) => Some(MissingReason::NoActual),
        (_, None) => Some(MissingReason::NoBase),
        (_, Some(b)) if b == Amount::ZERO => Some(MissingReason::ZeroBase),
        _ => None,
    };
    let change = actual.zip(base).map(|(a, b)| Amount::from_scaled(a.scaled() - b.scaled()));
    let percent = match missing {
        None => actual.zip(base).and_then(|(a, b)| Amount::percent_rounded(a.scaled(), b.scaled(), precision)),
        Some(_) => None,
    };
    Comparison { base, percent, change, missing }
}

/// What a target status depends on.
#[derive(Debug, Clone, Copy)]
pub struct TargetInput {
    /// How the indicator's values combine.
    pub aggregation: Aggregation,
    /// False where less is better.
    pub higher_is_better: bool,
    /// The period's figure.
    pub actual: Option<Amount>,
    /// The annual plan.
    pub plan: Option<Amount>,
    /// The plan can only be judged at year end.
    pub year_end_only: bool,
    /// The period ends the year and is over: year-end figures can be judged.
    pub period_ends_year: bool,
    /// Share of the plan expected by the end of the period, in percent.
    pub threshold_percent: Amount,
}

/// Whether a figure is on track against its annual plan.
///
/// Where more is better, the figure must reach the threshold share of the
/// plan (50% at mid-year). Where less is better, a flow (accidents) must stay
/// within that share of its annual allowance, and a level (poverty rate)
/// must be at or below the plan.
pub fn target_status(input: TargetInput) -> TargetStatus {
    let Some(plan) = input.plan else { return TargetStatus::NoPlan };
    if input.year_end_only && !input.period_ends_year {
        return TargetStatus::NotEvaluable;
    }
    let Some(actual) = input.actual else { return TargetStatus::NotEvaluable };
    let (a, p, t) = (actual.scaled() as i128, plan.scaled() as i128, input.threshold_percent.scaled() as i128);
    let scale = 100 * Amount::SCALE as i128;
    let reached = match (input.higher_is_better, input.aggregation) {
        // actual / plan >= threshold / 100, without dividing.
        (true, _) => a * scale >= p * t,
        (false, Aggregation::Flow) => a * scale <= p * t,
        (false, _) => a <= p,
    };
    if reached { TargetStatus::Reached } else { TargetStatus::Behind }
}

/// The sentence a report uses for the count of targets, e.g. `Trong 27 chỉ
/// tiêu chủ yếu, có 15 chỉ tiêu đạt từ 50% kế hoạch trở lên, 3 chỉ tiêu đạt
/// dưới 50%, 9 chỉ tiêu chưa đánh giá được.` Parts with no target are left out.
pub fn summary_sentence(total: usize, reached: usize, behind: usize, not_evaluable: usize, threshold_percent: Amount) -> String {
    if total == 0 {
        return "Chưa có chỉ tiêu Nghị quyết nào có kế hoạch cho năm này.".to_owned();
    }
    let full_year = threshold_percent >= Amount::from_int(100);
    let threshold = format!("{}%", threshold_percent.format_vi_trimmed(1));
    let mut parts = Vec::new();
    if reached > 0 {
        parts.push(if full_year {
            format!("{reached} chỉ tiêu đạt và vượt kế hoạch")
        } else {
            format!("{reached} chỉ tiêu đạt từ {threshold} kế hoạch trở lên")
        });
    }
    if behind > 0 {
        parts.push(if full_year {
            format!("{behind} chỉ tiêu chưa đạt kế hoạch")
        } else {
            format!("{behind} chỉ tiêu đạt dưới {threshold}")
        });
    }
    if not_evaluable > 0 {
        parts.push(format!("{not_evaluable} chỉ tiêu chưa đánh giá được"));
    }
    format!("Trong {total} chỉ tiêu chủ yếu theo Nghị quyết, có {}.", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amt(s: &str) -> Amount {
        Amount::parse_vi(s).unwrap()
    }

    #[test]
    fn percentages_round_to_the_indicator_precision() {
        let c = compare(Some(amt("1.936")), Some(amt("3.226")), 0);
        assert_eq!(c.percent, Some(amt("60")));
        assert_eq!(c.change, Some(amt("-1.290")));
        let c = compare(Some(amt("1.936")), Some(amt("1.698")), 1);
        assert_eq!(c.percent, Some(amt("114,0")));
        let c = compare(Some(amt("45,7")), Some(amt("100")), 1);
        assert_eq!(c.percent.unwrap().format_vi_trimmed(1), "45,7");
        assert!(c.missing.is_none());
    }

    #[test]
    fn percentages_just_under_a_half_are_not_carried_up() {
        // 100,49995% and 5,12496%: rounded to four places first they became 101% and 5,13%.
        assert_eq!(compare(Some(amt("10.051")), Some(amt("10.001")), 0).percent, Some(amt("100")));
        assert_eq!(compare(Some(amt("162")), Some(amt("3.161")), 2).percent, Some(amt("5,12")));
    }

    #[test]
    fn a_missing_or_zero_base_is_named_not_divided() {
        assert_eq!(compare(Some(amt("5")), None, 0).missing, Some(MissingReason::NoBase));
        let zero = compare(Some(amt("5")), Some(Amount::ZERO), 0);
        assert_eq!((zero.missing, zero.percent, zero.change), (Some(MissingReason::ZeroBase), None, Some(amt("5"))));
        let none = compare(None, Some(amt("5")), 0);
        assert_eq!((none.missing, none.change), (Some(MissingReason::NoActual), None));
    }

    fn input(aggregation: Aggregation, higher_is_better: bool, actual: &str, plan: &str) -> TargetInput {
        TargetInput {
            aggregation,
            higher_is_better,
            actual: Some(amt(actual)),
            plan: Some(amt(plan)),
            year_end_only: false,
            period_ends_year: false,
            threshold_percent: amt("50"),
        }
    }

    #[test]
    fn more_is_better_needs_the_threshold_share_of_the_plan() {
        assert_eq!(target_status(input(Aggregation::Flow, true, "1.936", "3.226")), TargetStatus::Reached);
        assert_eq!(target_status(input(Aggregation::Flow, true, "1.612", "3.226")), TargetStatus::Behind);
        assert_eq!(target_status(input(Aggregation::Flow, true, "1.613", "3.226")), TargetStatus::Reached);
    }

    #[test]
    fn less_is_better_stays_within_the_allowance_or_under_the_level() {
        // Accidents: 3 of an annual allowance of 4 by mid-year is too many.
        assert_eq!(target_status(input(Aggregation::Flow, false, "3", "4")), TargetStatus::Behind);
        assert_eq!(target_status(input(Aggregation::Flow, false, "2", "4")), TargetStatus::Reached);
        // Poverty rate: a level, judged against the plan itself.
        assert_eq!(target_status(input(Aggregation::Rate, false, "1,87", "1,5")), TargetStatus::Behind);
        assert_eq!(target_status(input(Aggregation::Rate, false, "1,5", "1,5")), TargetStatus::Reached);
    }

    #[test]
    fn year_end_figures_and_missing_figures_are_not_evaluable() {
        let mut i = input(Aggregation::Criteria, true, "17", "19");
        i.year_end_only = true;
        assert_eq!(target_status(i), TargetStatus::NotEvaluable);
        i.period_ends_year = true;
        i.threshold_percent = amt("100");
        assert_eq!(target_status(i), TargetStatus::Behind);
        i.actual = None;
        assert_eq!(target_status(i), TargetStatus::NotEvaluable);
        i.plan = None;
        assert_eq!(target_status(i), TargetStatus::NoPlan);
    }

    #[test]
    fn the_summary_reads_like_a_report() {
        assert_eq!(
            summary_sentence(27, 15, 3, 9, amt("50")),
            "Trong 27 chỉ tiêu chủ yếu theo Nghị quyết, có 15 chỉ tiêu đạt từ 50% kế hoạch trở lên, \
             3 chỉ tiêu đạt dưới 50%, 9 chỉ tiêu chưa đánh giá được."
        );
        assert_eq!(
            summary_sentence(5, 4, 1, 0, amt("100")),
            "Trong 5 chỉ tiêu chủ yếu theo Nghị quyết, có 4 chỉ tiêu đạt và vượt kế hoạch, 1 chỉ tiêu chưa đạt kế hoạch."
        );
    }
}
