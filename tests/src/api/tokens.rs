//! Personal access tokens: create (shown once), list, revoke.

use reqwest::Method;
use tonghop_shared::api::{AccessToken, CreatedAccessToken, NewAccessToken};

use super::{Reply, body};
use crate::TestApp;

impl TestApp {
    /// `POST /api/v1/me/tokens` in `session`.
    pub async fn create_access_token(&self, session: &str, name: &str, expires_in_days: i64) -> Reply<CreatedAccessToken> {
        let token = NewAccessToken { name: name.to_owned(), expires_in_days };
        self.call(Method::POST, "/api/v1/me/tokens", Some(session), body(&token)).await.into()
    }

    /// `GET /api/v1/me/tokens`: the caller's tokens, without the tokens themselves.
    pub async fn access_tokens(&self, session: &str) -> Reply<Vec<AccessToken>> {
        self.get("/api/v1/me/tokens", session).await.into()
    }

    /// `DELETE /api/v1/me/tokens/{id}`: 204 when revoked (or already was).
    pub async fn revoke_access_token(&self, session: &str, id: i64) -> Reply<()> {
        self.call(Method::DELETE, &format!("/api/v1/me/tokens/{id}"), Some(session), None).await.into()
    }

    /// Logs in a demo user and creates a personal access token for 30 days:
    /// (token, its id).
    pub async fn access_token(&self, username: &str) -> (String, i64) {
        let created = self.create_access_token(&self.token(username).await, "Tập lệnh thử", 30).await.created();
        (created.token, created.access_token.id)
    }
}
