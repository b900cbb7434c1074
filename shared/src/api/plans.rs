//! Annual plans (KH): the figure a unit aims for in a year, per indicator.

use serde::{Deserialize, Serialize};

use crate::Amount;

/// One indicator's plan for one unit and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    /// Plan id.
    pub id: i64,
    /// The unit (usually the commune; a village may have its own).
    pub unit_id: i64,
    /// The indicator.
    pub indicator_id: i64,
    /// The year.
    pub year: i32,
    /// The planned figure for the year: a total for a flow, the year-end level
    /// for a stock, rate or criteria count.
    pub value: Amount,
    /// One of the resolution's targets (chỉ tiêu Nghị quyết), counted in the
    /// target summary.
    pub resolution_target: bool,
    /// The figure exists only at year end (or is entered once), so the target
    /// cannot be judged before then.
    pub year_end_only: bool,
}

/// Body of `PUT /api/v1/plans`: creates or replaces the plan of a unit,
/// indicator and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanInput {
    /// The unit.
    pub unit_id: i64,
    /// The indicator.
    pub indicator_id: i64,
    /// The year (2000 to 2100).
    #[cfg_attr(feature = "openapi", schema(minimum = 2000, maximum = 2100))]
    pub year: i32,
    /// The planned figure, at most the indicator's precision.
    pub value: Amount,
    /// A resolution target (default false).
    #[serde(default)]
    pub resolution_target: bool,
    /// Judged only at year end (default false).
    #[serde(default)]
    pub year_end_only: bool,
}
