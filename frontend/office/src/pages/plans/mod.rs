//! "Kế hoạch": the annual plan (KH) of the user's own unit, indicator by
//! indicator, and imports of plans and past figures from files.

mod import;
mod row;

use std::rc::Rc;

use chrono::Datelike;
use tonghop_shared::api::{ImportKind, Indicator, Plan};
use tonghop_ui::hooks::{Loadable, use_load};
use yew::prelude::*;

use crate::api;
use crate::components::loading::{load_error, loading};
use crate::components::year_picker::YearPicker;
use crate::format;
use crate::session::use_session;
use import::ImportSection;
use row::PlanRow;

/// Year picker, a row per active indicator, the import section.
#[component]
pub fn PlansPage() -> Html {
    let session = use_session();
    let this_year = format::today().year();
    let year = use_state(|| this_year);
    let unit = session.user.as_ref().map(|u| u.unit.clone());
    let unit_id = unit.as_ref().map_or(0, |u| u.id);
    let indicators = use_load((), |()| async {
        // In the order the dashboard shows them: the order they were defined.
        let mut active: Vec<Indicator> = api::indicators().await?.into_iter().filter(|i| i.active).collect();
        active.sort_by_key(|i| i.id);
        Ok(Rc::new(active))
    });
    let plans = use_load((unit_id, *year), |(unit_id, year)| async move { api::plans(unit_id, year).await.map(Rc::new) });

    let on_retry = {
        let (indicators, plans) = (indicators.clone(), plans.clone());
        Callback::from(move |()| {
            indicators.reload();
            plans.reload();
        })
    };
    let on_year = {
        let year = year.clone();
        Callback::from(move |y| year.set(y))
    };
    let on_imported = {
        let plans = plans.clone();
        Callback::from(move |kind: ImportKind| {
            if kind == ImportKind::Plans {
                plans.reload();
            }
        })
    };
    // A saved or removed plan changes the list in place: no reload, so the
    // row keeps its "Đã lưu" and the page its scroll position.
    let on_saved = {
        let plans = plans.clone();
        Callback::from(move |saved: Plan| {
            if let Some(list) = plans.loaded() {
                let mut list: Vec<Plan> = list.iter().filter(|p| p.indicator_id != saved.indicator_id).cloned().collect();
                list.push(saved);
                plans.set(Rc::new(list));
            }
        })
    };
    let on_deleted = {
        let plans = plans.clone();
        Callback::from(move |id: i64| {
            if let Some(list) = plans.loaded() {
                plans.set(Rc::new(list.iter().filter(|p| p.id != id).cloned().collect()));
            }
        })
    };
    let body = match (&*indicators, &*plans) {
        (Loadable::Failed(e), _) | (_, Loadable::Failed(e)) => load_error(e.message(), on_retry),
        (Loadable::Loaded(indicators), Loadable::Loaded(plans)) => {
            let rows = indicators.iter().map(|ind| {
                let plan = plans.iter().find(|p| p.indicator_id == ind.id).cloned();
                html! {
                    <PlanRow key={format!("{}-{}", *year, ind.id)} indicator={ind.clone()} {plan} {unit_id} year={*year}
                        on_saved={on_saved.clone()} on_deleted={on_deleted.clone()} />
                }
            });
            html! { <ul class="cards plan-rows" data-testid="plan-rows">{ for rows }</ul> }
        }
        _ => loading(),
    };
    html! {
        <section class="plans">
            <h1>{ "Kế hoạch năm" }</h1>
            <p class="muted">{ unit.map(|u| u.name).unwrap_or_default() }</p>
            <div class="controls">
                <YearPicker year={*year} max={this_year + 1} on_change={on_year} />
            </div>
            { body }
            <ImportSection {on_imported} />
        </section>
    }
}
