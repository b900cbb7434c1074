//! Entity tags and conditional GET (`If-None-Match` → 304), for any read
//! endpoint.
//!
//! A tag is a SHA-256 (first 128 bits, hex) over whatever the answer depends
//! on: the body itself ([`Etag::of_json`], exact, for bounded JSON answers) or
//! a fingerprint built with [`Fingerprint`] (the query and, say, the count and
//! latest change of the rows it covers) when the body is streamed and not
//! known before the headers go out. A fingerprint is only as exact as its
//! parts: each endpoint documents what changes its tag. Tags are sent strong;
//! `If-None-Match` compares them weakly, as RFC 9110 asks.
//!
//! Every JSON read is tagged by [`super::conditional`]; a handler computes
//! a tag itself only when it can do so more cheaply than hashing its body,
//! or when its body is streamed (`/data/values`).

use actix_web::http::header::{self, EntityTag, IfNoneMatch};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, HttpResponseBuilder};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};

/// A strong entity tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Etag(EntityTag);

impl Etag {
    /// The tag of some bytes.
    pub fn of_bytes(bytes: &[u8]) -> Self {
        let mut f = Fingerprint::new("bytes");
        f.add(bytes);
        f.finish()
    }

    /// The tag of a value as JSON.
    pub fn of_json<T: Serialize>(value: &T) -> ApiResult<Self> {
        Ok(Self::of_bytes(&serde_json::to_vec(value).map_err(|e| ApiError::Internal(e.into()))?))
    }

    /// The header value, e.g. `"3f2a…"`.
    pub fn header(&self) -> header::ETag {
        header::ETag(self.0.clone())
    }

    /// Whether the request's `If-None-Match` names this tag (or `*`), so
    /// the client's copy is current. Weak comparison, as RFC 9110 asks for
    /// `If-None-Match`.
    pub fn matches(&self, req: &HttpRequest) -> bool {
        match req.get_header::<IfNoneMatch>() {
            Some(IfNoneMatch::Any) => true,
            Some(IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(&self.0)),
            None => false,
        }
    }

    /// 304 with this tag, no body.
    pub fn not_modified(&self) -> HttpResponse {
        HttpResponse::NotModified().insert_header(self.header()).finish()
    }

    /// A 200 builder already carrying the tag, to add the body to; `None`
    /// when the client's copy is current: answer [`Etag::not_modified`].
    pub fn fresh(&self, req: &HttpRequest) -> Option<HttpResponseBuilder> {
        if self.matches(req) {
            return None;
        }
        let mut ok = HttpResponse::Ok();
        ok.insert_header(self.header());
        Some(ok)
    }
}

/// Builds a tag from parts. Each part is length-prefixed, so `("ab", "c")`
/// and `("a", "bc")` differ.
pub struct Fingerprint(Sha256);

impl Fingerprint {
    /// Starts a fingerprint; `domain` keeps tags of different endpoints apart.
    pub fn new(domain: &str) -> Self {
        let mut f = Self(Sha256::new());
        f.add(domain.as_bytes());
        f
    }

    /// Adds a part.
    pub fn add(&mut self, part: &[u8]) -> &mut Self {
        self.0.update((part.len() as u64).to_le_bytes());
        self.0.update(part);
        self
    }

    /// Adds a part written as text.
    pub fn add_display(&mut self, part: impl std::fmt::Display) -> &mut Self {
        self.add(part.to_string().as_bytes())
    }

    /// The tag.
    pub fn finish(self) -> Etag {
        let digest = self.0.finalize();
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        Etag(EntityTag::new_strong(hex))
    }

    /// The first 64 bits as hex: a short hash (for a cursor's filters).
    pub fn short(self) -> String {
        self.0.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn a_matching_tag_gives_304_and_another_does_not() {
        let tag = Etag::of_bytes(b"{\"a\":1}");
        let other = Etag::of_bytes(b"{\"a\":2}");
        assert_ne!(tag, other);
        let req = TestRequest::default().insert_header((header::IF_NONE_MATCH, tag.0.to_string())).to_http_request();
        assert!(tag.matches(&req));
        assert!(!other.matches(&req));
        let weak = TestRequest::default().insert_header((header::IF_NONE_MATCH, format!("W/{}", tag.0))).to_http_request();
        assert!(tag.matches(&weak));
        let any = TestRequest::default().insert_header((header::IF_NONE_MATCH, "*")).to_http_request();
        assert!(other.matches(&any));
    }

    #[test]
    fn parts_are_kept_apart() {
        let mut a = Fingerprint::new("x");
        a.add(b"ab").add(b"c");
        let mut b = Fingerprint::new("x");
        b.add(b"a").add(b"bc");
        assert_ne!(a.finish(), b.finish());
    }
}
