//! One indicator: its totals card, its trend by month against last year,
//! and its figure in each village or organisation.

use tonghop_shared::ReportPeriod;
use tonghop_ui::hooks::use_load;
use tonghop_ui::router::*;
use yew::prelude::*;

use super::breakdown::BreakdownList;
use super::chart::TrendChart;
use super::row::TotalCard;
use super::use_provisional;
use crate::api;
use crate::app::Route;
use crate::session::use_session;

/// Props of [`IndicatorPage`].
#[derive(Properties, PartialEq)]
pub struct IndicatorPageProps {
    /// The period of the dashboard it was opened from.
    pub period: ReportPeriod,
    /// The indicator.
    pub indicator_id: i64,
}

/// Back link, the indicator's card, the chart, the breakdown.
#[component]
pub fn IndicatorPage(props: &IndicatorPageProps) -> Html {
    let session = use_session();
    let provisional = use_provisional();
    let unit_id = session.user.as_ref().map_or(0, |u| u.unit.id);
    let (period, indicator_id, with) = (props.period, props.indicator_id, *provisional);
    let table = use_load((unit_id, period, with), |(unit_id, period, with)| api::totals(unit_id, period, with));
    let trend = use_load((unit_id, indicator_id, period.year(), with), |(unit_id, indicator_id, year, with)| {
        api::trend(unit_id, indicator_id, year, with)
    });
    let breakdown = use_load((unit_id, period, indicator_id, with), |(unit_id, period, indicator_id, with)| {
        api::breakdown(unit_id, period, indicator_id, with)
    });
    let on_retry = {
        let (table, trend, breakdown) = (table.clone(), trend.clone(), breakdown.clone());
        Callback::from(move |()| {
            table.reload();
            trend.reload();
            breakdown.reload();
        })
    };

    let row = table.loaded().and_then(|t| t.rows.iter().find(|r| r.indicator.id == indicator_id).cloned());
    let title = row.as_ref().map(|r| r.indicator.name.clone()).or_else(|| trend.loaded().map(|t| t.indicator.name.clone()));
    let card = table.view(&on_retry, |_| match &row {
        Some(row) => html! { <ul class="cards"><TotalCard row={row.clone()} /></ul> },
        None => html! { <p class="empty">{ "Chưa có số liệu hay kế hoạch cho kỳ này." }</p> },
    });
    html! {
        <section class="indicator-detail">
            <Link to={Route::DashboardPeriod { period: period.to_string() }} classes="back">
                <span data-testid="back-to-dashboard">{ "‹ Tất cả chỉ tiêu" }</span>
            </Link>
            <h1 data-testid="indicator-title">{ title.unwrap_or_default() }</h1>
            <p class="muted">{ period.label_vi() }{ if with { " · tính cả số liệu chưa duyệt" } else { "" } }</p>
            { card }
            <h2 class="section-title">{ format!("Theo tháng năm {}", period.year()) }</h2>
            { trend.view(&on_retry, |t| html! { <TrendChart trend={t.clone()} /> }) }
            <h2 class="section-title">{ "Theo thôn, đơn vị" }</h2>
            { breakdown.view(&on_retry, |b| html! { <BreakdownList breakdown={b.clone()} {indicator_id} /> }) }
        </section>
    }
}
