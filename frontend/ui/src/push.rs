//! Notifications on this phone (the menu's «Bật thông báo»): the browser's
//! side is `frontend/static/push.js` (permission, the push manager, the
//! subscription's JSON), imported by `window.tonghopPush(name)` of
//! `index.html` when first needed: a handful of browser calls that would
//! cost the wasm kilobytes of bindings and every page load its bytes. What
//! is decided, and every call to the server, is here.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::api;

/// Where this browser stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushState {
    /// No Web Push here (an old browser, an iPhone outside the home screen).
    Unsupported,
    /// The user blocked notifications for the site in the browser.
    Denied,
    /// Not subscribed.
    Off,
    /// Subscribed.
    On,
}

/// Calls push.js's `name()` through `tonghopPush(name)` and waits for it.
async fn call(name: &str) -> Result<JsValue, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let load: Function = Reflect::get(&window, &JsValue::from_str("tonghopPush"))?.dyn_into()?;
    let promise: Promise = load.call1(&JsValue::NULL, &JsValue::from_str(name))?.dyn_into()?;
    JsFuture::from(promise).await
}

/// This browser's state.
pub async fn state() -> PushState {
    match call("state").await.ok().and_then(|s| s.as_string()).as_deref() {
        Some("on") => PushState::On,
        Some("off") => PushState::Off,
        Some("denied") => PushState::Denied,
        _ => PushState::Unsupported,
    }
}

/// Turns notifications on (asks the browser's permission, subscribes with
/// the server's key, has the server keep the subscription) or off
/// (unsubscribes, has the server forget it; the browser's side is done even
/// when the server cannot be told, offline: its push service then answers
/// the server's next push with 410, and the server forgets it itself). The
/// error is what to tell the user.
pub async fn set(on: bool) -> Result<(), String> {
    let unsupported = || "Trình duyệt này không nhận được thông báo".to_owned();
    let answer = call(if on { "subscribe" } else { "unsubscribe" }).await.map_err(|error| {
        match Reflect::get(&error, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()).as_deref() {
            Some("denied") => "Trình duyệt chưa cho phép thông báo: bật lại trong phần cài đặt trang web".to_owned(),
            _ => unsupported(),
        }
    })?;
    let result = match (on, answer.as_string()) {
        (true, Some(subscription)) => api::push::subscribe(&subscription).await,
        (false, Some(endpoint)) => api::push::unsubscribe(&endpoint).await,
        (true, None) => return Err(unsupported()),
        (false, None) => Ok(()),
    };
    result.map_err(|e| e.message())
}
