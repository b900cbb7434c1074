//! Six-month periods, the usual span of an activity section, and a picker
//! that steps through them: `‹ 6 tháng đầu năm 2026 ›`.

use chrono::{Datelike, NaiveDate};
use tonghop_shared::{PeriodKind, ReportPeriod};
use yew::prelude::*;

/// The six months `day` falls in: `2026-H1` for January to June, else `2026-H2`.
pub fn half_of(day: NaiveDate) -> ReportPeriod {
    let kind = if day.month() <= 6 { PeriodKind::FirstHalf } else { PeriodKind::SecondHalf };
    ReportPeriod::around(kind, day)
}

/// The six months before (`later == false`) or after a period.
pub fn step(period: ReportPeriod, later: bool) -> Option<ReportPeriod> {
    let (kind, year) = match (period.kind(), later) {
        (PeriodKind::FirstHalf, false) => (PeriodKind::SecondHalf, period.year() - 1),
        (PeriodKind::FirstHalf, true) => (PeriodKind::SecondHalf, period.year()),
        (PeriodKind::SecondHalf, false) => (PeriodKind::FirstHalf, period.year()),
        (PeriodKind::SecondHalf, true) => (PeriodKind::FirstHalf, period.year() + 1),
        // Other periods: the six months they end in.
        (_, false) => return Some(half_of(NaiveDate::from_ymd_opt(period.year(), period.months().1.month(), 1)?)),
        (_, true) => return None,
    };
    ReportPeriod::of_year(kind, year)
}

/// Props of [`HalfPicker`].
#[derive(Properties, PartialEq)]
pub struct HalfPickerProps {
    /// The period shown.
    pub period: ReportPeriod,
    /// The latest period offered (the current one: later ones cannot be written yet).
    pub latest: ReportPeriod,
    /// Another period was chosen.
    pub on_change: Callback<ReportPeriod>,
}

/// `‹ 6 tháng đầu năm 2026 ›`.
#[component]
pub fn HalfPicker(props: &HalfPickerProps) -> Html {
    let period = props.period;
    let earlier = step(period, false);
    let later = step(period, true).filter(|p| p.months().0 <= props.latest.months().0);
    let go = |to: Option<ReportPeriod>| {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(to) = to {
                on_change.emit(to);
            }
        })
    };
    html! {
        <div class="period-picker">
            <button type="button" class="button button-icon" aria-label="Kỳ trước" data-testid="period-prev"
                disabled={earlier.is_none()} onclick={go(earlier)}>{ "‹" }</button>
            <span class="period-label" data-testid="period">{ period.label_vi() }</span>
            <button type="button" class="button button-icon" aria-label="Kỳ sau" data-testid="period-next"
                disabled={later.is_none()} onclick={go(later)}>{ "›" }</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_current_half_follows_the_month() {
        assert_eq!(half_of(day(2026, 6, 30)).to_string(), "2026-H1");
        assert_eq!(half_of(day(2026, 7, 1)).to_string(), "2026-H2");
    }

    #[test]
    fn halves_step_across_years() {
        let h1: ReportPeriod = "2026-H1".parse().unwrap();
        assert_eq!(step(h1, false).unwrap().to_string(), "2025-H2");
        assert_eq!(step(h1, true).unwrap().to_string(), "2026-H2");
        assert_eq!(step(step(h1, true).unwrap(), true).unwrap().to_string(), "2027-H1");
        assert_eq!(step("2026-06".parse().unwrap(), false).unwrap().to_string(), "2026-H1");
    }
}
