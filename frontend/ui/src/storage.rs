//! The browser's `localStorage`, holding values as JSON text (the same
//! entries gloo-storage wrote, so what a phone stored before still reads).
//! A browser that refuses storage (private mode, full, disabled) reads as
//! empty and reports a failed write.

use serde::Serialize;
use serde::de::DeserializeOwned;

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The value stored under `key`, if there is one and it reads as a `T`.
pub fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = local()?.get_item(key).ok()??;
    crate::json::from_str(&text).ok()
}

/// Stores `value` under `key`; `false` when the browser refused.
pub fn set<T: Serialize + ?Sized>(key: &str, value: &T) -> bool {
    let Ok(text) = serde_json::to_string(value) else { return false };
    local().is_some_and(|storage| storage.set_item(key, &text).is_ok())
}

/// Removes what is stored under `key`.
pub fn delete(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}
