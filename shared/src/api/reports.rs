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
    #[cfg_attr(target_arch = "wasm32", serde(default, deserialize_with = "crate::wire_time::date_opt"))]
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
    /// On whose behalf it is signed, the line above the title: `T/M ĐẢNG ỦY`
    /// (the Party format's own), `TM. ỦY BAN NHÂN DÂN` (the State's), or
    /// another such as `KT. BÍ THƯ`. Empty in a change: the format's own.
    #[serde(default)]
    pub signer_authority: String,
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
    /// The template whose outline the report follows; none for the usual
    /// outline built into tonghop.
    #[serde(default)]
    pub template_id: Option<i64>,
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

/// A report in a list: what it is, without its passages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSummary {
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
    #[cfg_attr(target_arch = "wasm32", serde(default, deserialize_with = "crate::wire_time::date_opt"))]
    pub issued_on: Option<NaiveDate>,
    /// The summary title (trích yếu).
    pub title: String,
    /// The issued report this draft is a new version of.
    pub previous_id: Option<i64>,
    /// Last change, RFC 3339 UTC.
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// What a part of a report outline holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OutlineContent {
    /// A heading only; the parts below it carry the text.
    Heading,
    /// The sentence counting the resolution targets on track, with a
    /// footnote naming those behind.
    TargetSummary,
    /// One sentence per listed indicator that has figures, in this order.
    Figures {
        /// Indicator codes.
        indicators: Vec<String>,
    },
    /// One sentence per indicator with figures that no `figures` part lists.
    OtherFigures,
    /// The approved activity sections of the units below (mass
    /// organisations), each under its unit's name.
    Sections,
    /// Text the office writes; the draft carries this prompt in italics.
    Prompt {
        /// The prompt.
        text: String,
    },
}

/// One part of a report outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutlineEntry {
    /// Heading level: 0 for a part (`Phần thứ nhất`), 1 for `I.`, 2 for `1.`, 3 for `a)`.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 3))]
    pub level: u8,
    /// The heading as printed; `{period}` and `{next}` stand for this
    /// period's and the next period's names. A line break splits it.
    pub heading: String,
    /// What goes under it.
    pub content: OutlineContent,
}

/// A report template: a named outline a unit keeps for its reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportTemplate {
    /// Template id; `null` for the usual outline built into tonghop.
    pub id: Option<i64>,
    /// The unit that keeps it (its reports and those of the units below
    /// may use it); `null` for the built-in one.
    pub unit_id: Option<i64>,
    /// E.g. `Báo cáo 6 tháng (Đảng ủy)`.
    pub name: String,
    /// The parts, in order.
    pub outline: Vec<OutlineEntry>,
}

/// Body of `POST /api/v1/report-templates` and `PUT /api/v1/report-templates/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportTemplateInput {
    /// The unit that keeps it (ignored by `PUT`).
    pub unit_id: i64,
    /// Its name, unique within the unit.
    pub name: String,
    /// The parts, in order (1 to 60).
    pub outline: Vec<OutlineEntry>,
}
