//! Reports the commune office keeps: drafted from the data, passages edited,
//! then issued with a number and frozen.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{UnitSummary, named_enum};
use crate::periods::ReportPeriod;

named_enum! {
    /// The presentation rules of the document.
    ReportProfile {
        /// A Party committee's document (Hướng dẫn 36-HD/VPTW).
        Party = "party" / "Văn bản của Đảng (HD 36-HD/VPTW)",
        /// A People's Committee's document (Decree 30/2020/NĐ-CP).
        State = "state" / "Văn bản hành chính (NĐ 30/2020/NĐ-CP)",
    }
}

named_enum! {
    /// Where a report stands.
    ReportStatus {
        /// Being written; generated passages follow the figures.
        Draft = "draft" / "Dự thảo",
        /// Numbered and frozen; its file is kept.
        Issued = "issued" / "Đã ban hành",
    }
}

/// One passage of a report: a heading of the outline and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Passage {
    /// Its place in the outline, from 0.
    pub position: u32,
    /// Heading level: 0 for a part, 1 for `I.`, 2 for `1.`.
    pub level: u8,
    /// The heading as printed.
    pub heading: String,
    /// The text as printed (paragraphs, `**bold**`, `*italic*`, `- ` bullets).
    pub text: String,
    /// What tonghop writes from the figures now.
    pub generated: String,
    /// The office has written its own text here.
    pub edited: bool,
    /// Edited, and the figures under it have changed since.
    pub figures_changed: bool,
}

/// A report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    /// Report id.
    pub id: i64,
    /// The issuing unit.
    pub unit: UnitSummary,
    /// The period it reports on.
    pub period: ReportPeriod,
    /// E.g. `6 tháng đầu năm 2026`.
    pub period_label: String,
    /// Party or State format.
    pub profile: ReportProfile,
    /// Draft or issued.
    pub status: ReportStatus,
    /// Increases with every change.
    pub version: i64,
    /// Once issued: `Số 01-BC/ĐU`, `Số: 01/BC-UBND`.
    pub number: Option<String>,
    /// Once issued: the date in its header.
    pub issued_on: Option<NaiveDate>,
    /// Counts figures not yet approved.
    pub include_provisional: bool,
    /// The header and signature as printed.
    pub header: ReportHeader,
    /// The issued report this draft is a new version of.
    pub previous_id: Option<i64>,
    /// One per entry of the outline.
    pub passages: Vec<Passage>,
}

/// What the office sets above and below the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportHeader {
    /// The summary title (trích yếu); a line break splits it.
    pub title: String,
    /// The place in the date line, e.g. `Xuân Phú`.
    pub place: String,
    /// The lines under «Nơi nhận:», without the leading dash.
    pub recipients: Vec<String>,
    /// The signer's title, e.g. `PHÓ BÍ THƯ THƯỜNG TRỰC`.
    pub signer_title: String,
    /// The signer's name.
    pub signer_name: String,
}

/// Body of `PUT /api/v1/reports/{id}`: the header and signature of a draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportHeaderInput {
    /// The report's version the change starts from.
    pub version: i64,
    /// The new header and signature.
    pub header: ReportHeader,
}

/// Body of `POST /api/v1/reports`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReport {
    /// The issuing unit (the commune).
    pub unit_id: i64,
    /// The period.
    pub period: ReportPeriod,
    /// Party or State format.
    pub profile: ReportProfile,
    /// Count figures not yet approved (default false).
    #[serde(default)]
    pub include_provisional: bool,
}

/// Body of `PUT /api/v1/reports/{id}/passages/{position}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PassageEdit {
    /// The report's version the edit starts from.
    pub version: i64,
    /// The office's text; `null` to follow the figures again.
    pub text: Option<String>,
}

/// Body of `POST /api/v1/reports/{id}/issue`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssueRequest {
    /// The version being issued.
    pub version: i64,
}
