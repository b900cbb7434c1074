//! Reading the API's dates (`2026-06-16`) and instants
//! (`2026-06-16T08:30:00.123456Z`, or with an offset) without chrono's
//! general-purpose parser.
//!
//! The browser apps read every API answer's dates through these (the API
//! types name them with `cfg_attr(target_arch = "wasm32", …)`); the server
//! and the tests keep chrono's own reading. The formats are the ones chrono
//! writes and RFC 3339 allows; anything else is refused. Reason: chrono's
//! parser is generic over its format items and took about 12 KB of the
//! phone app's wasm for two fixed formats.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::de::Error;
use serde::{Deserialize, Deserializer};

/// `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(number(&b[0..4])? as i32, number(&b[5..7])?, number(&b[8..10])?)
}

/// `YYYY-MM-DDTHH:MM:SS`, an optional fraction of up to nine digits, then
/// `Z` or `±HH:MM` (a space or `t` may stand for `T`, `z` for `Z`, as RFC 3339 allows).
pub fn parse_date_time(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = parse_date(&text[..10])?;
    let (hour, minute, second) = (number(&b[11..13])?, number(&b[14..16])?, number(&b[17..19])?);
    let mut rest = &b[19..];
    let mut nanos = 0;
    if let [b'.', tail @ ..] = rest {
        let digits = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        nanos = number(&tail[..digits])? * 10_u32.pow(9 - digits as u32);
        rest = &tail[digits..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let seconds = (number(&[*h1, *h2])? * 60 + number(&[*m1, *m2])?) as i32 * 60;
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    let local = date.and_time(NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?);
    Some(FixedOffset::east_opt(offset)?.from_local_datetime(&local).single()?.with_timezone(&Utc))
}

/// The ASCII digits of `digits` as a number.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0_u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

fn refused<E: Error>(what: &str, text: &str) -> E {
    E::custom(format!("{what} không đúng dạng: «{text}»"))
}

/// A field read as text by `parse`; `what` names it in the refusal.
fn read<'de, D: Deserializer<'de>, T>(d: D, parse: fn(&str) -> Option<T>, what: &str) -> Result<T, D::Error> {
    let text = String::deserialize(d)?;
    parse(&text).ok_or_else(|| refused(what, &text))
}

/// The same, optional (`null` or absent: `None`).
fn read_opt<'de, D: Deserializer<'de>, T>(d: D, parse: fn(&str) -> Option<T>, what: &str) -> Result<Option<T>, D::Error> {
    Option::<String>::deserialize(d)?.map(|text| parse(&text).ok_or_else(|| refused(what, &text))).transpose()
}

/// A date field.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    read(d, parse_date, "ngày")
}

/// An optional date field (`null` or absent: `None`).
pub fn date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    read_opt(d, parse_date, "ngày")
}

/// An instant field.
pub fn date_time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    read(d, parse_date_time, "thời điểm")
}

/// An optional instant field (`null` or absent: `None`).
pub fn date_time_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    read_opt(d, parse_date_time, "thời điểm")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_chrono_writes_reads_back_the_same() {
        let instants = [
            Utc.with_ymd_and_hms(2026, 6, 16, 8, 30, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 12, 31, 23, 59, 59).unwrap() + chrono::Duration::nanoseconds(123_456_789),
            Utc.with_ymd_and_hms(2000, 2, 29, 0, 0, 0).unwrap() + chrono::Duration::microseconds(5),
            Utc.with_ymd_and_hms(2100, 1, 1, 12, 0, 0).unwrap() + chrono::Duration::milliseconds(7),
        ];
        for at in instants {
            let written = serde_json::to_string(&at).unwrap();
            assert_eq!(parse_date_time(written.trim_matches('"')), Some(at), "{written}");
            assert_eq!(parse_date_time(&at.to_rfc3339()), Some(at), "{}", at.to_rfc3339());
        }
        for day in [NaiveDate::from_ymd_opt(2026, 6, 16).unwrap(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()] {
            assert_eq!(parse_date(&day.to_string()), Some(day));
        }
    }

    #[test]
    fn it_agrees_with_chrono_on_offsets_and_fractions() {
        for text in ["2026-06-16T08:30:00+07:00", "2026-06-16T08:30:00.5-03:30", "2026-06-16t08:30:00z", "2026-06-16 08:30:00.000000001Z"] {
            let chrono: DateTime<Utc> = DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc);
            assert_eq!(parse_date_time(text), Some(chrono), "{text}");
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for text in [
            "",
            "2026-06-16",
            "2026-06-16T08:30:00",
            "2026-06-16T08:30Z",
            "2026-13-01T08:30:00Z",
            "2026-02-30T08:30:00Z",
            "2026-06-16T24:00:00Z",
            "2026-06-16T08:30:00.Z",
            "2026-06-16T08:30:00.1234567890Z",
            "2026-06-16T08:30:00+0700",
            "2026-06-16T08:30:00+07:00x",
            "２026-06-16T08:30:00Z",
        ] {
            assert_eq!(parse_date_time(text), None, "{text}");
        }
        for text in ["2026-6-16", "2026-06-16T", "16/06/2026", "2026-02-30", "+026-06-16"] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn fields_read_through_serde() {
        #[derive(Deserialize, Debug, PartialEq)]
        struct Row {
            #[serde(deserialize_with = "date")]
            day: NaiveDate,
            #[serde(default, deserialize_with = "date_time_opt")]
            at: Option<DateTime<Utc>>,
        }
        let row: Row = serde_json::from_str(r#"{"day":"2026-06-16","at":null}"#).unwrap();
        assert_eq!(row, Row { day: NaiveDate::from_ymd_opt(2026, 6, 16).unwrap(), at: None });
        let row: Row = serde_json::from_str(r#"{"day":"2026-06-16"}"#).unwrap();
        assert_eq!(row.at, None);
        assert!(serde_json::from_str::<Row>(r#"{"day":"16/06/2026"}"#).unwrap_err().to_string().contains("ngày không đúng dạng"));
    }
}
