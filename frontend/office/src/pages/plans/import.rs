//! Importing annual plans or past figures from a CSV or XLSX file: the
//! templates to fill in, the file to send, and what the server made of it.

use tonghop_shared::api::{ImportError, ImportKind, ImportRefused, ImportResult};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::{self, FileFormat};
use crate::download::save_file;

/// `Đã nhập 12 dòng`, with how many replaced earlier figures.
pub fn result_text(result: &ImportResult) -> String {
    let mut text = format!("Đã nhập {} dòng", result.imported);
    if result.replaced > 0 {
        text.push_str(&format!(" (thay thế {} dòng đã có)", result.replaced));
    }
    text
}

/// `Dòng 3, cột value: Số liệu không được âm`.
pub fn error_text(error: &ImportError) -> String {
    if error.column.is_empty() {
        format!("Dòng {}: {}", error.row, error.message)
    } else {
        format!("Dòng {}, cột {}: {}", error.row, error.column, error.message)
    }
}

/// Why a file was refused as a whole: the server's sentence, or ours.
pub fn refusal_text(refused: &ImportRefused) -> String {
    if refused.message.trim().is_empty() {
        "Tệp có ô chưa hợp lệ; chưa nhập dòng nào. Sửa các ô được nêu rồi gửi lại.".to_owned()
    } else {
        refused.message.clone()
    }
}

/// The file name a template is saved under.
pub fn template_name(kind: ImportKind, format: FileFormat) -> String {
    let what = match kind {
        ImportKind::Plans => "mau-ke-hoach",
        ImportKind::Values => "mau-so-lieu",
    };
    format!("{what}.{}", format.as_str())
}

/// What the last import did.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Done(ImportResult),
    Refused(ImportRefused),
    Failed(String),
}

/// Props of [`ImportSection`].
#[derive(Properties, PartialEq)]
pub struct ImportSectionProps {
    /// A file was imported.
    pub on_imported: Callback<ImportKind>,
}

/// Templates to download, what the file holds, the file, "Nhập tệp".
#[component]
pub fn ImportSection(props: &ImportSectionProps) -> Html {
    let kind = use_state(|| ImportKind::Plans);
    let outcome = use_state(|| None::<Outcome>);
    let busy = use_state(|| false);
    let file_input = use_node_ref();
    let file_name = use_state(|| None::<String>);

    let download = |k: ImportKind, format: FileFormat| {
        let outcome = outcome.clone();
        Callback::from(move |_: MouseEvent| {
            let outcome = outcome.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match api::template(k, format).await {
                    Ok(bytes) => {
                        if save_file(&template_name(k, format), &bytes, format.content_type()).is_err() {
                            outcome.set(Some(Outcome::Failed("Trình duyệt không lưu được tệp mẫu.".into())));
                        }
                    }
                    Err(e) => outcome.set(Some(Outcome::Failed(e.message()))),
                }
            });
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            kind.set(value.parse().unwrap_or(ImportKind::Plans));
        })
    };
    let send = {
        let (kind, outcome, busy, file_input, on_imported) =
            (kind.clone(), outcome.clone(), busy.clone(), file_input.clone(), props.on_imported.clone());
        Callback::from(move |_: MouseEvent| {
            let file = file_input.cast::<HtmlInputElement>().and_then(|i| i.files()).and_then(|f| f.get(0));
            let Some(file) = file else {
                return outcome.set(Some(Outcome::Failed("Chọn tệp CSV hoặc XLSX trước khi nhập.".into())));
            };
            let (k, outcome, busy, on_imported) = (*kind, outcome.clone(), busy.clone(), on_imported.clone());
            let format = FileFormat::of_file_name(&file.name());
            busy.set(true);
            outcome.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let next = match api::import(k, format, &file.into()).await {
                    Ok(Ok(result)) => {
                        on_imported.emit(k);
                        Outcome::Done(result)
                    }
                    Ok(Err(refused)) => Outcome::Refused(refused),
                    Err(e) => Outcome::Failed(e.message()),
                };
                outcome.set(Some(next));
                busy.set(false);
            });
        })
    };
    let templates = ImportKind::ALL.iter().map(|k| {
        let buttons = [FileFormat::Csv, FileFormat::Xlsx].into_iter().map(|f| {
            html! {
                <button type="button" class="button button-small" data-testid={format!("template-{k}-{}", f.as_str())} onclick={download(*k, f)}>
                    { f.as_str().to_uppercase() }
                </button>
            }
        });
        html! {
            <li class="template">
                <span class="template-name">{ format!("Mẫu {}", k.label_vi().to_lowercase()) }</span>
                { for buttons }
            </li>
        }
    });
    let on_file = {
        let file_name = file_name.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            file_name.set(input.files().and_then(|f| f.get(0)).map(|f| f.name()));
        })
    };
    let result = match &*outcome {
        None => html! {},
        Some(Outcome::Done(r)) => html! { <p class="notice notice-success" data-testid="import-result">{ result_text(r) }</p> },
        Some(Outcome::Failed(why)) => html! { <p class="notice notice-error" data-testid="import-result">{ why.clone() }</p> },
        Some(Outcome::Refused(refused)) => html! {
            <div class="notice notice-error import-refused" data-testid="import-result">
                <span>{ refusal_text(refused) }</span>
                <ul class="import-errors" data-testid="import-errors">
                    { for refused.errors.iter().map(|e| html! { <li>{ error_text(e) }</li> }) }
                </ul>
            </div>
        },
    };
    html! {
        <div class="card import" data-testid="import">
            <h2 class="section-title">{ "Nhập từ tệp CSV, XLSX" }</h2>
            <p class="muted">{ "Tải tệp mẫu, điền số liệu rồi chọn tệp để nhập. Nếu có ô sai, không dòng nào được nhập và trang chỉ rõ dòng, cột cần sửa." }</p>
            <ul class="templates">{ for templates }</ul>
            <label for="import-kind">{ "Tệp chứa" }</label>
            <select id="import-kind" class="select" data-testid="import-kind" onchange={on_kind}>
                { for ImportKind::ALL.iter().map(|k| html! { <option value={k.as_str()} selected={*k == *kind}>{ k.label_vi() }</option> }) }
            </select>
            // The browser's own file button speaks the phone's language, not
            // necessarily Vietnamese: it is hidden behind a label that does.
            <input type="file" id="import-file" class="file-input" accept=".csv,.xlsx,text/csv" data-testid="import-file"
                ref={file_input} onchange={on_file} />
            <label for="import-file" class="button file-button">{ "Chọn tệp…" }</label>
            <span class="file-name" data-testid="import-file-name">{ (*file_name).clone().unwrap_or_else(|| "Chưa chọn tệp".into()) }</span>
            <button type="button" class="button button-primary button-block" data-testid="import-send" disabled={*busy} onclick={send}>
                { if *busy { "Đang nhập…" } else { "Nhập tệp" } }
            </button>
            { result }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_and_errors_read_as_sentences() {
        let done = ImportResult { kind: ImportKind::Plans, imported: 12, replaced: 0 };
        assert_eq!(result_text(&done), "Đã nhập 12 dòng");
        assert_eq!(result_text(&ImportResult { replaced: 3, ..done }), "Đã nhập 12 dòng (thay thế 3 dòng đã có)");
        let cell = ImportError { row: 3, column: "value".into(), message: "Số liệu không được âm".into() };
        assert_eq!(error_text(&cell), "Dòng 3, cột value: Số liệu không được âm");
        assert_eq!(error_text(&ImportError { column: String::new(), ..cell }), "Dòng 3: Số liệu không được âm");
        assert_eq!(template_name(ImportKind::Values, FileFormat::Xlsx), "mau-so-lieu.xlsx");
        let refused = ImportRefused { code: "import_refused".into(), message: String::new(), errors: vec![] };
        assert!(refusal_text(&refused).contains("chưa nhập dòng nào"));
    }
}
