//! Choosing the report period: a year, then the whole year, nine months, a
//! half, a quarter or a month of it.

use chrono::{Datelike, NaiveDate};
use tonghop_shared::{MonthPeriod, PeriodKind, ReportPeriod};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::year_picker::YearPicker;

/// The period the dashboard opens with: this year so far.
pub fn default_period(today: NaiveDate) -> ReportPeriod {
    ReportPeriod::of_year(PeriodKind::Year, today.year()).unwrap_or_else(|| "2026".parse().expect("a valid year"))
}

/// Every period of a year, longest first: the year, nine months, the halves,
/// the quarters, the months.
pub fn options(year: i32) -> Vec<ReportPeriod> {
    let kinds = [PeriodKind::Year, PeriodKind::NineMonths, PeriodKind::FirstHalf, PeriodKind::SecondHalf];
    let mut out: Vec<ReportPeriod> = kinds.iter().filter_map(|k| ReportPeriod::of_year(*k, year)).collect();
    out.extend((1..=4).filter_map(|q| ReportPeriod::quarter(year, q)));
    out.extend((1..=12).filter_map(|m| MonthPeriod::new(year, m)).map(ReportPeriod::month));
    out
}

/// The label of a period within its year: `Cả năm`, `9 tháng`, `Quý II`, `Tháng 6`.
pub fn short_label(period: ReportPeriod) -> String {
    match period.kind() {
        PeriodKind::Year => "Cả năm".to_owned(),
        PeriodKind::NineMonths => "9 tháng".to_owned(),
        PeriodKind::FirstHalf => "6 tháng đầu năm".to_owned(),
        PeriodKind::SecondHalf => "6 tháng cuối năm".to_owned(),
        PeriodKind::Month | PeriodKind::Quarter => period.label_vi().split('/').next().unwrap_or_default().to_owned(),
    }
}

/// The same kind of period in another year: `2026-Q2` becomes `2025-Q2`.
pub fn with_year(period: ReportPeriod, year: i32) -> Option<ReportPeriod> {
    let index = options(period.year()).iter().position(|p| *p == period)?;
    options(year).get(index).copied()
}

/// Props of [`PeriodSelect`].
#[derive(Properties, PartialEq)]
pub struct PeriodSelectProps {
    /// The period shown.
    pub period: ReportPeriod,
    /// The latest year offered.
    pub max_year: i32,
    /// Another period was chosen.
    pub on_change: Callback<ReportPeriod>,
}

/// `‹ 2026 ›` and a drop-down of the periods of that year.
#[component]
pub fn PeriodSelect(props: &PeriodSelectProps) -> Html {
    let period = props.period;
    let on_year = props.on_change.reform(move |year| with_year(period, year).unwrap_or(period));
    let on_select = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            if let Ok(p) = e.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                on_change.emit(p);
            }
        })
    };
    let items = options(period.year()).into_iter().map(|p| {
        html! { <option value={p.to_string()} selected={p == period}>{ short_label(p) }</option> }
    });
    html! {
        <div class="period-select">
            <YearPicker year={period.year()} max={props.max_year} on_change={on_year} />
            <select class="select" data-testid="period-select" aria-label="Kỳ báo cáo" onchange={on_select}>{ for items }</select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_offers_every_kind_of_period() {
        let codes: Vec<String> = options(2026).iter().map(ToString::to_string).collect();
        assert_eq!(codes.len(), 20);
        assert_eq!(&codes[..8], ["2026", "2026-9M", "2026-H1", "2026-H2", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
        assert_eq!(codes[8], "2026-01");
        assert_eq!(codes[19], "2026-12");
    }

    #[test]
    fn labels_leave_out_the_year_shown_beside_them() {
        let p = |c: &str| c.parse::<ReportPeriod>().unwrap();
        assert_eq!(short_label(p("2026")), "Cả năm");
        assert_eq!(short_label(p("2026-9M")), "9 tháng");
        assert_eq!(short_label(p("2026-H1")), "6 tháng đầu năm");
        assert_eq!(short_label(p("2026-Q2")), "Quý II");
        assert_eq!(short_label(p("2026-06")), "Tháng 6");
    }

    #[test]
    fn another_year_keeps_the_kind_of_period() {
        let p = |c: &str| c.parse::<ReportPeriod>().unwrap();
        assert_eq!(with_year(p("2026-Q2"), 2025), Some(p("2025-Q2")));
        assert_eq!(with_year(p("2026-06"), 2027), Some(p("2027-06")));
        assert_eq!(default_period(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()), p("2026"));
    }
}
