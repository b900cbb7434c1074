//! The review workflow's rule on reasons, applied by the server before a
//! decision is kept and by the office's review panels before it is sent: a
//! return or a reopening says why, in at most [`MAX_REASON_CHARS`].

use crate::api::ReviewAction;
use crate::{FieldError, text};

/// Longest general reason.
pub const MAX_REASON_CHARS: usize = 2000;

/// Said when a return or a reopening comes without a reason.
pub const REASON_REQUIRED: &str = "Cần ghi rõ lý do";

impl ReviewAction {
    /// Whether the decision must say why: a return and a reopening do, an
    /// approval does not.
    pub fn needs_reason(self) -> bool {
        self != ReviewAction::Approve
    }
}

/// The reason a decision keeps, cleaned as stored text is (NFC, trimmed
/// lines, [`text::clean_multiline`]; blank is none), or why it is refused,
/// on the field `reason`: missing where the decision needs one, or too long.
pub fn checked_reason(action: ReviewAction, reason: Option<&str>) -> Result<Option<String>, FieldError> {
    let reason = reason.map(text::clean_multiline).filter(|r| !r.is_empty());
    match &reason {
        None if action.needs_reason() => Err(FieldError::new("reason", "required", REASON_REQUIRED)),
        Some(r) if r.chars().count() > MAX_REASON_CHARS => {
            Err(FieldError::new("reason", "too_long", format!("Lý do tối đa {MAX_REASON_CHARS} ký tự")))
        }
        _ => Ok(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_return_and_a_reopening_need_a_reason_an_approval_does_not() {
        for action in [ReviewAction::Return, ReviewAction::Reopen] {
            let refused = checked_reason(action, None).unwrap_err();
            assert_eq!((refused.field.as_str(), refused.code.as_str(), refused.message.as_str()), ("reason", "required", REASON_REQUIRED));
        }
        assert_eq!(checked_reason(ReviewAction::Approve, None), Ok(None));
    }

    #[test]
    fn a_blank_reason_is_no_reason() {
        assert_eq!(checked_reason(ReviewAction::Return, Some("  \n \t ")).unwrap_err().code, "required");
        assert_eq!(checked_reason(ReviewAction::Approve, Some("   ")), Ok(None));
    }

    #[test]
    fn the_reason_is_kept_as_stored_text_trimmed_with_its_lines() {
        let kept = checked_reason(ReviewAction::Reopen, Some("  Số gia súc\r\n\n\n chưa  khớp \n"));
        assert_eq!(kept, Ok(Some("Số gia súc\n\nchưa khớp".to_owned())));
        let decomposed = "Thie\u{0302}\u{0301}u so\u{0302}\u{0301} lie\u{0323}\u{0302}u";
        assert_eq!(checked_reason(ReviewAction::Return, Some(decomposed)), Ok(Some("Thiếu số liệu".to_owned())));
    }

    #[test]
    fn a_reason_may_be_as_long_as_the_limit_and_no_longer() {
        let longest = "ư".repeat(MAX_REASON_CHARS);
        assert_eq!(checked_reason(ReviewAction::Return, Some(&longest)), Ok(Some(longest.clone())));
        let refused = checked_reason(ReviewAction::Return, Some(&format!("{longest}a"))).unwrap_err();
        assert_eq!((refused.code.as_str(), refused.message.as_str()), ("too_long", "Lý do tối đa 2000 ký tự"));
    }
}
