//! The unit's comment on one figure ("Ghi chú"): why a figure is unusual,
//! for the commune office to read.

use tonghop_shared::validation::MAX_COMMENT_CHARS;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`FigureNote`].
#[derive(Properties, PartialEq)]
pub struct FigureNoteProps {
    /// The indicator's code (test ids).
    pub code: AttrValue,
    /// The comment as typed.
    pub text: AttrValue,
    /// Only shown, not editable.
    pub readonly: bool,
    /// The box is open (a comment exists, the figure is unusual, or the user opened it).
    pub open: bool,
    /// Why the comment is refused.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// The text changed.
    pub on_input: Callback<String>,
    /// "Thêm ghi chú" was tapped.
    pub on_open: Callback<()>,
}

/// Collapsed behind a small link until needed; read-only, just the text.
#[component]
pub fn FigureNote(props: &FigureNoteProps) -> Html {
    let code = &props.code;
    let id = format!("comment-{code}");
    let textarea = use_node_ref();
    // Tapping "Thêm ghi chú" puts the cursor in the box; opening it for an
    // outlier after a save does not (the keyboard would cover the warning).
    let asked = use_mut_ref(|| false);
    use_effect_with(props.open, {
        let (textarea, asked) = (textarea.clone(), asked.clone());
        move |open| {
            if *open && asked.replace(false) {
                let _ = textarea.cast::<web_sys::HtmlElement>().map(|t| t.focus());
            }
        }
    });
    if props.readonly {
        if props.text.trim().is_empty() {
            return Html::default();
        }
        return html! {
            <p class="figure-note-text" data-testid={id}>
                <span class="figure-note-label">{ "Ghi chú của đơn vị: " }</span>{ props.text.clone() }
            </p>
        };
    }
    if !props.open {
        let onclick = props.on_open.reform(move |_: MouseEvent| {
            asked.replace(true);
        });
        return html! {
            <button type="button" class="link-button figure-note-toggle" data-testid={format!("comment-toggle-{code}")} {onclick}>
                { "+ Thêm ghi chú" }
            </button>
        };
    }
    let oninput = props.on_input.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    html! {
        <div class={classes!("figure-note", props.error.is_some().then_some("figure-note-invalid"))}>
            <label class="figure-note-label" for={id.clone()}>{ "Ghi chú" }</label>
            <textarea ref={textarea} id={id.clone()} data-testid={id} rows="2" maxlength={MAX_COMMENT_CHARS.to_string()}
                placeholder="Lý do số liệu khác thường, nguồn số liệu…" value={props.text.clone()} {oninput} />
            if let Some(error) = &props.error {
                <p class="field-error">{ error.clone() }</p>
            }
        </div>
    }
}
