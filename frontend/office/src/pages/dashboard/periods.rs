//! The period the dashboard opens with (chosen with
//! [`crate::components::period_select::PeriodSelect`]).

use chrono::NaiveDate;
use tonghop_shared::{PeriodKind, ReportPeriod};

/// This year so far.
pub fn default_period(today: NaiveDate) -> ReportPeriod {
    ReportPeriod::around(PeriodKind::Year, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dashboard_opens_on_this_year() {
        assert_eq!(default_period(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).to_string(), "2026");
    }
}
