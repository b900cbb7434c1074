//! Mounting an app: the session, the router, the login screen in place of
//! any page while nobody is logged in, and the hand-over to the other app.
//!
//! The guard keeps the address: after logging in (again) the user is back on
//! the page they were on, with what they had typed restored from
//! localStorage.
//!
//! Which app a browser loads is decided by `index.html` before any wasm is
//! fetched: a stored reporter session, or no session at an address that is
//! not an office screen, loads the reporter app; everything else the office
//! app. When a login here turns out to belong to the other app, the page is
//! reloaded and `index.html` loads that one.
//!
//! The outbox ([`crate::outbox`]) sits inside the session, so that what is
//! queued is delivered as soon as its user is logged in.

use crate::router::*;
use tonghop_shared::api::Role;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::api;
use crate::components::header::Header;
use crate::components::loading::loading;
use crate::outbox::OutboxProvider;
use crate::pages::login::LoginPage;
use crate::route::Route;
use crate::session::{self, SessionAction, SessionProvider, use_session};

/// The two apps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppKind {
    /// Villages and mass organisations: due list, forms, sections.
    Reporter,
    /// The commune office, upper levels and administrators.
    Office,
}

impl AppKind {
    /// The app a role uses.
    pub fn of(role: Role) -> AppKind {
        if role == Role::Reporter { AppKind::Reporter } else { AppKind::Office }
    }
}

/// Props of [`AppShell`].
#[derive(Properties)]
pub struct AppShellProps {
    /// Which app this is.
    pub app: AppKind,
    /// The page for an address, for a logged-in user of this app.
    pub switch: fn(Route, Role) -> Html,
    /// What the app adds to the header: buttons beside «Đăng xuất», and a
    /// navigation row below.
    #[prop_or_default]
    pub header: Option<fn(Role) -> (Html, Html)>,
}

/// An app's functions are fixed when it is mounted: only the app tells two
/// props apart (comparing function pointers means nothing).
impl PartialEq for AppShellProps {
    fn eq(&self, other: &Self) -> bool {
        self.app == other.app
    }
}

/// The whole app.
#[component]
pub fn AppShell(props: &AppShellProps) -> Html {
    html! {
        <SessionProvider>
            <OutboxProvider>
                <Router>
                    <Shell app={props.app} switch={props.switch} header={props.header} />
                </Router>
            </OutboxProvider>
        </SessionProvider>
    }
}

/// Login screen, or header + page.
#[component]
fn Shell(props: &AppShellProps) -> Html {
    let session = use_session();
    let route = use_route();
    let logged_in = session.user.is_some();
    // A session restored from storage: fresh user details, and an early look
    // at whether it still holds. A login just made brought both (one request
    // less on a weak line), so a change to logged in asks nothing.
    let mounting = use_mut_ref(|| true);
    use_effect_with(logged_in, {
        let session = session.clone();
        move |logged_in| {
            let restored = std::mem::replace(&mut *mounting.borrow_mut(), false);
            if *logged_in && restored {
                wasm_bindgen_futures::spawn_local(async move {
                    // A refused session is said by the API layer itself.
                    if let Ok(user) = api::me().await {
                        session.dispatch(SessionAction::Refreshed(user));
                    }
                });
            }
        }
    });
    let Some(role) = session.role() else {
        return html! { <main class="page"><LoginPage /></main> };
    };
    if AppKind::of(role) != props.app {
        return hand_over();
    }
    let (actions, nav) = props.header.map(|header| header(role)).unwrap_or_default();
    html! {
        <>
            <Header {actions}>{ nav }</Header>
            <main class="page">
                { (props.switch)(route, role) }
            </main>
        </>
    }
}

/// Reloads the page so that `index.html` loads the user's app, once the
/// session it decides by is stored. Without storage it could not decide, and
/// a reload would come back here: say so instead.
fn hand_over() -> Html {
    if session::is_stored() {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
        return loading();
    }
    html! {
        <main class="page">
            <p class="empty">{ "Trình duyệt này không cho lưu phiên đăng nhập, nên không mở được màn hình dành cho tài khoản này. Hãy tắt chế độ ẩn danh rồi đăng nhập lại." }</p>
        </main>
    }
}

/// Mounts an app on `#app` (index.html shows «Đang tải…» there until now).
pub fn mount(app: AppKind, switch: fn(Route, Role) -> Html, header: Option<fn(Role) -> (Html, Html)>) {
    let document = web_sys::window().and_then(|w| w.document()).expect_throw("no document");
    let root = document.get_element_by_id("app").expect_throw("index.html has no #app");
    root.set_inner_html("");
    yew::Renderer::<AppShell>::with_root_and_props(root, AppShellProps { app, switch, header }).render();
}
