//! Figures for scripts, spreadsheets and BI tools: one row per unit,
//! indicator and reporting month, paged by an opaque cursor; and the report
//! periods of a year with their Vietnamese labels.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::named_enum;
use crate::{Amount, PeriodKind};

named_enum! {
    /// Whether a figure is final.
    DataStatus {
        /// Approved by the commune office, or imported from a past report.
        Approved = "approved" / "Đã duyệt",
        /// Submitted, not yet approved: it may still change.
        Provisional = "provisional" / "Chưa duyệt",
    }
}

named_enum! {
    /// Which figures a pull asks for.
    DataStatusFilter {
        /// Approved and provisional figures.
        All = "all" / "Tất cả",
        /// Approved (and imported) figures only.
        Approved = "approved" / "Đã duyệt",
        /// Submitted figures not yet approved only.
        Provisional = "provisional" / "Chưa duyệt",
    }
}

named_enum! {
    /// The answer's format.
    DataFormat {
        /// A JSON page: `{ items, next_cursor }`.
        Json = "json" / "JSON",
        /// UTF-8 CSV with a byte order mark.
        Csv = "csv" / "CSV",
        /// An Excel workbook.
        Xlsx = "xlsx" / "Excel",
    }
}

named_enum! {
    /// How a CSV file writes decimals.
    DecimalMark {
        /// `1234.5`, fields separated by `,`: for scripts and BI tools.
        Dot = "dot" / "Dấu chấm",
        /// `1234,5`, fields separated by `;`: for Excel set to Vietnamese.
        Comma = "comma" / "Dấu phẩy",
    }
}

/// One figure: a unit's value of an indicator for a reporting month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "unit_id": 4, "unit_code": "XP-BANGOC", "unit_name": "Thôn Ba Ngọc",
    "indicator_id": 7, "indicator_code": "CATTLE", "indicator_name": "Tổng đàn trâu, bò", "unit_of_measure": "con",
    "period": "2026-06", "value": 1936.5, "status": "approved", "changed_at": "2026-06-16T02:14:07.123456Z"
})))]
pub struct DataValue {
    /// Unit id.
    pub unit_id: i64,
    /// Unit code.
    pub unit_code: String,
    /// Unit name.
    pub unit_name: String,
    /// Indicator id.
    pub indicator_id: i64,
    /// Indicator code.
    pub indicator_code: String,
    /// Indicator name.
    pub indicator_name: String,
    /// Unit of measure (ĐVT).
    pub unit_of_measure: String,
    /// Reporting month, `YYYY-MM`.
    pub period: String,
    /// The figure, exact to four decimals.
    pub value: Amount,
    /// Approved (or imported), or submitted and not yet approved.
    pub status: DataStatus,
    /// Last change of the figure or of its submission's review status; for
    /// an imported figure, when it was imported.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date_time"))]
    pub changed_at: DateTime<Utc>,
}

/// A page of figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DataPage {
    /// The figures, ordered by unit id, indicator id and month.
    pub items: Vec<DataValue>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A report period of a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodInfo {
    /// Code, as `period` elsewhere: `2026-06`, `2026-Q2`, `2026-H1`, `2026-H2`, `2026-9M`, `2026`.
    pub code: String,
    /// Kind.
    pub kind: PeriodKind,
    /// Vietnamese label: `Tháng 6/2026`, `Quý II/2026`, `6 tháng đầu năm 2026`.
    pub label: String,
    /// First reporting month, `YYYY-MM`.
    pub first_month: String,
    /// Last reporting month, `YYYY-MM`.
    pub last_month: String,
}

/// The report periods of a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodList {
    /// The year.
    pub year: i32,
    /// Months, then quarters, halves, nine months and the year.
    pub periods: Vec<PeriodInfo>,
}
