//! A method an API path does not take is a 405 with `Allow`, not a 404.
//!
//! Each handler is its own actix resource with a method guard, so a request
//! whose method no handler takes falls through to the default service. The
//! paths and their methods are read from the OpenAPI document, which comes
//! from the same annotations as the routes, so the answer cannot drift
//! from what is registered.

use std::sync::OnceLock;

use utoipa::openapi::path::PathItem;

use crate::error::ApiError;

/// Each documented path, split into its segments (`None` for a
/// `{parameter}`), with the methods it takes, as `Allow` writes them.
fn routes() -> &'static [(Vec<Option<String>>, String)] {
    static ROUTES: OnceLock<Vec<(Vec<Option<String>>, String)>> = OnceLock::new();
    ROUTES.get_or_init(|| {
        crate::startup::openapi()
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path.split('/').map(|s| (!s.starts_with('{')).then(|| s.to_owned())).collect();
                (segments, methods(item).join(", "))
            })
            .collect()
    })
}

fn methods(item: &PathItem) -> Vec<&'static str> {
    [
        ("GET", item.get.is_some()),
        ("HEAD", item.head.is_some()),
        ("POST", item.post.is_some()),
        ("PUT", item.put.is_some()),
        ("PATCH", item.patch.is_some()),
        ("DELETE", item.delete.is_some()),
    ]
    .into_iter()
    .filter_map(|(method, taken)| taken.then_some(method))
    .collect()
}

/// The 405 for a request to a documented path by a method that it does not
/// take; `None` when no documented path matches or the path takes the
/// method. A path with fewer parameters wins (`/reports/draft.docx` over
/// `/reports/{id}`), as the router matches it.
pub fn not_allowed(path: &str, method: &actix_web::http::Method) -> Option<ApiError> {
    let segments: Vec<&str> = path.split('/').collect();
    let (_, allow) = routes()
        .iter()
        .filter(|(pattern, _)| {
            pattern.len() == segments.len() && pattern.iter().zip(&segments).all(|(p, s)| p.as_deref().map_or(!s.is_empty(), |p| p == *s))
        })
        .min_by_key(|(pattern, _)| pattern.iter().filter(|p| p.is_none()).count())?;
    let taken = allow.split(", ").any(|m| m == method.as_str());
    (!taken).then(|| ApiError::MethodNotAllowed { allow: allow.clone() })
}
