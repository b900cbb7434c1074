//! The office app: the commune office's, upper levels' and administrators'
//! screens (overview, dashboard, plans, completeness, sections, reports,
//! templates, tokens) and the review panels under a unit's form and
//! section. Only office users download it (see `index.html`); the screens
//! every unit uses come from `tonghop_ui`, which the reporter app shares.
//!
//! Map: [`app`] the office's pages by address; [`api`] its calls to the API
//! (beside the shared ones); [`pages`] its screens; [`components`] their
//! pieces; [`hooks`] the form picker; [`download`] saving a file the server
//! sent.

mod api;
mod app;
mod components;
mod download;
mod hooks;
mod pages;

use tonghop_ui::{format, review, session};
use wasm_bindgen::prelude::*;

/// Entry point, called by `init()` in index.html once the wasm is loaded.
#[wasm_bindgen(start)]
pub fn start() {
    tonghop_ui::shell::mount(tonghop_ui::shell::AppKind::Office, app::switch, Some(components::tabs::header));
}
