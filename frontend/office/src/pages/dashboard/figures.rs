//! How a totals row is written: figures with their unit, percentages of the
//! plan (KH) and of last year (CK), and the sign and colour of a status.

use tonghop_shared::Amount;
use tonghop_shared::api::{Comparison, TargetStatus};

/// Shown where there is no figure.
pub const NONE: &str = "—";

/// `1.936,5 tấn`, `45,7%`, or `—` when there is no figure.
pub fn with_unit(value: Option<Amount>, precision: u32, unit: &str) -> String {
    match value {
        None => NONE.to_owned(),
        Some(v) if unit == "%" => format!("{}%", v.format_vi_trimmed(precision)),
        Some(v) if unit.is_empty() => v.format_vi_trimmed(precision),
        Some(v) => format!("{} {unit}", v.format_vi_trimmed(precision)),
    }
}

/// `60%`, `45,7%`, or why there is no percentage (`Chưa có số so sánh`).
/// The server has already rounded the percentage to the indicator's precision.
pub fn percent(comparison: &Comparison, precision: u32) -> String {
    match (comparison.percent, comparison.missing) {
        (Some(p), _) => format!("{}%", p.format_vi_trimmed(precision)),
        (None, Some(missing)) => missing.label_vi().to_owned(),
        (None, None) => NONE.to_owned(),
    }
}

/// The CSS class that colours a status.
pub fn status_class(status: TargetStatus) -> &'static str {
    match status {
        TargetStatus::Reached => "st-reached",
        TargetStatus::Behind => "st-behind",
        TargetStatus::NotEvaluable => "st-not_evaluable",
        TargetStatus::NoPlan => "st-no_plan",
    }
}

/// A sign for a status, so it reads without the colour.
pub fn status_icon(status: TargetStatus) -> &'static str {
    match status {
        TargetStatus::Reached => "✓",
        TargetStatus::Behind => "!",
        TargetStatus::NotEvaluable => "?",
        TargetStatus::NoPlan => "–",
    }
}

#[cfg(test)]
mod tests {
    use tonghop_shared::api::MissingReason;
    use tonghop_shared::totals::compare;

    use super::*;

    fn amt(s: &str) -> Amount {
        Amount::parse_vi(s).unwrap()
    }

    #[test]
    fn figures_are_written_the_vietnamese_way_with_their_unit() {
        assert_eq!(with_unit(Some(amt("1.936,5")), 1, "tấn"), "1.936,5 tấn");
        assert_eq!(with_unit(Some(amt("331,50")), 1, "tấn"), "331,5 tấn");
        assert_eq!(with_unit(Some(amt("1,87")), 2, "%"), "1,87%");
        assert_eq!(with_unit(None, 1, "tấn"), "—");
        assert_eq!(with_unit(Some(amt("1234567")), 0, ""), "1.234.567");
    }

    #[test]
    fn percentages_drop_useless_decimals() {
        assert_eq!(percent(&compare(Some(amt("1.936")), Some(amt("3.226")), 0), 0), "60%");
        assert_eq!(percent(&compare(Some(amt("45,7")), Some(amt("100")), 1), 1), "45,7%");
        assert_eq!(percent(&compare(Some(amt("331,5")), Some(amt("650")), 1), 1), "51%");
    }

    #[test]
    fn a_missing_percentage_says_why() {
        assert_eq!(percent(&compare(Some(amt("5")), None, 0), 0), MissingReason::NoBase.label_vi());
        assert_eq!(percent(&compare(Some(amt("5")), Some(Amount::ZERO), 0), 0), "Số so sánh bằng 0");
        assert_eq!(percent(&compare(None, Some(amt("5")), 0), 0), "Chưa có số liệu");
    }

    #[test]
    fn every_status_has_its_own_sign_and_colour() {
        let classes: std::collections::HashSet<_> = TargetStatus::ALL.iter().map(|s| status_class(*s)).collect();
        let icons: std::collections::HashSet<_> = TargetStatus::ALL.iter().map(|s| status_icon(*s)).collect();
        assert_eq!((classes.len(), icons.len()), (4, 4));
    }
}
