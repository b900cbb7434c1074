//! The top bar: who is logged in, what the app adds, and logging out.

use crate::router::*;
use yew::prelude::*;

use crate::components::offline_bar::OfflineBar;
use crate::route::Route;
use crate::session::{SessionAction, use_session};

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Buttons the app adds beside «Đăng xuất».
    #[prop_or_default]
    pub actions: Html,
    /// A row below, e.g. the office's tabs.
    #[prop_or_default]
    pub children: Html,
}

/// App name, the user and unit, "Đăng xuất", and what the app adds.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let session = use_session();
    let navigator = use_navigator();
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
                <Link to={Route::Home} classes="brand">{ "Tổng hợp" }</Link>
                <Link to={Route::Home} classes="who">
                    <span class="who-name" data-testid="user-name">{ &user.display_name }</span>
                    <span class="who-unit">{ &user.unit.name }</span>
                </Link>
                { props.actions.clone() }
                <button type="button" class="button button-small" data-testid="logout" onclick={logout}>{ "Đăng xuất" }</button>
            </div>
            { props.children.clone() }
            <OfflineBar />
        </header>
    }
}
