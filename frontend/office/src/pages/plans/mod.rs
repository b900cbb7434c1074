//! "Kế hoạch": the annual plan (KH) of the user's own unit, indicator by
//! indicator, and imports of plans and past figures from files.

mod import;
mod row;

use std::rc::Rc;

use chrono::Datelike;
use tonghop_shared::api::{ImportKind, Indicator, Plan};
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::loading::{load_error, loading};
use crate::components::year_picker::YearPicker;
use crate::format;
use crate::session::{self, use_session};
use import::ImportSection;
use row::PlanRow;

/// Year picker, a row per active indicator, the import section.
#[component]
pub fn PlansPage() -> Html {
    let session = use_session();
    let this_year = format::today().year();
    let year = use_state(|| this_year);
    let indicators = use_state(|| None::<Result<Rc<Vec<Indicator>>, ApiError>>);
    let plans = use_state(|| None::<Result<Rc<Vec<Plan>>, ApiError>>);
    let reload = use_state(|| 0_u32);
    let unit = session.user.as_ref().map(|u| u.unit.clone());
    let unit_id = unit.as_ref().map_or(0, |u| u.id);

    use_effect_with(*reload, {
        let (indicators, session) = (indicators.clone(), session.clone());
        move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::indicators().await;
                if let Err(e) = &result {
                    session::handle_error(&session, e);
                }
                // In the order the dashboard shows them: the order they were defined.
                indicators.set(Some(result.map(|all| {
                    let mut active: Vec<Indicator> = all.into_iter().filter(|i| i.active).collect();
                    active.sort_by_key(|i| i.id);
                    Rc::new(active)
                })));
            });
        }
    });
    use_effect_with((unit_id, *year, *reload), {
        let (plans, session) = (plans.clone(), session.clone());
        move |&(unit_id, year, _)| {
            plans.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::plans(unit_id, year).await;
                if let Err(e) = &result {
                    session::handle_error(&session, e);
                }
                plans.set(Some(result.map(Rc::new)));
            });
        }
    });

    let on_retry = {
        let reload = reload.clone();
        Callback::from(move |()| reload.set(*reload + 1))
    };
    let on_year = {
        let year = year.clone();
        Callback::from(move |y| year.set(y))
    };
    let on_imported = {
        let reload = reload.clone();
        Callback::from(move |kind: ImportKind| {
            if kind == ImportKind::Plans {
                reload.set(*reload + 1);
            }
        })
    };
    // A saved or removed plan changes the list in place: no reload, so the
    // row keeps its "Đã lưu" and the page its scroll position.
    let on_saved = {
        let plans = plans.clone();
        Callback::from(move |saved: Plan| {
            if let Some(Ok(list)) = &*plans {
                let mut list: Vec<Plan> = list.iter().filter(|p| p.indicator_id != saved.indicator_id).cloned().collect();
                list.push(saved);
                plans.set(Some(Ok(Rc::new(list))));
            }
        })
    };
    let on_deleted = {
        let plans = plans.clone();
        Callback::from(move |id: i64| {
            if let Some(Ok(list)) = &*plans {
                plans.set(Some(Ok(Rc::new(list.iter().filter(|p| p.id != id).cloned().collect()))));
            }
        })
    };
    let body = match (&*indicators, &*plans) {
        (Some(Err(e)), _) | (_, Some(Err(e))) => load_error(e.message(), on_retry),
        (Some(Ok(indicators)), Some(Ok(plans))) => {
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
