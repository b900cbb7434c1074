//! Public holidays: days that are not working days although they fall on a
//! weekday, counted out of every deadline.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::UnitSummary;

/// Longest name of a holiday, in characters.
pub const MAX_HOLIDAY_NAME_CHARS: usize = 100;

/// One holiday.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Holiday {
    /// Holiday id.
    pub id: i64,
    /// The day.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date"))]
    pub day: NaiveDate,
    /// What it is, e.g. `Tết Nguyên đán`.
    pub name: String,
    /// The unit that keeps it, for it and every unit below; absent for a
    /// holiday in force everywhere (kept by an administrator).
    pub unit: Option<UnitSummary>,
    /// Whether the caller may delete it.
    pub editable: bool,
}

/// Body of `POST /api/v1/holidays`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewHoliday {
    /// The day, `YYYY-MM-DD`.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date"))]
    pub day: NaiveDate,
    /// What it is, at most 100 characters.
    pub name: String,
    /// In force everywhere (administrators only); otherwise for the
    /// caller's unit and every unit below it.
    #[serde(default)]
    pub everywhere: bool,
}
