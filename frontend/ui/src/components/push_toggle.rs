//! The menu's «Bật thông báo» / «Tắt thông báo»: notifications on this
//! phone (returns with their reason, reminders before a deadline, and for
//! the commune office, what arrives). Shown only where the browser has Web
//! Push.

use yew::prelude::*;

use crate::push::{self, PushState};

/// What the toggle shows: the browser's state (once read), whether a
/// change is on its way, and what the last one answered.
#[derive(Clone, PartialEq, Default)]
struct Shown {
    state: Option<PushState>,
    busy: bool,
    said: Option<String>,
}

/// The toggle, in the header's menu.
#[component]
pub fn PushToggle() -> Html {
    let shown = use_state(Shown::default);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { shown.set(Shown { state: Some(push::state().await), ..Shown::default() }) });
        });
    }
    let on = shown.state == Some(PushState::On);
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |event: MouseEvent| {
            // The menu stays open: the answer is shown in it.
            event.stop_propagation();
            if shown.busy {
                return;
            }
            shown.set(Shown { busy: true, said: None, ..(*shown).clone() });
            let shown = shown.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let said = match push::set(!on).await {
                    Ok(()) if on => "Đã tắt thông báo trên máy này".to_owned(),
                    Ok(()) => "Đã bật: máy này sẽ nhận thông báo khi báo cáo bị trả lại, sắp đến hạn".to_owned(),
                    Err(message) => message,
                };
                shown.set(Shown { state: Some(push::state().await), busy: false, said: Some(said) });
            });
        })
    };
    let label = match (shown.state, shown.busy) {
        (None | Some(PushState::Unsupported), _) => return html! {},
        (Some(PushState::Denied), _) => None,
        (_, true) => Some(if on { "Đang tắt…" } else { "Đang bật…" }),
        (_, false) => Some(if on { "Tắt thông báo" } else { "Bật thông báo" }),
    };
    let note = match (label, &shown.said) {
        (_, Some(said)) => Some(said.as_str()),
        (None, None) => Some("Trình duyệt đang chặn thông báo của trang này"),
        (Some(_), None) => None,
    };
    html! {
        <>
            if let Some(label) = label {
                <button type="button" class="menu-item" data-testid="push-toggle" aria-pressed={on.to_string()}
                    disabled={shown.busy} onclick={toggle}>{ label }</button>
            }
            if let Some(note) = note {
                <p class="menu-note" role="status" data-testid="push-status">{ note }</p>
            }
        </>
    }
}
