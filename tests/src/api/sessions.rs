//! Logging in, typed, and the sessions the typed helpers and scenarios share.

use reqwest::Method;
use tonghop_shared::api::{LoginRequest, TokenResponse};

use super::Reply;
use crate::TestApp;

impl TestApp {
    /// `POST /api/v1/auth/login`.
    pub async fn login(&self, username: &str, password: &str) -> Reply<TokenResponse> {
        let body = LoginRequest { username: username.to_owned(), password: password.to_owned() };
        self.call(Method::POST, "/api/v1/auth/login", None, Some(serde_json::to_value(body).unwrap())).await.into()
    }

    /// Logs `username` in with `password` (an account the test made) and
    /// keeps the session for [`TestApp::session`].
    pub async fn log_in_as(&self, username: &str, password: &str) -> String {
        let token = self.login(username, password).await.ok().access_token;
        self.sessions.lock().unwrap().insert(username.to_owned(), token.clone());
        token
    }

    /// An access token of `username`: a demo login, or an account logged in
    /// with [`TestApp::log_in_as`]; logged in once per server, then reused.
    pub async fn session(&self, username: &str) -> String {
        let kept = self.sessions.lock().unwrap().get(username).cloned();
        match kept {
            Some(token) => token,
            None => {
                let token = self.token(username).await;
                self.sessions.lock().unwrap().insert(username.to_owned(), token.clone());
                token
            }
        }
    }
}
