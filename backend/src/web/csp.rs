//! The Content-Security-Policy of every page tonghop serves, so that a
//! script slipped into the page (a unit name, a section's text shown
//! unescaped by some future bug) cannot run and read the refresh token the
//! app keeps in localStorage.
//!
//! - The app (`index.html` at every route): scripts only from the site
//!   itself, plus the page's one inline bootstrap script by its SHA-256
//!   (computed at build time, `backend/build.rs`); `'wasm-unsafe-eval'`
//!   to compile the wasm; no inline style, no inline handler, no plugin, no
//!   frame, no `<base>`, nothing from elsewhere. The inline script is kept
//!   (by hash) rather than moved to a file: on a slow line another file is
//!   another round trip before the app starts.
//! - Swagger UI (`/api/docs/`): its own files and the spec, with the inline
//!   styles and `data:` images it draws with.
//!
//! Added to every HTML answer that has none: the app's shell, the page shown
//! when the app is not built, Swagger UI.

use std::sync::LazyLock;

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, HeaderValue};
use actix_web::middleware::Next;

/// The app's policy.
pub static APP: LazyLock<String> = LazyLock::new(|| {
    let scripts = super::assets::SHELL_SCRIPT_HASHES.join(" ");
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {scripts}; style-src 'self'; img-src 'self'; \
         connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'; object-src 'none'"
    )
});

/// Swagger UI's policy.
pub const DOCS: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
     connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/// The policy for a page at `path`.
pub fn policy_for(path: &str) -> &'static str {
    if path.starts_with("/api/docs") { DOCS } else { APP.as_str() }
}

/// The middleware (`actix_web::middleware::from_fn(csp::policies)`).
pub async fn policies(req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let path = req.path().to_owned();
    let mut response = next.call(req).await?;
    let html = response.headers().get(CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if html && !response.headers().contains_key(CONTENT_SECURITY_POLICY) {
        response.headers_mut().insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy_for(&path)));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_runs_its_own_files_and_wasm_and_nothing_inline_but_its_bootstrap() {
        assert!(APP.contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(!APP.contains("unsafe-inline"));
        assert!(APP.contains("default-src 'none'"));
        assert_eq!(policy_for("/form/1/2/2026-06"), APP.as_str());
        assert_eq!(policy_for("/api/docs/"), DOCS);
    }
}
