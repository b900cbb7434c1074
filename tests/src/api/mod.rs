//! One typed helper per endpoint the tests call most: each builds its path
//! in one place, sends `shared`'s request types and answers a [`Reply`] that
//! reads as `shared`'s response type ([`Reply::ok`], [`Reply::created`]) or, for a refusal, as
//! the [`Answer`] it derefs to (`status`, `code()`, `fields()`, [`Answer::error`]).
//!
//! Submissions and sections go through the same review workflow, so their
//! reads, saves, submits and decisions are written once, over [`Reported`].

mod completeness;
mod holidays;
mod review;
mod rules;
mod sections;
mod sessions;
mod submissions;
mod totals;
mod units;

use std::marker::PhantomData;
use std::ops::Deref;

use reqwest::StatusCode;
use serde::de::DeserializeOwned;

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
