//! A kept report of a unit for a period, taken as far as a test needs:
//! drafted or issued, by the commune office.

use tonghop_shared::api::{Report, ReportProfile};

use super::COMMUNE_OFFICE;
use crate::TestApp;
use crate::api::new_report;

/// A kept report as a scenario left it.
#[derive(Debug, Clone)]
pub struct KeptReport {
    /// The access token of the commune office, who writes and issues it.
    pub office: String,
    /// The report as the last step answered it.
    pub report: Report,
}

impl KeptReport {
    /// Its id.
    pub fn id(&self) -> i64 {
        self.report.id
    }

    /// The version the next change starts from.
    pub fn version(&self) -> i64 {
        self.report.version
    }
}

/// Builds a [`KeptReport`]: `app.scenario().report("XP", "2026-H1").state().issued().await`.
#[must_use = "a scenario does nothing until it is taken to a state: `.drafted().await`"]
pub struct ReportScenario<'a> {
    app: &'a TestApp,
    unit: String,
    period: String,
    profile: ReportProfile,
    template_id: Option<i64>,
}

impl<'a> ReportScenario<'a> {
    pub(super) fn new(app: &'a TestApp, unit: &str, period: &str) -> Self {
        ReportScenario { app, unit: unit.to_owned(), period: period.to_owned(), profile: ReportProfile::Party, template_id: None }
    }

    /// In `profile` (instead of the Party's).
    pub fn profile(mut self, profile: ReportProfile) -> Self {
        self.profile = profile;
        self
    }

    /// A People's Committee's report (instead of the Party's).
    pub fn state(self) -> Self {
        self.profile(ReportProfile::State)
    }

    /// Following the template `id` (instead of the usual outline).
    pub fn template(mut self, id: i64) -> Self {
        self.template_id = Some(id);
        self
    }

    /// A new draft.
    pub async fn drafted(self) -> KeptReport {
        let app = self.app;
        let office = app.session(COMMUNE_OFFICE).await;
        let new = new_report(app.unit(&self.unit).await.id, &self.period, self.profile);
        let new = tonghop_shared::api::NewReport { template_id: self.template_id, ..new };
        let report = app.create_report(&office, &new).await.created();
        KeptReport { office, report }
    }

    /// Drafted, then issued as it stands.
    pub async fn issued(self) -> KeptReport {
        let app = self.app;
        let draft = self.drafted().await;
        let report = app.issue_report(&draft.office, draft.id(), draft.version()).await.ok();
        KeptReport { report, ..draft }
    }
}
