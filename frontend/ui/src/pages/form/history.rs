//! "Lịch sử": every change of one figure, and every change of status with
//! its reason, opened under the figure.

use tonghop_shared::MonthPeriod;
use tonghop_shared::api::Indicator;
use yew::prelude::*;

use crate::api;
use crate::format;
use crate::hooks::{Loadable, use_load_when};
use crate::review::history_line;

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
    let open = use_state(|| false);
    let code = props.indicator.code.clone();
    // Asked while open: each opening is a new load.
    let asked = open.then(|| (props.unit_id, props.form_id, props.period, code.clone()));
    let entries =
        use_load_when(asked, |(unit_id, form_id, period, code)| async move { api::history(unit_id, form_id, period, &code).await });
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let list = match (&*entries, *open) {
        (_, false) => html! {},
        (Loadable::Loading, true) => html! { <p class="muted history-empty">{ "Đang tải…" }</p> },
        (Loadable::Failed(e), true) => html! { <p class="field-error">{ e.message() }</p> },
        (Loadable::Loaded(list), true) => {
            let items: Vec<Html> = list
                .iter()
                .filter_map(|entry| {
                    let line = history_line(entry, &props.indicator)?;
                    let who = entry.by.as_deref().map(|by| format!(" · {by}")).unwrap_or_default();
                    let on_behalf = entry.on_behalf.then(|| html! { <span class="history-behalf">{ "nhập thay đơn vị" }</span> });
                    Some(html! {
                        <li class={classes!("history-entry", line.status.then_some("history-status"))} data-testid="history-entry">
                            <span class="history-when">{ format!("{}{who}", format::date_time(entry.at)) }{ on_behalf }</span>
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
