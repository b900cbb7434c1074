//! The tonghop browser app: a village enters its monthly figures, the
//! commune sees every village's.
//!
//! Map: [`app`] routes and guards; [`session`] holds who is logged in;
//! [`api`] is the only module that speaks HTTP (and refreshes tokens);
//! [`pages`] are the screens; [`components`] the pieces they share;
//! [`drafts`] mirrors what the user types into localStorage; [`format`]
//! writes dates and times the Vietnamese way; [`review`] words the review
//! workflow (returns, approvals, history). Figures are parsed, checked and
//! written by `tonghop_shared`, the same code the server runs.

mod api;
mod app;
mod components;
mod download;
mod drafts;
mod format;
mod hooks;
mod pages;
mod review;
mod session;

use wasm_bindgen::prelude::*;

/// Entry point, called by `init()` in index.html once the wasm is loaded.
#[wasm_bindgen(start)]
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document()).expect_throw("no document");
    let root = document.get_element_by_id("app").expect_throw("index.html has no #app");
    // index.html shows "Đang tải…" there until the app is ready.
    root.set_inner_html("");
    yew::Renderer::<app::App>::with_root(root).render();
}
