//! Conditional GET for every JSON read: a strong `ETag` over the body, and
//! 304 Not Modified when `If-None-Match` names it, so a script pulling
//! unchanged reference data, totals or lists every night receives nothing
//! but headers. Answers that set their own tag (a streamed CSV, the app's
//! files) and answers that are not JSON pass through untouched.
//!
//! The body is still computed: the tag is a hash of it, so it can never
//! claim "unchanged" for an answer that changed. `/data/values` sets its
//! own tags (`etag.rs`): a page's from its rows, a streamed CSV's from
//! a fingerprint of what it covers, taken before the body goes out.

use actix_web::Error;
use actix_web::body::{self, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_TYPE, ETAG};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;

use super::etag::Etag;

/// The middleware (`actix_web::middleware::from_fn(conditional::etags)`).
pub async fn etags(req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<BoxBody>, Error> {
    let read = matches!(*req.method(), Method::GET | Method::HEAD);
    let response = next.call(req).await?;
    let json = response.headers().get(CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !read || response.status() != StatusCode::OK || !json || response.headers().contains_key(ETAG) {
        return Ok(response.map_into_boxed_body());
    }
    let (request, response) = response.into_parts();
    let (head, payload) = response.into_parts();
    let bytes = body::to_bytes(payload).await.map_err(|_| actix_web::error::ErrorInternalServerError("reading the answer"))?;
    let tag = Etag::of_bytes(&bytes);
    let answer = if tag.matches(&request) {
        tag.not_modified()
    } else {
        let mut answer = head.set_body(BoxBody::new(bytes));
        // A tag is quoted base64, always a header value; without one the
        // answer is still right, only not revalidated.
        if let Ok(value) = tag.header().to_string().parse() {
            answer.headers_mut().insert(ETAG, value);
        }
        answer
    };
    Ok(ServiceResponse::new(request, answer))
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::IF_NONE_MATCH;
    use actix_web::middleware::from_fn;
    use actix_web::{App, HttpResponse, test, web};

    use super::*;

    #[actix_web::test]
    async fn json_reads_get_a_tag_and_304_and_everything_else_passes() {
        let app = test::init_service(
            App::new()
                .wrap(from_fn(etags))
                .route("/json", web::get().to(|| async { HttpResponse::Ok().json(serde_json::json!({"a": 1})) }))
                .route("/text", web::get().to(|| async { HttpResponse::Ok().body("plain") }))
                .route("/json", web::post().to(|| async { HttpResponse::Ok().json(serde_json::json!({"a": 1})) })),
        )
        .await;

        let first = test::call_service(&app, test::TestRequest::get().uri("/json").to_request()).await;
        let tag = first.headers().get(ETAG).expect("a tag").to_str().unwrap().to_owned();
        assert_eq!(test::read_body(first).await, r#"{"a":1}"#);
        let again =
            test::call_service(&app, test::TestRequest::get().uri("/json").insert_header((IF_NONE_MATCH, tag.clone())).to_request()).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert!(test::read_body(again).await.is_empty());
        let other =
            test::call_service(&app, test::TestRequest::get().uri("/json").insert_header((IF_NONE_MATCH, "\"old\"")).to_request()).await;
        assert_eq!(other.status(), StatusCode::OK);
        let text = test::call_service(&app, test::TestRequest::get().uri("/text").to_request()).await;
        assert!(!text.headers().contains_key(ETAG));
        let post = test::call_service(&app, test::TestRequest::post().uri("/json").to_request()).await;
        assert!(!post.headers().contains_key(ETAG));
    }
}
