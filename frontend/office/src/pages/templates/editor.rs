//! Editing a template: its name, then a card per part with its level,
//! heading and (for the office's own parts) the prompt; ↑ ↓ to reorder,
//! «Xoá» to remove, «Thêm mục» to add. Checked as typed by the same rules
//! the server applies (`tonghop_shared::outline`).

use std::rc::Rc;

use tonghop_shared::FieldError;
use tonghop_shared::api::{OutlineContent, OutlineEntry, ReportTemplate, ReportTemplateInput};
use tonghop_shared::outline::{check, normalise};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::outline::{LEVELS, added, codes, content_label, kinds, moved, removed};
use crate::api;

/// A template being edited: `id: None` until it is first saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Editing {
    /// The template, once kept.
    pub id: Option<i64>,
    /// Its name.
    pub name: String,
    /// Its parts.
    pub outline: Vec<OutlineEntry>,
}

/// Props of [`TemplateEditor`].
#[derive(Properties, PartialEq)]
pub struct TemplateEditorProps {
    /// The unit that keeps it.
    pub unit_id: i64,
    /// Where editing starts from.
    pub start: Rc<Editing>,
    /// Saved: the template as stored.
    pub on_saved: Callback<ReportTemplate>,
    /// Closed without saving.
    pub on_cancel: Callback<()>,
}

/// The form.
#[component]
pub fn TemplateEditor(props: &TemplateEditorProps) -> Html {
    let draft = use_state(|| (*props.start).clone());
    let busy = use_state(|| false);
    let server_errors = use_state(Vec::<FieldError>::new);
    let failure = use_state(|| None::<String>);
    let shown = use_state(|| false);

    let change = |apply: Rc<dyn Fn(&mut Editing)>| {
        let draft = draft.clone();
        move || {
            let mut next = (*draft).clone();
            apply(&mut next);
            draft.set(next);
        }
    };
    let (normal_name, normal_outline) = normalise(&draft.name, &draft.outline);
    let mut errors = check(&normal_name, &normal_outline);
    errors.extend(server_errors.iter().filter(|e| !errors.iter().any(|x| x.field == e.field)).cloned().collect::<Vec<_>>());
    let error_at = |prefix: String| -> Html {
        let list: Vec<&FieldError> = errors.iter().filter(|e| e.field == prefix || e.field.starts_with(&format!("{prefix}."))).collect();
        if !*shown || list.is_empty() {
            return html! {};
        }
        html! { <>{ for list.iter().map(|e| html! { <p class="field-error">{ e.message.clone() }</p> }) }</> }
    };

    let on_name = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*draft).clone();
            next.name = e.target_unchecked_into::<HtmlInputElement>().value();
            draft.set(next);
        })
    };
    let save = {
        let (draft, busy, server_errors, failure, shown) =
            (draft.clone(), busy.clone(), server_errors.clone(), failure.clone(), shown.clone());
        let (unit_id, on_saved, valid) = (props.unit_id, props.on_saved.clone(), errors.is_empty());
        Callback::from(move |_: MouseEvent| {
            shown.set(true);
            if !valid || *busy {
                return;
            }
            busy.set(true);
            let input = ReportTemplateInput { unit_id, name: draft.name.clone(), outline: draft.outline.clone() };
            let (id, busy, server_errors, failure, on_saved) =
                (draft.id, busy.clone(), server_errors.clone(), failure.clone(), on_saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = match id {
                    Some(id) => api::update_template(id, &input).await,
                    None => api::create_template(&input).await,
                };
                match result {
                    Ok(saved) => on_saved.emit(saved),
                    Err(e) => {
                        server_errors.set(e.fields().to_vec());
                        failure.set(Some(e.message()));
                    }
                }
                busy.set(false);
            });
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    // Which kind «Thêm mục» adds: the office's own text unless another is chosen.
    let kind = use_state(|| 0_usize);
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| kind.set(e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(0)))
    };
    let add = {
        let content = kinds().into_iter().nth(*kind).unwrap_or(OutlineContent::Heading);
        let add = change(Rc::new(move |d: &mut Editing| d.outline = added(&d.outline, content.clone())));
        Callback::from(move |_: MouseEvent| add())
    };
    let kind_options = kinds().into_iter().enumerate().map(|(k, content)| {
        html! { <option value={k.to_string()} selected={*kind == k}>{ content_label(&content) }</option> }
    });
    let count = draft.outline.len();
    let parts = draft.outline.iter().enumerate().map(|(i, entry)| {
        let draft = draft.clone();
        let at = move |f: fn(&mut OutlineEntry, String)| {
            let draft = draft.clone();
            move |value: String| {
                let mut next = (*draft).clone();
                if let Some(e) = next.outline.get_mut(i) {
                    f(e, value);
                }
                draft.set(next);
            }
        };
        let on_level = {
            let set = at(|e, v| e.level = v.parse().unwrap_or(e.level));
            Callback::from(move |ev: Event| set(ev.target_unchecked_into::<HtmlSelectElement>().value()))
        };
        let on_heading = {
            let set = at(|e, v| e.heading = v);
            Callback::from(move |ev: InputEvent| set(ev.target_unchecked_into::<HtmlTextAreaElement>().value()))
        };
        let on_prompt = {
            let set = at(|e, v| e.content = OutlineContent::Prompt { text: v });
            Callback::from(move |ev: InputEvent| set(ev.target_unchecked_into::<HtmlTextAreaElement>().value()))
        };
        let on_codes = {
            let set = at(|e, v| e.content = OutlineContent::Figures { indicators: codes(&v) });
            Callback::from(move |ev: Event| set(ev.target_unchecked_into::<HtmlInputElement>().value()))
        };
        let step = |up: bool| {
            let go = change(Rc::new(move |d: &mut Editing| d.outline = moved(&d.outline, i, up)));
            Callback::from(move |_: MouseEvent| go())
        };
        let remove = {
            let go = change(Rc::new(move |d: &mut Editing| d.outline = removed(&d.outline, i)));
            Callback::from(move |_: MouseEvent| go())
        };
        let levels = LEVELS.iter().enumerate().map(|(l, label)| {
            html! { <option value={l.to_string()} selected={usize::from(entry.level) == l}>{ *label }</option> }
        });
        html! {
            <li class="card tp-part" data-testid={format!("template-part-{i}")}>
                <div class="card-head">
                    <span class="card-title">{ format!("Mục {}", i + 1) }</span>
                    <span class="muted">{ content_label(&entry.content) }</span>
                </div>
                <label for={format!("tp-level-{i}")}>{ "Cấp đề mục" }</label>
                <select id={format!("tp-level-{i}")} class="select" onchange={on_level}>{ for levels }</select>
                <label for={format!("tp-heading-{i}")}>{ "Đề mục" }</label>
                <textarea id={format!("tp-heading-{i}")} rows="2" data-testid={format!("template-heading-{i}")}
                    value={entry.heading.clone()} oninput={on_heading} />
                { error_at(format!("outline[{i}].heading")) }
                { error_at(format!("outline[{i}].level")) }
                {
                    match &entry.content {
                        OutlineContent::Prompt { text } => html! {
                            <>
                                <label for={format!("tp-prompt-{i}")}>{ "Gợi ý cho người viết" }</label>
                                <textarea id={format!("tp-prompt-{i}")} rows="3" value={text.clone()} oninput={on_prompt} />
                            </>
                        },
                        OutlineContent::Figures { indicators } => html! {
                            <>
                                <label for={format!("tp-codes-{i}")}>{ "Mã chỉ tiêu (cách nhau bằng dấu phẩy)" }</label>
                                <input id={format!("tp-codes-{i}")} type="text" value={indicators.join(", ")} onchange={on_codes} />
                            </>
                        },
                        _ => html! {},
                    }
                }
                { error_at(format!("outline[{i}].content")) }
                <div class="actions">
                    <button type="button" class="button button-small" aria-label="Lên trên" data-testid={format!("template-up-{i}")}
                        disabled={i == 0} onclick={step(true)}>{ "↑" }</button>
                    <button type="button" class="button button-small" aria-label="Xuống dưới" disabled={i + 1 == count} onclick={step(false)}>{ "↓" }</button>
                    <button type="button" class="button button-small" data-testid={format!("template-remove-{i}")} onclick={remove}>{ "Xoá" }</button>
                </div>
            </li>
        }
    });
    html! {
        <div class="tp-editor" data-testid="template-editor">
            <label for="tp-name">{ "Tên mẫu" }</label>
            <input id="tp-name" type="text" data-testid="template-name" value={draft.name.clone()} oninput={on_name} />
            { error_at("name".to_owned()) }
            { error_at("outline".to_owned()) }
            <h2 class="section-title">{ format!("Các mục ({count})") }</h2>
            <p class="field-help">{ "Trong đề mục, {period} là tên kỳ báo cáo, {next} là kỳ tới; xuống dòng để tách đề mục thành hai dòng." }</p>
            <ol class="cards">{ for parts }</ol>
            <div class="card tp-add">
                <label for="tp-add-kind">{ "Loại mục mới" }</label>
                <select id="tp-add-kind" class="select" data-testid="template-add-kind" onchange={on_kind}>{ for kind_options }</select>
                <button type="button" class="button button-block" data-testid="template-add" onclick={add}>{ "Thêm mục" }</button>
            </div>
            <div class="action-bar">
                if let Some(message) = &*failure {
                    <div class="notice notice-error" role="alert"><span>{ message.clone() }</span></div>
                }
                if *shown && !errors.is_empty() {
                    <div class="notice notice-error" role="alert"><span>{ "Còn mục chưa hợp lệ, xem thông báo dưới từng mục." }</span></div>
                }
                <div class="actions">
                    <button type="button" class="button" onclick={cancel}>{ "Huỷ" }</button>
                    <button type="button" class="button button-primary" data-testid="template-save" disabled={*busy} onclick={save}>
                        { if *busy { "Đang lưu…" } else { "Lưu mẫu" } }
                    </button>
                </div>
            </div>
        </div>
    }
}
