//! Who has sent what, and the notices.

use tonghop_shared::api::{Completeness, CompletenessSummary, Notice};

use super::{FileReply, Reply, with_query};
use crate::TestApp;

/// Which completeness: a form's, below a unit (the caller's by default),
/// from one month to another (the server's defaults where absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletenessOf {
    /// The form.
    pub form_id: i64,
    /// The unit below which units are counted.
    pub unit_id: Option<i64>,
    /// The first month (`2026-01`).
    pub from: Option<String>,
    /// The last month.
    pub to: Option<String>,
}

impl CompletenessOf {
    /// Of `form_id` below the unit `unit_id`, with the server's default months.
    pub fn under(form_id: i64, unit_id: i64) -> CompletenessOf {
        CompletenessOf { form_id, unit_id: Some(unit_id), from: None, to: None }
    }

    /// From the month `from` to the month `to`.
    pub fn months(self, from: &str, to: &str) -> CompletenessOf {
        CompletenessOf { from: Some(from.to_owned()), to: Some(to.to_owned()), ..self }
    }

    fn path(&self, base: &str, format: Option<&str>, decimal: Option<&str>) -> String {
        let query = [
            ("form_id", Some(self.form_id.to_string())),
            ("unit_id", self.unit_id.map(|id| id.to_string())),
            ("from", self.from.clone()),
            ("to", self.to.clone()),
            ("format", format.map(str::to_owned)),
            ("decimal", decimal.map(str::to_owned)),
        ];
        with_query(base, &query)
    }

    /// The path of the table (units × months).
    pub fn table_path(&self) -> String {
        self.path("/api/v1/completeness", None, None)
    }

    /// The path of the summary (per unit below).
    pub fn summary_path(&self) -> String {
        self.path("/api/v1/completeness/summary", None, None)
    }

    /// The path of the table as a file in `format`, CSV decimals as `decimal` when given.
    pub fn table_file_path(&self, format: &str, decimal: Option<&str>) -> String {
        self.path("/api/v1/completeness", Some(format), decimal)
    }

    /// The path of the summary as a file in `format`, CSV decimals as `decimal` when given.
    pub fn summary_file_path(&self, format: &str, decimal: Option<&str>) -> String {
        self.path("/api/v1/completeness/summary", Some(format), decimal)
    }
}

impl TestApp {
    /// `GET /api/v1/completeness` of a form from `from` to `to` (months; the
    /// server's defaults where absent).
    pub async fn completeness(&self, token: &str, form_id: i64, from: Option<&str>, to: Option<&str>) -> Reply<Completeness> {
        let of = CompletenessOf { form_id, unit_id: None, from: from.map(str::to_owned), to: to.map(str::to_owned) };
        self.completeness_table(token, &of).await
    }

    /// `GET /api/v1/completeness`: units × months.
    pub async fn completeness_table(&self, token: &str, of: &CompletenessOf) -> Reply<Completeness> {
        self.get(&of.table_path(), token).await.into()
    }

    /// `GET /api/v1/completeness/summary`: summed per unit below.
    pub async fn completeness_summary(&self, token: &str, of: &CompletenessOf) -> Reply<CompletenessSummary> {
        self.get(&of.summary_path(), token).await.into()
    }

    /// `GET /api/v1/completeness/summary` as a file in `format` (`csv`, `xlsx`).
    pub async fn completeness_summary_file(&self, token: &str, of: &CompletenessOf, format: &str) -> FileReply {
        self.file(&of.summary_file_path(format, None), token).await
    }

    /// `GET /api/v1/notices`: what the caller should know, newest first.
    pub async fn notices(&self, token: &str) -> Reply<Vec<Notice>> {
        self.get("/api/v1/notices", token).await.into()
    }
}
