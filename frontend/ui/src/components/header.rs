//! The top bar: who is logged in, and a menu with what the app adds,
//! notifications on this phone, and logging out.

use crate::router::*;
use yew::prelude::*;

use crate::components::offline_bar::OfflineBar;
use crate::components::push_toggle::PushToggle;
use crate::route::Route;
use crate::session::{SessionAction, use_session};

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// What the app adds to the menu, above «Đăng xuất» (links or buttons).
    #[prop_or_default]
    pub actions: Html,
    /// A row below, e.g. the office's tabs. It scrolls away with the page;
    /// only the bar with the user stays on top.
    #[prop_or_default]
    pub children: Html,
}

/// The user's name and unit in full, and a menu (☰) with what is rarely
/// needed: what the app adds, and «Đăng xuất».
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let menu = use_node_ref();
    let bar = use_node_ref();
    // The notification toggle asks the browser only once the menu is opened.
    let opened = use_state(|| false);
    // What sticks under the bar (a grid's month headings) needs its height,
    // which the name's length and the offline notice change.
    use_effect({
        let bar = bar.clone();
        move || {
            if let Some(bar) = bar.cast::<web_sys::HtmlElement>() {
                let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
                if let Some(root) = root.and_then(|r| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(r).ok()) {
                    let _ = root.style().set_property("--header-h", &format!("{}px", bar.offset_height()));
                }
            }
        }
    });
    let Some(user) = session.user.clone() else { return html! {} };
    let logout = {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| {
            let session = session.clone();
            let navigator = navigator.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // This phone no longer hears of this account (best effort: offline, the push service tells the server later).
                let _ = crate::push::set(false).await;
                crate::api::logout().await;
                session.dispatch(SessionAction::LoggedOut);
                if let Some(navigator) = navigator {
                    navigator.push(&Route::Home);
                }
            });
        })
    };
    // A choice made in the menu closes it (a link changes the page, not the document).
    let close = {
        let menu = menu.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(menu) = menu.cast::<web_sys::HtmlDetailsElement>() {
                menu.set_open(false);
            }
        })
    };
    html! {
        <>
            <header class="app-header" ref={bar}>
                <div class="app-header-top">
                    <Link to={Route::Home} classes="brand">{ "Tổng hợp" }</Link>
                    <Link to={Route::Home} classes="who">
                        <span class="who-name" data-testid="user-name">{ &user.display_name }</span>
                        <span class="who-unit">{ &user.unit.name }</span>
                    </Link>
                    <details class="menu" ref={menu} ontoggle={{
                        let opened = opened.clone();
                        Callback::from(move |_: Event| opened.set(true))
                    }}>
                        <summary class="button button-small header-icon" data-testid="menu" aria-label="Trình đơn">
                            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor"
                                stroke-width="2.2" stroke-linecap="round">
                                <path d="M4 6h16M4 12h16M4 18h16" />
                            </svg>
                        </summary>
                        <div class="menu-list" onclick={close}>
                            { props.actions.clone() }
                            if *opened {
                                <PushToggle />
                            }
                            <button type="button" class="menu-item" data-testid="logout" onclick={logout}>{ "Đăng xuất" }</button>
                        </div>
                    </details>
                </div>
                <OfflineBar />
            </header>
            { props.children.clone() }
        </>
    }
}
