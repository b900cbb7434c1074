//! The commune's view: every unit's status and figures for a form and month.

mod table;
mod totals;

use tonghop_shared::MonthPeriod;
use tonghop_ui::hooks::use_load_when;
use tonghop_ui::storage;
use yew::prelude::*;

use crate::api;
use crate::components::notices::Notices;
use crate::components::period_picker::PeriodPicker;
use crate::components::unit_card::UnitCard;
use crate::format;
use crate::hooks::use_form_picker;
use table::OverviewTable;
use totals::TotalsCard;

/// Where the choice of cards or table is remembered.
const TABLE_KEY: &str = "tonghop.overview.table";

/// Form and month pickers, a card per unit, and the totals.
#[component]
pub fn OverviewPage() -> Html {
    // `None`: the current period, as the server counts it.
    let period = use_state(|| None::<MonthPeriod>);
    let picker = use_form_picker();
    // Cards suit a phone; on a wide screen a table compares units at a glance.
    let as_table = use_state(|| storage::get::<bool>(TABLE_KEY).unwrap_or(false));
    let submissions =
        use_load_when(picker.form_id().map(|form_id| (form_id, *period)), |(form_id, period)| api::submissions(form_id, period));

    let on_retry = {
        let (forms, submissions) = (picker.forms.clone(), submissions.clone());
        Callback::from(move |()| {
            forms.reload();
            submissions.reload();
        })
    };
    let form = match picker.picked(on_retry.clone()) {
        Ok(form) => form,
        Err(instead) => return instead,
    };
    let shown_period =
        period.or_else(|| submissions.loaded().and_then(|s| s.first()).map(|s| s.period)).unwrap_or_else(format::current_month);
    let on_period = {
        let period = period.clone();
        Callback::from(move |p| period.set(Some(p)))
    };

    let toggle_view = {
        let as_table = as_table.clone();
        Callback::from(move |_: MouseEvent| {
            storage::set(TABLE_KEY, &!*as_table);
            as_table.set(!*as_table);
        })
    };
    let body = submissions.view(&on_retry, |subs| {
        if subs.is_empty() {
            return html! { <p class="empty">{ "Không có đơn vị nào báo cáo biểu mẫu này." }</p> };
        }
        let sent = subs.iter().filter(|s| s.status.received()).count();
        html! {
            <>
                <p class="summary" data-testid="summary">{ format!("Đã gửi {sent}/{} đơn vị", subs.len()) }</p>
                if *as_table {
                    <OverviewTable indicators={form.indicators.clone()} submissions={subs.clone()} />
                } else {
                    <ul class="cards cards-grid">
                        { for subs.iter().map(|s| html! { <UnitCard key={s.unit.id} indicators={form.indicators.clone()} submission={s.clone()} /> }) }
                    </ul>
                    <TotalsCard indicators={form.indicators.clone()} submissions={subs.clone()} />
                }
            </>
        }
    });
    html! {
        <section class="overview">
            <h1>{ "Tổng hợp các đơn vị" }</h1>
            <Notices />
            <div class="controls">
                { picker.select(&form) }
                <PeriodPicker period={shown_period} on_change={on_period} />
                <button type="button" class="button view-toggle" data-testid="view-toggle" onclick={toggle_view}>
                    { if *as_table { "Xem dạng thẻ" } else { "Xem dạng bảng" } }
                </button>
            </div>
            { body }
        </section>
    }
}
