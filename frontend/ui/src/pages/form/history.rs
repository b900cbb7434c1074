//! "Lịch sử": every change of one figure, and every change of status with
//! its reason, opened under the figure.

use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{HistoryEntry, Indicator};
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::format;
use crate::review::history_line;
use crate::session::{self, use_session};

/// Props of [`History`].
#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    /// The reporting unit.
    pub unit_id: i64,
    /// The form.
    pub form_id: i64,
    /// The period.
    pub period: MonthPeriod,
    /// The figure.
    pub indicator: Indicator,
}

/// A small "Lịch sử" button; the list is fetched each time it opens, so it
/// is never stale.
#[component]
pub fn History(props: &HistoryProps) -> Html {
    let session = use_session();
    let open = use_state(|| false);
    let entries = use_state(|| None::<Result<Vec<HistoryEntry>, ApiError>>);
    let code = props.indicator.code.clone();
    let toggle = {
        let (open, entries, session, code) = (open.clone(), entries.clone(), session.clone(), code.clone());
        let (unit_id, form_id, period) = (props.unit_id, props.form_id, props.period);
        Callback::from(move |_: MouseEvent| {
            if *open {
                open.set(false);
                return;
            }
            open.set(true);
            entries.set(None);
            let (entries, session, code) = (entries.clone(), session.clone(), code.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::history(unit_id, form_id, period, &code).await;
                if let Err(e) = &result {
                    session::handle_error(&session, e);
                }
                entries.set(Some(result));
            });
        })
    };
    let list = match (&*entries, *open) {
        (_, false) => html! {},
        (None, true) => html! { <p class="muted history-empty">{ "Đang tải…" }</p> },
        (Some(Err(e)), true) => html! { <p class="field-error">{ e.message() }</p> },
        (Some(Ok(list)), true) => {
            let items: Vec<Html> = list
                .iter()
                .filter_map(|entry| {
                    let line = history_line(entry, &props.indicator)?;
                    let who = entry.by.as_deref().map(|by| format!(" · {by}")).unwrap_or_default();
                    Some(html! {
                        <li class={classes!("history-entry", line.status.then_some("history-status"))} data-testid="history-entry">
                            <span class="history-when">{ format!("{}{who}", format::date_time(entry.at)) }</span>
                            <span class="history-what">{ line.what }</span>
                            if let Some(note) = line.note {
                                <span class="history-note">{ note }</span>
                            }
                        </li>
                    })
                })
                .collect();
            if items.is_empty() {
                html! { <p class="muted history-empty">{ "Chưa có thay đổi nào." }</p> }
            } else {
                html! { <ol class="history">{ for items }</ol> }
            }
        }
    };
    html! {
        <div class="history-wrap">
            <button type="button" class="link-button" data-testid={format!("history-{code}")} aria-expanded={open.to_string()} onclick={toggle}>
                { if *open { "Ẩn lịch sử" } else { "Lịch sử" } }
            </button>
            { list }
        </div>
    }
}
