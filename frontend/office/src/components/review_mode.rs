//! What the two review panels share, the figures' (`pages/form_review.rs`)
//! and a section's (`pages/section_review.rs`): which decision is being
//! prepared, the buttons that open each, and the check of the reason, the
//! server's own rule (`tonghop_shared::review`).

use tonghop_shared::api::{ReviewAction, SubmissionStatus};
use tonghop_shared::review;
use yew::prelude::*;

/// Which decision is being prepared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Only the buttons.
    #[default]
    Idle,
    /// «Duyệt?» is asked.
    ConfirmApprove,
    /// The return panel is open.
    Returning,
    /// The reopen panel is open.
    Reopening,
}

impl Mode {
    /// The decision it prepares; `None` while only the buttons show.
    pub fn action(self) -> Option<ReviewAction> {
        match self {
            Mode::Idle => None,
            Mode::ConfirmApprove => Some(ReviewAction::Approve),
            Mode::Returning => Some(ReviewAction::Return),
            Mode::Reopening => Some(ReviewAction::Reopen),
        }
    }

    /// Whether its panel asks for a reason (and puts the cursor in it).
    pub fn asks_reason(self) -> bool {
        self.action().is_some_and(ReviewAction::needs_reason)
    }
}

/// The reason to send with the decision `mode` prepares, cleaned and checked
/// as the server will; when refused, what to say under the field.
pub fn checked_reason(mode: Mode, typed: &str) -> Result<Option<String>, String> {
    let Some(action) = mode.action() else { return Ok(None) };
    review::checked_reason(action, Some(typed)).map_err(|refused| refused.message)
}

/// The buttons under what was received: «Trả lại» and «Duyệt» for a
/// submitted one, «Mở lại» for an approved one, each opening its mode;
/// nothing for anything else. Their test ids start with `testid`
/// (`section-` gives `section-return`, `section-approve`, `section-reopen`).
pub fn buttons(status: SubmissionStatus, testid: &str, busy: bool, open: &Callback<Mode>) -> Option<Html> {
    let button = |mode: Mode, name: &str, class: &'static str, label: &'static str| {
        let onclick = open.reform(move |_: MouseEvent| mode);
        html! { <button type="button" {class} data-testid={format!("{testid}{name}")} disabled={busy} {onclick}>{ label }</button> }
    };
    match status {
        SubmissionStatus::Submitted => Some(html! {
            <>
                { button(Mode::Returning, "return", "button", "Trả lại") }
                { button(Mode::ConfirmApprove, "approve", "button button-primary", "Duyệt") }
            </>
        }),
        SubmissionStatus::Approved => Some(button(Mode::Reopening, "reopen", "button", "Mở lại")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use tonghop_shared::review::{MAX_REASON_CHARS, REASON_REQUIRED};

    use super::*;

    #[test]
    fn a_return_and_a_reopening_ask_for_a_reason_an_approval_does_not() {
        assert!(Mode::Returning.asks_reason() && Mode::Reopening.asks_reason());
        assert!(!Mode::ConfirmApprove.asks_reason() && !Mode::Idle.asks_reason());
    }

    #[test]
    fn the_reason_is_checked_as_the_server_checks_it() {
        assert_eq!(checked_reason(Mode::Returning, " \n "), Err(REASON_REQUIRED.to_owned()));
        assert_eq!(checked_reason(Mode::Reopening, "  Sai số  hộ nghèo "), Ok(Some("Sai số hộ nghèo".to_owned())));
        assert_eq!(checked_reason(Mode::ConfirmApprove, ""), Ok(None));
        let too_long = "a".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(checked_reason(Mode::Returning, &too_long), Err(format!("Lý do tối đa {MAX_REASON_CHARS} ký tự")));
    }
}
