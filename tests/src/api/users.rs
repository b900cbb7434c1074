//! Accounts: list, create, change, deactivate.

use reqwest::Method;
use tonghop::users::routes::UserPatch;
use tonghop_shared::api::{NewUser, User};

use super::{Reply, body};
use crate::TestApp;

impl TestApp {
    /// `GET /api/v1/users`: the accounts the caller manages.
    pub async fn users(&self, token: &str) -> Reply<Vec<User>> {
        self.get("/api/v1/users", token).await.into()
    }

    /// `POST /api/v1/users`.
    pub async fn create_user(&self, token: &str, user: &NewUser) -> Reply<User> {
        self.call(Method::POST, "/api/v1/users", Some(token), body(user)).await.into()
    }

    /// `PATCH /api/v1/users/{id}`: renames, resets the password, (de)activates.
    pub async fn change_user(&self, token: &str, id: i64, patch: &UserPatch) -> Reply<User> {
        self.call(Method::PATCH, &format!("/api/v1/users/{id}"), Some(token), body(patch)).await.into()
    }

    /// `PATCH /api/v1/users/{id}` with `{"active": false}`.
    pub async fn deactivate_user(&self, token: &str, id: i64) -> Reply<User> {
        self.change_user(token, id, &UserPatch { active: Some(false), ..UserPatch::default() }).await
    }
}
