//! The period a report is started for (chosen with
//! [`crate::components::period_select::PeriodSelect`]).

use chrono::{Datelike, NaiveDate};
use tonghop_shared::{PeriodKind, ReportPeriod};

/// The six months a report is usually started for: the current ones.
pub fn default_period(today: NaiveDate) -> ReportPeriod {
    let kind = if today.month() <= 6 { PeriodKind::FirstHalf } else { PeriodKind::SecondHalf };
    ReportPeriod::around(kind, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_current_six_months() {
        let day = |m| NaiveDate::from_ymd_opt(2026, m, 15).unwrap();
        assert_eq!(default_period(day(6)).to_string(), "2026-H1");
        assert_eq!(default_period(day(11)).to_string(), "2026-H2");
    }
}
