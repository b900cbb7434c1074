//! Activity sections: the key that names one, and the list.

use tonghop_shared::api::{Section, SectionInput};

use super::{Reply, Reported, with_query};
use crate::TestApp;

/// Which section: a unit's for a report period (`2026-H1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionKey {
    /// The unit that writes it.
    pub unit_id: i64,
    /// The period (any text, so a test can name one the server refuses).
    pub period: String,
}

impl SectionKey {
    /// The same unit's section for another period.
    pub fn in_period(&self, period: &str) -> SectionKey {
        SectionKey { period: period.to_owned(), ..self.clone() }
    }
}

impl Reported for SectionKey {
    type Item = Section;
    type Input = SectionInput;
    type Content = String;

    fn path(&self) -> String {
        format!("/api/v1/sections/{}/{}", self.unit_id, self.period)
    }

    fn input(version: i64, body: String) -> SectionInput {
        SectionInput { version, body }
    }
}

impl TestApp {
    /// `GET /api/v1/sections`: the sections the caller may read for a period.
    pub async fn sections(&self, token: &str, period: &str) -> Reply<Vec<Section>> {
        self.get(&with_query("/api/v1/sections", &[("period", Some(period.to_owned()))]), token).await.into()
    }
}
