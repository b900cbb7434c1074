//! Reading JSON into the app's types.
//!
//! In the browser the text is parsed by the browser's own `JSON.parse` and
//! the value handed to serde through `serde-wasm-bindgen`; serde_json's
//! parser, one copy of it for every type read, is then left out of the wasm
//! (measured: about 30 KB of the reporter's wasm before compression). Writing
//! JSON stays with `serde_json::to_string`, which is small. Outside the
//! browser (the unit tests) serde_json reads.
//!
//! Numbers arrive as the browser parsed them (f64): figures are read through
//! f64 either way (`Amount`'s own reading), and ids stay below 2^53.

use serde::de::DeserializeOwned;

/// The value `text` holds, or why not (for the log; users see their own message).
#[cfg(target_arch = "wasm32")]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|_| "không phải JSON".to_owned())?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// The value `text` holds, or why not.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}
