//! The top bar: who is logged in, where to go, and logging out.

use tonghop_shared::api::Role;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::session::{SessionAction, use_session};

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

/// App name, navigation for commune users, the user and unit, "Đăng xuất".
#[component]
pub fn Header() -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let route = use_route::<Route>();
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
        let active = route.as_ref().map(section) == Some(to.clone());
        html! { <Link<Route> {to} classes={classes!("tab", active.then_some("active"))}>{ label }</Link<Route>> }
    };
    let Some(user) = session.user.clone() else { return html! {} };
    let logout = {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| {
            let session = session.clone();
            let navigator = navigator.clone();
            wasm_bindgen_futures::spawn_local(async move {
                crate::api::logout().await;
                session.dispatch(SessionAction::LoggedOut);
                if let Some(navigator) = navigator {
                    navigator.push(&Route::Home);
                }
            });
        })
    };
    html! {
        <header class="app-header">
            <div class="app-header-top">
                <Link<Route> to={Route::Home} classes="brand">{ "Tổng hợp" }</Link<Route>>
                <Link<Route> to={Route::Home} classes="who">
                    <span class="who-name" data-testid="user-name">{ &user.display_name }</span>
                    <span class="who-unit">{ &user.unit.name }</span>
                </Link<Route>>
                <Link<Route> to={Route::Tokens} classes="button button-small header-icon">
                    // A key: «Mã truy cập API». An icon, so the user's name keeps its room on a phone.
                    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor"
                        stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                        <circle cx="7.5" cy="15.5" r="4.5" /><path d="M10.7 12.3 20 3M16 7l3 3M14 9l2 2" />
                    </svg>
                    <span class="visually-hidden">{ "Mã truy cập API" }</span>
                </Link<Route>>
                <button type="button" class="button button-small" data-testid="logout" onclick={logout}>{ "Đăng xuất" }</button>
            </div>
            if user.role != Role::Reporter {
                <nav class="tabs" ref={nav}>
                    { tab(Route::Overview, "Tổng hợp") }
                    { tab(Route::Dashboard, "Chỉ tiêu") }
                    if matches!(user.role, Role::Commune | Role::Admin) {
                        { tab(Route::Plans, "Kế hoạch") }
                    }
                    { tab(Route::Completeness, "Tình hình nộp") }
                    { tab(Route::Sections, "Đoàn thể") }
                    if matches!(user.role, Role::Commune | Role::Admin) {
                        { tab(Route::Reports, "Báo cáo") }
                    }
                    { tab(Route::Due, "Việc cần làm") }
                </nav>
            }
        </header>
    }
}
