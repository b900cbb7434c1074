//! Exact decimal figures and their Vietnamese written form.
//!
//! A report figure is kept as a fixed-point integer with [`Amount::SCALE_DIGITS`]
//! decimal places, so sums are exact in Rust, in SQLite and in PostgreSQL alike
//! (both store it as a 64-bit integer). In Vietnamese `.` groups thousands and
//! `,` marks decimals: `1.936`, `45,7`, `2.657,25`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A decimal figure with four decimal places, stored as an integer count of
/// ten-thousandths.
///
/// On the wire it is a plain JSON number (`1936`, `45.7`), which is what
/// spreadsheets and BI tools expect; it is rounded to four places on input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(i64);

/// Why a piece of text is not a figure. Messages are in Vietnamese: they are
/// shown next to the field the user typed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseAmountError {
    /// Nothing but spaces.
    Empty,
    /// A character that has no place in a number.
    InvalidCharacter(char),
    /// More than one decimal comma, or a comma in the wrong place.
    MisplacedComma,
    /// `.` groups thousands, so the groups after it must have three digits.
    /// `45.7` is the usual mistake for `45,7`.
    BadGrouping,
    /// More decimal places than the system keeps.
    TooManyDecimals,
    /// Larger than any real report figure.
    TooLarge,
}

impl fmt::Display for ParseAmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("Chưa nhập số liệu"),
            Self::InvalidCharacter(c) => write!(f, "Ký tự «{c}» không hợp lệ trong một số"),
            Self::MisplacedComma => f.write_str("Dấu phẩy thập phân đặt sai chỗ"),
            Self::BadGrouping => f.write_str("Dấu chấm dùng để tách hàng nghìn (ví dụ 1.936); phần thập phân dùng dấu phẩy (ví dụ 45,7)"),
            Self::TooManyDecimals => f.write_str("Tối đa 4 chữ số sau dấu phẩy"),
            Self::TooLarge => f.write_str("Số quá lớn"),
        }
    }
}

impl std::error::Error for ParseAmountError {}

impl Amount {
    /// Decimal places kept.
    pub const SCALE_DIGITS: u32 = 4;
    /// `10^SCALE_DIGITS`.
    pub const SCALE: i64 = 10_000;
    /// Largest magnitude accepted from users: a thousand billion, far above any
    /// commune figure, and far below where sums over a province could overflow.
    pub const MAX_WHOLE: i64 = 1_000_000_000_000;

    /// Zero.
    pub const ZERO: Amount = Amount(0);

    /// From the stored integer count of ten-thousandths.
    pub const fn from_scaled(scaled: i64) -> Self {
        Amount(scaled)
    }

    /// The stored integer count of ten-thousandths.
    pub const fn scaled(self) -> i64 {
        self.0
    }

    /// A whole number.
    pub const fn from_int(n: i64) -> Self {
        Amount(n * Self::SCALE)
    }

    /// From a float, rounded to four places. Used for JSON input only.
    pub fn from_f64(x: f64) -> Option<Self> {
        if !x.is_finite() || x.abs() > Self::MAX_WHOLE as f64 {
            return None;
        }
        Some(Amount((x * Self::SCALE as f64).round() as i64))
    }

    /// As a float, for JSON output and charts.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / Self::SCALE as f64
    }

    /// True when the value is below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Number of decimal places actually used (0 to 4).
    pub fn decimals_used(self) -> u32 {
        let mut frac = (self.0 % Self::SCALE).abs();
        if frac == 0 {
            return 0;
        }
        let mut digits = Self::SCALE_DIGITS;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        digits
    }

    /// Rounds half away from zero to `precision` decimal places (at most 4).
    pub fn round_to(self, precision: u32) -> Self {
        let precision = precision.min(Self::SCALE_DIGITS);
        let step = 10_i64.pow(Self::SCALE_DIGITS - precision);
        let half = step / 2;
        let rounded = if self.0 >= 0 { (self.0 + half) / step * step } else { (self.0 - half) / step * step };
        Amount(rounded)
    }

    /// `numerator / denominator x 100`, exact to four decimals (rounded half
    /// away from zero); `None` when the denominator is zero. Both are counts
    /// in the same unit, e.g. scaled figures or plain counts.
    pub fn percent_of(numerator: i64, denominator: i64) -> Option<Self> {
        if denominator == 0 {
            return None;
        }
        let scaled_num = numerator as i128 * 100 * Self::SCALE as i128;
        let den = denominator as i128;
        let (q, r) = (scaled_num / den, scaled_num % den);
        let rounded = if 2 * r.abs() >= den.abs() { q + scaled_num.signum() * den.signum() } else { q };
        i64::try_from(rounded).ok().map(Amount)
    }

    /// Parses a figure as a Vietnamese user writes it: `1.936`, `45,7`,
    /// `2.657,25`, `-3`. Spaces are ignored. A `.` must be followed by exactly
    /// three digits, so `45.7` is refused with a message that says why.
    pub fn parse_vi(text: &str) -> Result<Self, ParseAmountError> {
        let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
        if cleaned.is_empty() {
            return Err(ParseAmountError::Empty);
        }
        let (negative, body) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
        };
        if let Some(c) = body.chars().find(|c| !c.is_ascii_digit() && *c != '.' && *c != ',') {
            return Err(ParseAmountError::InvalidCharacter(c));
        }
        let mut parts = body.split(',');
        let whole_text = parts.next().unwrap_or_default();
        let frac_text = parts.next();
        if parts.next().is_some() || whole_text.is_empty() || frac_text == Some("") {
            return Err(ParseAmountError::MisplacedComma);
        }
        if let Some(frac) = frac_text
            && frac.contains('.')
        {
            return Err(ParseAmountError::BadGrouping);
        }
        let mut groups = whole_text.split('.');
        let first = groups.next().unwrap_or_default();
        if first.is_empty() || (whole_text.contains('.') && first.len() > 3) {
            return Err(ParseAmountError::BadGrouping);
        }
        let mut digits = first.to_owned();
        for group in groups {
            if group.len() != 3 {
                return Err(ParseAmountError::BadGrouping);
            }
            digits.push_str(group);
        }
        let digits = digits.trim_start_matches('0');
        if digits.len() > 13 {
            return Err(ParseAmountError::TooLarge);
        }
        let whole: i64 = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| ParseAmountError::TooLarge)? };
        if whole > Self::MAX_WHOLE {
            return Err(ParseAmountError::TooLarge);
        }
        let frac = frac_text.unwrap_or("");
        if frac.len() > Self::SCALE_DIGITS as usize {
            return Err(ParseAmountError::TooManyDecimals);
        }
        let mut frac_scaled: i64 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| ParseAmountError::MisplacedComma)? };
        frac_scaled *= 10_i64.pow(Self::SCALE_DIGITS - frac.len() as u32);
        let magnitude = whole * Self::SCALE + frac_scaled;
        Ok(Amount(if negative { -magnitude } else { magnitude }))
    }

    /// Writes the figure the Vietnamese way with exactly `precision` decimal
    /// places, rounding half away from zero: `1.936`, `45,7`, `-2.657,25`.
    pub fn format_vi(self, precision: u32) -> String {
        let precision = precision.min(Self::SCALE_DIGITS);
        let rounded = self.round_to(precision).0;
        let negative = rounded < 0;
        let magnitude = rounded.unsigned_abs();
        let whole = magnitude / Self::SCALE as u64;
        let frac = magnitude % Self::SCALE as u64 / 10_u64.pow(Self::SCALE_DIGITS - precision);
        let mut out = String::new();
        if negative {
            out.push('-');
        }
        out.push_str(&group_thousands(whole));
        if precision > 0 {
            out.push(',');
            out.push_str(&format!("{frac:0width$}", width = precision as usize));
        }
        out
    }

    /// Writes the figure with as many decimals as it has, up to `max_precision`:
    /// `45,7` rather than `45,70`. This is how report text writes figures.
    pub fn format_vi_trimmed(self, max_precision: u32) -> String {
        let rounded = self.round_to(max_precision);
        rounded.format_vi(rounded.decimals_used())
    }
}

/// `1234567` -> `1.234.567`.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % Self::SCALE == 0 { serializer.serialize_i64(self.0 / Self::SCALE) } else { serializer.serialize_f64(self.to_f64()) }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(deserializer)?;
        Amount::from_f64(x).ok_or_else(|| serde::de::Error::custom("số nằm ngoài phạm vi cho phép"))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Amount {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Number)
            .description(Some("A decimal figure, exact to four decimal places."))
            .examples([serde_json::json!(1936.5)])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Amount {}

#[cfg(test)]
mod tests {
    use super::*;

    fn vi(text: &str) -> Amount {
        Amount::parse_vi(text).unwrap()
    }

    #[test]
    fn formats_thousands_with_dots_and_decimals_with_a_comma() {
        assert_eq!(Amount::from_int(1936).format_vi(0), "1.936");
        assert_eq!(vi("45,7").format_vi(1), "45,7");
        assert_eq!(vi("2657,25").format_vi(2), "2.657,25");
        assert_eq!(Amount::from_int(1_234_567).format_vi(0), "1.234.567");
        assert_eq!(Amount::from_int(999).format_vi(0), "999");
        assert_eq!(Amount::ZERO.format_vi(1), "0,0");
        assert_eq!(vi("-1234,5").format_vi(1), "-1.234,5");
    }

    #[test]
    fn formatting_rounds_half_away_from_zero() {
        assert_eq!(vi("1,87").format_vi(1), "1,9");
        assert_eq!(vi("0,05").format_vi(1), "0,1");
        assert_eq!(vi("-0,05").format_vi(1), "-0,1");
        assert_eq!(vi("115,249").format_vi(1), "115,2");
        assert_eq!(vi("59,5").format_vi(0), "60");
    }

    #[test]
    fn trimmed_format_drops_trailing_zeros() {
        assert_eq!(vi("45,70").format_vi_trimmed(2), "45,7");
        assert_eq!(vi("102,00").format_vi_trimmed(2), "102");
        assert_eq!(vi("1,8749").format_vi_trimmed(2), "1,87");
    }

    #[test]
    fn parses_vietnamese_written_numbers() {
        assert_eq!(vi("1.936"), Amount::from_int(1936));
        assert_eq!(vi(" 1 936 "), Amount::from_int(1936));
        assert_eq!(vi("45,7").scaled(), 457_000);
        assert_eq!(vi("2.657,25").scaled(), 26_572_500);
        assert_eq!(vi("0,0001").scaled(), 1);
        assert_eq!(vi("-3"), Amount::from_int(-3));
        assert_eq!(vi("007"), Amount::from_int(7));
    }

    #[test]
    fn refuses_a_dot_used_as_a_decimal_point() {
        assert_eq!(Amount::parse_vi("45.7"), Err(ParseAmountError::BadGrouping));
        assert_eq!(Amount::parse_vi("1.93"), Err(ParseAmountError::BadGrouping));
        assert_eq!(Amount::parse_vi("1936.000.1"), Err(ParseAmountError::BadGrouping));
    }

    #[test]
    fn refuses_malformed_numbers_with_a_reason() {
        assert_eq!(Amount::parse_vi(""), Err(ParseAmountError::Empty));
        assert_eq!(Amount::parse_vi("12a"), Err(ParseAmountError::InvalidCharacter('a')));
        assert_eq!(Amount::parse_vi("1,2,3"), Err(ParseAmountError::MisplacedComma));
        assert_eq!(Amount::parse_vi(",5"), Err(ParseAmountError::MisplacedComma));
        assert_eq!(Amount::parse_vi("5,"), Err(ParseAmountError::MisplacedComma));
        assert_eq!(Amount::parse_vi("1,23456"), Err(ParseAmountError::TooManyDecimals));
        assert_eq!(Amount::parse_vi("99999999999999"), Err(ParseAmountError::TooLarge));
        assert!(ParseAmountError::BadGrouping.to_string().contains("45,7"));
    }

    #[test]
    fn parse_and_format_round_trip() {
        for text in ["0", "1", "12", "123", "1.234", "12.345,6", "1.000.000", "0,1234", "-7,5"] {
            let amount = vi(text);
            assert_eq!(amount.format_vi_trimmed(4), text, "{text}");
        }
    }

    #[test]
    fn percentages_are_exact_and_refuse_a_zero_base() {
        assert_eq!(Amount::percent_of(1936, 3227).unwrap().format_vi(1), "60,0");
        assert_eq!(Amount::percent_of(2, 3).unwrap().scaled(), 666_667);
        assert_eq!(Amount::percent_of(37, 1979).unwrap().format_vi(2), "1,87");
        assert_eq!(Amount::percent_of(-1, 3).unwrap().scaled(), -333_333);
        assert_eq!(Amount::percent_of(5, 0), None);
    }

    #[test]
    fn json_is_a_plain_number() {
        assert_eq!(serde_json::to_string(&Amount::from_int(1936)).unwrap(), "1936");
        assert_eq!(serde_json::to_string(&vi("45,7")).unwrap(), "45.7");
        let back: Amount = serde_json::from_str("45.7").unwrap();
        assert_eq!(back, vi("45,7"));
        let noisy: Amount = serde_json::from_str("0.30000000000000004").unwrap();
        assert_eq!(noisy, vi("0,3"));
        assert!(serde_json::from_str::<Amount>("1e300").is_err());
    }
}
