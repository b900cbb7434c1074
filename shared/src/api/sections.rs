//! Activity sections: the text a mass organisation (or any unit the commune
//! asks) writes about a period, reviewed like figures and placed in the
//! commune's report.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Review, SubmissionStatus, UnitSummary};
use crate::periods::ReportPeriod;
use crate::richtext::Block;

/// A unit's section for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Section {
    /// The unit that writes it.
    pub unit: UnitSummary,
    /// The period it covers.
    pub period: ReportPeriod,
    /// E.g. `6 tháng đầu năm 2026`.
    pub period_label: String,
    /// Where it stands: the same workflow as figures.
    pub status: SubmissionStatus,
    /// Increases with every change; 0 before the first save.
    pub version: i64,
    /// The text as written: paragraphs, `**bold**`, `*italic*`, `- ` bullets.
    pub body: String,
    /// The text split into paragraphs and lists, as the report prints it.
    pub blocks: Vec<Block>,
    /// Last saved.
    #[cfg_attr(target_arch = "wasm32", serde(default, deserialize_with = "crate::wire_time::date_time_opt"))]
    pub updated_at: Option<DateTime<Utc>>,
    /// By whom.
    pub updated_by: Option<String>,
    /// When it was (last) submitted.
    #[cfg_attr(target_arch = "wasm32", serde(default, deserialize_with = "crate::wire_time::date_time_opt"))]
    pub submitted_at: Option<DateTime<Utc>>,
    /// The latest review decision, with its reason.
    pub last_review: Option<Review>,
}

/// Body of `PUT /api/v1/sections/{unit_id}/{period}` (save the draft) and of
/// `POST …/submit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionInput {
    /// The version the writer started from (0 for a new section).
    pub version: i64,
    /// The whole text.
    pub body: String,
}
