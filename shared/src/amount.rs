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
/// spreadsheets and BI tools expect. The server reads the number's text
/// exactly and refuses what four decimals cannot hold; a format that only
/// has floats (the browser's) is rounded to four places.
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
        Self::percent_rounded(numerator, denominator, Self::SCALE_DIGITS)
    }

    /// `numerator / denominator x 100` rounded once, half away from zero, to
    /// `precision` decimals (at most 4); `None` when the denominator is zero
    /// or the result does not fit.
    ///
    /// The rule for every percentage tonghop shows: computed from the exact
    /// integers and rounded a single time, to the places shown. Rounding to
    /// four places first and then to the places shown would carry values
    /// just under a half upwards (10051 / 10001 = 100,49995% would read 101%).
    pub fn percent_rounded(numerator: i64, denominator: i64, precision: u32) -> Option<Self> {
        if denominator == 0 {
            return None;
        }
        let precision = precision.min(Self::SCALE_DIGITS);
        let step = 10_i128.pow(Self::SCALE_DIGITS - precision);
        // The percentage in units of the last place shown: n * 100 * 10^p / d.
        let (mut num, mut den) = (numerator as i128 * 100 * 10_i128.pow(precision), denominator as i128);
        if den < 0 {
            (num, den) = (-num, -den);
        }
        let (q, r) = (num / den, num % den);
        let rounded = if 2 * r.abs() >= den { q + num.signum() } else { q };
        i64::try_from(rounded * step).ok().map(Amount)
    }

    /// Reads a number written as JSON writes it (`-12`, `45.70`, `1.5e3`)
    /// exactly, with no float in between; `None` when it is not such a number,
    /// needs more than four decimal places or is beyond [`Self::MAX_WHOLE`].
    pub fn parse_exact(text: &str) -> Option<Self> {
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match body.find(['e', 'E']) {
            Some(i) => (&body[..i], body[i + 1..].strip_prefix('+').unwrap_or(&body[i + 1..]).parse::<i32>().ok()?),
            None => (body, 0),
        };
        let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if mantissa.contains('.') && frac.is_empty() {
            return None;
        }
        // All digits, and where the decimal point falls among them.
        let digits = format!("{whole}{frac}");
        let point = whole.len() as i64 + exponent as i64;
        let digits = digits.trim_start_matches('0');
        let point = point - (whole.len() + frac.len() - digits.len()) as i64;
        let digits = digits.trim_end_matches('0');
        if digits.is_empty() {
            return Some(Amount::ZERO);
        }
        let decimals = digits.len() as i64 - point;
        if decimals > Self::SCALE_DIGITS as i64 || point > 13 {
            return None;
        }
        let scaled: i64 = digits.parse::<i64>().ok()?.checked_mul(10_i64.checked_pow((Self::SCALE_DIGITS as i64 - decimals) as u32)?)?;
        if scaled > Self::MAX_WHOLE * Self::SCALE {
            return None;
        }
        Some(Amount(if negative { -scaled } else { scaled }))
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

/// Reads a figure from any serde format. JSON read by serde_json with its
/// `arbitrary_precision` feature (the server's) hands over the number's text,
/// which is read exactly: a figure that four decimals cannot hold is refused,
/// never rounded. Formats that only have floats (serde-wasm-bindgen in the
/// browser) hand over an `f64`, rounded to four places as before.
impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AmountVisitor)
    }
}

/// serde_json's key for a number kept as text (`arbitrary_precision`).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

struct AmountVisitor;

impl AmountVisitor {
    fn out_of_range<E: serde::de::Error>() -> E {
        E::custom("số nằm ngoài phạm vi cho phép hoặc có quá 4 chữ số sau dấu phẩy")
    }
}

impl<'de> serde::de::Visitor<'de> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number with at most four decimal places")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
        (v.unsigned_abs() <= Amount::MAX_WHOLE as u64).then(|| Amount::from_int(v)).ok_or_else(Self::out_of_range)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
        (v <= Amount::MAX_WHOLE as u64).then(|| Amount::from_int(v as i64)).ok_or_else(Self::out_of_range)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Amount, E> {
        Amount::from_f64(v).ok_or_else(Self::out_of_range)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
        Amount::parse_exact(v).ok_or_else(Self::out_of_range)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Amount, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == NUMBER_TOKEN => {
                let text: String = map.next_value()?;
                Amount::parse_exact(&text).ok_or_else(Self::out_of_range)
            }
            _ => Err(serde::de::Error::invalid_type(serde::de::Unexpected::Map, &self)),
        }
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
        // A float handed over as one (the browser's JSON.parse, through
        // serde-wasm-bindgen) is rounded to the four decimals kept. Through
        // a deserializer of floats, so the test does not depend on whether
        // this build's serde_json reads number tokens (`arbitrary_precision`
        // is on whenever the backend is in the build).
        let noisy =
            Amount::deserialize(serde::de::IntoDeserializer::<serde::de::value::Error>::into_deserializer(0.300_000_000_000_000_04_f64))
                .unwrap();
        assert_eq!(noisy, vi("0,3"));
        assert!(serde_json::from_str::<Amount>("1e300").is_err());
    }

    #[test]
    fn json_text_is_read_exactly_or_refused() {
        assert_eq!(Amount::parse_exact("999999999999.9999"), Some(Amount::from_scaled(9_999_999_999_999_999)));
        assert_eq!(Amount::parse_exact("45.70"), Some(vi("45,7")));
        assert_eq!(Amount::parse_exact("-0.0001"), Some(Amount::from_scaled(-1)));
        assert_eq!(Amount::parse_exact("1.5e3"), Some(Amount::from_int(1500)));
        assert_eq!(Amount::parse_exact("4570E-2"), Some(vi("45,7")));
        assert_eq!(Amount::parse_exact("0.000"), Some(Amount::ZERO));
        assert_eq!(Amount::parse_exact("1000000000000"), Some(Amount::from_int(Amount::MAX_WHOLE)));
        for refused in ["1.23456", "1000000000000.0001", "1e13", "1e300", "", "-", "1.", ".5", "1x", "0.00001"] {
            assert_eq!(Amount::parse_exact(refused), None, "{refused}");
        }
    }

    /// The deserializer serde_json hands a number kept as text, as it does
    /// with `arbitrary_precision`: a map of one private key.
    #[test]
    fn a_number_token_is_read_exactly_and_floats_still_work() {
        use serde::de::value::{Error, F64Deserializer, I64Deserializer, MapDeserializer};
        let token = |text: &str| {
            let map = MapDeserializer::<_, Error>::new(std::iter::once((NUMBER_TOKEN, text.to_owned())));
            Amount::deserialize(map)
        };
        assert_eq!(token("999999999999.9999").unwrap(), Amount::from_scaled(9_999_999_999_999_999));
        assert!(token("1.23456").is_err());
        assert_eq!(Amount::deserialize(F64Deserializer::<Error>::new(45.7)).unwrap(), vi("45,7"));
        assert_eq!(Amount::deserialize(I64Deserializer::<Error>::new(-3)).unwrap(), Amount::from_int(-3));
        assert!(Amount::deserialize(I64Deserializer::<Error>::new(Amount::MAX_WHOLE + 1)).is_err());
    }

    #[test]
    fn percentages_are_rounded_once_half_away_from_zero() {
        assert_eq!(Amount::percent_rounded(10051, 10001, 0).unwrap().format_vi(0), "100");
        assert_eq!(Amount::percent_rounded(162, 3161, 2).unwrap().format_vi(2), "5,12");
        assert_eq!(Amount::percent_rounded(1, 2, 0).unwrap().format_vi(0), "50");
        assert_eq!(Amount::percent_rounded(1, 200, 0).unwrap().format_vi(0), "1");
        assert_eq!(Amount::percent_rounded(-1, 200, 0).unwrap().format_vi(0), "-1");
        assert_eq!(Amount::percent_rounded(1, -200, 0).unwrap().format_vi(0), "-1");
        assert_eq!(Amount::percent_rounded(5, 0, 2), None);
    }

    /// Against an exact rational computation: n * 100 / d at k places is the
    /// fraction N / D with N = n * 100 * 10^k and D = d, and rounding it half
    /// away from zero is sign(N / D) * floor((2|N| + |D|) / (2|D|)).
    #[test]
    fn percentages_match_the_exact_rational_over_many_cases() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |bound: i64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % bound as u64) as i64
        };
        for case in 0..20_000 {
            let n = next(2_000_000) - 1_000_000 + if case % 7 == 0 { 10_000_000_000 } else { 0 };
            let d = (next(2_000_000) - 1_000_000).max(1) * if case % 3 == 0 { -1 } else { 1 };
            let k = (case % 5) as u32;
            let (big_n, big_d) = (n as i128 * 100 * 10_i128.pow(k), d as i128);
            let sign = big_n.signum() * big_d.signum();
            let expected = sign * ((2 * big_n.abs() + big_d.abs()) / (2 * big_d.abs())) * 10_i128.pow(4 - k);
            assert_eq!(Amount::percent_rounded(n, d, k).unwrap().scaled() as i128, expected, "{n}/{d} at {k} places");
            // Ties: d divides 2N exactly; check them directly too.
            let tie = Amount::percent_rounded(1, 2 * 10_i64.pow(k + 2), k).unwrap();
            assert_eq!(tie.scaled() as i128, 10_i128.pow(4 - k), "half a last place goes up");
        }
    }
}
