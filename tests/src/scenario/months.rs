//! A unit's figures for one month, taken as far as a test needs: not
//! started, saved, submitted, approved or returned.

use tonghop_shared::api::{Form, Submission, ValueInput};

use super::{COMMUNE_OFFICE, FormFigures};
use crate::api::SubmissionKey;
use crate::{TestApp, current_period};

/// A month of figures as a scenario left it.
#[derive(Debug, Clone)]
pub struct Month {
    /// Which submission.
    pub key: SubmissionKey,
    /// Its form, with the indicators' ids.
    pub form: Form,
    /// The access token of who entered the figures (the unit's reporter
    /// unless [`MonthScenario::by`] named another).
    pub reporter: String,
    /// The access token of who decides on them (the commune office unless
    /// [`MonthScenario::decided_by`] named another).
    pub office: String,
    /// The submission as the last step answered it.
    pub submission: Submission,
}

impl Month {
    /// The version the next change starts from.
    pub fn version(&self) -> i64 {
        self.submission.version
    }

    /// The id of the form's indicator `code`.
    pub fn indicator_id(&self, code: &str) -> i64 {
        self.form.indicator_id(code)
    }
}

/// Builds a [`Month`]: `app.scenario().village("XP-BANGOC").in_month("2024-01").figures(&[…]).approved().await`.
#[must_use = "a scenario does nothing until it is taken to a state: `.submitted().await`"]
pub struct MonthScenario<'a> {
    app: &'a TestApp,
    unit: String,
    form_code: Option<String>,
    form: Option<Form>,
    period: String,
    otherwise: f64,
    given: Vec<(String, f64)>,
    by: Option<String>,
    decided_by: String,
}

impl<'a> MonthScenario<'a> {
    pub(super) fn new(app: &'a TestApp, unit: &str, form_code: Option<&str>) -> Self {
        MonthScenario {
            app,
            unit: unit.to_owned(),
            form_code: form_code.map(str::to_owned),
            form: None,
            period: current_period(),
            otherwise: 0.0,
            given: Vec::new(),
            by: None,
            decided_by: COMMUNE_OFFICE.to_owned(),
        }
    }

    /// The form (instead of the unit kind's demo form).
    pub fn form(mut self, form: &Form) -> Self {
        self.form = Some(form.clone());
        self
    }

    /// The month (instead of this one).
    pub fn in_month(mut self, period: &str) -> Self {
        self.period = period.to_owned();
        self
    }

    /// Every figure at `value` (instead of 0), but those given by [`Self::figures`].
    pub fn every_figure(mut self, value: impl Into<f64>) -> Self {
        self.otherwise = value.into();
        self
    }

    /// These figures by indicator code; the others as [`Self::every_figure`] says.
    pub fn figures(mut self, given: &[(&str, f64)]) -> Self {
        self.given.extend(given.iter().map(|(code, value)| ((*code).to_owned(), *value)));
        self
    }

    /// Entered and sent by `username` (instead of the unit's reporter).
    pub fn by(mut self, username: &str) -> Self {
        self.by = Some(username.to_owned());
        self
    }

    /// Decided on by `username` (instead of the commune office).
    pub fn decided_by(mut self, username: &str) -> Self {
        self.decided_by = username.to_owned();
        self
    }

    /// Nothing entered yet: the empty form at version 0.
    pub async fn not_started(self) -> Month {
        let (key, form, reporter, office) = self.arranged().await;
        let submission = self.app.read(&reporter, &key).await.ok();
        assert_eq!(submission.version, 0, "{} {} already has figures", self.unit, self.period);
        Month { key, form, reporter, office, submission }
    }

    /// Whatever the demo left in that month (some are submitted, some not).
    pub async fn as_the_demo_left_it(self) -> Month {
        let (key, form, reporter, office) = self.arranged().await;
        let submission = self.app.read(&office, &key).await.ok();
        Month { key, form, reporter, office, submission }
    }

    /// The figures saved as a draft.
    pub async fn saved(self) -> Month {
        let (key, form, reporter, office) = self.arranged().await;
        let submission = self.app.save(&reporter, &key, 0, self.values(&form)).await.ok();
        Month { key, form, reporter, office, submission }
    }

    /// The figures submitted to the commune office.
    pub async fn submitted(self) -> Month {
        let (key, form, reporter, office) = self.arranged().await;
        let submission = self.app.submit(&reporter, &key, 0, self.values(&form)).await.ok();
        Month { key, form, reporter, office, submission }
    }

    /// Submitted, then approved.
    pub async fn approved(self) -> Month {
        let app = self.app;
        let month = self.submitted().await;
        let submission = app.approve(&month.office, &month.key, month.version()).await.ok();
        Month { submission, ..month }
    }

    /// Submitted, then returned to the unit with `reason`.
    pub async fn returned(self, reason: &str) -> Month {
        let app = self.app;
        let month = self.submitted().await;
        let submission = app.send_back(&month.office, &month.key, month.version(), reason).await.ok();
        Month { submission, ..month }
    }

    fn values(&self, form: &Form) -> Vec<ValueInput> {
        let given: Vec<(&str, f64)> = self.given.iter().map(|(code, value)| (code.as_str(), *value)).collect();
        form.figures(self.otherwise, &given)
    }

    /// Which submission, its form, and the sessions of who sends and who decides.
    async fn arranged(&self) -> (SubmissionKey, Form, String, String) {
        let app = self.app;
        let form = match (&self.form, &self.form_code) {
            (Some(form), _) => form.clone(),
            (None, Some(code)) => app.form_named(code).await,
            (None, None) => panic!("name the form of {}: `.form(&form)`", self.unit),
        };
        let unit_id = app.unit(&self.unit).await.id;
        let by = match &self.by {
            Some(by) => by.clone(),
            None => app.reporter_of(&self.unit).await.to_owned(),
        };
        let key = SubmissionKey { unit_id, form_id: form.id, period: self.period.clone() };
        (key, form, app.session(&by).await, app.session(&self.decided_by).await)
    }
}
