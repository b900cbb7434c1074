//! Who has sent what, and the notices.

use tonghop_shared::api::{Completeness, Notice};

use super::{Reply, with_query};
use crate::TestApp;

impl TestApp {
    /// `GET /api/v1/completeness` of a form from `from` to `to` (months; the
    /// server's defaults where absent).
    pub async fn completeness(&self, token: &str, form_id: i64, from: Option<&str>, to: Option<&str>) -> Reply<Completeness> {
        let query = [("form_id", Some(form_id.to_string())), ("from", from.map(str::to_owned)), ("to", to.map(str::to_owned))];
        self.get(&with_query("/api/v1/completeness", &query), token).await.into()
    }

    /// `GET /api/v1/notices`: what the caller should know, newest first.
    pub async fn notices(&self, token: &str) -> Reply<Vec<Notice>> {
        self.get("/api/v1/notices", token).await.into()
    }
}
