//! Public holidays.

use reqwest::Method;
use tonghop_shared::api::{Holiday, NewHoliday};

use super::{Reply, with_query};
use crate::TestApp;

impl TestApp {
    /// `GET /api/v1/holidays?year=`: those in force for the caller's unit.
    pub async fn holidays(&self, token: &str, year: i32) -> Reply<Vec<Holiday>> {
        self.get(&with_query("/api/v1/holidays", &[("year", Some(year.to_string()))]), token).await.into()
    }

    /// `POST /api/v1/holidays`.
    pub async fn add_holiday(&self, token: &str, holiday: &NewHoliday) -> Reply<Holiday> {
        self.call(Method::POST, "/api/v1/holidays", Some(token), Some(serde_json::to_value(holiday).unwrap())).await.into()
    }

    /// `DELETE /api/v1/holidays/{id}`.
    pub async fn delete_holiday(&self, token: &str, id: i64) -> Reply<()> {
        self.call(Method::DELETE, &format!("/api/v1/holidays/{id}"), Some(token), None).await.into()
    }
}
