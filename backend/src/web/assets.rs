//! The single-page app's files, embedded in the binary at build time
//! (`build.rs`) and sent so that a phone on a weak connection downloads each
//! of them once.
//!
//! - **Kept or asked.** A file whose name carries a content hash
//!   (`reporter_bg-0123456789abcdef.wasm`) never changes under that name: it
//!   is cached for a year, `immutable`, and costs no request on later
//!   visits. The files with fixed names (`index.html`, `sw.js`, the
//!   manifest, the icons) are `no-cache`: revalidated before each use with
//!   the entity tag computed at build time, so an unchanged one costs a 304
//!   and no body. The rules by name are in `names.rs`.
//! - **Compressed once, at the build's best.** A compressible file is sent
//!   as the brotli (q11) or gzip (-9) form `cargo xtask build-frontend`
//!   wrote beside it, chosen by actix's own `Accept-Encoding` negotiation
//!   (q-values first, then br before gzip; `identity` when neither is
//!   acceptable; 406 when nothing is). Each form has its own strong tag
//!   (`"<hash>"`, `"<hash>-br"`, `"<hash>-gzip"`), as their bytes differ;
//!   all are computed from the uncompressed content. The `Compress`
//!   middleware leaves an answer that has a `Content-Encoding` alone.
//! - **A missing file is a 404.** `/` and the app's routes (no extension in
//!   the last segment) get `index.html`, so a route works on reload. A path
//!   that names a file that is not embedded is a small plain 404, never
//!   `index.html`: a service worker asking for an old build's wasm would
//!   otherwise cache a page as wasm. `/api/…` stays the API's JSON 404.

mod names;

use actix_web::http::header::{self, AcceptEncoding, CacheControl, CacheDirective, ContentEncoding, Encoding, EntityTag, IfNoneMatch};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, ResponseError};

use crate::error::ApiError;

/// One file of the built app, with its compressed forms and its tag.
#[derive(Debug)]
pub struct Asset {
    /// Path below the site root, e.g. `icons/icon-192.png`.
    pub path: &'static str,
    /// The content as built.
    pub body: &'static [u8],
    /// The `.br` file written beside it, if any.
    pub br: Option<&'static [u8]>,
    /// The `.gz` file written beside it, if any.
    pub gzip: Option<&'static [u8]>,
    /// SHA-256 of `body`, the first 128 bits as hex.
    pub tag: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// Shown when the server was built before the app.
const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>tonghop</title>\
<p>Ứng dụng web chưa được dựng. Chạy <code>cargo xtask run</code> (xem README).</p>";

/// The app shell, sent for `/` and every route of the app.
const SHELL: &str = "index.html";

/// Whether the app is embedded.
pub fn app_is_built() -> bool {
    find(SHELL).is_some()
}

fn find(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|asset| asset.path == path)
}

/// Serves an embedded file, or `index.html` for the app's routes.
pub async fn serve(req: HttpRequest) -> HttpResponse {
    let path = req.path().trim_start_matches('/');
    if path == "api" || path.starts_with("api/") {
        return super::methods::not_allowed(req.path(), req.method()).unwrap_or(ApiError::NotFound).error_response();
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return HttpResponse::MethodNotAllowed().insert_header((header::ALLOW, "GET, HEAD")).finish();
    }
    if let Some(asset) = find(path) {
        return send(&req, asset);
    }
    if names::looks_like_file(path) {
        return HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .insert_header(CacheControl(vec![CacheDirective::NoStore]))
            .body("Không có tệp này.\n");
    }
    match find(SHELL) {
        Some(shell) => send(&req, shell),
        None => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header(CacheControl(vec![CacheDirective::NoCache]))
            .body(NOT_BUILT),
    }
}

/// One file, in the form the client accepts best, or 304 when the client's
/// copy of that form is current. HEAD gets the same headers: actix drops
/// the body and keeps its length.
fn send(req: &HttpRequest, asset: &'static Asset) -> HttpResponse {
    let compressible = names::is_compressible(asset.path);
    let Some((coding, body)) = choose_form(req, asset) else {
        let mut refusal = HttpResponse::NotAcceptable();
        if compressible {
            refusal.insert_header((header::VARY, "Accept-Encoding"));
        }
        let offered = [asset.br.map(|_| "br"), asset.gzip.map(|_| "gzip"), Some("identity")];
        let offered: Vec<&str> = offered.into_iter().flatten().collect();
        return refusal.content_type("text/plain; charset=utf-8").body(format!("Có: {}.\n", offered.join(", ")));
    };
    let tag = EntityTag::new_strong(match coding {
        ContentEncoding::Brotli => format!("{}-br", asset.tag),
        ContentEncoding::Gzip => format!("{}-gzip", asset.tag),
        _ => asset.tag.to_owned(),
    });
    let mut answer = HttpResponse::Ok();
    answer.insert_header(header::ETag(tag.clone())).insert_header(names::cache_control(asset.path));
    if compressible {
        answer.insert_header((header::VARY, "Accept-Encoding"));
    }
    if client_has(req, &tag) {
        return answer.status(StatusCode::NOT_MODIFIED).finish();
    }
    if coding != ContentEncoding::Identity {
        answer.insert_header(coding);
    }
    answer.content_type(names::content_type(asset.path)).body(body)
}

/// The coding and bytes to send, by actix's negotiation over the forms this
/// file has; `None` when the client accepts none of them.
fn choose_form(req: &HttpRequest, asset: &'static Asset) -> Option<(ContentEncoding, &'static [u8])> {
    let mut forms = vec![(Encoding::identity(), ContentEncoding::Identity, asset.body)];
    forms.extend(asset.br.map(|br| (Encoding::brotli(), ContentEncoding::Brotli, br)));
    forms.extend(asset.gzip.map(|gz| (Encoding::gzip(), ContentEncoding::Gzip, gz)));
    // A missing or unreadable header: the file as it is, as `Compress` does.
    let accepted = req.get_header::<AcceptEncoding>().unwrap_or(AcceptEncoding(Vec::new()));
    let chosen = accepted.negotiate(forms.iter().map(|(encoding, _, _)| encoding))?;
    forms.into_iter().find(|(encoding, _, _)| *encoding == chosen).map(|(_, coding, body)| (coding, body))
}

/// Whether `If-None-Match` names this tag (or is `*`). Weak comparison, as
/// RFC 9110 asks for `If-None-Match` (as `web::etag::Etag::matches`).
fn client_has(req: &HttpRequest, tag: &EntityTag) -> bool {
    match req.get_header::<IfNoneMatch>() {
        Some(IfNoneMatch::Any) => true,
        Some(IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(tag)),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    static FILE: Asset = Asset { path: "app-0123456789abcdef.js", body: b"raw", br: Some(b"br"), gzip: Some(b"gz"), tag: "t" };
    static PICTURE: Asset = Asset { path: "icons/icon-192.png", body: b"png", br: None, gzip: None, tag: "p" };

    fn form(accept: Option<&str>, asset: &'static Asset) -> Option<ContentEncoding> {
        let mut req = TestRequest::default();
        if let Some(accept) = accept {
            req = req.insert_header((header::ACCEPT_ENCODING, accept));
        }
        choose_form(&req.to_http_request(), asset).map(|(coding, _)| coding)
    }

    #[test]
    fn the_best_accepted_form_is_chosen() {
        use ContentEncoding::{Brotli, Gzip, Identity};
        assert_eq!(form(Some("gzip, deflate, br"), &FILE), Some(Brotli));
        assert_eq!(form(Some("gzip, deflate, br, zstd"), &FILE), Some(Brotli));
        assert_eq!(form(Some("gzip;q=1.0, br;q=0.5"), &FILE), Some(Gzip));
        assert_eq!(form(Some("br;q=0, gzip"), &FILE), Some(Gzip));
        assert_eq!(form(Some("gzip;q=0, br;q=0"), &FILE), Some(Identity));
        assert_eq!(form(Some("identity"), &FILE), Some(Identity));
        assert_eq!(form(Some("*"), &FILE), Some(Identity));
        assert_eq!(form(None, &FILE), Some(Identity));
        assert_eq!(form(Some("identity;q=0"), &FILE), None);
        assert_eq!(form(Some("gzip, br"), &PICTURE), Some(Identity));
    }
}
