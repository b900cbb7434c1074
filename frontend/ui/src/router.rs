//! The address bar as a [`Route`]: a provider that follows the History API,
//! links, and navigation from code. The same names as yew-router's
//! (`Link`, `use_navigator`, `Redirect`), so pages read as before.
//!
//! Hand-written rather than yew-router: the apps need paths to routes and
//! back, push, replace and the back button, nothing more; yew-router with
//! gloo-history, route-recognizer and their serde and URL-encoding code took
//! about 30 KB of the reporter's wasm before compression (`cargo xtask size`),
//! a tenth of the phone's download.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::route::Route;

/// The path the browser shows now.
fn current() -> Route {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "/".into());
    Route::recognize(&path)
}

/// What the provider hands down: the current route and the way to change it.
#[derive(Clone, PartialEq)]
struct RouterContext {
    route: Rc<Route>,
    navigator: Navigator,
}

/// Moves the app to another address.
#[derive(Clone)]
pub struct Navigator {
    set: Rc<dyn Fn(Route)>,
}

/// Every navigator of one provider does the same.
impl PartialEq for Navigator {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl Navigator {
    /// Opens `route` as a new entry of the history (the back button returns).
    pub fn push(&self, route: &Route) {
        self.go(route, false);
    }

    /// Opens `route` in place of the current entry.
    pub fn replace(&self, route: &Route) {
        self.go(route, true);
    }

    fn go(&self, route: &Route, replace: bool) {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let path = route.to_path();
            let _ = if replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&path))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(&path))
            };
        }
        (self.set)(route.clone());
    }
}

/// Props of [`Router`].
#[derive(Properties, PartialEq)]
pub struct RouterProps {
    /// The app.
    pub children: Html,
}

/// Follows the address bar (including the back and forward buttons) and
/// lets the pages inside read and change it.
#[component]
pub fn Router(props: &RouterProps) -> Html {
    let route = use_state(current);
    let navigator = {
        let route = route.setter();
        use_memo((), move |_| Navigator { set: Rc::new(move |next| route.set(next)) })
    };
    {
        let route = route.setter();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let listener = Closure::<dyn Fn()>::new(move || route.set(current()));
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = &window {
                    let _ = window.remove_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    let context = RouterContext { route: Rc::new((*route).clone()), navigator: (*navigator).clone() };
    html! {
        <ContextProvider<RouterContext> {context}>{ props.children.clone() }</ContextProvider<RouterContext>>
    }
}

/// The current route (`Route::NotFound` outside a [`Router`]).
#[hook]
pub fn use_route() -> Route {
    use_context::<RouterContext>().map(|c| (*c.route).clone()).unwrap_or(Route::NotFound)
}

/// The way to change the route, inside a [`Router`].
#[hook]
pub fn use_navigator() -> Option<Navigator> {
    use_context::<RouterContext>().map(|c| c.navigator)
}

/// Props of [`Link`].
#[derive(Properties, PartialEq)]
pub struct LinkProps {
    /// Where it leads.
    pub to: Route,
    /// CSS classes of the `<a>`.
    #[prop_or_default]
    pub classes: Classes,
    /// What it shows.
    #[prop_or_default]
    pub children: Html,
    /// Whether it leads to the page shown (`aria-current="page"`).
    #[prop_or_default]
    pub current: bool,
}

/// A link within the app: a real `<a href>` (a long press, a new tab and a
/// reader all see the address), opened in place by a plain tap.
#[component]
pub fn Link(props: &LinkProps) -> Html {
    let navigator = use_navigator();
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |e: MouseEvent| {
            let plain = e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key());
            if let (true, Some(navigator)) = (plain, &navigator) {
                e.prevent_default();
                navigator.push(&to);
            }
        })
    };
    let current = props.current.then_some("page");
    html! { <a href={props.to.to_path()} class={props.classes.clone()} aria-current={current} {onclick}>{ props.children.clone() }</a> }
}

/// Props of [`Redirect`].
#[derive(Properties, PartialEq)]
pub struct RedirectProps {
    /// Where to go instead.
    pub to: Route,
}

/// Replaces the current address by `to` once rendered (an address that
/// cannot be shown leaves no entry behind to go back to).
#[component]
pub fn Redirect(props: &RedirectProps) -> Html {
    let navigator = use_navigator();
    use_effect_with(props.to.clone(), move |to| {
        if let Some(navigator) = navigator {
            navigator.replace(to);
        }
    });
    html! {}
}
