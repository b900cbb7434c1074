//! Web Push: the server's key, subscriptions, reminder settings.

use reqwest::Method;
use tonghop_shared::api::{PushKey, PushSubscriptionInput, ReminderSettings, ReminderSettingsInput};

use super::{Reply, with_query};
use crate::TestApp;

impl TestApp {
    /// `GET /api/v1/push/key` (public: no token).
    pub async fn push_key(&self) -> Reply<PushKey> {
        self.call(Method::GET, "/api/v1/push/key", None, None).await.into()
    }

    /// `PUT /api/v1/push/subscriptions`.
    pub async fn subscribe_push(&self, token: &str, subscription: &PushSubscriptionInput) -> Reply<()> {
        self.call(Method::PUT, "/api/v1/push/subscriptions", Some(token), Some(serde_json::to_value(subscription).unwrap())).await.into()
    }

    /// `DELETE /api/v1/push/subscriptions?endpoint=`.
    pub async fn unsubscribe_push(&self, token: &str, endpoint: &str) -> Reply<()> {
        let path = with_query("/api/v1/push/subscriptions", &[("endpoint", Some(endpoint.to_owned()))]);
        self.call(Method::DELETE, &path, Some(token), None).await.into()
    }

    /// `GET /api/v1/units/{id}/reminders`.
    pub async fn reminders(&self, token: &str, unit_id: i64) -> Reply<ReminderSettings> {
        self.get(&format!("/api/v1/units/{unit_id}/reminders"), token).await.into()
    }

    /// `PUT /api/v1/units/{id}/reminders`.
    pub async fn set_reminders(&self, token: &str, unit_id: i64, days_before: Option<u32>) -> Reply<ReminderSettings> {
        let body = serde_json::to_value(ReminderSettingsInput { days_before }).unwrap();
        self.call(Method::PUT, &format!("/api/v1/units/{unit_id}/reminders"), Some(token), Some(body)).await.into()
    }
}
