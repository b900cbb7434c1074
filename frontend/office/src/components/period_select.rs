//! Choosing a report period: `‹ 2026 ›`, then a drop-down of that year's
//! periods (the whole year, nine months, a half, a quarter, a month).

use tonghop_shared::{MonthPeriod, PeriodKind, ReportPeriod};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::year_picker::YearPicker;

/// Which periods of a year are offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodChoices {
    /// Every period, longest first: the year, nine months, the halves, the
    /// quarters, the months (the dashboard).
    Every,
    /// What a report covers, the usual six months first: the halves, nine
    /// months, the year, the quarters (no single months).
    ForReports,
}

impl PeriodChoices {
    /// The periods of `year` offered, in order.
    pub fn options(self, year: i32) -> Vec<ReportPeriod> {
        let kinds: &[PeriodKind] = match self {
            PeriodChoices::Every => &[PeriodKind::Year, PeriodKind::NineMonths, PeriodKind::FirstHalf, PeriodKind::SecondHalf],
            PeriodChoices::ForReports => &[PeriodKind::FirstHalf, PeriodKind::SecondHalf, PeriodKind::NineMonths, PeriodKind::Year],
        };
        let mut out: Vec<ReportPeriod> = kinds.iter().filter_map(|k| ReportPeriod::of_year(*k, year)).collect();
        out.extend((1..=4).filter_map(|q| ReportPeriod::quarter(year, q)));
        if self == PeriodChoices::Every {
            out.extend((1..=12).filter_map(|m| MonthPeriod::new(year, m)).map(ReportPeriod::month));
        }
        out
    }

    /// The same kind of period in another year: `2026-Q2` becomes `2025-Q2`.
    pub fn with_year(self, period: ReportPeriod, year: i32) -> Option<ReportPeriod> {
        let index = self.options(period.year()).iter().position(|p| *p == period)?;
        self.options(year).get(index).copied()
    }
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

/// Props of [`PeriodSelect`].
#[derive(Properties, PartialEq)]
pub struct PeriodSelectProps {
    /// The period shown.
    pub period: ReportPeriod,
    /// The latest year offered.
    pub max_year: i32,
    /// Which periods are offered.
    pub choices: PeriodChoices,
    /// The year above the drop-down rather than beside it.
    #[prop_or_default]
    pub stacked: bool,
    /// The drop-down's `data-testid`.
    pub testid: AttrValue,
    /// Another period was chosen.
    pub on_change: Callback<ReportPeriod>,
}

/// `‹ 2026 ›` and a drop-down of the periods of that year.
#[component]
pub fn PeriodSelect(props: &PeriodSelectProps) -> Html {
    let (period, choices) = (props.period, props.choices);
    let on_year = props.on_change.reform(move |year| choices.with_year(period, year).unwrap_or(period));
    let on_select = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            if let Ok(p) = e.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                on_change.emit(p);
            }
        })
    };
    let items = choices.options(period.year()).into_iter().map(|p| {
        html! { <option value={p.to_string()} selected={p == period}>{ short_label(p) }</option> }
    });
    // Stacked where the period's name needs the whole width at 360 px.
    let class = if props.stacked { "controls rp-period" } else { "period-select" };
    html! {
        <div {class}>
            <YearPicker year={period.year()} max={props.max_year} on_change={on_year} />
            <select class="select" data-testid={props.testid.clone()} aria-label="Kỳ báo cáo" onchange={on_select}>{ for items }</select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(code: &str) -> ReportPeriod {
        code.parse().unwrap()
    }

    #[test]
    fn a_year_offers_every_kind_of_period() {
        let codes: Vec<String> = PeriodChoices::Every.options(2026).iter().map(ToString::to_string).collect();
        assert_eq!(codes.len(), 20);
        assert_eq!(&codes[..8], ["2026", "2026-9M", "2026-H1", "2026-H2", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
        assert_eq!(codes[8], "2026-01");
        assert_eq!(codes[19], "2026-12");
    }

    #[test]
    fn a_report_is_offered_halves_first_then_longer_and_shorter_spans() {
        let codes: Vec<String> = PeriodChoices::ForReports.options(2026).iter().map(ToString::to_string).collect();
        assert_eq!(codes, ["2026-H1", "2026-H2", "2026-9M", "2026", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    }

    #[test]
    fn labels_leave_out_the_year_shown_beside_them() {
        assert_eq!(short_label(p("2026")), "Cả năm");
        assert_eq!(short_label(p("2026-9M")), "9 tháng");
        assert_eq!(short_label(p("2026-H1")), "6 tháng đầu năm");
        assert_eq!(short_label(p("2026-Q2")), "Quý II");
        assert_eq!(short_label(p("2026-06")), "Tháng 6");
    }

    #[test]
    fn another_year_keeps_the_kind_of_period() {
        assert_eq!(PeriodChoices::Every.with_year(p("2026-Q2"), 2025), Some(p("2025-Q2")));
        assert_eq!(PeriodChoices::Every.with_year(p("2026-06"), 2027), Some(p("2027-06")));
        assert_eq!(PeriodChoices::ForReports.with_year(p("2026-H2"), 2025), Some(p("2025-H2")));
    }
}
