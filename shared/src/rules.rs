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

/// A unit's own earlier figures for one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct History {
    /// Mean of the previous three months that were received.
    pub previous_mean: Option<Amount>,
    /// The same month last year.
    pub last_year: Option<Amount>,
}

/// Flags a figure far from the unit's own history (a soft warning, code
/// `outlier`). A flow (harvest, planting) is seasonal, so it is compared
/// with the same month last year only; a stock (herds, households) also with
/// the previous months. Rates and criteria counts are not flagged. A figure
/// the unit has explained with a comment is still flagged, marked as
/// explained, for the reviewer.
pub fn outlier(indicator: &Indicator, value: Amount, history: &History, explained: bool) -> Option<Violation> {
    use crate::api::Aggregation;
    let references: Vec<(Amount, &str)> = match indicator.aggregation {
        Aggregation::Flow => history.last_year.map(|y| (y, "cùng kỳ năm trước")).into_iter().collect(),
        Aggregation::Stock => {
            [history.previous_mean.map(|m| (m, "bình quân các tháng trước")), history.last_year.map(|y| (y, "cùng kỳ năm trước"))]
                .into_iter()
                .flatten()
                .collect()
        }
        Aggregation::Rate | Aggregation::Criteria => Vec::new(),
    };
    let (reference, label) = references.into_iter().find(|(r, _)| {
        let (r, v) = (r.scaled() as i128, value.scaled() as i128);
        r > 0 && (v > r * OUTLIER_FACTOR as i128 || v * (OUTLIER_FACTOR as i128) < r)
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
    fn a_stock_far_from_its_recent_months_is_flagged_and_a_flow_only_against_last_year() {
        let mut cattle = indicator(3, "CATTLE", "Tổng đàn gia súc");
        cattle.unit_of_measure = "con".into();
        let history = History { previous_mean: Some(Amount::from_int(250)), last_year: None };
        let flagged = outlier(&cattle, Amount::from_int(2500), &history, false).unwrap();
        assert_eq!(flagged.error.code, "outlier");
        assert!(flagged.error.message.contains("bình quân các tháng trước (250 con)"), "{}", flagged.error.message);
        assert!(outlier(&cattle, Amount::from_int(300), &history, false).is_none());
        assert!(outlier(&cattle, Amount::from_int(50), &history, false).is_some());
        assert!(outlier(&cattle, Amount::from_int(2500), &history, true).unwrap().error.message.contains("đã ghi chú"));

        cattle.aggregation = crate::api::Aggregation::Flow;
        assert!(
            outlier(&cattle, Amount::from_int(2500), &history, false).is_none(),
            "a harvest month is not compared with the months before"
        );
        let last_year = History { previous_mean: None, last_year: Some(Amount::from_int(400)) };
        assert!(outlier(&cattle, Amount::from_int(2500), &last_year, false).is_some());
    }

    #[test]
    fn rules_about_indicators_outside_the_form_are_skipped() {
        let mut r = rule(RuleKind::Required, Severity::Hard);
        r.indicator_id = 99;
        assert!(evaluate(&[r], &form(), &values(&[])).is_empty());
    }
}
