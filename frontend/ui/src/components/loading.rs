//! What a page shows while its data is on the way, or when it could not come.

use yew::prelude::*;

// Plain functions, not components: they keep no state, and each yew
// component costs the phone's download its own copy of yew's lifecycle code.

/// «Đang tải…» while a page's data is on its way.
pub fn loading() -> Html {
    html! { <p class="loading" aria-busy="true">{ "Đang tải…" }</p> }
}

/// Why a page could not load, and «Thử lại».
pub fn load_error(message: impl Into<AttrValue>, on_retry: Callback<()>) -> Html {
    let onclick = on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="load-error" data-testid="notice" role="alert">
            <p>{ message.into() }</p>
            <button type="button" class="button" {onclick}>{ "Thử lại" }</button>
        </div>
    }
}
