//! A unit's figures for a form and a month: the key that names them, the
//! list, the due list and the history.

use tonghop_shared::api::{DueItem, HistoryEntry, Submission, SubmissionInput, ValueInput};

use super::{Reply, Reported, with_query};
use crate::TestApp;

/// Which submission: a unit's form for a month (`2026-06`; any text, so a
/// test can name a period the server refuses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionKey {
    /// The reporting unit.
    pub unit_id: i64,
    /// The form.
    pub form_id: i64,
    /// The month.
    pub period: String,
}

impl SubmissionKey {
    /// The same unit and form in another month.
    pub fn in_period(&self, period: &str) -> SubmissionKey {
        SubmissionKey { period: period.to_owned(), ..self.clone() }
    }
}

impl Reported for SubmissionKey {
    type Item = Submission;
    type Input = SubmissionInput;
    type Content = Vec<ValueInput>;

    fn path(&self) -> String {
        TestApp::submission_path(self.unit_id, self.form_id, &self.period)
    }

    fn input(version: i64, values: Vec<ValueInput>) -> SubmissionInput {
        SubmissionInput { version, values }
    }
}

impl TestApp {
    /// `GET /api/v1/submissions`: every unit's submission of a form for a month.
    pub async fn submissions(&self, token: &str, form_id: i64, period: &str) -> Reply<Vec<Submission>> {
        let path = with_query("/api/v1/submissions", &[("form_id", Some(form_id.to_string())), ("period", Some(period.to_owned()))]);
        self.get(&path, token).await.into()
    }

    /// `GET /api/v1/due`: what the caller's unit has to report.
    pub async fn due(&self, token: &str) -> Reply<Vec<DueItem>> {
        self.get("/api/v1/due", token).await.into()
    }

    /// `GET …/history`, of one indicator when named.
    pub async fn history(&self, token: &str, key: &SubmissionKey, indicator: Option<&str>) -> Reply<Vec<HistoryEntry>> {
        let path = with_query(&format!("{}/history", key.path()), &[("indicator", indicator.map(str::to_owned))]);
        self.get(&path, token).await.into()
    }
}
