//! One passage of a report: its heading, the text as printed, whether the
//! office wrote it and whether the figures under it changed since; «Sửa»
//! opens the editor, «Theo số liệu» lets the figures write it again. What is
//! typed saves itself when the writer pauses (as sections do), the editor
//! staying open; «Lưu» saves and closes it.

use std::rc::Rc;

use tonghop_shared::api::{Passage, PassageEdit, Report};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::text::PassageText;
use crate::api::{self, ApiError};
use crate::components::confirm::ConfirmDialog;
use crate::pages::section::Toolbar;

/// Props of [`PassageCard`].
#[derive(Properties, PartialEq)]
pub struct PassageCardProps {
    /// The report (its id and version).
    pub report_id: i64,
    /// The version an edit starts from.
    pub version: i64,
    /// The passage.
    pub passage: Rc<Passage>,
    /// A draft the user may write.
    pub editable: bool,
    /// The server answered with the changed report; the message to show.
    pub on_saved: Callback<(Report, &'static str)>,
    /// A save failed.
    pub on_failed: Callback<ApiError>,
}

/// The heading, one line per line of it.
fn heading(passage: &Passage) -> Html {
    let lines = passage.heading.split('\n').enumerate().map(|(i, l)| {
        html! { <>if i > 0 { <br /> }{ l.to_owned() }</> }
    });
    let class = classes!("rp-heading", format!("rp-level-{}", passage.level));
    match passage.level {
        0 => html! { <h2 {class}>{ for lines }</h2> },
        1 => html! { <h3 {class}>{ for lines }</h3> },
        _ => html! { <h4 {class}>{ for lines }</h4> },
    }
}

/// A heading-only part: no text of its own, and nothing the figures write.
fn heading_only(p: &Passage) -> bool {
    p.text.trim().is_empty() && p.generated.trim().is_empty() && !p.edited
}

/// Heading, badges, text; the editor while «Sửa» is open.
#[component]
pub fn PassageCard(props: &PassageCardProps) -> Html {
    let p = props.passage.clone();
    let editing = use_state(|| None::<String>);
    let busy = use_state(|| false);
    // A save of the writer's pause is on its way (the editor stays open and usable).
    let quiet = use_state(|| false);
    // The text last sent: not sent again by itself until it changes.
    let last_sent = use_mut_ref(|| None::<String>);
    let area = use_node_ref();
    let pos = p.position;
    let testid = |what: &str| format!("passage-{what}-{pos}");

    let send = {
        let (busy, quiet, editing, on_saved, on_failed) =
            (busy.clone(), quiet.clone(), editing.clone(), props.on_saved.clone(), props.on_failed.clone());
        let (id, version, last_sent) = (props.report_id, props.version, last_sent.clone());
        move |text: Option<String>, message: &'static str, close: bool| {
            if *busy || *quiet {
                return;
            }
            *last_sent.borrow_mut() = text.clone();
            let flag = if close { busy.clone() } else { quiet.clone() };
            flag.set(true);
            let (editing, on_saved, on_failed, last_sent) = (editing.clone(), on_saved.clone(), on_failed.clone(), last_sent.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::save_passage(id, pos, &PassageEdit { version, text }).await {
                    Ok(report) => {
                        if close {
                            editing.set(None);
                        }
                        on_saved.emit((report, message));
                    }
                    // The editor stays open with what was typed; after a
                    // conflict (the report reloads) it is sent again.
                    Err(e) => {
                        if super::detail::needs_reload(&e) {
                            *last_sent.borrow_mut() = None;
                        }
                        on_failed.emit(e);
                    }
                }
                flag.set(false);
            });
        }
    };
    {
        let typed = (*editing).clone().filter(|_| props.editable);
        let wanted = typed.as_ref().is_some_and(|t| *t != p.text && last_sent.borrow().as_ref() != Some(t));
        let send = send.clone();
        use_effect_with((typed, props.version, *busy, *quiet, wanted), move |(typed, _, busy, quiet, wanted)| {
            let text = typed.clone();
            let timer = (*wanted && !*busy && !*quiet).then(|| {
                gloo_timers::callback::Timeout::new(super::header_form::AUTOSAVE_MS, move || send(text, "Đã tự lưu đoạn văn", false))
            });
            move || drop(timer)
        });
    }
    let open = {
        let (editing, text) = (editing.clone(), p.text.clone());
        Callback::from(move |_: MouseEvent| editing.set(Some(text.clone())))
    };
    let close = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(None))
    };
    let save = {
        let (send, editing) = (send.clone(), editing.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = (*editing).clone() {
                send(Some(text), "Đã lưu đoạn văn", true);
            }
        })
    };
    let reverting = use_state(|| false);
    let ask_revert = {
        let reverting = reverting.clone();
        Callback::from(move |_: MouseEvent| reverting.set(true))
    };
    let cancel_revert = {
        let reverting = reverting.clone();
        Callback::from(move |()| reverting.set(false))
    };
    let revert = {
        let reverting = reverting.clone();
        Callback::from(move |()| {
            reverting.set(false);
            send(None, "Đoạn văn đã theo lại số liệu", true);
        })
    };
    let on_edit = {
        let editing = editing.clone();
        Callback::from(move |text: String| editing.set(Some(text)))
    };
    let oninput = on_edit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());

    // Only when there is one: an empty inline box would still take a line.
    let badges = (p.edited || p.figures_changed).then(|| {
        html! {
            <span class="badges">
                if p.edited {
                    <span class="badge badge-submitted" data-testid={testid("edited")}>{ "Đã sửa" }</span>
                }
                if p.figures_changed {
                    <span class="badge badge-returned" data-testid={testid("figures-changed")}>{ "Số liệu đã thay đổi" }</span>
                }
            </span>
        }
    });
    // What tonghop would write now, beside the office's text, once the figures moved.
    let generated = p.figures_changed.then(|| {
        html! {
            <div class="rp-generated">
                <p class="sec-subtitle">{ "Theo số liệu hiện nay:" }</p>
                <PassageText text={p.generated.clone()} testid={testid("generated")} />
            </div>
        }
    });
    let class =
        if heading_only(&p) && editing.is_none() { classes!("rp-passage", "rp-heading-only") } else { classes!("rp-passage", "card") };
    // A report issued meanwhile (found on a reload) closes the editor.
    let body = match (*editing).as_ref().filter(|_| props.editable) {
        Some(text) => html! {
            <div class="rp-editor">
                <Toolbar target={area.clone()} on_edit={on_edit.clone()} disabled={*busy} />
                <textarea class="sec-text rp-text-input" data-testid={testid("text")} ref={area.clone()} value={text.clone()}
                    aria-label={format!("Nội dung: {}", p.heading.replace('\n', " "))} {oninput} disabled={*busy}
                    spellcheck="true" autocapitalize="sentences" />
                <p class="sec-hint muted">{ "**chữ đậm**, *chữ nghiêng*, «- » gạch đầu dòng, ^[chú thích] thành chú thích cuối trang." }</p>
                { generated.clone().unwrap_or_default() }
                <p class="sec-subtitle">{ "Xem trước" }</p>
                <PassageText text={text.clone()} testid={testid("draft")} />
                <div class="actions rp-actions">
                    <button type="button" class="button" onclick={close} disabled={*busy}>{ "Đóng" }</button>
                    <span class="muted rp-autosave" data-testid={testid("autosave")}>
                        { if *quiet { "Đang tự lưu…" } else if (*editing).as_deref() == Some(p.text.as_str()) { "Đã lưu" } else { "" } }
                    </span>
                    <button type="button" class="button button-primary" data-testid={testid("save")} onclick={save} disabled={*busy || *quiet}>
                        { if *busy { "Đang lưu…" } else { "Lưu" } }
                    </button>
                </div>
            </div>
        },
        None if heading_only(&p) => html! {},
        None => html! {
            <>
                <PassageText text={p.text.clone()} testid={testid("preview")} />
                { generated.unwrap_or_default() }
                if props.editable {
                    <div class="actions rp-actions">
                        if p.edited {
                            <button type="button" class="button" data-testid={testid("revert")} onclick={ask_revert} disabled={*busy}>
                                { "Theo số liệu" }
                            </button>
                        }
                        <button type="button" class="button" data-testid={testid("edit")} onclick={open}>{ "Sửa" }</button>
                    </div>
                }
            </>
        },
    };
    html! {
        <li {class} data-testid={format!("passage-{pos}")}>
            { heading(&p) }
            { badges.unwrap_or_default() }
            { body }
            if *reverting {
                <ConfirmDialog message="Bỏ đoạn văn văn phòng đã sửa và dùng lại đoạn Tổng hợp viết theo số liệu hiện nay?"
                    confirm_label="Theo số liệu" confirm_testid={testid("confirm-revert")} on_confirm={revert} on_cancel={cancel_revert} />
            }
        </li>
    }
}
