//! Review: the commune office returns a submission with reasons, or
//! approves it; an approved one can be reopened with a written reason.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::named_enum;
use crate::Amount;

named_enum! {
    /// A review decision.
    ReviewAction {
        /// Sent back to the unit with reasons.
        Return = "return" / "Trả lại",
        /// Accepted and locked.
        Approve = "approve" / "Duyệt",
        /// An approved submission opened again for correction.
        Reopen = "reopen" / "Mở lại",
    }
}

/// A reviewer's comment on one figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureComment {
    /// The indicator the comment is about.
    pub indicator_id: i64,
    /// What is wrong with the figure.
    pub comment: String,
}

/// Body of `POST …/return`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRequest {
    /// The version being reviewed.
    pub version: i64,
    /// Why, in general (required).
    pub reason: String,
    /// Optional comments on specific figures.
    #[serde(default)]
    pub figure_comments: Vec<FigureComment>,
}

/// Body of `POST …/approve`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApproveRequest {
    /// The version being approved.
    pub version: i64,
}

/// Body of `POST …/reopen`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReopenRequest {
    /// The approved version being reopened.
    pub version: i64,
    /// Why the approved figures must change (required; audited).
    pub reason: String,
}

/// A review decision as the unit and the reviewer see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Review {
    /// What was decided.
    pub action: ReviewAction,
    /// The general reason (returns and reopenings).
    pub reason: Option<String>,
    /// Comments on specific figures (returns).
    pub figure_comments: Vec<FigureComment>,
    /// Who decided.
    pub by: String,
    /// When.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date_time"))]
    pub at: DateTime<Utc>,
}

/// One figure's change between two moments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValueChange {
    /// The indicator.
    pub indicator_id: i64,
    /// Its code.
    pub indicator_code: String,
    /// The figure before.
    pub before: Option<Amount>,
    /// The figure after.
    pub after: Option<Amount>,
}

named_enum! {
    /// What a history entry records.
    HistoryKind {
        /// A figure or its comment changed.
        Value = "value" / "Sửa số liệu",
        /// The submission was saved, submitted, returned, approved or reopened.
        Status = "status" / "Chuyển trạng thái",
    }
}

/// One entry of a submission's history, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    /// When.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date_time"))]
    pub at: DateTime<Utc>,
    /// Who (display name).
    pub by: Option<String>,
    /// True when `by` belongs to another unit than the submission's: the
    /// commune office entered or sent the figures for the unit (a village
    /// without a phone phones them in).
    #[serde(default)]
    pub on_behalf: bool,
    /// A figure change or a status change.
    pub kind: HistoryKind,
    /// For a figure: its indicator's code.
    pub indicator_code: Option<String>,
    /// For a figure: the value before.
    pub value_before: Option<Amount>,
    /// For a figure: the value after.
    pub value_after: Option<Amount>,
    /// For a figure: its comment after the change.
    pub comment: Option<String>,
    /// For a status change: the status before.
    pub status_before: Option<String>,
    /// For a status change: the status after.
    pub status_after: Option<String>,
    /// For a return or a reopening: why.
    pub reason: Option<String>,
}
