//! The reporter app: what a village branch or a mass organisation opens on
//! its phone. Login, the due list, the monthly form and the activity section
//! editor, all from `tonghop_ui`; none of the commune office's screens, which
//! the office app (`frontend/office`) carries and only office users download.

use tonghop_shared::ReportPeriod;
use tonghop_shared::api::Role;
use tonghop_ui::pages::form::FormPage;
use tonghop_ui::pages::home::HomePage;
use tonghop_ui::pages::section::SectionPage;
use tonghop_ui::route::Route;
use tonghop_ui::router::Redirect;
use tonghop_ui::shell::{self, AppKind};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// Entry point, called by `init()` in index.html once the wasm is loaded.
#[wasm_bindgen(start)]
pub fn start() {
    shell::mount(AppKind::Reporter, switch, None);
}

/// A reporter's pages. Office addresses lead home: a reporter has none.
fn switch(route: Route, _role: Role) -> Html {
    match route {
        Route::Home | Route::Due => html! { <HomePage /> },
        Route::Form { unit_id, form_id, period } => match period.parse::<tonghop_shared::MonthPeriod>() {
            // Keyed, so another form starts from a fresh state instead of
            // showing (and mirroring) the previous one's text while it loads.
            Ok(period) => html! { <FormPage key={format!("{unit_id}/{form_id}/{period}")} {unit_id} {form_id} {period} /> },
            Err(_) => html! { <Redirect to={Route::Home} /> },
        },
        Route::Section { unit_id, period } => match period.parse::<ReportPeriod>() {
            Ok(period) => html! { <SectionPage key={format!("{unit_id}/{period}")} {unit_id} {period} /> },
            Err(_) => html! { <Redirect to={Route::Home} /> },
        },
        _ => html! { <Redirect to={Route::Home} /> },
    }
}
