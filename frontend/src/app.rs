//! The routes, and the guard that shows the login screen in place of any
//! page while nobody is logged in.
//!
//! The guard keeps the address: after logging in (again) the user is back on
//! the page they were on, with what they had typed restored from
//! localStorage.

use tonghop_shared::ReportPeriod;
use tonghop_shared::api::Role;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::header::Header;
use crate::pages::completeness::CompletenessPage;
use crate::pages::dashboard::{DashboardPage, IndicatorPage};
use crate::pages::plans::PlansPage;
use crate::pages::reports::{ReportPage, ReportsPage};
use crate::pages::section::SectionPage;
use crate::pages::sections::SectionsPage;
use crate::pages::templates::TemplatesPage;
use crate::pages::tokens::TokensPage;
use crate::pages::{form::FormPage, home::HomePage, login::LoginPage, overview::OverviewPage};
use crate::session::{SessionAction, SessionProvider, use_session};
use crate::{api, session};

/// The app's addresses.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    /// Reporters: what is due. Commune and upper levels: the overview.
    #[at("/")]
    Home,
    /// What is due for the user's own unit.
    #[at("/due")]
    Due,
    /// Every unit's figures for a form and period.
    #[at("/overview")]
    Overview,
    /// Which unit has sent which month (commune and upper levels).
    #[at("/completeness")]
    Completeness,
    /// The unit's figures against plan and last year, this year so far.
    #[at("/dashboard")]
    Dashboard,
    /// The same for a period, e.g. `/dashboard/2026-H1`.
    #[at("/dashboard/:period")]
    DashboardPeriod {
        /// `2026-06`, `2026-Q2`, `2026-H1`, `2026-H2`, `2026-9M` or `2026`.
        period: String,
    },
    /// One indicator of the dashboard: trend and breakdown.
    #[at("/dashboard/:period/:indicator_id")]
    DashboardIndicator {
        /// The dashboard's period.
        period: String,
        /// The indicator.
        indicator_id: i64,
    },
    /// The annual plans of the user's unit (commune office, administrators).
    #[at("/plans")]
    Plans,
    /// One unit's form for one period, e.g. `/form/12/1/2026-06`.
    #[at("/form/:unit_id/:form_id/:period")]
    Form {
        /// The reporting unit.
        unit_id: i64,
        /// The form.
        form_id: i64,
        /// `2026-06`.
        period: String,
    },
    /// A unit's activity section for a period, e.g. `/section/12/2026-H1`.
    #[at("/section/:unit_id/:period")]
    Section {
        /// The writing unit.
        unit_id: i64,
        /// `2026-H1`, `2026-06`, `2026`...
        period: String,
    },
    /// The mass organisations' sections for the current six months (commune office).
    #[at("/sections")]
    Sections,
    /// The same for a period, e.g. `/sections/2026-H1`.
    #[at("/sections/:period")]
    SectionsPeriod {
        /// The period.
        period: String,
    },
    /// The reports the commune office keeps, and the form that starts one.
    #[at("/reports")]
    Reports,
    /// One report: a draft to write and issue, or an issued one to read.
    #[at("/reports/:id")]
    Report {
        /// The report.
        id: i64,
    },
    /// The outlines (templates) the office keeps for its reports.
    #[at("/report-templates")]
    ReportTemplates,
    /// The user's personal access tokens for scripts («Mã truy cập API»).
    #[at("/tokens")]
    Tokens,
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// The whole app.
#[component]
pub fn App() -> Html {
    html! {
        <SessionProvider>
            <BrowserRouter>
                <Shell />
            </BrowserRouter>
        </SessionProvider>
    }
}

/// Login screen or header + page.
#[component]
fn Shell() -> Html {
    let session = use_session();
    let logged_in = session.user.is_some();
    // Once per login: fresh user details, and an early look at whether the
    // stored session still holds.
    use_effect_with(logged_in, {
        let session = session.clone();
        move |logged_in| {
            if *logged_in {
                wasm_bindgen_futures::spawn_local(async move {
                    match api::me().await {
                        Ok(user) => session.dispatch(SessionAction::Refreshed(user)),
                        Err(e) => session::handle_error(&session, &e),
                    }
                });
            }
        }
    });
    let Some(role) = session.role() else {
        return html! { <main class="page"><LoginPage /></main> };
    };
    html! {
        <>
            <Header />
            <main class="page">
                <Switch<Route> render={move |route| switch(route, role)} />
            </main>
        </>
    }
}

fn switch(route: Route, role: Role) -> Html {
    match route {
        Route::Home if role == Role::Reporter => html! { <HomePage /> },
        Route::Home | Route::Overview if role != Role::Reporter => html! { <OverviewPage /> },
        Route::Due => html! { <HomePage /> },
        Route::Completeness if role != Role::Reporter => html! { <CompletenessPage /> },
        Route::Dashboard if role != Role::Reporter => html! { <DashboardPage /> },
        Route::DashboardPeriod { period } if role != Role::Reporter => match period.parse::<ReportPeriod>() {
            Ok(period) => html! { <DashboardPage period={Some(period)} /> },
            Err(_) => html! { <Redirect<Route> to={Route::Dashboard} /> },
        },
        Route::DashboardIndicator { period, indicator_id } if role != Role::Reporter => match period.parse::<ReportPeriod>() {
            Ok(period) => html! { <IndicatorPage key={format!("{period}/{indicator_id}")} {period} {indicator_id} /> },
            Err(_) => html! { <Redirect<Route> to={Route::Dashboard} /> },
        },
        Route::Plans if matches!(role, Role::Commune | Role::Admin) => html! { <PlansPage /> },
        Route::Form { unit_id, form_id, period } => match period.parse::<tonghop_shared::MonthPeriod>() {
            // Keyed, so another form starts from a fresh state instead of
            // showing (and mirroring) the previous one's text while it loads.
            Ok(period) => html! { <FormPage key={format!("{unit_id}/{form_id}/{period}")} {unit_id} {form_id} {period} /> },
            Err(_) => html! { <Redirect<Route> to={Route::Home} /> },
        },
        Route::Section { unit_id, period } => match period.parse::<ReportPeriod>() {
            Ok(period) => html! { <SectionPage key={format!("{unit_id}/{period}")} {unit_id} {period} /> },
            Err(_) => html! { <Redirect<Route> to={Route::Home} /> },
        },
        Route::Sections if role != Role::Reporter => html! { <SectionsPage /> },
        Route::SectionsPeriod { period } if role != Role::Reporter => match period.parse::<ReportPeriod>() {
            Ok(period) => html! { <SectionsPage period={Some(period)} /> },
            Err(_) => html! { <Redirect<Route> to={Route::Sections} /> },
        },
        Route::Reports if matches!(role, Role::Commune | Role::Admin) => html! { <ReportsPage /> },
        Route::Report { id } if matches!(role, Role::Commune | Role::Admin) => html! { <ReportPage {id} /> },
        Route::ReportTemplates if matches!(role, Role::Commune | Role::Admin) => html! { <TemplatesPage /> },
        Route::Tokens => html! { <TokensPage /> },
        _ => html! { <Redirect<Route> to={Route::Home} /> },
    }
}
