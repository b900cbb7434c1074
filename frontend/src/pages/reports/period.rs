//! The period a report covers: a year, then the whole year, nine months, a
//! half or a quarter of it (as on «Chỉ tiêu», without single months: the
//! office reports on longer spans).

use chrono::{Datelike, NaiveDate};
use tonghop_shared::{PeriodKind, ReportPeriod};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::year_picker::YearPicker;

/// The six months a report is usually started for: the current ones.
pub fn default_period(today: NaiveDate) -> ReportPeriod {
    let kind = if today.month() <= 6 { PeriodKind::FirstHalf } else { PeriodKind::SecondHalf };
    ReportPeriod::of_year(kind, today.year()).unwrap_or_else(|| "2026-H1".parse().expect("a valid period"))
}

/// The periods of a year a report may cover, the usual six months first.
pub fn options(year: i32) -> Vec<ReportPeriod> {
    let kinds = [PeriodKind::FirstHalf, PeriodKind::SecondHalf, PeriodKind::NineMonths, PeriodKind::Year];
    let mut out: Vec<ReportPeriod> = kinds.iter().filter_map(|k| ReportPeriod::of_year(*k, year)).collect();
    out.extend((1..=4).filter_map(|q| ReportPeriod::quarter(year, q)));
    out
}

/// The label of a period within its year: `6 tháng đầu năm`, `Cả năm`, `Quý II`.
pub fn short_label(period: ReportPeriod) -> String {
    match period.kind() {
        PeriodKind::Year => "Cả năm".to_owned(),
        PeriodKind::NineMonths => "9 tháng".to_owned(),
        PeriodKind::FirstHalf => "6 tháng đầu năm".to_owned(),
        PeriodKind::SecondHalf => "6 tháng cuối năm".to_owned(),
        PeriodKind::Month | PeriodKind::Quarter => period.label_vi().split('/').next().unwrap_or_default().to_owned(),
    }
}

/// Props of [`ReportPeriodSelect`].
#[derive(Properties, PartialEq)]
pub struct ReportPeriodSelectProps {
    /// The period chosen.
    pub period: ReportPeriod,
    /// The latest year offered.
    pub max_year: i32,
    /// Another period was chosen.
    pub on_change: Callback<ReportPeriod>,
}

/// `‹ Năm 2026 ›` and a drop-down of that year's periods.
#[component]
pub fn ReportPeriodSelect(props: &ReportPeriodSelectProps) -> Html {
    let period = props.period;
    let on_year = props.on_change.reform(move |year: i32| {
        let index = options(period.year()).iter().position(|p| *p == period).unwrap_or(0);
        options(year).get(index).copied().unwrap_or(period)
    });
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
        // One above the other: side by side, the year leaves the period's name no room at 360 px.
        <div class="controls rp-period">
            <YearPicker year={period.year()} max={props.max_year} on_change={on_year} />
            <select class="select" data-testid="report-period" aria-label="Kỳ báo cáo" onchange={on_select}>{ for items }</select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_offers_halves_first_then_longer_and_shorter_spans() {
        let codes: Vec<String> = options(2026).iter().map(ToString::to_string).collect();
        assert_eq!(codes, ["2026-H1", "2026-H2", "2026-9M", "2026", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    }

    #[test]
    fn the_default_is_the_current_six_months() {
        let day = |m| NaiveDate::from_ymd_opt(2026, m, 15).unwrap();
        assert_eq!(default_period(day(6)).to_string(), "2026-H1");
        assert_eq!(default_period(day(11)).to_string(), "2026-H2");
        assert_eq!(short_label("2026-Q2".parse().unwrap()), "Quý II");
    }
}
