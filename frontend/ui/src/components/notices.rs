//! "What to look at now": returned and overdue forms of the user's own unit
//! and, for the commune office, forms below waiting for review. Each notice
//! is a compact banner that opens the form.

use crate::router::*;
use tonghop_shared::api::{Notice, NoticeKind};
use yew::prelude::*;

use crate::api;
use crate::hooks::use_load;
use crate::route::Route;

/// Banners shown before "Xem thêm".
const SHOWN: usize = 3;

/// The notices, fetched once when the page opens. Nothing is shown while
/// they load, when there are none, or when they cannot be read: the page
/// around them says what matters about errors.
#[component]
pub fn Notices() -> Html {
    let notices = use_load((), |()| api::notices());
    let expanded = use_state(|| false);
    let Some(notices) = notices.loaded().filter(|list| !list.is_empty()) else { return html! {} };
    let shown = if *expanded { notices.len() } else { notices.len().min(SHOWN) };
    let more = notices.len() - shown;
    let expand = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(true))
    };
    html! {
        <section class="notices" aria-label="Thông báo">
            <ul class="notice-list">
                { for notices.iter().take(shown).map(banner) }
            </ul>
            if more > 0 {
                <button type="button" class="link-button" data-testid="notices-more" onclick={expand}>
                    { format!("Xem thêm {more} thông báo") }
                </button>
            }
        </section>
    }
}

fn banner(notice: &Notice) -> Html {
    let to = Route::Form { unit_id: notice.unit.id, form_id: notice.form_id, period: notice.period.to_string() };
    let icon = match notice.kind {
        NoticeKind::Returned => "↩",
        NoticeKind::Overdue => "!",
        NoticeKind::Submitted => "✉",
    };
    html! {
        <li key={format!("{}-{}-{}-{}", notice.kind.as_str(), notice.unit.id, notice.form_id, notice.period)}
            class={classes!("notice-item", format!("notice-item-{}", notice.kind.as_str()))}
            data-testid="notice-item" data-kind={notice.kind.as_str()}>
            <Link {to} classes="notice-link">
                <span class="notice-icon" aria-hidden="true">{ icon }</span>
                <span class="notice-text">
                    <span class="notice-kind">{ notice.kind.label_vi() }</span>
                    <span class="notice-message">{ &notice.message }</span>
                </span>
                <span class="notice-go" aria-hidden="true">{ "›" }</span>
            </Link>
        </li>
    }
}
