//! "Chỉ tiêu": the unit's figures for a period against the annual plan (KH)
//! and the same period last year (CK), with the count of resolution targets
//! on track. A card per indicator opens its trend and its breakdown.

mod breakdown;
mod chart;
mod detail;
mod figures;
mod periods;
mod row;
mod summary;

pub use detail::IndicatorPage;

use chrono::Datelike;
use tonghop_shared::ReportPeriod;
use tonghop_ui::hooks::use_load;
use tonghop_ui::router::*;
use tonghop_ui::storage;
use yew::prelude::*;

use crate::api;
use crate::app::Route;
use crate::components::period_select::{PeriodChoices, PeriodSelect};
use crate::format;
use crate::session::use_session;
use row::TotalCard;
use summary::SummaryCard;

/// Where the "include unapproved figures" choice is remembered.
const PROVISIONAL_KEY: &str = "tonghop.dashboard.provisional";

/// Whether figures submitted but not yet approved are counted; remembered
/// across pages and visits.
#[hook]
pub fn use_provisional() -> UseStateHandle<bool> {
    use_state(|| storage::get::<bool>(PROVISIONAL_KEY).unwrap_or(false))
}

/// Props of [`DashboardPage`].
#[derive(Properties, PartialEq)]
pub struct DashboardPageProps {
    /// The period; `None`: this year so far.
    #[prop_or_default]
    pub period: Option<ReportPeriod>,
}

/// Period, the "include unapproved" switch, the summary, a card per indicator.
#[component]
pub fn DashboardPage(props: &DashboardPageProps) -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let provisional = use_provisional();
    let today = format::today();
    let period = props.period.unwrap_or_else(|| periods::default_period(today));
    let unit_id = session.user.as_ref().map_or(0, |u| u.unit.id);
    let data = use_load((unit_id, period, *provisional), |(unit_id, period, with)| api::totals(unit_id, period, with));

    let on_period = Callback::from(move |p: ReportPeriod| {
        if let Some(navigator) = &navigator {
            navigator.replace(&Route::DashboardPeriod { period: p.to_string() });
        }
    });
    let on_toggle = {
        let provisional = provisional.clone();
        Callback::from(move |_: Event| {
            storage::set(PROVISIONAL_KEY, &!*provisional);
            provisional.set(!*provisional);
        })
    };
    let body = data.view(&data.reload_callback(), |table| {
        let cards = table.rows.iter().map(|r| {
            let link = Route::DashboardIndicator { period: period.to_string(), indicator_id: r.indicator.id };
            html! { <TotalCard key={r.indicator.id} row={r.clone()} {link} /> }
        });
        html! {
            <>
                <p class="muted" data-testid="totals-period">
                    { format!("{} · {} · {}", table.unit.name, table.period_label, format::date_range(table.date_from, table.date_to)) }
                </p>
                <SummaryCard summary={table.summary.clone()} />
                if table.rows.iter().any(|r| r.provisional) {
                    <p class="provisional-note">{ "«Tạm tính»: có số liệu đã gửi nhưng xã chưa duyệt." }</p>
                }
                if table.rows.is_empty() {
                    <p class="empty">{ "Chưa có số liệu hay kế hoạch nào cho kỳ này." }</p>
                } else {
                    <ul class="cards cards-grid total-rows">{ for cards }</ul>
                }
            </>
        }
    });
    html! {
        <section class="dashboard">
            <h1>{ "Thực hiện chỉ tiêu" }</h1>
            <div class="controls">
                <PeriodSelect {period} max_year={today.year()} choices={PeriodChoices::Every} testid="period-select" on_change={on_period} />
                <label class="check toggle">
                    <input type="checkbox" data-testid="include-provisional" checked={*provisional} onchange={on_toggle} />
                    { "Tính cả số liệu chưa duyệt" }
                </label>
            </div>
            { body }
        </section>
    }
}
