//! The office's navigation: every tab on screen (they wrap onto a second row
//! on a phone rather than hide off its edge), the current one marked, and
//! «Mã truy cập API» in the header's menu.

use tonghop_shared::api::Role;
use tonghop_ui::router::*;
use yew::prelude::*;

use crate::app::Route;

/// The tab a route belongs to.
fn section(route: &Route) -> Route {
    match route {
        Route::Home => Route::Overview,
        Route::DashboardPeriod { .. } | Route::DashboardIndicator { .. } => Route::Dashboard,
        Route::SectionsPeriod { .. } | Route::Section { .. } => Route::Sections,
        Route::Report { .. } | Route::ReportTemplates => Route::Reports,
        // A unit's month is opened from the overview's cards.
        Route::Form { .. } => Route::Overview,
        other => other.clone(),
    }
}

/// What the office app adds to the header: «Ngày nghỉ lễ» and «Mã truy cập
/// API» in the menu (a village never needs them, an upper level's script
/// does the second), and the tabs.
pub fn header(role: Role) -> (Html, Html) {
    let menu = html! {
        <>
            <Link to={Route::Holidays} classes="menu-item">{ "Ngày nghỉ lễ" }</Link>
            <Link to={Route::Tokens} classes="menu-item">{ "Mã truy cập API" }</Link>
        </>
    };
    (menu, html! { <Tabs {role} /> })
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
    let tab = |to: Route, label: &'static str| {
        let active = section(&route) == to;
        html! { <Link {to} classes={classes!("tab", active.then_some("active"))} current={active}>{ label }</Link> }
    };
    let office = matches!(props.role, Role::Commune | Role::Admin);
    html! {
        <nav class="tabs" aria-label="Các mục">
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
