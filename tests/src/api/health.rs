//! Whether the server and its database answer.

use reqwest::Method;
use tonghop_shared::api::Health;

use super::Reply;
use crate::TestApp;

impl TestApp {
    /// `GET /api/health`: 200 when the database answers, 503 when not.
    pub async fn health(&self) -> Reply<Health> {
        self.call(Method::GET, "/api/health", None, None).await.into()
    }
}
