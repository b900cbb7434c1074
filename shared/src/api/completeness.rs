//! Who has sent what: units x periods for one form, and notices.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{SubmissionStatus, UnitSummary, named_enum};
use crate::{Amount, MonthPeriod};

/// One unit's state for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompletenessCell {
    /// The reporting month.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-06"))]
    pub period: MonthPeriod,
    /// Where the submission stands.
    pub status: SubmissionStatus,
    /// Submitted after the deadline.
    pub late: bool,
    /// Not received and past the deadline.
    pub overdue: bool,
    /// When it was (last) submitted.
    #[cfg_attr(target_arch = "wasm32", serde(default, deserialize_with = "crate::wire_time::date_time_opt"))]
    pub submitted_at: Option<DateTime<Utc>>,
}

/// One unit's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompletenessRow {
    /// The unit.
    pub unit: UnitSummary,
    /// One cell per period, in the order of `periods`.
    pub cells: Vec<CompletenessCell>,
}

/// Totals of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompletenessTotal {
    /// The reporting month.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-06"))]
    pub period: MonthPeriod,
    /// Its deadline (under the caller's calendar).
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date"))]
    pub deadline: NaiveDate,
    /// Units that report this form.
    pub expected: u32,
    /// Submitted or approved.
    pub received: u32,
    /// Received and not late.
    pub on_time: u32,
    /// Received, in percent of expected (one decimal).
    pub received_percent: Amount,
    /// On time, in percent of expected (one decimal).
    pub on_time_percent: Amount,
}

/// Answer of `GET /api/v1/completeness`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Completeness {
    /// The form.
    pub form_id: i64,
    /// The periods, oldest first.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, example = json!(["2026-05", "2026-06"])))]
    pub periods: Vec<MonthPeriod>,
    /// One row per unit that reports the form.
    pub rows: Vec<CompletenessRow>,
    /// One total per period.
    pub totals: Vec<CompletenessTotal>,
}

/// One unit below the asked unit, with the totals of the units that report
/// the form in its part of the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompletenessGroup {
    /// The unit (a child of the asked unit, or the asked unit itself when it
    /// reports the form).
    pub unit: UnitSummary,
    /// One total per period, in the order of `periods`.
    pub totals: Vec<CompletenessTotal>,
}

/// Answer of `GET /api/v1/completeness/summary`: expected, received and on
/// time per unit below the asked one, and per period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompletenessSummary {
    /// The form.
    pub form_id: i64,
    /// The asked unit.
    pub unit: UnitSummary,
    /// The periods, oldest first.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, example = json!(["2026-05", "2026-06"])))]
    pub periods: Vec<MonthPeriod>,
    /// One entry per child unit with units that report the form, by code.
    pub groups: Vec<CompletenessGroup>,
    /// The asked unit's whole tree, per period.
    pub totals: Vec<CompletenessTotal>,
}

named_enum! {
    /// What a notice is about.
    NoticeKind {
        /// The commune returned one of the unit's forms.
        Returned = "returned" / "Bị trả lại",
        /// One of the unit's forms is past its deadline.
        Overdue = "overdue" / "Quá hạn",
        /// A unit below submitted a form waiting for review.
        Submitted = "submitted" / "Chờ duyệt",
    }
}

/// Something the user should look at now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    /// What it is about.
    pub kind: NoticeKind,
    /// The unit concerned.
    pub unit: UnitSummary,
    /// The form.
    pub form_id: i64,
    /// The reporting month.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-06"))]
    pub period: MonthPeriod,
    /// A Vietnamese sentence for the app.
    pub message: String,
    /// For a return: the commune's reason, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When it happened (absent for overdue forms).
    #[cfg_attr(target_arch = "wasm32", serde(default, deserialize_with = "crate::wire_time::date_time_opt"))]
    pub at: Option<DateTime<Utc>>,
}
