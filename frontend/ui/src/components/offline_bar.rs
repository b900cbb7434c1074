//! A slim bar under the header while the phone has no connection: what the
//! screens show then is the copy kept on the phone, and what is saved waits
//! to be sent (the browser's `online` and `offline` events).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// Whether the browser believes it is online.
fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// «Đang mất mạng…» while offline; nothing otherwise.
#[component]
pub fn OfflineBar() -> Html {
    let offline = use_state(|| !online());
    use_effect_with((), {
        let offline = offline.clone();
        move |()| {
            let update = Closure::<dyn Fn()>::new(move || offline.set(!online()));
            let window = web_sys::window();
            if let Some(window) = &window {
                for event in ["online", "offline"] {
                    let _ = window.add_event_listener_with_callback(event, update.as_ref().unchecked_ref());
                }
            }
            move || {
                if let Some(window) = &window {
                    for event in ["online", "offline"] {
                        let _ = window.remove_event_listener_with_callback(event, update.as_ref().unchecked_ref());
                    }
                }
            }
        }
    });
    if !*offline {
        return html! {};
    }
    html! {
        <p class="offline-bar" data-testid="offline-bar" role="status">
            { "Đang mất mạng: số liệu là bản lưu trên máy; những gì bạn lưu sẽ tự gửi khi có mạng." }
        </p>
    }
}
