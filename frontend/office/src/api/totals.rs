//! Totals against plan and last year: a unit's table, one indicator's
//! breakdown by the units below, and its trend by month.

use tonghop_shared::ReportPeriod;
use tonghop_shared::api::{Breakdown, TotalsTable, Trend};

use super::{ApiError, get};

/// Every indicator of a unit for a period, with the target summary.
pub async fn totals(unit_id: i64, period: ReportPeriod, include_provisional: bool) -> Result<TotalsTable, ApiError> {
    get(&format!("/totals?unit_id={unit_id}&period={period}&include_provisional={include_provisional}")).await
}

/// One indicator for each unit directly below `unit_id`.
pub async fn breakdown(unit_id: i64, period: ReportPeriod, indicator_id: i64, include_provisional: bool) -> Result<Breakdown, ApiError> {
    get(&format!(
        "/totals/breakdown?unit_id={unit_id}&period={period}&indicator_id={indicator_id}&include_provisional={include_provisional}"
    ))
    .await
}

/// One indicator month by month in `year`, beside the year before.
pub async fn trend(unit_id: i64, indicator_id: i64, year: i32, include_provisional: bool) -> Result<Trend, ApiError> {
    get(&format!("/totals/trend?unit_id={unit_id}&indicator_id={indicator_id}&year={year}&include_provisional={include_provisional}")).await
}
