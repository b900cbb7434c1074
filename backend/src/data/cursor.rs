//! The opaque cursor of `/api/v1/data/values`: the key of the last row a page
//! returned, the filters it was made for, and when the walk began.
//!
//! The key `(unit_id, indicator_id, period)` names a figure and never changes
//! (its value, status and change time do), so "rows with a greater key" is
//! the same set of positions whatever is written between two pages. See
//! [`super::routes::values`] for the guarantee this gives.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// The position after which the next page starts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    /// Unit id.
    pub unit_id: i64,
    /// Indicator id.
    pub indicator_id: i64,
    /// Month code, `YYYY-MM`.
    pub period: String,
}

impl Key {
    /// Before every row (ids start at 1).
    pub fn start() -> Self {
        Self { unit_id: 0, indicator_id: 0, period: String::new() }
    }
}

/// What a cursor carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cursor {
    /// Last key returned.
    #[serde(rename = "k")]
    pub after: Key,
    /// Hash of the filters: a cursor is refused with other filters.
    #[serde(rename = "f")]
    pub filters: String,
    /// When the first page was read (UTC), to hand on as the next `changed_since`.
    #[serde(rename = "t")]
    pub started: NaiveDateTime,
}

impl Cursor {
    /// The text handed to the client.
    #[allow(clippy::expect_used, reason = "a struct of numbers and strings always serialises")]
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).expect("a cursor serialises"))
    }

    /// Reads a cursor made by [`Cursor::encode`] for the same filters.
    pub fn decode(text: &str, filters: &str) -> Result<Self, ApiError> {
        let bad = || ApiError::BadRequest("Tham số cursor không hợp lệ".into());
        let bytes = URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).map_err(|_| bad())?;
        let cursor: Self = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        // The key goes into the query: its month must be a month, never text
        // a client made up (PostgreSQL would refuse a NUL with an error).
        if cursor.after.period.parse::<tonghop_shared::MonthPeriod>().is_err() {
            return Err(bad());
        }
        if cursor.filters != filters {
            return Err(ApiError::BadRequest("cursor thuộc về một truy vấn với bộ lọc khác".into()));
        }
        Ok(cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_is_bound_to_its_filters() {
        let started = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap().naive_utc();
        let cursor = Cursor { after: Key { unit_id: 4, indicator_id: 7, period: "2026-06".into() }, filters: "ab".into(), started };
        let text = cursor.encode();
        assert_eq!(Cursor::decode(&text, "ab").unwrap(), cursor);
        assert!(Cursor::decode(&text, "cd").is_err());
        assert!(Cursor::decode("not a cursor", "ab").is_err());
        let made_up = Cursor { after: Key { period: "2026-06\u{0}".into(), ..cursor.after.clone() }, ..cursor };
        assert!(Cursor::decode(&made_up.encode(), "ab").is_err(), "a month that is not a month");
    }
}
