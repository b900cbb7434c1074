//! A unit's figures for one form and one period.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Review, UnitSummary, ValueChange, named_enum};
use crate::{Amount, MonthPeriod};

named_enum! {
    /// Where a submission stands: `draft` -> `submitted` -> `approved`, or
    /// `submitted` -> `returned` (with reasons) -> `submitted` again. An
    /// approved submission can be reopened, with a written reason, which
    /// returns it to the unit.
    SubmissionStatus {
        /// Nothing saved yet (never stored; shown for forms that are due).
        NotStarted = "not_started" / "Chưa nhập",
        /// Saved, still being edited by the unit.
        Draft = "draft" / "Đang nhập",
        /// Sent to the commune, waiting for review.
        Submitted = "submitted" / "Đã gửi",
        /// Sent back to the unit with reasons, to fix and submit again.
        Returned = "returned" / "Bị trả lại",
        /// Checked and accepted by the commune; locked.
        Approved = "approved" / "Đã duyệt",
    }
}

impl SubmissionStatus {
    /// The unit may still change its figures.
    pub fn editable_by_unit(self) -> bool {
        matches!(self, Self::NotStarted | Self::Draft | Self::Returned)
    }

    /// The commune has received it (submitted or approved).
    pub fn received(self) -> bool {
        matches!(self, Self::Submitted | Self::Approved)
    }
}

/// One figure of a submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmissionValue {
    /// The indicator.
    pub indicator_id: i64,
    /// Its code.
    pub indicator_code: String,
    /// The figure; absent when not entered yet.
    pub value: Option<Amount>,
    /// The unit's note on the figure.
    pub comment: Option<String>,
}

/// A submission, or the empty form when nothing is saved yet (`id` absent,
/// `version` 0, status `not_started`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Submission {
    /// Submission id, absent before the first save.
    pub id: Option<i64>,
    /// The reporting unit.
    pub unit: UnitSummary,
    /// The form.
    pub form_id: i64,
    /// The form's code.
    pub form_code: String,
    /// The reporting month, e.g. `2026-06`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-06"))]
    pub period: MonthPeriod,
    /// First day of the data (per the unit's calendar).
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date"))]
    pub period_start: NaiveDate,
    /// Last day of the data.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date"))]
    pub period_end: NaiveDate,
    /// When the report is due.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date"))]
    pub deadline: NaiveDate,
    /// Where it stands.
    pub status: SubmissionStatus,
    /// Increases with every change. Send it back with the next change; a
    /// change made on an older version is refused with 409.
    pub version: i64,
    /// Submitted after the deadline.
    pub late: bool,
    /// One entry per indicator of the form, in the form's order.
    pub values: Vec<SubmissionValue>,
    /// Last change.
    #[cfg_attr(target_arch = "wasm32", serde(default, deserialize_with = "crate::wire_time::date_time_opt"))]
    pub updated_at: Option<DateTime<Utc>>,
    /// Who made the last change.
    pub updated_by: Option<String>,
    /// When it was submitted.
    #[cfg_attr(target_arch = "wasm32", serde(default, deserialize_with = "crate::wire_time::date_time_opt"))]
    pub submitted_at: Option<DateTime<Utc>>,
    /// Who submitted it.
    pub submitted_by: Option<String>,
    /// The latest review decision (return, approval, reopening), if any.
    #[serde(default)]
    pub last_review: Option<Review>,
    /// After a return: each figure that changed since, old value to new.
    #[serde(default)]
    pub changes_since_return: Vec<ValueChange>,
    /// Broken rules and figures far from the unit's own history. Hard ones
    /// block submission; soft ones (and outliers, code `outlier`) warn.
    #[serde(default)]
    pub warnings: Vec<crate::rules::Violation>,
    /// What each figure is compared with (the unit's recent months, its
    /// same month last year, its neighbours this month), so that the app
    /// warns about a figure far from them while it is typed. Indicators
    /// with nothing to compare with are left out.
    #[serde(default)]
    pub references: Vec<FigureReference>,
}

/// What one figure is compared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureReference {
    /// The indicator.
    pub indicator_id: i64,
    /// The figures it is compared with.
    pub history: crate::rules::History,
}

/// One figure as the unit sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValueInput {
    /// The indicator.
    pub indicator_id: i64,
    /// The figure; `null` clears it.
    pub value: Option<Amount>,
    /// An optional note.
    #[serde(default)]
    pub comment: Option<String>,
}

/// Body of saving a draft and of submitting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmissionInput {
    /// The version the figures were edited from (0 for a new submission).
    pub version: i64,
    /// The figures. Indicators left out keep their saved value.
    pub values: Vec<ValueInput>,
}

/// A form that a unit has to report for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DueItem {
    /// The reporting unit.
    pub unit: UnitSummary,
    /// The form id.
    pub form_id: i64,
    /// The form code.
    pub form_code: String,
    /// The form's Vietnamese name.
    pub form_name: String,
    /// The reporting month.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-06"))]
    pub period: MonthPeriod,
    /// First day of the data.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date"))]
    pub period_start: NaiveDate,
    /// Last day of the data.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date"))]
    pub period_end: NaiveDate,
    /// When it is due.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date"))]
    pub deadline: NaiveDate,
    /// Where it stands.
    pub status: SubmissionStatus,
    /// The current version (0 when nothing is saved).
    pub version: i64,
    /// Past the deadline and not received.
    pub overdue: bool,
    /// For a returned form: the commune's reason.
    #[serde(default)]
    pub review_reason: Option<String>,
}
