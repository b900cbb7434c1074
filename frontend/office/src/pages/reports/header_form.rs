//! The header and signature of a draft: the summary title (trích yếu), the
//! place of the date line, the recipients, on whose behalf it is signed
//! («T/M ĐẢNG ỦY»), the signer's title and name. Saved by itself when the
//! writer pauses ([`AUTOSAVE_MS`]), as sections are; «Lưu» saves at once.

use std::rc::Rc;

use tonghop_shared::api::{Report, ReportHeader, ReportHeaderInput};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::api::{self, ApiError};

/// Quiet after the last keystroke before the header saves itself.
pub const AUTOSAVE_MS: u32 = 1_500;

/// The recipients as typed, one per line, without blank lines or dashes.
pub fn recipients(text: &str) -> Vec<String> {
    text.lines().map(|l| l.trim().trim_start_matches(['-', '–', '•']).trim()).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// Props of [`HeaderForm`].
#[derive(Properties, PartialEq)]
pub struct HeaderFormProps {
    /// The draft.
    pub report: Rc<Report>,
    /// Saved: the report as stored.
    pub on_saved: Callback<(Report, &'static str)>,
    /// The save failed.
    pub on_failed: Callback<ApiError>,
}

/// What the form holds: the header with the recipients as one text.
#[derive(Debug, Clone, PartialEq)]
struct Fields {
    title: String,
    place: String,
    recipients: String,
    signer_title: String,
    signer_name: String,
    signer_authority: String,
}

impl Fields {
    /// The header these fields send.
    fn header(&self) -> ReportHeader {
        ReportHeader {
            title: self.title.trim().to_owned(),
            place: self.place.trim().to_owned(),
            recipients: recipients(&self.recipients),
            signer_title: self.signer_title.trim().to_owned(),
            signer_name: self.signer_name.trim().to_owned(),
            signer_authority: self.signer_authority.trim().to_owned(),
        }
    }
}

impl From<&ReportHeader> for Fields {
    fn from(h: &ReportHeader) -> Self {
        Fields {
            title: h.title.clone(),
            place: h.place.clone(),
            recipients: h.recipients.join("\n"),
            signer_title: h.signer_title.clone(),
            signer_name: h.signer_name.clone(),
            signer_authority: h.signer_authority.clone(),
        }
    }
}

/// Six fields and «Lưu». What is typed survives a reload of the report
/// (after a conflict); an untouched form follows the server's header.
#[component]
pub fn HeaderForm(props: &HeaderFormProps) -> Html {
    let base = use_state(|| Fields::from(&props.report.header));
    let fields = use_state(|| Fields::from(&props.report.header));
    let busy = use_state(|| false);
    let errors = use_state(Vec::<tonghop_shared::FieldError>::new);
    // The header last sent: a save the server answered with other text (or
    // refused) is not sent again until something else is typed.
    let last_sent = use_mut_ref(|| None::<ReportHeader>);
    {
        let (base, fields) = (base.clone(), fields.clone());
        use_effect_with(props.report.header.clone(), move |header| {
            let fresh = Fields::from(header);
            if *fields == *base {
                fields.set(fresh.clone());
            }
            base.set(fresh);
        });
    }
    let set = |apply: fn(&mut Fields, String)| {
        let fields = fields.clone();
        move |value: String| {
            let mut next = (*fields).clone();
            apply(&mut next, value);
            fields.set(next);
        }
    };
    let input = |apply: fn(&mut Fields, String)| {
        let set = set(apply);
        Callback::from(move |e: InputEvent| set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let area = |apply: fn(&mut Fields, String)| {
        let set = set(apply);
        Callback::from(move |e: InputEvent| set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let save = {
        let (fields, busy, errors, last_sent) = (fields.clone(), busy.clone(), errors.clone(), last_sent.clone());
        let (id, version) = (props.report.id, props.report.version);
        let (on_saved, on_failed) = (props.on_saved.clone(), props.on_failed.clone());
        Rc::new(move |message: &'static str| {
            if *busy {
                return;
            }
            let header = fields.header();
            *last_sent.borrow_mut() = Some(header.clone());
            busy.set(true);
            let (busy, errors, on_saved, on_failed, last_sent) =
                (busy.clone(), errors.clone(), on_saved.clone(), on_failed.clone(), last_sent.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::save_header(id, &ReportHeaderInput { version, header }).await {
                    Ok(report) => {
                        errors.set(Vec::new());
                        on_saved.emit((report, message));
                    }
                    Err(e) => {
                        // After a conflict (the report reloads) it is sent again.
                        if super::detail::needs_reload(&e) {
                            *last_sent.borrow_mut() = None;
                        }
                        errors.set(e.fields().to_vec());
                        on_failed.emit(e);
                    }
                }
                busy.set(false);
            });
        })
    };
    // Saved by itself once the writer pauses, when it differs from the
    // server's and from what was last sent, and has its title and place.
    {
        let header = fields.header();
        let wanted = header != props.report.header
            && last_sent.borrow().as_ref() != Some(&header)
            && !header.title.is_empty()
            && !header.place.is_empty();
        let save = save.clone();
        use_effect_with((header, props.report.version, *busy, wanted), move |(_, _, busy, wanted)| {
            let timer =
                (*wanted && !*busy).then(|| gloo_timers::callback::Timeout::new(AUTOSAVE_MS, move || save("Đã tự lưu phần đầu và chữ ký")));
            move || drop(timer)
        });
    }
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        save("Đã lưu phần đầu và chữ ký");
    });
    let error = |name: &str| {
        errors.iter().find(|e| e.field == format!("header.{name}") || e.field == name).map(|e| {
            html! { <p class="field-error" data-testid={format!("report-{name}-error")}>{ e.message.clone() }</p> }
        })
    };
    let f = &*fields;
    let changed = *fields != *base;
    html! {
        <form class="fields rp-header" data-testid="report-header" {onsubmit}>
            <label for="rp-title">{ "Trích yếu (tên báo cáo)" }</label>
            <textarea id="rp-title" class="rp-title-input" data-testid="report-title" rows="3" value={f.title.clone()}
                oninput={area(|f, v| f.title = v)} />
            { error("title").unwrap_or_default() }
            <label for="rp-place">{ "Địa danh (dòng ngày tháng)" }</label>
            <input id="rp-place" type="text" data-testid="report-place" value={f.place.clone()} oninput={input(|f, v| f.place = v)} />
            { error("place").unwrap_or_default() }
            <label for="rp-recipients">{ "Nơi nhận" }</label>
            <p class="field-help">{ "Mỗi dòng một nơi nhận." }</p>
            <textarea id="rp-recipients" data-testid="report-recipients" rows="4" value={f.recipients.clone()}
                oninput={area(|f, v| f.recipients = v)} />
            <label for="rp-signer-authority">{ "Thẩm quyền ký" }</label>
            <input id="rp-signer-authority" type="text" data-testid="report-signer-authority" value={f.signer_authority.clone()}
                placeholder="VD: T/M ĐẢNG ỦY, KT. BÍ THƯ" oninput={input(|f, v| f.signer_authority = v)} />
            { error("signer_authority").unwrap_or_default() }
            <label for="rp-signer-title">{ "Chức vụ người ký" }</label>
            <input id="rp-signer-title" type="text" data-testid="report-signer-title" value={f.signer_title.clone()}
                placeholder="VD: PHÓ BÍ THƯ THƯỜNG TRỰC" oninput={input(|f, v| f.signer_title = v)} />
            <label for="rp-signer-name">{ "Họ tên người ký" }</label>
            <input id="rp-signer-name" type="text" data-testid="report-signer-name" value={f.signer_name.clone()}
                autocomplete="name" oninput={input(|f, v| f.signer_name = v)} />
            { error("signer_name").unwrap_or_default() }
            <div class="actions rp-actions">
                <button type="submit" class="button button-primary" data-testid="report-header-save" disabled={*busy}>
                    { if *busy { "Đang lưu…" } else if changed { "Lưu phần đầu và chữ ký" } else { "Lưu" } }
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_are_the_lines_typed_without_blanks_or_dashes() {
        let typed = "- Ban Thường vụ Huyện ủy (b/c),\n\n  Các đồng chí Đảng ủy viên,\n• Lưu Văn phòng Đảng ủy.\n";
        assert_eq!(recipients(typed), ["Ban Thường vụ Huyện ủy (b/c),", "Các đồng chí Đảng ủy viên,", "Lưu Văn phòng Đảng ủy."]);
    }
}
