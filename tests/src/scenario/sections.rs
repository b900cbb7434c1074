//! A unit's activity section for a period, taken as far as a test needs.

use tonghop_shared::api::Section;

use super::COMMUNE_OFFICE;
use crate::TestApp;
use crate::api::SectionKey;

/// A section as a scenario left it.
#[derive(Debug, Clone)]
pub struct SectionState {
    /// Which section.
    pub key: SectionKey,
    /// The access token of the unit's writer.
    pub writer: String,
    /// The access token of the commune office, who decides.
    pub office: String,
    /// The section as the last step answered it.
    pub section: Section,
}

impl SectionState {
    /// The version the next change starts from.
    pub fn version(&self) -> i64 {
        self.section.version
    }
}

/// Builds a [`SectionState`]: `app.scenario().section("XP-PHUNU", "2026-H1").submitted(TEXT).await`.
#[must_use = "a scenario does nothing until it is taken to a state: `.submitted(text).await`"]
pub struct SectionScenario<'a> {
    app: &'a TestApp,
    unit: String,
    period: String,
}

impl<'a> SectionScenario<'a> {
    pub(super) fn new(app: &'a TestApp, unit: &str, period: &str) -> Self {
        SectionScenario { app, unit: unit.to_owned(), period: period.to_owned() }
    }

    /// Nothing written yet.
    pub async fn not_started(self) -> SectionState {
        let (key, writer, office) = self.arranged().await;
        let section = self.app.read(&writer, &key).await.ok();
        assert_eq!(section.version, 0, "{} {} is already written", self.unit, self.period);
        SectionState { key, writer, office, section }
    }

    /// `text` saved as a draft.
    pub async fn saved(self, text: &str) -> SectionState {
        let (key, writer, office) = self.arranged().await;
        let section = self.app.save(&writer, &key, 0, text).await.ok();
        SectionState { key, writer, office, section }
    }

    /// `text` submitted to the commune office.
    pub async fn submitted(self, text: &str) -> SectionState {
        let (key, writer, office) = self.arranged().await;
        let section = self.app.submit(&writer, &key, 0, text).await.ok();
        SectionState { key, writer, office, section }
    }

    /// `text` submitted, then approved by the commune office.
    pub async fn approved(self, text: &str) -> SectionState {
        let app = self.app;
        let state = self.submitted(text).await;
        let section = app.approve(&state.office, &state.key, state.version()).await.ok();
        SectionState { section, ..state }
    }

    async fn arranged(&self) -> (SectionKey, String, String) {
        let app = self.app;
        let key = SectionKey { unit_id: app.unit(&self.unit).await.id, period: self.period.clone() };
        let writer = app.session(app.reporter_of(&self.unit).await).await;
        (key, writer, app.session(COMMUNE_OFFICE).await)
    }
}
