//! What a page shows while its data is on the way, or when it could not come.

use yew::prelude::*;

/// "Đang tải…".
#[component]
pub fn Loading() -> Html {
    html! { <p class="loading" aria-busy="true">{ "Đang tải…" }</p> }
}

/// Props of [`LoadError`].
#[derive(Properties, PartialEq)]
pub struct LoadErrorProps {
    /// Why, in Vietnamese.
    pub message: AttrValue,
    /// Tries again.
    pub on_retry: Callback<()>,
}

/// A failed load with a button to try again: on a weak connection the
/// second try often works.
#[component]
pub fn LoadError(props: &LoadErrorProps) -> Html {
    let onclick = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="load-error" data-testid="notice" role="alert">
            <p>{ props.message.clone() }</p>
            <button type="button" class="button" {onclick}>{ "Thử lại" }</button>
        </div>
    }
}
