//! What the user typed into a form, mirrored to localStorage on every
//! keystroke, so that a lost connection, an expired session or a closed tab
//! loses nothing. Removed once the server has the same figures.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use tonghop_shared::{MonthPeriod, ReportPeriod};

/// Where one unit's form for one period is kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DraftKey {
    /// The reporting unit.
    pub unit_id: i64,
    /// The form.
    pub form_id: i64,
    /// The period.
    pub period: MonthPeriod,
}

/// Typed text not yet saved on the server.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LocalDraft {
    /// The server version the text was typed on.
    pub version: i64,
    /// Text as typed, by indicator code.
    pub texts: HashMap<String, String>,
    /// Comments as typed, by indicator code (absent in drafts kept before comments existed).
    #[serde(default)]
    pub comments: HashMap<String, String>,
}

impl DraftKey {
    fn storage_key(self) -> String {
        format!("tonghop.draft.{}.{}.{}", self.unit_id, self.form_id, self.period)
    }

    /// The unsaved text of an earlier visit, if any.
    pub fn load(self) -> Option<LocalDraft> {
        crate::storage::get(&self.storage_key())
    }

    /// Keeps the text. A full or disabled storage is not worth interrupting
    /// the user for: the text is still on screen.
    pub fn store(self, draft: &LocalDraft) {
        crate::storage::set(&self.storage_key(), draft);
    }

    /// Forgets the text (the server has it now).
    pub fn clear(self) {
        crate::storage::delete(&self.storage_key());
    }
}

/// Where the text of one unit's activity section for one period is kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SectionDraftKey {
    /// The writing unit.
    pub unit_id: i64,
    /// The period.
    pub period: ReportPeriod,
}

/// A section's text not yet confirmed by the server.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SectionDraft {
    /// The server version the text was typed on.
    pub version: i64,
    /// The text as typed.
    pub body: String,
}

impl SectionDraftKey {
    fn storage_key(self) -> String {
        format!("tonghop.section.{}.{}", self.unit_id, self.period)
    }

    /// The unsaved text of an earlier visit, if any.
    pub fn load(self) -> Option<SectionDraft> {
        crate::storage::get(&self.storage_key())
    }

    /// Keeps the text (a full storage is ignored: the text is on screen).
    pub fn store(self, draft: &SectionDraft) {
        crate::storage::set(&self.storage_key(), draft);
    }

    /// Forgets the text (the server has it now).
    pub fn clear(self) {
        crate::storage::delete(&self.storage_key());
    }
}
