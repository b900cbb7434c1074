//! The report periods of a year, as `/api/v1/data/periods` lists them.

use tonghop_shared::api::{PeriodInfo, PeriodList};
use tonghop_shared::{MonthPeriod, PeriodKind, ReportPeriod};

/// Months, quarters, halves, nine months and the year; `None` outside the
/// years the product handles.
pub fn of_year(year: i32) -> Option<PeriodList> {
    MonthPeriod::new(year, 1)?;
    let months = (1..=12).filter_map(|m| MonthPeriod::new(year, m)).map(ReportPeriod::month);
    let quarters = (1..=4).filter_map(|q| ReportPeriod::quarter(year, q));
    let longer = [PeriodKind::FirstHalf, PeriodKind::SecondHalf, PeriodKind::NineMonths, PeriodKind::Year]
        .into_iter()
        .filter_map(|kind| ReportPeriod::of_year(kind, year));
    let periods = months
        .chain(quarters)
        .chain(longer)
        .map(|p| {
            let (first, last) = p.months();
            PeriodInfo {
                code: p.to_string(),
                kind: p.kind(),
                label: p.label_vi(),
                first_month: first.to_string(),
                last_month: last.to_string(),
            }
        })
        .collect();
    Some(PeriodList { year, periods })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_year_has_twenty_periods_with_vietnamese_labels() {
        let list = super::of_year(2026).unwrap();
        assert_eq!(list.periods.len(), 20);
        assert_eq!(list.periods[5].code, "2026-06");
        assert_eq!(list.periods[13].label, "Quý II/2026");
        assert_eq!(list.periods[16].first_month, "2026-01");
        assert!(super::of_year(1999).is_none());
    }
}
