//! The office's navigation: a row of tabs that scrolls sideways on a phone,
//! and the key button for personal access tokens.

use tonghop_shared::api::Role;
use tonghop_ui::router::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::app::Route;

/// The tab a route belongs to.
fn section(route: &Route) -> Route {
    match route {
        Route::Home => Route::Overview,
        Route::DashboardPeriod { .. } | Route::DashboardIndicator { .. } => Route::Dashboard,
        Route::SectionsPeriod { .. } | Route::Section { .. } => Route::Sections,
        Route::Report { .. } | Route::ReportTemplates => Route::Reports,
        other => other.clone(),
    }
}

/// Scrolls the row of tabs so that the active one stands in the middle, when
/// the row is wider than the phone.
fn center_active_tab(nav: &Element) {
    let Some(active) = nav.query_selector(".active").ok().flatten().and_then(|a| a.dyn_into::<HtmlElement>().ok()) else { return };
    let left = active.offset_left() - (nav.client_width() - active.offset_width()) / 2;
    nav.set_scroll_left(left.max(0));
}

/// What the office app adds to the header: the token key, and the tabs.
pub fn header(role: Role) -> (Html, Html) {
    let key = html! {
        <Link to={Route::Tokens} classes="button button-small header-icon">
            // A key: «Mã truy cập API». An icon, so the user's name keeps its room on a phone.
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor"
                stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                <circle cx="7.5" cy="15.5" r="4.5" /><path d="M10.7 12.3 20 3M16 7l3 3M14 9l2 2" />
            </svg>
            <span class="visually-hidden">{ "Mã truy cập API" }</span>
        </Link>
    };
    (key, html! { <Tabs {role} /> })
}

/// Props of [`Tabs`].
#[derive(Properties, PartialEq)]
struct TabsProps {
    role: Role,
}

/// One tab per area the role may open.
#[component]
fn Tabs(props: &TabsProps) -> Html {
    let route = use_route();
    let nav = use_node_ref();
    {
        let nav = nav.clone();
        use_effect_with(route.clone(), move |_| {
            if let Some(nav) = nav.cast::<Element>() {
                center_active_tab(&nav);
            }
        });
    }
    let tab = |to: Route, label: &'static str| {
        let active = section(&route) == to;
        html! { <Link {to} classes={classes!("tab", active.then_some("active"))}>{ label }</Link> }
    };
    let office = matches!(props.role, Role::Commune | Role::Admin);
    html! {
        <nav class="tabs" ref={nav}>
            { tab(Route::Overview, "Tổng hợp") }
            { tab(Route::Dashboard, "Chỉ tiêu") }
            if office {
                { tab(Route::Plans, "Kế hoạch") }
            }
            { tab(Route::Completeness, "Tình hình nộp") }
            { tab(Route::Sections, "Đoàn thể") }
            if office {
                { tab(Route::Reports, "Báo cáo") }
            }
            { tab(Route::Due, "Việc cần làm") }
        </nav>
    }
}
