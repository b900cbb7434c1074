//! How actix's extractors answer what they refuse: in the API's one error
//! shape ([`ApiError`]), not actix's plain text. Registered once in
//! `startup.rs`.

use crate::error::ApiError;

/// Answers malformed JSON bodies with the API's error shape (400) instead of
/// actix's plain text.
pub fn json_config() -> actix_web::web::JsonConfig {
    actix_web::web::JsonConfig::default().limit(1 << 20).error_handler(|err, _req| ApiError::BadRequest(err.to_string()).into())
}

/// The same for path parameters.
pub fn path_config() -> actix_web::web::PathConfig {
    // A literal path (`/reports/draft.docx`) can be taken for a parameter of
    // another method's route (`PUT /reports/{id}`): that is a 405, not a 400.
    actix_web::web::PathConfig::default().error_handler(|err, req| {
        crate::web::methods::not_allowed(req.path(), req.method()).unwrap_or_else(|| ApiError::BadRequest(err.to_string())).into()
    })
}

/// The same for query strings.
pub fn query_config() -> actix_web::web::QueryConfig {
    actix_web::web::QueryConfig::default().error_handler(|err, _req| ApiError::BadRequest(err.to_string()).into())
}
