//! The single-page app, embedded in the binary at build time (see
//! `build.rs`), served at the site root. Paths that are not files get
//! `index.html`, so the app's own routes work on reload.

use actix_web::http::header::{self, CacheControl, CacheDirective};
use actix_web::{HttpRequest, HttpResponse};

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// Shown when the server was built before the app.
const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>tonghop</title>\
<p>Ứng dụng web chưa được dựng. Chạy <code>cargo xtask run</code> (xem README).</p>";

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("json") | Some("webmanifest") => "application/json",
        _ => "application/octet-stream",
    }
}

/// Whether the app is embedded.
pub fn app_is_built() -> bool {
    ASSETS.iter().any(|(name, _)| *name == "index.html")
}

fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("gzip")))
}

/// Serves an embedded file, or `index.html` for app routes.
pub async fn serve(req: HttpRequest) -> HttpResponse {
    let path = req.path().trim_start_matches('/');
    if path.starts_with("api/") {
        return actix_web::ResponseError::error_response(&crate::error::ApiError::NotFound);
    }
    if let Some((name, body)) = ASSETS.iter().find(|(name, _)| *name == path && !path.is_empty()) {
        let mut response = HttpResponse::Ok();
        // File names do not change between builds, so clients revalidate.
        response.content_type(content_type(name)).insert_header(CacheControl(vec![CacheDirective::NoCache]));
        response.insert_header((header::VARY, "Accept-Encoding"));
        // Sent as compressed at build time when the browser takes gzip.
        if accepts_gzip(&req) {
            let gz = format!("{name}.gz");
            if let Some((_, compressed)) = ASSETS.iter().find(|(n, _)| *n == gz) {
                return response.insert_header((header::CONTENT_ENCODING, "gzip")).body(*compressed);
            }
        }
        return response.body(*body);
    }
    let index = ASSETS.iter().find(|(name, _)| *name == "index.html").map_or(NOT_BUILT.as_bytes(), |(_, body)| *body);
    HttpResponse::Ok().content_type("text/html; charset=utf-8").insert_header((header::CACHE_CONTROL, "no-cache")).body(index)
}
