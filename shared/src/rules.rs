//! Validation rules kept as data, evaluated in the browser while the user
//! types and again on the server, from this one piece of code.
//!
//! A hard rule blocks submission, naming the field; a soft rule only warns.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::Amount;
use crate::api::{Indicator, named_enum};
use crate::validation::{FieldError, value_field};

named_enum! {
    /// What a rule checks.
    RuleKind {
        /// The figure lies between `min` and `max` (either may be absent).
        Range = "range" / "Trong khoảng",
        /// The figure is not larger than another indicator's figure (a part
        /// and its whole: poor households <= all households).
        NotGreaterThan = "not_greater_than" / "Không lớn hơn",
        /// The figure must be entered.
        Required = "required" / "Bắt buộc nhập",
    }
}

named_enum! {
    /// What breaking a rule does.
    Severity {
        /// Blocks submission.
        Hard = "hard" / "Chặn gửi",
        /// Warns; the unit may keep the figure, with a comment.
        Soft = "soft" / "Cảnh báo",
    }
}

/// Body of `POST /api/v1/rules`: a rule without its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleInput {
    /// The indicator whose figure is checked.
    pub indicator_id: i64,
    /// What is checked.
    pub kind: RuleKind,
    /// For `not_greater_than`: the indicator it may not exceed.
    #[serde(default)]
    pub other_indicator_id: Option<i64>,
    /// For `range`: the smallest accepted figure.
    #[serde(default)]
    pub min_value: Option<Amount>,
    /// For `range`: the largest accepted figure.
    #[serde(default)]
    pub max_value: Option<Amount>,
    /// Block or warn.
    pub severity: Severity,
    /// A message of the rule's own.
    #[serde(default)]
    pub message: Option<String>,
}

/// A validation rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidationRule {
    /// Rule id.
    pub id: i64,
    /// The indicator whose figure is checked.
    pub indicator_id: i64,
    /// What is checked.
    pub kind: RuleKind,
    /// For `not_greater_than`: the indicator it may not exceed.
    pub other_indicator_id: Option<i64>,
    /// For `range`: the smallest accepted figure.
    pub min_value: Option<Amount>,
    /// For `range`: the largest accepted figure.
    pub max_value: Option<Amount>,
    /// Block or warn.
    pub severity: Severity,
    /// A message of the rule's own (Vietnamese); a standard one otherwise.
    pub message: Option<String>,
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Violation {
    /// Block or warn.
    pub severity: Severity,
    /// The field and why.
    pub error: FieldError,
}

/// Checks `values` (by indicator id; absent means not entered) against every
/// rule whose indicators are all in `indicators`.
pub fn evaluate(rules: &[ValidationRule], indicators: &[Indicator], values: &HashMap<i64, Amount>) -> Vec<Violation> {
    let find = |id: i64| indicators.iter().find(|i| i.id == id);
    let mut out = Vec::new();
    for rule in rules {
        let Some(indicator) = find(rule.indicator_id) else { continue };
        let value = values.get(&indicator.id).copied();
        let fmt = |a: Amount| format!("{} {}", a.format_vi_trimmed(indicator.precision), indicator.unit_of_measure);
        let broken: Option<(&str, String)> = match rule.kind {
            RuleKind::Required => value.is_none().then(|| ("required", "Cần nhập số liệu này".to_owned())),
            RuleKind::Range => value.and_then(|v| {
                if rule.min_value.is_some_and(|min| v < min) {
                    Some(("below_min", format!("Thấp bất thường: dưới {}", fmt(rule.min_value.unwrap_or_default()))))
                } else if rule.max_value.is_some_and(|max| v > max) {
                    Some(("above_max", format!("Cao bất thường: trên {}", fmt(rule.max_value.unwrap_or_default()))))
                } else {
                    None
                }
            }),
            RuleKind::NotGreaterThan => {
                let Some(whole) = rule.other_indicator_id.and_then(find) else { continue };
                match (value, values.get(&whole.id)) {
                    (Some(part), Some(total)) if part > *total => Some((
                        "greater_than_whole",
                        format!("Không được lớn hơn {} ({})", crate::text::lowercase(&whole.name), fmt(*total)),
                    )),
                    _ => None,
                }
            }
        };
        if let Some((code, standard)) = broken {
            let message = rule.message.clone().unwrap_or(standard);
            out.push(Violation { severity: rule.severity, error: FieldError::new(value_field(&indicator.code), code, message) });
        }
    }
    out
}

/// How far from its own history a figure may stray before it is flagged:
/// more than this many times the reference, or less than its inverse.
pub const OUTLIER_FACTOR: i64 = 3;

/// How far (in whole units of the indicator) a figure must differ from its
/// reference before any ratio counts: small counts swing by ratios that mean
/// nothing (no accident this month against a mean of 0,3 a month).
pub const OUTLIER_MIN_GAP: i64 = 10;

/// How far a figure may stray from a looser reference: a flow (a harvest
/// comes in one month of three) from the unit's recent months, or any figure
/// from the other villages' of the same month (villages differ in size far
/// more than a village differs from its own months).
pub const LOOSE_FACTOR: i64 = 10;

/// What a figure is compared with: the unit's own earlier figures for one
/// indicator, and its neighbours' (units under the same parent) this month.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct History {
    /// Mean of the previous three months that were received.
    pub previous_mean: Option<Amount>,
    /// The same month last year.
    pub last_year: Option<Amount>,
    /// The median of the other units under the same parent for the same
    /// month (received figures, at least two of them).
    #[serde(default)]
    pub peers_median: Option<Amount>,
}

/// Flags a figure far from what it is compared with (a soft warning, code
/// `outlier`), whichever references exist:
/// - a flow (harvest, planting) is seasonal: against the same month last
///   year when there is one, else against the recent months with the wider
///   [`LOOSE_FACTOR`];
/// - a stock (herds, households) against the recent months and the same
///   month last year;
/// - either, with no history of its own, against the other villages'
///   figures of the month, with the wider [`LOOSE_FACTOR`].
///
/// A figure within [`OUTLIER_MIN_GAP`] of its reference is never flagged.
/// Rates and criteria counts are not flagged. A figure the unit has
/// explained with a comment is still flagged, marked as explained, for the
/// reviewer. The browser runs the same function while the figure is typed.
pub fn outlier(indicator: &Indicator, value: Amount, history: &History, explained: bool) -> Option<Violation> {
    use crate::api::Aggregation;
    let recent = |factor| history.previous_mean.map(|m| (m, factor, "bình quân các tháng trước"));
    let last_year = history.last_year.map(|y| (y, OUTLIER_FACTOR, "cùng kỳ năm trước"));
    let own: Vec<(Amount, i64, &str)> = match indicator.aggregation {
        Aggregation::Flow => last_year.or(recent(LOOSE_FACTOR)).into_iter().collect(),
        Aggregation::Stock => [recent(OUTLIER_FACTOR), last_year].into_iter().flatten().collect(),
        Aggregation::Rate | Aggregation::Criteria => return None,
    };
    let references = if own.is_empty() {
        history.peers_median.map(|p| (p, LOOSE_FACTOR, "các thôn khác cùng tháng (trung vị)")).into_iter().collect()
    } else {
        own
    };
    let gap = Amount::from_int(OUTLIER_MIN_GAP).scaled() as i128;
    let (reference, _, label) = references.into_iter().find(|(r, factor, _)| {
        let (r, v, f) = (r.scaled() as i128, value.scaled() as i128, *factor as i128);
        r > 0 && (v - r).abs() >= gap && (v > r * f || v * f < r)
    })?;
    let tail = if explained { "đơn vị đã ghi chú lý do" } else { "kiểm tra lại hoặc ghi chú lý do" };
    let shown = reference.format_vi_trimmed(indicator.precision);
    let message = format!("Khác xa {label} ({shown} {}); {tail}", indicator.unit_of_measure);
    Some(Violation { severity: Severity::Soft, error: FieldError::new(value_field(&indicator.code), "outlier", message) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Aggregation;

    fn indicator(id: i64, code: &str, name: &str) -> Indicator {
        Indicator::new(id, code, name, "hộ", Aggregation::Stock, 0)
    }

    fn rule(kind: RuleKind, severity: Severity) -> ValidationRule {
        ValidationRule {
            id: 1,
            indicator_id: 2,
            kind,
            other_indicator_id: Some(1),
            min_value: None,
            max_value: None,
            severity,
            message: None,
        }
    }

    fn form() -> Vec<Indicator> {
        vec![indicator(1, "HOUSEHOLDS", "Tổng số hộ"), indicator(2, "POOR_HOUSEHOLDS", "Số hộ nghèo")]
    }

    fn values(pairs: &[(i64, i64)]) -> HashMap<i64, Amount> {
        pairs.iter().map(|(id, v)| (*id, Amount::from_int(*v))).collect()
    }

    #[test]
    fn a_part_larger_than_its_whole_is_named_with_the_whole() {
        let rules = [rule(RuleKind::NotGreaterThan, Severity::Hard)];
        let broken = evaluate(&rules, &form(), &values(&[(1, 300), (2, 301)]));
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].severity, Severity::Hard);
        assert_eq!(broken[0].error.field, "values.POOR_HOUSEHOLDS");
        assert_eq!(broken[0].error.message, "Không được lớn hơn tổng số hộ (300 hộ)");
        assert!(evaluate(&rules, &form(), &values(&[(1, 300), (2, 300)])).is_empty());
        assert!(evaluate(&rules, &form(), &values(&[(2, 301)])).is_empty(), "no whole entered yet: nothing to compare");
    }

    #[test]
    fn a_range_warns_outside_its_bounds() {
        let mut r = rule(RuleKind::Range, Severity::Soft);
        r.min_value = Some(Amount::from_int(1));
        r.max_value = Some(Amount::from_int(50));
        assert_eq!(evaluate(&[r.clone()], &form(), &values(&[(2, 51)]))[0].error.code, "above_max");
        assert_eq!(evaluate(&[r.clone()], &form(), &values(&[(2, 0)]))[0].error.code, "below_min");
        assert!(evaluate(&[r], &form(), &values(&[(2, 20)])).is_empty());
    }

    #[test]
    fn a_required_figure_and_a_custom_message() {
        let mut r = rule(RuleKind::Required, Severity::Hard);
        r.message = Some("Thôn phải báo số hộ nghèo hằng tháng".into());
        let broken = evaluate(&[r], &form(), &values(&[]));
        assert_eq!(broken[0].error.message, "Thôn phải báo số hộ nghèo hằng tháng");
    }

    #[test]
    fn a_stock_far_from_its_recent_months_is_flagged() {
        let mut cattle = indicator(3, "CATTLE", "Tổng đàn gia súc");
        cattle.unit_of_measure = "con".into();
        let history = History { previous_mean: Some(Amount::from_int(250)), ..History::default() };
        let flagged = outlier(&cattle, Amount::from_int(2500), &history, false).unwrap();
        assert_eq!(flagged.error.code, "outlier");
        assert!(flagged.error.message.contains("bình quân các tháng trước (250 con)"), "{}", flagged.error.message);
        assert!(outlier(&cattle, Amount::from_int(300), &history, false).is_none());
        assert!(outlier(&cattle, Amount::from_int(50), &history, false).is_some());
        assert!(outlier(&cattle, Amount::from_int(2500), &history, true).unwrap().error.message.contains("đã ghi chú"));
    }

    #[test]
    fn a_flow_is_compared_with_last_year_when_there_is_one_else_with_its_recent_months() {
        let mut grain = indicator(1, "GRAIN_OUTPUT", "Sản lượng lương thực");
        grain.aggregation = crate::api::Aggregation::Flow;
        grain.unit_of_measure = "tấn".into();
        // 1.936 t typed for about 46 t a month, and no last year: flagged.
        let recent = History { previous_mean: Some(Amount::from_int(46)), ..History::default() };
        let flagged = outlier(&grain, Amount::from_int(1936), &recent, false).unwrap();
        assert!(flagged.error.message.contains("bình quân các tháng trước (46 tấn)"), "{}", flagged.error.message);
        assert!(outlier(&grain, Amount::from_int(300), &recent, false).is_none(), "a harvest month may be several times the months before");
        // The harvest month of last year says more than the months before it.
        let harvest = History { previous_mean: Some(Amount::from_int(46)), last_year: Some(Amount::from_int(1800)), ..History::default() };
        assert!(outlier(&grain, Amount::from_int(1936), &harvest, false).is_none(), "a harvest like last year's is no outlier");
        assert!(outlier(&grain, Amount::from_int(19_360), &harvest, false).unwrap().error.message.contains("cùng kỳ năm trước"));
    }

    #[test]
    fn small_counts_are_not_flagged_for_ratios_that_mean_nothing() {
        let mut accidents = indicator(4, "TRAFFIC_ACCIDENTS", "Số vụ tai nạn giao thông");
        accidents.aggregation = crate::api::Aggregation::Flow;
        let rare = History { previous_mean: Some(Amount::from_scaled(3_333)), ..History::default() };
        assert!(outlier(&accidents, Amount::ZERO, &rare, false).is_none(), "no accident against 0,33 a month");
        assert!(outlier(&accidents, Amount::from_int(4), &rare, false).is_none(), "four against 0,33: twelve times, but four accidents");
        assert!(outlier(&accidents, Amount::from_int(40), &rare, false).is_some());
    }

    #[test]
    fn with_no_history_of_its_own_a_figure_is_compared_with_the_other_villages_more_loosely() {
        let cattle = indicator(3, "CATTLE", "Tổng đàn gia súc");
        let peers = History { peers_median: Some(Amount::from_int(200)), ..History::default() };
        assert!(outlier(&cattle, Amount::from_int(1500), &peers, false).is_none(), "seven times the median village is a big village");
        let flagged = outlier(&cattle, Amount::from_int(2500), &peers, false).unwrap();
        assert!(flagged.error.message.contains("các thôn khác cùng tháng"), "{}", flagged.error.message);
        assert!(outlier(&cattle, Amount::from_int(15), &peers, false).is_some());
        let own = History { previous_mean: Some(Amount::from_int(2400)), peers_median: Some(Amount::from_int(200)), ..History::default() };
        assert!(outlier(&cattle, Amount::from_int(2500), &own, false).is_none(), "its own months come before its neighbours'");
    }

    #[test]
    fn rules_about_indicators_outside_the_form_are_skipped() {
        let mut r = rule(RuleKind::Required, Severity::Hard);
        r.indicator_id = 99;
        assert!(evaluate(&[r], &form(), &values(&[])).is_empty());
    }
}
