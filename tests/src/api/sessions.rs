//! Logging in, refreshing and ending a session, who the caller is, and the
//! sessions the typed helpers and scenarios share.

use reqwest::Method;
use tonghop_shared::api::{CurrentUser, LoginRequest, RefreshRequest, TokenResponse};

use super::{Reply, body};
use crate::TestApp;

impl TestApp {
    /// `POST /api/v1/auth/login`.
    pub async fn login(&self, username: &str, password: &str) -> Reply<TokenResponse> {
        let request = LoginRequest { username: username.to_owned(), password: password.to_owned() };
        self.call(Method::POST, "/api/v1/auth/login", None, body(&request)).await.into()
    }

    /// `POST /api/v1/auth/refresh`: a new pair for a refresh token.
    pub async fn refresh(&self, refresh_token: &str) -> Reply<TokenResponse> {
        let request = RefreshRequest { refresh_token: refresh_token.to_owned() };
        self.call(Method::POST, "/api/v1/auth/refresh", None, body(&request)).await.into()
    }

    /// `POST /api/v1/auth/logout`: ends the session of a refresh token (204).
    pub async fn log_out(&self, refresh_token: &str) -> Reply<()> {
        let request = RefreshRequest { refresh_token: refresh_token.to_owned() };
        self.call(Method::POST, "/api/v1/auth/logout", None, body(&request)).await.into()
    }

    /// `GET /api/v1/auth/me`: who the token belongs to.
    pub async fn me(&self, token: &str) -> Reply<CurrentUser> {
        self.get("/api/v1/auth/me", token).await.into()
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
