//! One figure of a form: name, unit of measure, help, the input and its error.

use tonghop_shared::api::Indicator;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`IndicatorField`].
#[derive(Properties, PartialEq)]
pub struct IndicatorFieldProps {
    /// What is measured.
    pub indicator: Indicator,
    /// The text in the input.
    pub text: AttrValue,
    /// Why the text is refused (typed wrong, or refused by the server).
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Soft rules and outliers: the figure may be right, but check it.
    #[prop_or_default]
    pub warnings: Vec<AttrValue>,
    /// The server's figure, when it differs from the text (after a conflict).
    #[prop_or_default]
    pub server_value: Option<AttrValue>,
    /// Shown but not editable (submitted, or not the user's unit).
    #[prop_or_default]
    pub readonly: bool,
    /// Shown under the input: review comments, changes, history.
    #[prop_or_default]
    pub children: Html,
    /// The text changed.
    pub on_input: Callback<String>,
    /// The input lost focus: time to write the figure the Vietnamese way.
    pub on_blur: Callback<()>,
}

/// A text input with `inputmode="decimal"`: a numeric keypad that still has
/// `,` and `.`, which `type="number"` refuses in a Vietnamese `1.936,5`.
#[component]
pub fn IndicatorField(props: &IndicatorFieldProps) -> Html {
    let ind = &props.indicator;
    let id = format!("value-{}", ind.code);
    let error_id = format!("error-{}", ind.code);
    let help_id = format!("help-{}", ind.code);
    let warning_id = format!("warning-{}", ind.code);
    let oninput = props.on_input.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    // Autofill, and some keyboards, change the value without an input event.
    let onchange = props.on_input.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
    let onblur = props.on_blur.reform(|_: FocusEvent| ());
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("field", invalid.then_some("field-invalid"))}>
            <label for={id.clone()}>
                <span class="field-name">{ &ind.name }</span>
                <span class="field-unit">{ format!(" ({})", ind.unit_of_measure) }</span>
            </label>
            if !ind.help.is_empty() {
                <p class="field-help" id={help_id.clone()}>{ &ind.help }</p>
            }
            <input
                id={id.clone()}
                data-testid={id}
                type="text"
                inputmode="decimal"
                autocomplete="off"
                value={props.text.clone()}
                readonly={props.readonly}
                aria-invalid={invalid.to_string()}
                aria-describedby={format!("{help_id} {error_id} {warning_id}")}
                {oninput}
                {onchange}
                {onblur}
            />
            if let Some(server) = &props.server_value {
                <p class="field-server">{ format!("Bản mới nhất trên máy chủ: {server}") }</p>
            }
            if let Some(error) = &props.error {
                <p class="field-error" id={error_id.clone()} data-testid={error_id}>{ error.clone() }</p>
            }
            if !props.warnings.is_empty() {
                <div class="field-warning" id={warning_id.clone()} data-testid={warning_id} role="note">
                    { for props.warnings.iter().map(|w| html! { <p>{ w.clone() }</p> }) }
                </div>
            }
            { props.children.clone() }
        </div>
    }
}
