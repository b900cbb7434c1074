//! Validation rules kept as data.

use reqwest::Method;
use tonghop_shared::rules::{RuleInput, ValidationRule};

use super::{Reply, with_query};
use crate::TestApp;

impl TestApp {
    /// `GET /api/v1/rules` of a form.
    pub async fn rules(&self, token: &str, form_id: i64) -> Reply<Vec<ValidationRule>> {
        self.get(&with_query("/api/v1/rules", &[("form_id", Some(form_id.to_string()))]), token).await.into()
    }

    /// `POST /api/v1/rules`.
    pub async fn create_rule(&self, token: &str, rule: &RuleInput) -> Reply<ValidationRule> {
        self.call(Method::POST, "/api/v1/rules", Some(token), Some(serde_json::to_value(rule).unwrap())).await.into()
    }

    /// `DELETE /api/v1/rules/{id}`.
    pub async fn delete_rule(&self, token: &str, id: i64) -> Reply<()> {
        self.call(Method::DELETE, &format!("/api/v1/rules/{id}"), Some(token), None).await.into()
    }
}
