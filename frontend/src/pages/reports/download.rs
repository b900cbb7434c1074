//! Files the office downloads: fetched with the session's token (a plain
//! link could not send it), then offered to the phone as a download.

use std::future::Future;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::{Array, Uint8Array};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use yew::prelude::*;

use crate::api::ApiError;

/// Content type of a Word file.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// Content type of an Excel workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What fetches a file's bytes.
pub type Fetch = std::pin::Pin<Box<dyn Future<Output = Result<Vec<u8>, ApiError>>>>;

/// Offers `bytes` as a download named `name`.
fn save_file(name: &str, bytes: &[u8], content_type: &str) -> Result<(), JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))?;
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Freed later rather than at once, which some browsers answer with a failed download.
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(30_000).await;
        let _ = Url::revoke_object_url(&url);
    });
    Ok(())
}

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
