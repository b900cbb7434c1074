//! The state of the form page: the text in every input, the server's copy,
//! and what to tell the user.

use std::collections::BTreeMap;
use std::rc::Rc;

use tonghop_shared::FieldError;
use tonghop_shared::api::{Form, Indicator, Submission, ValueInput};
use tonghop_shared::validation::parse_value;
use yew::prelude::*;

use super::outcomes::{by_code, server_texts};
use crate::api::ApiError;
use crate::components::notice::{Flash, Tone};
use crate::drafts::LocalDraft;

/// Text by indicator code.
pub type Texts = BTreeMap<String, String>;

/// Everything the form page shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormState {
    /// The form and the server's copy of the submission, once loaded.
    pub loaded: Option<(Rc<Form>, Submission)>,
    /// Why loading failed.
    pub load_error: Option<ApiError>,
    /// The text in each input.
    pub texts: Texts,
    /// The server's figures as text: inputs that differ are unsaved.
    pub baseline: Texts,
    /// The version the texts were typed on; sent with the next save.
    pub version: i64,
    /// Refusals from the server, by indicator code.
    pub server_errors: BTreeMap<String, String>,
    /// After reloading on a conflict: the server's figure where it differs from the text.
    pub server_values: BTreeMap<String, String>,
    /// The message area.
    pub flash: Option<Flash>,
    /// The last save was refused as stale: offer to reload.
    pub conflict: bool,
    /// A save or submit is on its way.
    pub busy: bool,
    /// The "send to the commune?" question is open.
    pub confirming: bool,
    /// The texts as they were sent, to tell what was typed during a save.
    pub(super) sent: Texts,
}

/// What happens on the form page.
#[derive(Debug)]
pub enum FormAction {
    /// Form and submission arrived; `local` is unsaved text from an earlier visit.
    Loaded(Rc<Form>, Submission, Option<LocalDraft>),
    /// They did not.
    LoadFailed(ApiError),
    /// The user typed.
    Edit(String, String),
    /// An input lost focus.
    Blur(String),
    /// The figures cannot be sent as they are (checked before sending).
    Refused(Vec<FieldError>, Flash),
    /// Open or close the confirmation.
    Confirm(bool),
    /// A save or submit started.
    Sending,
    /// The server took the figures.
    Saved(Submission, Flash),
    /// The server refused them, or could not be reached.
    Failed(ApiError),
    /// The latest server copy after a conflict; the typed text stays.
    Reloaded(Submission),
    /// The commune office took a decision (return, approve, reopen).
    Reviewed(Submission, Flash),
}

impl FormState {
    /// The text of an input.
    pub fn text(&self, code: &str) -> &str {
        self.texts.get(code).map_or("", String::as_str)
    }

    /// Why an input is refused: the server's word first, else the typed text's.
    pub fn field_error(&self, ind: &Indicator) -> Option<String> {
        self.server_errors.get(&ind.code).cloned().or_else(|| parse_value(ind, self.text(&ind.code)).err().map(|e| e.message))
    }

    /// True when something typed is not on the server yet.
    pub fn has_unsaved(&self) -> bool {
        self.texts != self.baseline
    }

    /// The figures to send, or how many inputs are not valid figures.
    pub fn inputs(&self) -> Result<Vec<ValueInput>, usize> {
        let Some((form, sub)) = &self.loaded else { return Err(0) };
        let mut invalid = 0;
        let mut inputs = Vec::new();
        for ind in &form.indicators {
            match parse_value(ind, self.text(&ind.code)) {
                Ok(value) => {
                    // The form has no comment inputs yet: send back what is stored.
                    let comment = sub.values.iter().find(|v| v.indicator_id == ind.id).and_then(|v| v.comment.clone());
                    inputs.push(ValueInput { indicator_id: ind.id, value, comment });
                }
                Err(_) => invalid += 1,
            }
        }
        if invalid > 0 { Err(invalid) } else { Ok(inputs) }
    }

    /// What to keep in localStorage.
    pub fn local_draft(&self) -> LocalDraft {
        LocalDraft { version: self.version, texts: self.texts.clone() }
    }
}

impl Reducible for FormState {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            FormAction::Loaded(form, sub, local) => {
                s = FormState { baseline: server_texts(&form, &sub), version: sub.version, ..FormState::default() };
                s.texts = s.baseline.clone();
                let submitted = !sub.status.editable_by_unit();
                if let Some(local) = local.filter(|l| !submitted && l.texts != s.baseline) {
                    for (code, text) in local.texts.into_iter().filter(|(code, _)| s.baseline.contains_key(code)) {
                        s.texts.insert(code, text);
                    }
                    s.version = local.version;
                    s.flash = Some(Flash::info("Đã khôi phục số liệu bạn nhập trước đó nhưng chưa lưu. Kiểm tra rồi bấm «Lưu nháp»."));
                }
                s.loaded = Some((form, sub));
            }
            FormAction::LoadFailed(e) => s.load_error = Some(e),
            FormAction::Edit(code, text) => {
                // "Đã lưu nháp lúc 10:32" would read as if this new text were saved too.
                if s.flash.as_ref().is_some_and(|f| f.tone == Tone::Success) {
                    s.flash = None;
                }
                s.server_errors.remove(&code);
                s.texts.insert(code, text);
            }
            FormAction::Blur(code) => {
                let ind = s.loaded.as_ref().and_then(|(f, _)| f.indicators.iter().find(|i| i.code == code).cloned());
                if let Some(ind) = ind
                    && let Ok(Some(value)) = parse_value(&ind, s.text(&code))
                {
                    s.texts.insert(code, value.format_vi_trimmed(ind.precision));
                }
            }
            FormAction::Refused(errors, flash) => {
                s.server_errors = by_code(errors);
                s.flash = Some(flash);
            }
            FormAction::Confirm(open) => s.confirming = open,
            FormAction::Sending => {
                s.busy = true;
                s.confirming = false;
                s.sent = s.texts.clone();
            }
            FormAction::Saved(sub, flash) => {
                s.take_server_copy(sub);
                // Show the figures as the server keeps them, unless typed on since.
                for (code, text) in &s.baseline {
                    if s.texts.get(code) == s.sent.get(code) {
                        s.texts.insert(code.clone(), text.clone());
                    }
                }
                s.flash = Some(flash);
            }
            FormAction::Failed(e) => return Rc::new(s.failed(e)),
            FormAction::Reloaded(sub) => s.reloaded(sub),
            FormAction::Reviewed(sub, flash) => {
                // The reviewer types nothing: show the figures as decided on.
                s.take_server_copy(sub);
                s.texts = s.baseline.clone();
                s.flash = Some(flash);
            }
        }
        Rc::new(s)
    }
}
