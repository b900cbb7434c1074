//! Answers that are files (DOCX, XLSX, CSV): the bytes as sent, and the
//! refusal as an [`Answer`] when there is one.

use std::ops::Deref;

use reqwest::StatusCode;
use serde_json::Value;

use crate::{Answer, TestApp};

/// A file answer: its bytes, and its status, headers and (for a refusal)
/// JSON body through the [`Answer`] it derefs to.
#[must_use = "a file is asserted on: `.ok()` for its bytes, its status or error for a refusal"]
#[derive(Debug)]
pub struct FileReply {
    /// Status, headers, and the body when it is JSON (`Value::Null` otherwise).
    pub answer: Answer,
    /// The body as sent.
    pub bytes: Vec<u8>,
}

impl Deref for FileReply {
    type Target = Answer;
    fn deref(&self) -> &Answer {
        &self.answer
    }
}

impl FileReply {
    /// The bytes of a `200 OK`; fails the test, with the answer, on any other status.
    #[track_caller]
    pub fn ok(self) -> Vec<u8> {
        assert_eq!(self.answer.status, StatusCode::OK, "{}", String::from_utf8_lossy(&self.bytes));
        self.bytes
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> &str {
        self.headers.get("content-type").map_or("", |v| v.to_str().unwrap_or(""))
    }

    /// The `Content-Disposition` header.
    pub fn disposition(&self) -> &str {
        self.headers.get("content-disposition").map_or("", |v| v.to_str().unwrap_or(""))
    }
}

impl TestApp {
    /// GETs a file at `path`.
    pub async fn file(&self, path: &str, token: &str) -> FileReply {
        let (status, headers, bytes) = self.download(path, token).await;
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        FileReply { answer: Answer { status, body, headers }, bytes }
    }
}
