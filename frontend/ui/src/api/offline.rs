//! The service worker's copies of API answers (`frontend/static/sw.js`
//! keeps every successful read in the cache `tonghop-data`, and answers from
//! it when the phone is offline). The app adds the answer of each save, so
//! that a form reopened offline shows the figures last saved rather than
//! those last read, and empties the cache when the user changes.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, Response, ResponseInit};

/// The cache's name, shared with `sw.js`.
pub const DATA_CACHE: &str = "tonghop-data";

/// Keeps `body` as the answer to `GET /api/v1{path}`. Best effort: without
/// a service worker (or with storage refused) there is nothing to keep.
pub fn remember(path: &str, body: &str) {
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else { return };
    let (url, body) = (format!("{}{path}", super::client::BASE), body.to_owned());
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(cache) = JsFuture::from(caches.open(DATA_CACHE)).await else { return };
        let cache: Cache = cache.unchecked_into();
        let init = ResponseInit::new();
        init.set_status(200);
        let Ok(response) = Response::new_with_opt_str_and_init(Some(&body), &init) else { return };
        let _ = response.headers().set("Content-Type", "application/json");
        let _ = JsFuture::from(cache.put_with_str(&url, &response)).await;
    });
}

/// Forgets every kept answer (logout, another user), so that the next user
/// of this phone never sees the previous one's figures. Awaited before the
/// next user's first read, which it would otherwise race.
pub async fn forget_all() {
    if let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) {
        let _ = JsFuture::from(caches.delete(DATA_CACHE)).await;
    }
}
