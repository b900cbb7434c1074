//! One typed helper per endpoint the tests call most: each builds its path
//! in one place, sends `shared`'s request types and answers a [`Reply`] that
//! reads as `shared`'s response type ([`Reply::ok`], [`Reply::created`]) or, for a refusal, as
//! the [`Answer`] it derefs to (`status`, `code()`, `fields()`, [`Answer::error`]).
//!
//! A `204 No Content` reads with [`Reply::no_content`], a refused import
//! with `Reply::<ImportResult>::refused`, and a success whose headers matter
//! too with [`Reply::body_as`]. Files (DOCX, XLSX, CSV) come as a
//! [`FileReply`]: the bytes, and the [`Answer`] for a refusal.
//!
//! A query with many parameters is a value that builds its path
//! ([`TotalsOf`], [`DraftOf`], [`ValuesOf`], [`CompletenessOf`],
//! [`ReportsOf`]), so a test that must send a request by hand (with
//! `If-None-Match`, say) sends the same path the typed helper does.
//!
//! Submissions and sections go through the same review workflow, so their
//! reads, saves, submits and decisions are written once, over [`Reported`].

mod completeness;
mod data;
mod files;
mod health;
mod holidays;
mod imports;
mod notifications;
mod reports;
mod review;
mod rules;
mod sections;
mod sessions;
mod submissions;
mod tokens;
mod totals;
mod units;
mod users;

use std::marker::PhantomData;
use std::ops::Deref;

use reqwest::StatusCode;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use completeness::CompletenessOf;
pub use data::ValuesOf;
pub use files::FileReply;
pub use imports::{CSV, RefusedCells, XLSX};
pub use reports::{DraftOf, ReportsOf, new_report};
pub use review::Reported;
pub use sections::SectionKey;
pub use submissions::SubmissionKey;
pub use totals::{RowOf, TotalsOf};

use crate::Answer;

/// An answer expected to read as `T` when it succeeds.
#[must_use = "a reply is asserted on: `.ok()` for a success, its status or error for a refusal"]
#[derive(Debug)]
pub struct Reply<T> {
    /// What came back.
    pub answer: Answer,
    _read_as: PhantomData<fn() -> T>,
}

impl<T> From<Answer> for Reply<T> {
    fn from(answer: Answer) -> Self {
        Reply { answer, _read_as: PhantomData }
    }
}

impl<T> Deref for Reply<T> {
    type Target = Answer;
    fn deref(&self) -> &Answer {
        &self.answer
    }
}

impl<T> Reply<T> {
    /// A `204 No Content`; fails the test, with the answer, on any other status.
    #[track_caller]
    pub fn no_content(self) {
        assert_eq!(self.answer.status, StatusCode::NO_CONTENT, "{}", self.answer.body);
    }
}

impl<T: DeserializeOwned> Reply<T> {
    /// The body of a `200 OK` as `T`; fails the test, with the answer, on any other status.
    #[track_caller]
    pub fn ok(self) -> T {
        self.read_as(StatusCode::OK)
    }

    /// The body of a `201 Created` as `T`; fails the test, with the answer, on any other status.
    #[track_caller]
    pub fn created(self) -> T {
        self.read_as(StatusCode::CREATED)
    }

    /// The body of a success as `T`, leaving the answer (its headers) to
    /// read on; fails the test, with the answer, on a refusal.
    #[track_caller]
    pub fn body_as(&self) -> T {
        assert!(self.status.is_success(), "{}: {}", self.status, self.body);
        serde_json::from_value(self.body.clone()).unwrap_or_else(|e| panic!("not a {}: {e}: {}", std::any::type_name::<T>(), self.body))
    }

    #[track_caller]
    fn read_as(self, expected: StatusCode) -> T {
        let Answer { status, body, .. } = self.answer;
        assert_eq!(status, expected, "{body}");
        let text = body.to_string();
        serde_json::from_value(body).unwrap_or_else(|e| panic!("not a {}: {e}: {text}", std::any::type_name::<T>()))
    }
}

/// `path?key=value&…`, the values encoded; `None` values left out.
pub(crate) fn with_query(path: &str, pairs: &[(&str, Option<String>)]) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        if let Some(value) = value {
            query.append_pair(key, value);
        }
    }
    let query = query.finish();
    if query.is_empty() { path.to_owned() } else { format!("{path}?{query}") }
}

/// A request body as JSON.
pub(crate) fn body(value: &impl Serialize) -> Option<Value> {
    Some(serde_json::to_value(value).expect("a request body"))
}
