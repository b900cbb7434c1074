//! The state of the form page: the text in every input, the server's copy,
//! and what to tell the user.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use tonghop_shared::FieldError;
use tonghop_shared::api::{Form, Indicator, Submission, ValueInput};
use tonghop_shared::rules::{Severity, ValidationRule, Violation, evaluate, outlier};
use tonghop_shared::validation::parse_value;
use yew::prelude::*;

use super::outcomes::{by_code, server_comments, server_texts};
use crate::api::ApiError;
use crate::components::notice::{Flash, Tone};
use crate::drafts::LocalDraft;

/// Text by indicator code.
pub type Texts = HashMap<String, String>;

/// Everything the form page shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormState {
    /// The form and the server's copy of the submission, once loaded.
    pub loaded: Option<(Rc<Form>, Submission)>,
    /// The text in each input.
    pub texts: Texts,
    /// The server's figures as text: inputs that differ are unsaved.
    pub baseline: Texts,
    /// The version the texts were typed on; sent with the next save.
    pub version: i64,
    /// Refusals from the server, by indicator code.
    pub server_errors: HashMap<String, String>,
    /// After reloading on a conflict: the server's figure where it differs from the text.
    pub server_values: HashMap<String, String>,
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
    /// The form's validation rules, checked while the user types.
    pub rules: Rc<Vec<ValidationRule>>,
    /// The comment ("Ghi chú") typed for each figure.
    pub comments: Texts,
    /// The server's comments: comments that differ are unsaved.
    pub comments_baseline: Texts,
    /// The comments as they were sent.
    pub(super) sent_comments: Texts,
    /// Comment boxes the user opened.
    pub comment_open: HashSet<String>,
}

/// What happens on the form page.
#[derive(Debug)]
pub enum FormAction {
    /// Form and submission arrived; `local` is unsaved text from an earlier
    /// visit; `queued` says the outbox holds it (its banner says so).
    Loaded(Rc<Form>, Submission, Option<LocalDraft>, bool),
    /// The form's validation rules arrived.
    Rules(Rc<Vec<ValidationRule>>),
    /// The user typed.
    Edit(String, String),
    /// The user typed a comment on a figure.
    EditComment(String, String),
    /// The user opened the comment box of a figure.
    OpenComment(String),
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
    /// Kept in the outbox (made at `at`), to be sent when the connection returns.
    Queued {
        /// A submit, not a draft.
        submit: bool,
        /// «10:32».
        at: String,
    },
    /// The outbox sent it in the background meanwhile (its delivery updates the page).
    Settled,
    /// The outbox delivered this form in the background, at this time.
    Delivered(Submission, String),
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

    /// The comment typed for a figure.
    pub fn comment(&self, code: &str) -> &str {
        self.comments.get(code).map_or("", String::as_str)
    }

    /// True when something typed is not on the server yet.
    pub fn has_unsaved(&self) -> bool {
        self.texts != self.baseline || self.comments != self.comments_baseline
    }

    /// The rules broken by the figures as typed (texts that are not figures
    /// count as not entered), and the figures far from what they are
    /// compared with (the submission's references), from the same code the
    /// server runs.
    pub fn live_violations(&self) -> Vec<Violation> {
        let Some((form, sub)) = &self.loaded else { return Vec::new() };
        let values: HashMap<_, _> =
            form.indicators.iter().filter_map(|ind| Some((ind.id, parse_value(ind, self.text(&ind.code)).ok()??))).collect();
        let mut out = evaluate(&self.rules, &form.indicators, &values);
        for reference in &sub.references {
            let Some(ind) = form.indicators.iter().find(|i| i.id == reference.indicator_id) else { continue };
            let Some(value) = values.get(&ind.id) else { continue };
            let explained = !self.comment(&ind.code).trim().is_empty();
            out.extend(outlier(ind, *value, &reference.history, explained));
        }
        out
    }

    /// The server's warnings about a figure, while it is still the saved
    /// one. Outliers are left to the live check, which knows the comment
    /// as typed.
    fn server_warnings<'a>(&'a self, ind: &Indicator) -> impl Iterator<Item = &'a Violation> {
        let field = format!("values.{}", ind.code);
        let unchanged = self.texts.get(&ind.code) == self.baseline.get(&ind.code);
        let warnings = self.loaded.as_ref().map_or(&[][..], |(_, sub)| &sub.warnings[..]);
        let live = self.loaded.as_ref().is_some_and(|(_, sub)| sub.references.iter().any(|r| r.indicator_id == ind.id));
        warnings.iter().filter(move |w| unchanged && w.error.field == field && !(live && w.error.code == "outlier"))
    }

    /// Everything to say about a figure: the error (red) and the warnings
    /// (amber), live checks and the server's last word, each message once.
    pub fn checks(&self, ind: &Indicator, live: &[Violation]) -> FieldChecks {
        let field = format!("values.{}", ind.code);
        // "Cần nhập" on every empty input of a new form would shout before
        // anything is typed; sending checks for missing figures anyway.
        let typed = live.iter().filter(|v| v.error.field == field && v.error.code != "required");
        let mine: Vec<&Violation> = typed.chain(self.server_warnings(ind)).collect();
        let hard = mine.iter().find(|v| v.severity == Severity::Hard).map(|v| v.error.message.clone());
        let mut warnings: Vec<String> = Vec::new();
        for v in mine.iter().filter(|v| v.severity == Severity::Soft) {
            if !warnings.contains(&v.error.message) {
                warnings.push(v.error.message.clone());
            }
        }
        let outlier = mine.iter().any(|v| v.error.code == "outlier");
        FieldChecks { error: self.field_error(ind).or(hard), warnings, outlier }
    }

    /// The figures to send, or how many inputs are not valid figures.
    pub fn inputs(&self) -> Result<Vec<ValueInput>, usize> {
        let Some((form, _)) = &self.loaded else { return Err(0) };
        let mut invalid = 0;
        let mut inputs = Vec::new();
        for ind in &form.indicators {
            match parse_value(ind, self.text(&ind.code)) {
                Ok(value) => {
                    let comment = Some(self.comment(&ind.code).trim()).filter(|c| !c.is_empty()).map(str::to_owned);
                    inputs.push(ValueInput { indicator_id: ind.id, value, comment });
                }
                Err(_) => invalid += 1,
            }
        }
        if invalid > 0 { Err(invalid) } else { Ok(inputs) }
    }

    /// What to keep in localStorage.
    pub fn local_draft(&self) -> LocalDraft {
        LocalDraft { version: self.version, texts: self.texts.clone(), comments: self.comments.clone() }
    }
}

impl Reducible for FormState {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            FormAction::Loaded(form, sub, local, queued) => {
                s = FormState { baseline: server_texts(&form, &sub), version: sub.version, ..FormState::default() };
                s.texts = s.baseline.clone();
                s.comments_baseline = server_comments(&form, &sub);
                s.comments = s.comments_baseline.clone();
                let submitted = !sub.status.editable_by_unit();
                if let Some(local) =
                    local.filter(|l| !submitted && (l.texts != s.baseline || (!l.comments.is_empty() && l.comments != s.comments_baseline)))
                {
                    for (code, text) in local.texts.into_iter().filter(|(code, _)| s.baseline.contains_key(code)) {
                        s.texts.insert(code, text);
                    }
                    for (code, text) in local.comments.into_iter().filter(|(code, _)| s.baseline.contains_key(code)) {
                        s.comments.insert(code, text);
                    }
                    s.version = local.version;
                    if !queued {
                        s.flash = Some(Flash::info("Đã khôi phục số liệu bạn nhập trước đó nhưng chưa lưu. Kiểm tra rồi bấm «Lưu nháp»."));
                    }
                }
                s.loaded = Some((form, sub));
            }
            FormAction::Rules(rules) => s.rules = rules,
            FormAction::EditComment(code, text) => {
                if s.flash.as_ref().is_some_and(|f| f.tone == Tone::Success) {
                    s.flash = None;
                }
                s.server_errors.remove(&format!("{code}.comment"));
                s.comment_open.insert(code.clone());
                s.comments.insert(code, text);
            }
            FormAction::OpenComment(code) => {
                s.comment_open.insert(code);
            }
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
                s.sent_comments = s.comments.clone();
            }
            FormAction::Saved(sub, flash) => {
                s.take_server_copy(sub);
                // Show the figures as the server keeps them, unless typed on since.
                for (code, text) in &s.baseline {
                    if s.texts.get(code) == s.sent.get(code) {
                        s.texts.insert(code.clone(), text.clone());
                    }
                }
                for (code, text) in &s.comments_baseline {
                    if s.comments.get(code) == s.sent_comments.get(code) {
                        s.comments.insert(code.clone(), text.clone());
                    }
                }
                s.flash = Some(flash);
            }
            FormAction::Failed(e) => return Rc::new(s.failed(e)),
            FormAction::Queued { submit, at } => {
                // The typed text stays. A waiting submit has its banner at the
                // top; a waiting save is also told beside its button.
                s.busy = false;
                s.confirming = false;
                s.flash = (!submit).then(|| {
                    Flash::info(format!("Chờ gửi: chưa gửi được lên máy chủ. Số liệu đã lưu trên máy lúc {at} và sẽ tự gửi khi có mạng."))
                });
            }
            FormAction::Settled => {
                s.busy = false;
                s.confirming = false;
            }
            // Not loaded yet: what it loads is newer.
            FormAction::Delivered(..) if s.loaded.is_none() => {}
            FormAction::Delivered(sub, at) => {
                let submitted = !sub.status.editable_by_unit();
                s.take_server_copy(sub);
                if !s.has_unsaved() || submitted {
                    s.texts = s.baseline.clone();
                    s.comments = s.comments_baseline.clone();
                }
                let text = if submitted { "Đã tự gửi báo cáo cho xã lúc" } else { "Đã tự lưu nháp lên máy chủ lúc" };
                s.flash = Some(Flash::success(format!("{text} {at}")));
            }
            FormAction::Reloaded(sub) => s.reloaded(sub),
            FormAction::Reviewed(sub, flash) => {
                // The reviewer types nothing: show the figures as decided on.
                s.take_server_copy(sub);
                s.texts = s.baseline.clone();
                s.comments = s.comments_baseline.clone();
                s.flash = Some(flash);
            }
        }
        Rc::new(s)
    }
}

/// What to show under one figure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldChecks {
    /// Why the figure is refused (red): typed wrong, refused, or a hard rule.
    pub error: Option<String>,
    /// Soft rules and outliers (amber).
    pub warnings: Vec<String>,
    /// The figure is far from the unit's history: the comment box opens.
    pub outlier: bool,
}
