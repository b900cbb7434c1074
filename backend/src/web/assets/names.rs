//! What a file's name says about how it is sent: its media type, whether it
//! is worth compressing, and how long a browser may keep it.
//!
//! `cargo xtask build-frontend` names every file whose content changes
//! between builds `<stem>-<16 hex digits>.<ext>`, the digits a hash of the
//! content: a new build is a new name, so such a file can be kept for a year
//! without asking. The files the browser must find under a fixed name
//! (`index.html`, `sw.js`, the manifest, the icons) are revalidated on every
//! use instead.

use actix_web::http::header::{CacheControl, CacheDirective};

/// A year, the longest `max-age` caches are asked to honour.
const A_YEAR: u32 = 365 * 24 * 60 * 60;

/// The `Content-Type` of a file.
pub fn content_type(path: &str) -> &'static str {
    match extension(path) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether the file is text-like, so that the build writes `.br` and `.gz`
/// forms beside it and its answer varies with `Accept-Encoding`.
pub fn is_compressible(path: &str) -> bool {
    matches!(extension(path), Some("html" | "js" | "mjs" | "wasm" | "css" | "webmanifest" | "json" | "svg"))
}

/// Whether the name carries a content hash: `<stem>-<16 lowercase hex>.<ext>`.
pub fn is_hashed(path: &str) -> bool {
    let name = file_name(path);
    let Some((before, _)) = name.rsplit_once('.') else { return false };
    let Some((stem, hash)) = before.rsplit_once('-') else { return false };
    !stem.is_empty() && hash.len() == 16 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `Cache-Control`: a year and `immutable` for a hashed name, `no-cache`
/// (keep, but ask with the entity tag before each use) for the others. The
/// service worker is never kept without asking, whatever its name: a
/// browser that cached it for a year would not see a new app for a year.
pub fn cache_control(path: &str) -> CacheControl {
    if is_hashed(path) && !is_service_worker(path) {
        CacheControl(vec![CacheDirective::Public, CacheDirective::MaxAge(A_YEAR), CacheDirective::Extension("immutable".into(), None)])
    } else {
        CacheControl(vec![CacheDirective::NoCache])
    }
}

/// Whether a request path names a file (its last segment has an extension)
/// rather than a route of the app.
pub fn looks_like_file(path: &str) -> bool {
    file_name(path).contains('.')
}

fn is_service_worker(path: &str) -> bool {
    let name = file_name(path);
    name == "sw.js" || name.starts_with("sw-")
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn extension(path: &str) -> Option<&str> {
    file_name(path).rsplit_once('.').map(|(_, ext)| ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_with_a_content_hash_are_immutable() {
        let immutable = "public, max-age=31536000, immutable";
        assert_eq!(cache_control("reporter_bg-0123456789abcdef.wasm").to_string(), immutable);
        assert_eq!(cache_control("office-fedcba9876543210.js").to_string(), immutable);
        assert_eq!(cache_control("assets/style-0011223344556677.css").to_string(), immutable);
        for fixed in [
            "index.html",
            "sw.js",
            "manifest.webmanifest",
            "icons/icon-192.png",
            "style-0123456789ABCDEF.css",
            "style-0123456789abcde.css",
            "-0123456789abcdef.js",
            "sw-0123456789abcdef.js",
        ] {
            assert_eq!(cache_control(fixed).to_string(), "no-cache", "{fixed}");
        }
    }

    #[test]
    fn media_types_are_those_browsers_insist_on() {
        assert_eq!(content_type("reporter_bg-0123456789abcdef.wasm"), "application/wasm");
        assert_eq!(content_type("sw.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("manifest.webmanifest"), "application/manifest+json");
        assert_eq!(content_type("icons/icon-512.png"), "image/png");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert!(is_compressible("style-0123456789abcdef.css"));
        assert!(!is_compressible("icons/icon-512.png"));
    }

    #[test]
    fn a_route_of_the_app_is_not_a_file() {
        assert!(!looks_like_file("form/12/1/2026-06"));
        assert!(!looks_like_file("dashboard"));
        assert!(!looks_like_file(""));
        assert!(looks_like_file("reporter_bg-0123456789abcdef.wasm"));
        assert!(looks_like_file("old/app.js"));
    }
}
