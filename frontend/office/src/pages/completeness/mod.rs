//! "Tình hình nộp": which unit has sent which month of a form, for the
//! commune office and upper levels.
//!
//! Six months at a time. On a phone: a summary per month, then a row of
//! small coloured cells per unit; on a wide screen: a table of units x
//! months with a totals row. Every cell opens that unit's form.

mod cells;
mod table;

use std::rc::Rc;

use tonghop_shared::MonthPeriod;
use tonghop_ui::hooks::use_load_when;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::api;
use crate::format;
use crate::hooks::use_form_picker;
use cells::{CellGrid, Legend, PeriodSummaries};
use table::CompletenessTable;

/// Months shown at a time.
const WINDOW: usize = 6;

/// From this width (CSS pixels) the table replaces the cells.
const WIDE: f64 = 720.0;

/// `WINDOW` months ending with `to`.
fn window_ending(to: MonthPeriod) -> (MonthPeriod, MonthPeriod) {
    ((1..WINDOW).fold(to, |p, _| p.previous()), to)
}

/// `Tháng 2 – 7/2026`, or `Tháng 11/2025 – 4/2026` across a new year.
fn window_label(from: MonthPeriod, to: MonthPeriod) -> String {
    if from.year() == to.year() {
        format!("Tháng {} – {}/{}", from.month(), to.month(), to.year())
    } else {
        format!("Tháng {}/{} – {}/{}", from.month(), from.year(), to.month(), to.year())
    }
}

fn is_wide() -> bool {
    web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64()).is_some_and(|w| w >= WIDE)
}

/// Whether the screen is wide, kept up to date when the window is resized
/// (or a phone turned).
#[hook]
fn use_wide() -> bool {
    let wide = use_state(is_wide);
    use_effect_with((), {
        let wide = wide.clone();
        move |()| {
            let listener = Closure::<dyn Fn()>::new(move || wide.set(is_wide()));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
                }
                drop(listener);
            }
        }
    });
    *wide
}

/// Form picker, six-month window, and who has sent what.
#[component]
pub fn CompletenessPage() -> Html {
    // `None`: the last six months, as the server counts them.
    let window = use_state(|| None::<(MonthPeriod, MonthPeriod)>);
    let picker = use_form_picker();
    let wide = use_wide();
    let data = use_load_when(picker.form_id().map(|form_id| (form_id, *window)), |(form_id, window)| async move {
        api::completeness(form_id, window).await.map(Rc::new)
    });

    let on_retry = {
        let (forms, data) = (picker.forms.clone(), data.clone());
        Callback::from(move |()| {
            forms.reload();
            data.reload();
        })
    };
    let form = match picker.picked(on_retry.clone()) {
        Ok(form) => form,
        Err(instead) => return instead,
    };

    let current = format::current_month();
    let loaded = data.loaded().cloned();
    let (from, to) = window
        .or_else(|| Some((*loaded.as_ref()?.periods.first()?, *loaded.as_ref()?.periods.last()?)))
        .unwrap_or_else(|| window_ending(current));
    let previous = {
        let window = window.clone();
        Callback::from(move |_: MouseEvent| window.set(Some(window_ending(from.previous()))))
    };
    let next = {
        let window = window.clone();
        Callback::from(move |_: MouseEvent| {
            let later = (0..WINDOW).fold(to, |p, _| p.next());
            window.set(Some(window_ending(later.min(current))))
        })
    };

    let body = data.view(&on_retry, |table| {
        if table.rows.is_empty() {
            html! { <p class="empty">{ "Không có đơn vị nào báo cáo biểu mẫu này." }</p> }
        } else if wide {
            html! {
                <>
                    <CompletenessTable form_id={form.id} table={table.clone()} />
                    <Legend />
                </>
            }
        } else {
            html! {
                <>
                    <PeriodSummaries table={table.clone()} />
                    <CellGrid form_id={form.id} table={table.clone()} />
                    <Legend />
                </>
            }
        }
    });
    html! {
        <section class="completeness">
            <h1>{ "Tình hình nộp báo cáo" }</h1>
            <div class="controls">
                { picker.select(&form) }
                <div class="period-picker">
                    <button type="button" class="button button-icon" aria-label="Sáu tháng trước" data-testid="window-prev" onclick={previous}>
                        { "‹" }
                    </button>
                    <span class="period-label" data-testid="window">{ window_label(from, to) }</span>
                    <button type="button" class="button button-icon" aria-label="Sáu tháng sau" data-testid="window-next"
                        disabled={to >= current} onclick={next}>
                        { "›" }
                    </button>
                </div>
            </div>
            { body }
        </section>
    }
}
