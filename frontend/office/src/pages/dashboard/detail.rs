//! One indicator: its totals card, its trend by month against last year,
//! and its figure in each village or organisation.

use tonghop_shared::ReportPeriod;
use tonghop_shared::api::{Breakdown, TotalsTable, Trend};
use tonghop_ui::router::*;
use yew::prelude::*;

use super::breakdown::BreakdownList;
use super::chart::TrendChart;
use super::row::TotalCard;
use super::use_provisional;
use crate::api::{self, ApiError};
use crate::app::Route;
use crate::components::loading::{load_error, loading};
use crate::session::{self, use_session};

/// What the page waits for: nothing yet, an error, or the answer.
type Slot<T> = UseStateHandle<Option<Result<T, ApiError>>>;

/// Loads one answer into `slot` and reports a lost session.
fn load<T: 'static, F>(slot: &Slot<T>, session: &session::SessionContext, call: F)
where
    F: std::future::Future<Output = Result<T, ApiError>> + 'static,
{
    let (slot, session) = (slot.clone(), session.clone());
    slot.set(None);
    wasm_bindgen_futures::spawn_local(async move {
        let result = call.await;
        if let Err(e) = &result {
            session::handle_error(&session, e);
        }
        slot.set(Some(result));
    });
}

/// Shows a loaded answer with `view`, or loading, or the error.
fn show<T>(slot: &Slot<T>, on_retry: &Callback<()>, view: impl FnOnce(&T) -> Html) -> Html {
    match &**slot {
        None => loading(),
        Some(Err(e)) => load_error(e.message(), on_retry.clone()),
        Some(Ok(value)) => view(value),
    }
}

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
    let table: Slot<TotalsTable> = use_state(|| None);
    let trend: Slot<Trend> = use_state(|| None);
    let breakdown: Slot<Breakdown> = use_state(|| None);
    let reload = use_state(|| 0_u32);
    let unit_id = session.user.as_ref().map_or(0, |u| u.unit.id);
    let (period, indicator_id, with) = (props.period, props.indicator_id, *provisional);

    use_effect_with((unit_id, period, indicator_id, with, *reload), {
        let (table, trend, breakdown, session) = (table.clone(), trend.clone(), breakdown.clone(), session.clone());
        move |_| {
            load(&table, &session, api::totals(unit_id, period, with));
            load(&trend, &session, api::trend(unit_id, indicator_id, period.year(), with));
            load(&breakdown, &session, api::breakdown(unit_id, period, indicator_id, with));
        }
    });
    let on_retry = {
        let reload = reload.clone();
        Callback::from(move |()| reload.set(*reload + 1))
    };

    let row = table.as_ref().and_then(|r| r.as_ref().ok()).and_then(|t| t.rows.iter().find(|r| r.indicator.id == indicator_id).cloned());
    let title = row
        .as_ref()
        .map(|r| r.indicator.name.clone())
        .or_else(|| trend.as_ref().and_then(|r| r.as_ref().ok()).map(|t| t.indicator.name.clone()));
    let card = show(&table, &on_retry, |_| match &row {
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
            { show(&trend, &on_retry, |t| html! { <TrendChart trend={t.clone()} /> }) }
            <h2 class="section-title">{ "Theo thôn, đơn vị" }</h2>
            { show(&breakdown, &on_retry, |b| html! { <BreakdownList breakdown={b.clone()} {indicator_id} /> }) }
        </section>
    }
}
