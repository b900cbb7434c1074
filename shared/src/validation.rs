//! Validation rules that the browser applies while the user types and the
//! server applies again before anything is stored.
//!
//! Every rule answers with [`FieldError`]s naming the field and saying why in
//! Vietnamese, so the app can show the message next to the field.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::Amount;
use crate::api::{Indicator, ValueInput};

/// One refused field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field: a body key such as `username`, or `values.<INDICATOR_CODE>`
    /// for a figure.
    pub field: String,
    /// A stable machine-readable reason: `required`, `too_long`, `format`,
    /// `below_min`, `above_max`, `too_many_decimals`, `unknown`, `duplicate`.
    pub code: String,
    /// Why, in Vietnamese.
    pub message: String,
}

impl FieldError {
    /// A refused field.
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self { field: field.into(), code: code.to_owned(), message: message.into() }
    }
}

/// The field name under which a figure's errors are reported.
pub fn value_field(indicator_code: &str) -> String {
    format!("values.{indicator_code}")
}

/// Longest comment on a figure.
pub const MAX_COMMENT_CHARS: usize = 1000;

/// Checks one figure against its indicator: sign and bounds, decimal places.
pub fn check_value(indicator: &Indicator, value: Amount) -> Result<(), FieldError> {
    let field = value_field(&indicator.code);
    let min = indicator.min_value.unwrap_or(Amount::ZERO);
    if value < min {
        let message = if min == Amount::ZERO {
            "Số liệu không được âm".to_owned()
        } else {
            format!("Không được nhỏ hơn {}", min.format_vi_trimmed(indicator.precision))
        };
        return Err(FieldError::new(field, "below_min", message));
    }
    if let Some(max) = indicator.max_value
        && value > max
    {
        let message = format!("Không được lớn hơn {} {}", max.format_vi_trimmed(indicator.precision), indicator.unit_of_measure);
        return Err(FieldError::new(field, "above_max", message));
    }
    if value.decimals_used() > indicator.input_precision {
        let message = if indicator.input_precision == 0 {
            format!("Chỉ nhập số nguyên ({})", indicator.unit_of_measure)
        } else {
            format!("Tối đa {} chữ số sau dấu phẩy", indicator.input_precision)
        };
        return Err(FieldError::new(field, "too_many_decimals", message));
    }
    Ok(())
}

/// Parses and checks what a user typed for one figure. Empty text is `None`
/// (not entered), which is allowed in a draft.
pub fn parse_value(indicator: &Indicator, text: &str) -> Result<Option<Amount>, FieldError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let value = Amount::parse_vi(text).map_err(|e| FieldError::new(value_field(&indicator.code), "format", e.to_string()))?;
    check_value(indicator, value)?;
    Ok(Some(value))
}

/// Whether figures are being saved as a draft or submitted: a submission
/// must have every figure of its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    /// Blanks allowed.
    Draft,
    /// Every indicator of the form needs a figure.
    Submit,
}

/// Checks a set of figures against the indicators of a form. `existing`
/// says which indicators already have a saved figure (they need not be sent
/// again when submitting).
pub fn check_values(form: &[Indicator], values: &[ValueInput], existing: &HashSet<i64>, completeness: Completeness) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, input) in values.iter().enumerate() {
        let Some(indicator) = form.iter().find(|ind| ind.id == input.indicator_id) else {
            errors.push(FieldError::new(
                format!("values[{i}].indicator_id"),
                "unknown",
                format!("Chỉ tiêu {} không có trong biểu mẫu này", input.indicator_id),
            ));
            continue;
        };
        if !seen.insert(input.indicator_id) {
            errors.push(FieldError::new(value_field(&indicator.code), "duplicate", "Chỉ tiêu bị gửi hai lần"));
            continue;
        }
        if let Some(value) = input.value
            && let Err(e) = check_value(indicator, value)
        {
            errors.push(e);
        }
        if let Some(comment) = &input.comment
            && comment.chars().count() > MAX_COMMENT_CHARS
        {
            errors.push(FieldError::new(
                format!("{}.comment", value_field(&indicator.code)),
                "too_long",
                format!("Ghi chú tối đa {MAX_COMMENT_CHARS} ký tự"),
            ));
        }
    }
    if completeness == Completeness::Submit {
        for indicator in form {
            let sent = values.iter().find(|v| v.indicator_id == indicator.id);
            let has_value = match sent {
                Some(v) => v.value.is_some(),
                None => existing.contains(&indicator.id),
            };
            if !has_value {
                errors.push(FieldError::new(
                    value_field(&indicator.code),
                    "required",
                    "Cần nhập số liệu trước khi gửi (nhập 0 nếu không có)",
                ));
            }
        }
    }
    errors
}

/// Checks a login name: 3 to 32 of `a-z 0-9 . _ -`.
pub fn check_username(username: &str) -> Result<(), FieldError> {
    let ok_chars = username.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if !(3..=32).contains(&username.len()) || !ok_chars {
        return Err(FieldError::new(
            "username",
            "format",
            "Tên đăng nhập gồm 3–32 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang",
        ));
    }
    Ok(())
}

/// Checks a new password: at least 8 characters, at most 128.
pub fn check_password(password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < 8 {
        return Err(FieldError::new("password", "too_short", "Mật khẩu cần ít nhất 8 ký tự"));
    }
    if n > 128 {
        return Err(FieldError::new("password", "too_long", "Mật khẩu tối đa 128 ký tự"));
    }
    Ok(())
}

/// Checks a name already cleaned by [`crate::text::clean`]: present, at most
/// `max` characters.
pub fn check_name(field: &str, name: &str, max: usize) -> Result<(), FieldError> {
    if name.is_empty() {
        return Err(FieldError::new(field, "required", "Không được để trống"));
    }
    if name.chars().count() > max {
        return Err(FieldError::new(field, "too_long", format!("Tối đa {max} ký tự")));
    }
    Ok(())
}

/// Checks a code: 2 to 40 of `A-Z 0-9 _ -` (upper case).
pub fn check_code(field: &str, code: &str) -> Result<(), FieldError> {
    let ok = (2..=40).contains(&code.len()) && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !ok {
        return Err(FieldError::new(field, "format", "Mã gồm 2–40 ký tự: chữ in hoa không dấu, số, gạch dưới hoặc gạch ngang"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Aggregation;

    fn indicator(id: i64, code: &str, precision: u32, max: Option<i64>) -> Indicator {
        Indicator { max_value: max.map(Amount::from_int), ..Indicator::new(id, code, code, "con", Aggregation::Flow, precision) }
    }

    fn input(id: i64, value: Option<&str>) -> ValueInput {
        ValueInput { indicator_id: id, value: value.map(|v| Amount::parse_vi(v).unwrap()), comment: None }
    }

    #[test]
    fn a_negative_figure_is_refused_by_default() {
        let e = check_value(&indicator(1, "CATTLE", 0, None), Amount::from_int(-1)).unwrap_err();
        assert_eq!((e.field.as_str(), e.code.as_str()), ("values.CATTLE", "below_min"));
    }

    #[test]
    fn decimals_beyond_the_indicator_precision_are_refused() {
        let e = check_value(&indicator(1, "CATTLE", 0, None), Amount::parse_vi("2,5").unwrap()).unwrap_err();
        assert_eq!(e.code, "too_many_decimals");
        assert!(e.message.contains("số nguyên"));
        let area = indicator(1, "AREA", 2, None);
        assert!(check_value(&area, Amount::parse_vi("2,55").unwrap()).is_ok());
        assert!(check_value(&area, Amount::parse_vi("2,555").unwrap()).is_err());
    }

    #[test]
    fn a_figure_above_the_maximum_is_refused() {
        let e = check_value(&indicator(1, "CRITERIA", 0, Some(19)), Amount::from_int(20)).unwrap_err();
        assert_eq!(e.code, "above_max");
        assert!(e.message.contains("19"));
    }

    #[test]
    fn typed_text_is_parsed_the_vietnamese_way_or_refused_with_the_field() {
        let ind = indicator(1, "GRAIN", 1, None);
        assert_eq!(parse_value(&ind, "1.936"), Ok(Some(Amount::from_int(1936))));
        assert_eq!(parse_value(&ind, "  "), Ok(None));
        let e = parse_value(&ind, "45.7").unwrap_err();
        assert_eq!((e.field.as_str(), e.code.as_str()), ("values.GRAIN", "format"));
    }

    #[test]
    fn submitting_needs_every_figure_but_a_draft_does_not() {
        let form = [indicator(1, "A", 0, None), indicator(2, "B", 0, None)];
        let values = [input(1, Some("3"))];
        assert!(check_values(&form, &values, &HashSet::new(), Completeness::Draft).is_empty());
        let errors = check_values(&form, &values, &HashSet::new(), Completeness::Submit);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "values.B");
        assert!(check_values(&form, &values, &HashSet::from([2]), Completeness::Submit).is_empty());
        let cleared = [input(1, Some("3")), input(2, None)];
        assert_eq!(check_values(&form, &cleared, &HashSet::from([2]), Completeness::Submit).len(), 1);
    }

    #[test]
    fn unknown_and_repeated_indicators_are_refused() {
        let form = [indicator(1, "A", 0, None)];
        let errors =
            check_values(&form, &[input(9, Some("1")), input(1, Some("1")), input(1, Some("2"))], &HashSet::new(), Completeness::Draft);
        let codes: Vec<_> = errors.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["unknown", "duplicate"]);
    }

    #[test]
    fn usernames_passwords_and_codes_follow_their_rules() {
        assert!(check_username("thon.bangoc").is_ok());
        assert!(check_username("Thôn").is_err());
        assert!(check_username("ab").is_err());
        assert!(check_password("1234567").is_err());
        assert!(check_password("12345678").is_ok());
        assert!(check_code("code", "XP-BANGOC").is_ok());
        assert!(check_code("code", "xp").is_err());
        assert_eq!(check_name("name", "", 10).unwrap_err().code, "required");
        assert_eq!(check_name("name", "Thôn Ba Ngọc", 5).unwrap_err().code, "too_long");
    }
}
