//! Live totals: every figure of a unit and period against the annual plan (KH)
//! and the same period last year (CK), the target summary, trends and
//! breakdowns.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Aggregation, UnitSummary, named_enum};
use crate::Amount;
use crate::periods::ReportPeriod;

named_enum! {
    /// Why a comparison has no percentage.
    MissingReason {
        /// No figure for the period itself.
        NoActual = "no_actual" / "Chưa có số liệu",
        /// No plan, or no figure for the same period last year.
        NoBase = "no_base" / "Chưa có số so sánh",
        /// The plan or last year's figure is zero: no percentage of zero.
        ZeroBase = "zero_base" / "Số so sánh bằng 0",
    }
}

named_enum! {
    /// Where a figure stands against its plan.
    TargetStatus {
        /// At or beyond the share of the plan expected by now.
        Reached = "reached" / "Đạt tiến độ",
        /// Behind it.
        Behind = "behind" / "Chưa đạt tiến độ",
        /// Cannot be judged yet: no figure, or one that exists only at year end.
        NotEvaluable = "not_evaluable" / "Chưa đánh giá được",
        /// No plan for the year.
        NoPlan = "no_plan" / "Chưa có kế hoạch",
    }
}

/// A figure against a base (the plan, or last year's figure).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    /// The base: the annual plan, or the same period last year.
    pub base: Option<Amount>,
    /// Actual in percent of the base, rounded to the indicator's precision.
    pub percent: Option<Amount>,
    /// Actual minus base.
    pub change: Option<Amount>,
    /// Why there is no percentage, when there is none.
    pub missing: Option<MissingReason>,
}

/// The indicator of a row, as much as a table needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorSummary {
    /// Indicator id.
    pub id: i64,
    /// Stable code.
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// Unit of measure.
    pub unit_of_measure: String,
    /// How values combine.
    pub aggregation: Aggregation,
    /// Decimal places a report shows: percentages and computed figures.
    pub precision: u32,
    /// Decimal places a figure may carry; an entered figure is written with
    /// the decimals it has, up to the larger of the two.
    #[serde(default)]
    pub input_precision: u32,
    /// False where less is better.
    pub higher_is_better: bool,
}

impl IndicatorSummary {
    /// At most how many decimals a figure (not a percentage) is written with.
    pub fn figure_places(&self) -> u32 {
        self.precision.max(self.input_precision)
    }
}

/// One indicator of one unit for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotalRow {
    /// The indicator.
    pub indicator: IndicatorSummary,
    /// The figure for the period, combined by the indicator's aggregation.
    pub actual: Option<Amount>,
    /// Against the annual plan (KH).
    pub plan: Comparison,
    /// Against the same period last year (CK).
    pub last_year: Comparison,
    /// One of the resolution's targets (chỉ tiêu Nghị quyết).
    pub resolution_target: bool,
    /// The figure exists only at year end, so it is judged then.
    pub year_end_only: bool,
    /// Where it stands against the plan.
    pub status: TargetStatus,
    /// Counts figures that are submitted but not yet approved.
    pub provisional: bool,
}

/// The count of targets on track, and the sentence a report uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TargetSummary {
    /// The share of the plan expected by now, in percent.
    pub threshold_percent: Amount,
    /// Resolution targets.
    pub total: u32,
    /// Codes of the targets at or above the threshold.
    pub reached: Vec<String>,
    /// Codes of the targets below it.
    pub behind: Vec<String>,
    /// Codes of the targets that cannot be judged yet.
    pub not_evaluable: Vec<String>,
    /// E.g. `Trong 27 chỉ tiêu chủ yếu, có 15 chỉ tiêu đạt từ 50% kế hoạch trở lên, ...`.
    pub sentence: String,
}

/// Answer of `GET /api/v1/totals`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotalsTable {
    /// The unit: its figures include everything below it.
    pub unit: UnitSummary,
    /// The period.
    pub period: ReportPeriod,
    /// E.g. `6 tháng đầu năm 2026`.
    pub period_label: String,
    /// First day of the data, under the unit's calendar.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date"))]
    pub date_from: NaiveDate,
    /// Last day of the data.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date"))]
    pub date_to: NaiveDate,
    /// Whether submitted figures not yet approved are counted.
    pub include_provisional: bool,
    /// One row per indicator with data or a plan, in indicator order.
    pub rows: Vec<TotalRow>,
    /// The resolution targets on track.
    pub summary: TargetSummary,
}

/// One unit's figure for one indicator in a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BreakdownRow {
    /// The unit (a child of the asked unit).
    pub unit: UnitSummary,
    /// Its figures, one per indicator asked for.
    pub rows: Vec<TotalRow>,
}

/// Answer of `GET /api/v1/totals/breakdown`: the units directly below one
/// unit, each with its totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Breakdown {
    /// The unit whose children these are.
    pub unit: UnitSummary,
    /// The period.
    pub period: ReportPeriod,
    /// Whether submitted figures not yet approved are counted.
    pub include_provisional: bool,
    /// One entry per child unit, by code.
    pub children: Vec<BreakdownRow>,
}

/// One month of a trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrendPoint {
    /// The month, 1 to 12.
    pub month: u32,
    /// This year's figure for the month.
    pub actual: Option<Amount>,
    /// The same month last year.
    pub last_year: Option<Amount>,
}

/// Answer of `GET /api/v1/totals/trend`: one indicator month by month, this
/// year against last year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Trend {
    /// The unit.
    pub unit: UnitSummary,
    /// The indicator.
    pub indicator: IndicatorSummary,
    /// The year.
    pub year: i32,
    /// Twelve months.
    pub points: Vec<TrendPoint>,
}
