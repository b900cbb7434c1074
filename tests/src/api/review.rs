//! What figures and sections share: read, save, submit, and the one review
//! workflow (approve, return, reopen), each path built here once.

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tonghop_shared::api::{ApproveRequest, FigureComment, ReopenRequest, ReturnRequest};

use super::Reply;
use crate::TestApp;

/// Something a unit writes and the commune office reviews: a month of
/// figures ([`super::SubmissionKey`]) or a section ([`super::SectionKey`]).
pub trait Reported {
    /// What the server answers for it.
    type Item: DeserializeOwned;
    /// What the unit writes into it: figures, or a section's text.
    type Content;
    /// The body of a save or a submit.
    type Input: Serialize;
    /// Its path under `/api/v1`.
    fn path(&self) -> String;
    /// The body of a save or a submit from `version`.
    fn input(version: i64, content: Self::Content) -> Self::Input;
}

fn json(body: impl Serialize) -> Option<Value> {
    Some(serde_json::to_value(body).expect("a request body"))
}

impl TestApp {
    /// `GET` a submission or a section.
    pub async fn read<K: Reported>(&self, token: &str, key: &K) -> Reply<K::Item> {
        self.get(&key.path(), token).await.into()
    }

    /// `PUT`: saves figures or text from `version`.
    pub async fn save<K: Reported>(&self, token: &str, key: &K, version: i64, content: impl Into<K::Content>) -> Reply<K::Item> {
        self.call(Method::PUT, &key.path(), Some(token), json(K::input(version, content.into()))).await.into()
    }

    /// `POST …/submit`: saves from `version` and sends to the commune office.
    pub async fn submit<K: Reported>(&self, token: &str, key: &K, version: i64, content: impl Into<K::Content>) -> Reply<K::Item> {
        self.call(Method::POST, &format!("{}/submit", key.path()), Some(token), json(K::input(version, content.into()))).await.into()
    }

    /// `POST …/approve` of `version`.
    pub async fn approve<K: Reported>(&self, token: &str, key: &K, version: i64) -> Reply<K::Item> {
        self.call(Method::POST, &format!("{}/approve", key.path()), Some(token), json(ApproveRequest { version })).await.into()
    }

    /// `POST …/return` of `version` with a reason.
    pub async fn send_back<K: Reported>(&self, token: &str, key: &K, version: i64, reason: &str) -> Reply<K::Item> {
        self.send_back_with_comments(token, key, version, reason, Vec::new()).await
    }

    /// `POST …/return` of `version` with a reason and comments on figures.
    pub async fn send_back_with_comments<K: Reported>(
        &self,
        token: &str,
        key: &K,
        version: i64,
        reason: &str,
        figure_comments: Vec<FigureComment>,
    ) -> Reply<K::Item> {
        let body = ReturnRequest { version, reason: reason.to_owned(), figure_comments };
        self.call(Method::POST, &format!("{}/return", key.path()), Some(token), json(body)).await.into()
    }

    /// `POST …/reopen` of an approved `version` with a reason.
    pub async fn reopen<K: Reported>(&self, token: &str, key: &K, version: i64, reason: &str) -> Reply<K::Item> {
        let body = ReopenRequest { version, reason: reason.to_owned() };
        self.call(Method::POST, &format!("{}/reopen", key.path()), Some(token), json(body)).await.into()
    }
}
