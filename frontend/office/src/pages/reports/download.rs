//! Files the office downloads: fetched with the session's token (a plain
//! link could not send it), then offered to the phone as a download.

use std::future::Future;

use yew::prelude::*;

use crate::api::ApiError;
use crate::download::save_file;

/// Content type of a Word file.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// Content type of an Excel workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What fetches a file's bytes.
pub type Fetch = std::pin::Pin<Box<dyn Future<Output = Result<Vec<u8>, ApiError>>>>;

/// Props of [`DownloadButton`].
#[derive(Properties, PartialEq)]
pub struct DownloadButtonProps {
    /// The button's text, e.g. `Tải về (.docx)`.
    pub label: AttrValue,
    /// The file's name on the phone.
    pub file_name: AttrValue,
    /// Its content type.
    pub content_type: AttrValue,
    /// Fetches the bytes.
    pub fetch: Callback<(), Fetch>,
    /// A fetch failed: why.
    pub on_error: Callback<ApiError>,
    /// `data-testid` of the button.
    pub testid: AttrValue,
    /// Extra classes.
    #[prop_or_default]
    pub class: Classes,
}

/// A button that fetches a file and saves it; «Đang tải…» meanwhile.
#[component]
pub fn DownloadButton(props: &DownloadButtonProps) -> Html {
    let busy = use_state(|| false);
    let onclick = {
        let (busy, fetch, on_error) = (busy.clone(), props.fetch.clone(), props.on_error.clone());
        let (name, content_type) = (props.file_name.clone(), props.content_type.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let future = fetch.emit(());
            let (busy, on_error, name, content_type) = (busy.clone(), on_error.clone(), name.clone(), content_type.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match future.await {
                    Ok(bytes) => {
                        if save_file(&name, &bytes, &content_type).is_err() {
                            on_error.emit(ApiError::Unexpected("saving the file".into()));
                        }
                    }
                    Err(e) => on_error.emit(e),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <button type="button" class={classes!("button", props.class.clone())} data-testid={props.testid.clone()}
            disabled={*busy} {onclick}>
            { if *busy { AttrValue::Static("Đang tải…") } else { props.label.clone() } }
        </button>
    }
}
