//! A confirmation before something that cannot be undone.

use yew::prelude::*;

/// Props of [`ConfirmDialog`].
#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    /// The question.
    pub message: AttrValue,
    /// Label of the confirming button.
    pub confirm_label: AttrValue,
    /// `data-testid` of the confirming button.
    #[prop_or(AttrValue::Static("confirm-submit"))]
    pub confirm_testid: AttrValue,
    /// The user confirmed.
    pub on_confirm: Callback<()>,
    /// The user changed their mind.
    pub on_cancel: Callback<()>,
    /// Something the answer waits for is under way (a save): the confirming
    /// button says so and waits; the question stays open.
    #[prop_or_default]
    pub waiting: Option<AttrValue>,
}

/// A modal question with "confirm" and "Quay lại". Drawn by the page rather
/// than `window.confirm`, which some Android browsers show badly or block.
#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let confirm = props.on_confirm.reform(|_: MouseEvent| ());
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-message">
                <p id="dialog-message">{ props.message.clone() }</p>
                <div class="actions">
                    <button type="button" class="button" onclick={cancel}>{ "Quay lại" }</button>
                    <button type="button" class="button button-primary" data-testid={props.confirm_testid.clone()} onclick={confirm}
                        disabled={props.waiting.is_some()} aria-busy={props.waiting.is_some().then_some("true")}>
                        { props.waiting.clone().unwrap_or_else(|| props.confirm_label.clone()) }
                    </button>
                </div>
            </div>
        </div>
    }
}
