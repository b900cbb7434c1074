//! The state of the section page: the text as typed, the server's copy, and
//! where saving stands («Đang lưu…», «Đã lưu lúc 10:32», «Chưa lưu được — sẽ
//! thử lại»). A plain reducer, tested on the host; the page runs the timers
//! and the requests.

use std::rc::Rc;

use tonghop_shared::api::Section;
use tonghop_shared::text::clean_multiline;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::notice::Flash;
use crate::drafts::SectionDraft;

/// Seconds of quiet after the last keystroke before the text is saved.
pub const DEBOUNCE_MS: u32 = 1_500;

/// Where saving stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SaveState {
    /// The server has the text (or nothing was typed).
    #[default]
    Saved,
    /// Typed, to be saved when the writer pauses.
    Pending,
    /// A save is on its way.
    Saving,
    /// The server could not be reached: tried again soon.
    Failed,
    /// The server refused the text (too long...): said why, not retried.
    Refused(String),
    /// Someone else saved meanwhile: the writer chooses which text to keep.
    Conflict,
}

/// Everything the section page shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SectionState {
    /// The server's copy, once loaded.
    pub section: Option<Section>,
    /// The text in the textarea.
    pub text: String,
    /// The version the text was typed on; sent with the next save.
    pub version: i64,
    /// Where saving stands.
    pub save: SaveState,
    /// `10:32`: when the server last took the text.
    pub saved_at: Option<String>,
    /// Failed saves in a row (the retry waits longer each time).
    pub failures: u32,
    /// After a version conflict: the server's copy, shown next to the writer's.
    pub conflict: Option<Section>,
    /// The message area (submit, decisions, restored text).
    pub flash: Option<Flash>,
    /// «Gửi xã?» is asked.
    pub confirming: bool,
    /// A submit is on its way.
    pub busy: bool,
}

/// What happens on the page.
#[derive(Debug)]
pub enum SectionAction {
    /// The section arrived, with unsaved text of an earlier visit and the
    /// time of the last save as the phone writes it.
    Loaded(Section, Option<SectionDraft>, Option<String>),
    /// The writer typed (or used the toolbar).
    Edit(String),
    /// A save was sent.
    Sending,
    /// The server took the text; the time as the phone writes it.
    Saved(Section, String),
    /// A save failed.
    SaveFailed(ApiError),
    /// The server's copy after a version conflict.
    Conflict(Section),
    /// Keep the writer's text, to be saved on the server's version.
    KeepMine,
    /// Take the server's text.
    TakeServer,
    /// Open or close «Gửi xã?».
    Confirm(bool),
    /// The submit was sent.
    Submitting,
    /// The section changed status: submitted, returned, approved, reopened,
    /// or found changed on the server.
    Changed(Section, Option<Flash>),
    /// The submit failed.
    SubmitFailed(ApiError),
    /// The submit waits in the outbox for the connection.
    Queued,
}

impl SectionState {
    /// The text differs from the server's (spaces the server drops do not count).
    pub fn dirty(&self) -> bool {
        self.section.as_ref().is_some_and(|s| clean_multiline(&self.text) != s.body)
    }

    /// The unit (or the commune for it) may still write.
    pub fn editable(&self) -> bool {
        self.section.as_ref().is_some_and(|s| s.status.editable_by_unit())
    }

    /// Whether a save should be scheduled, and after how many milliseconds.
    pub fn save_after(&self) -> Option<u32> {
        match self.save {
            SaveState::Pending if !self.busy => Some(DEBOUNCE_MS),
            // 2, 4, 8... seconds, at most half a minute.
            SaveState::Failed => Some((2_000 << self.failures.min(4)).min(30_000)),
            _ => None,
        }
    }

    /// What the line under the text says.
    pub fn save_label(&self) -> String {
        match &self.save {
            SaveState::Saved => self.saved_at.as_ref().map(|t| format!("Đã lưu lúc {t}")).unwrap_or_default(),
            SaveState::Pending | SaveState::Saving => "Đang lưu…".into(),
            SaveState::Failed => "Chưa lưu được — sẽ thử lại".into(),
            SaveState::Refused(why) => format!("Chưa lưu được: {why}"),
            SaveState::Conflict => "Chưa lưu: chọn bản để giữ ở dưới".into(),
        }
    }

    fn take(&mut self, section: Section) {
        self.text = section.body.clone();
        self.version = section.version;
        self.save = SaveState::Saved;
        self.conflict = None;
        self.section = Some(section);
    }
}

impl Reducible for SectionState {
    type Action = SectionAction;

    fn reduce(self: Rc<Self>, action: SectionAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            SectionAction::Loaded(section, local, saved_at) => {
                s = SectionState { saved_at, ..SectionState::default() };
                let editable = section.status.editable_by_unit();
                let local = local.filter(|l| editable && clean_multiline(&l.body) != section.body);
                let server_version = section.version;
                s.take(section.clone());
                if let Some(local) = local {
                    s.text = local.body;
                    if local.version == server_version {
                        s.save = SaveState::Pending;
                        s.flash = Some(Flash::info("Đã khôi phục nội dung bạn viết trước đó nhưng chưa lưu."));
                    } else {
                        s.version = local.version;
                        s.save = SaveState::Conflict;
                        s.conflict = Some(section);
                    }
                }
            }
            SectionAction::Edit(text) => {
                s.text = text;
                if s.flash.as_ref().is_some_and(|f| f.tone != crate::components::notice::Tone::Error) {
                    s.flash = None;
                }
                match s.save {
                    SaveState::Conflict | SaveState::Saving => {}
                    _ if s.dirty() => s.save = SaveState::Pending,
                    _ => s.save = SaveState::Saved,
                }
            }
            SectionAction::Sending => s.save = SaveState::Saving,
            SectionAction::Saved(section, at) => {
                s.version = section.version;
                s.section = Some(section);
                s.failures = 0;
                s.saved_at = Some(at);
                // Typed on while the save was on its way: save again.
                s.save = if s.dirty() { SaveState::Pending } else { SaveState::Saved };
            }
            SectionAction::SaveFailed(e) => match e.code() {
                Some("version_conflict") => s.save = SaveState::Conflict,
                Some(_) if matches!(e, ApiError::Server { status: 409 | 422 | 403 | 404, .. }) => {
                    let why = e.fields().first().map_or_else(|| e.message(), |f| f.message.clone());
                    s.save = SaveState::Refused(why);
                }
                _ => {
                    s.failures += 1;
                    s.save = SaveState::Failed;
                }
            },
            SectionAction::Conflict(server) => {
                s.save = SaveState::Conflict;
                s.conflict = Some(server);
            }
            SectionAction::KeepMine => {
                if let Some(server) = s.conflict.take() {
                    s.version = server.version;
                    s.section = Some(server);
                    s.save = if s.dirty() { SaveState::Pending } else { SaveState::Saved };
                }
            }
            SectionAction::TakeServer => {
                if let Some(server) = s.conflict.take() {
                    s.take(server);
                }
            }
            SectionAction::Confirm(open) => s.confirming = open,
            SectionAction::Submitting => {
                s.busy = true;
                s.confirming = false;
                s.flash = None;
            }
            SectionAction::Changed(section, flash) => {
                s.busy = false;
                s.confirming = false;
                s.take(section);
                s.flash = flash;
            }
            SectionAction::Queued => {
                // The page's banner says «Chờ gửi»; the text stays.
                s.busy = false;
                s.confirming = false;
                s.flash = None;
            }
            SectionAction::SubmitFailed(e) => {
                s.busy = false;
                if e.code() == Some("version_conflict") {
                    s.save = SaveState::Conflict;
                }
                let why = e.fields().first().map_or_else(|| e.message(), |f| f.message.clone());
                s.flash = Some(Flash::error(why));
            }
        }
        Rc::new(s)
    }
}
