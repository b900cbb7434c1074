//! The sentences a report writes about a figure, from its totals row:
//! `Sản lượng lương thực có hạt đạt 1.936 tấn, đạt 60% kế hoạch, bằng 114%
//! cùng kỳ.` Each kind of indicator is worded its own way; a missing plan or
//! last year's figure is left out rather than divided by.

use crate::Amount;
use crate::api::{Aggregation, Comparison, MissingReason, TotalRow};

/// A figure with its unit of measure: `1.936 tấn`, `45,7%`.
pub fn quantity(value: Amount, precision: u32, unit: &str) -> String {
    let number = value.format_vi_trimmed(precision);
    if unit == "%" { format!("{number}%") } else { format!("{number} {unit}") }
}

/// A percentage as report text: `60%`, `114,5%`.
fn percent(value: Amount, precision: u32) -> String {
    format!("{}%", value.format_vi_trimmed(precision))
}

/// The clause against the plan: `đạt 60% kế hoạch`, or nothing.
fn against_plan(row: &TotalRow) -> Option<String> {
    let i = &row.indicator;
    match (&row.plan, i.aggregation) {
        (Comparison { base: Some(plan), .. }, Aggregation::Rate | Aggregation::Criteria) => {
            Some(format!("kế hoạch {}", quantity(*plan, i.figure_places(), &i.unit_of_measure)))
        }
        // Less is better: the plan is a ceiling, not a share to reach.
        (Comparison { base: Some(plan), .. }, Aggregation::Flow | Aggregation::Stock) if !i.higher_is_better => {
            Some(format!("kế hoạch không quá {}", quantity(*plan, i.figure_places(), &i.unit_of_measure)))
        }
        (Comparison { percent: Some(p), .. }, _) => Some(format!("đạt {} kế hoạch", percent(*p, i.precision))),
        _ => None,
    }
}

/// The clause against last year: `bằng 114% cùng kỳ`, `cùng kỳ 2,34%`,
/// `cùng kỳ không phát sinh`, or nothing.
fn against_last_year(row: &TotalRow) -> Option<String> {
    let i = &row.indicator;
    let ck = &row.last_year;
    match (i.aggregation, ck.missing, ck.base, ck.percent) {
        (_, Some(MissingReason::NoBase | MissingReason::NoActual), _, _) => None,
        (Aggregation::Rate | Aggregation::Criteria, _, Some(base), _) => {
            Some(format!("cùng kỳ {}", quantity(base, i.figure_places(), &i.unit_of_measure)))
        }
        (_, Some(MissingReason::ZeroBase), _, _) => Some("cùng kỳ không phát sinh".to_owned()),
        (_, None, _, Some(p)) => {
            let change = ck.change.filter(|c| *c != Amount::ZERO && !i.higher_is_better).map(|c| {
                let verb = if c.is_negative() { "giảm" } else { "tăng" };
                format!(" ({verb} {})", quantity(Amount::from_scaled(c.scaled().abs()), i.figure_places(), &i.unit_of_measure))
            });
            Some(format!("bằng {} cùng kỳ{}", percent(p, i.precision), change.unwrap_or_default()))
        }
        _ => None,
    }
}

/// The sentence for one row, ending with a full stop.
pub fn figure_sentence(row: &TotalRow) -> String {
    let i = &row.indicator;
    let Some(actual) = row.actual else {
        return format!("{}: chưa có số liệu.", i.name);
    };
    let amount = quantity(actual, i.figure_places(), &i.unit_of_measure);
    let head = match (i.aggregation, i.higher_is_better) {
        (Aggregation::Flow, true) => format!("{} đạt {amount}", i.name),
        (Aggregation::Flow, false) => format!("{} xảy ra {amount}", i.name),
        (Aggregation::Stock, _) => format!("{} có {amount}", i.name),
        (Aggregation::Rate, false) => format!("{} còn {amount}", i.name),
        (Aggregation::Rate, true) | (Aggregation::Criteria, _) => format!("{} đạt {amount}", i.name),
    };
    let clauses: Vec<String> = [against_plan(row), against_last_year(row)].into_iter().flatten().collect();
    match i.aggregation {
        Aggregation::Rate | Aggregation::Criteria if !clauses.is_empty() => format!("{head} ({}).", clauses.join("; ")),
        _ if !clauses.is_empty() => format!("{head}, {}.", clauses.join(", ")),
        _ => format!("{head}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{IndicatorSummary, TargetStatus};
    use crate::totals::compare;

    fn amt(s: &str) -> Amount {
        Amount::parse_vi(s).unwrap()
    }

    fn row(
        name: &str,
        unit: &str,
        aggregation: Aggregation,
        precision: u32,
        actual: Option<&str>,
        plan: Option<&str>,
        ck: Option<&str>,
    ) -> TotalRow {
        let actual = actual.map(amt);
        TotalRow {
            indicator: IndicatorSummary {
                id: 1,
                code: "X".into(),
                name: name.into(),
                unit_of_measure: unit.into(),
                aggregation,
                precision,
                input_precision: precision,
                higher_is_better: true,
            },
            actual,
            plan: compare(actual, plan.map(amt), precision),
            last_year: compare(actual, ck.map(amt), precision),
            resolution_target: true,
            year_end_only: false,
            status: TargetStatus::Reached,
            provisional: false,
        }
    }

    #[test]
    fn a_flow_reads_against_plan_and_last_year() {
        let r = row("Sản lượng lương thực có hạt", "tấn", Aggregation::Flow, 0, Some("1.936"), Some("3.226"), Some("1.698"));
        assert_eq!(figure_sentence(&r), "Sản lượng lương thực có hạt đạt 1.936 tấn, đạt 60% kế hoạch, bằng 114% cùng kỳ.");
    }

    #[test]
    fn a_stock_a_rate_and_a_criteria_count_each_read_their_own_way() {
        let stock = row("Tổng đàn gia súc", "con", Aggregation::Stock, 0, Some("1.689"), Some("1.700"), Some("1.653"));
        assert_eq!(figure_sentence(&stock), "Tổng đàn gia súc có 1.689 con, đạt 99% kế hoạch, bằng 102% cùng kỳ.");
        let mut rate = row("Tỷ lệ hộ nghèo", "%", Aggregation::Rate, 2, Some("1,7"), Some("1,5"), Some("2,34"));
        rate.indicator.higher_is_better = false;
        assert_eq!(figure_sentence(&rate), "Tỷ lệ hộ nghèo còn 1,7% (kế hoạch 1,5%; cùng kỳ 2,34%).");
        let criteria = row("Số tiêu chí nông thôn mới", "tiêu chí", Aggregation::Criteria, 0, Some("17"), Some("19"), None);
        assert_eq!(figure_sentence(&criteria), "Số tiêu chí nông thôn mới đạt 17 tiêu chí (kế hoạch 19 tiêu chí).");
    }

    #[test]
    fn missing_or_zero_bases_are_left_out_or_named() {
        let no_plan = row("Diện tích trồng rừng mới", "ha", Aggregation::Flow, 1, Some("54"), None, Some("62,8"));
        assert_eq!(figure_sentence(&no_plan), "Diện tích trồng rừng mới đạt 54 ha, bằng 86% cùng kỳ.");
        let nothing = row("Doanh nghiệp thành lập mới", "doanh nghiệp", Aggregation::Flow, 0, Some("3"), None, None);
        assert_eq!(figure_sentence(&nothing), "Doanh nghiệp thành lập mới đạt 3 doanh nghiệp.");
        let zero = row("Thu tiền sử dụng đất", "triệu đồng", Aggregation::Flow, 0, Some("450"), Some("1.000"), Some("0"));
        assert_eq!(figure_sentence(&zero), "Thu tiền sử dụng đất đạt 450 triệu đồng, đạt 45% kế hoạch, cùng kỳ không phát sinh.");
        let none = row("Tổng thu ngân sách xã", "triệu đồng", Aggregation::Flow, 0, None, Some("2.657"), None);
        assert_eq!(figure_sentence(&none), "Tổng thu ngân sách xã: chưa có số liệu.");
    }

    #[test]
    fn less_is_better_says_by_how_much_it_fell() {
        let mut accidents = row("Số vụ tai nạn giao thông", "vụ", Aggregation::Flow, 0, Some("3"), Some("6"), Some("4"));
        accidents.indicator.higher_is_better = false;
        assert_eq!(
            figure_sentence(&accidents),
            "Số vụ tai nạn giao thông xảy ra 3 vụ, kế hoạch không quá 6 vụ, bằng 75% cùng kỳ (giảm 1 vụ)."
        );
    }
}
