//! The one review workflow, for everything reviewed: a unit's figures
//! (`submissions`) and its activity sections (`sections`).
//!
//! `draft → submitted → approved`, `submitted → returned → submitted`,
//! `approved → returned` (reopen, with a reason). A decision
//! - names the version the reviewer looked at, and moves the row only if it
//!   is still at that version: a conditional update, so of two reviewers
//!   deciding at once on PostgreSQL exactly one wins and the other gets the
//!   usual version conflict (409);
//! - is taken by the commune office above the unit or an administrator; on
//!   the commune's own figures and sections, by another account of the
//!   commune office than the one that submitted them (four eyes, no
//!   administrator needed);
//! - runs in one transaction with what it keeps (the reason, a snapshot),
//!   its audit entry, and, for a return or a reopening, the notification to
//!   the unit's subscribed phones (`notifications`).
//!
//! What differs between the two is only where the row lives and what a
//! decision keeps beside it: [`Reviewed`].

use serde::{Deserialize, Serialize};
use tonghop_shared::api::{ReviewAction, SubmissionStatus};
use tonghop_shared::{FieldError, review};

use crate::audit::{self, Entry};
use crate::auth::AuthUser;
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::notifications::{self, Message, Recipients};
use crate::units::model::UnitRow;

/// A reviewed row's state as the audit log records it.
#[derive(Debug, Serialize, Deserialize)]
pub struct AuditStatus<'a> {
    /// The status.
    pub status: &'a str,
    /// The version.
    pub version: i64,
    /// Why (returns and reopenings).
    #[serde(default)]
    pub reason: Option<&'a str>,
}

/// What the workflow needs of a reviewed row.
pub trait Reviewed {
    /// The audit log's name for it: `submission`, `section`.
    const ENTITY: &'static str;
    /// How a message names it: `báo cáo`, `phần báo cáo`.
    const NOUN: &'static str;
    /// Its id.
    fn id(&self) -> i64;
    /// Its stored status.
    fn status(&self) -> SubmissionStatus;
    /// Its version.
    fn version(&self) -> i64;
    /// Who submitted it last.
    fn submitted_by(&self) -> Option<i64>;
    /// Moves it to `next` at `version + 1` if it is still at its version;
    /// the number of rows changed (0 when another decision got there first).
    fn advance(&self, conn: &mut DbConn, next: SubmissionStatus, user_id: i64, now: chrono::NaiveDateTime) -> diesel::QueryResult<usize>;
    /// What a notification of the decision names and opens.
    fn topic(&self, unit: &UnitRow) -> crate::notifications::Topic;
    /// Keeps the decision beside it (reason, comments, snapshot).
    fn keep(&self, conn: &mut DbConn, decision: &Decision, user_id: i64, now: chrono::NaiveDateTime) -> ApiResult<()>;
}

/// A decision to apply.
#[derive(Debug)]
pub struct Decision {
    /// What is decided.
    pub action: ReviewAction,
    /// The version the reviewer looked at.
    pub version: i64,
    /// Why (required to return or reopen), cleaned by [`Decision::new`].
    pub reason: Option<String>,
}

impl Decision {
    /// A decision with its reason cleaned (NFC, trimmed) and checked by the
    /// rule the office's panels apply too ([`review::checked_reason`]):
    /// needed to return or reopen, at most [`review::MAX_REASON_CHARS`].
    pub fn new(action: ReviewAction, version: i64, reason: Option<&str>) -> Result<Self, FieldError> {
        let reason = review::checked_reason(action, reason)?;
        Ok(Self { action, version, reason })
    }
}

/// The status a decision starts from, and the one it leads to.
pub fn transition(action: ReviewAction) -> (SubmissionStatus, SubmissionStatus) {
    match action {
        ReviewAction::Return => (SubmissionStatus::Submitted, SubmissionStatus::Returned),
        ReviewAction::Approve => (SubmissionStatus::Submitted, SubmissionStatus::Approved),
        ReviewAction::Reopen => (SubmissionStatus::Approved, SubmissionStatus::Returned),
    }
}

/// True when a save changes nothing stored and comes from whoever made the
/// last change: a retry whose first answer was lost, answered as a success
/// without a second write. The same text from someone else is not a retry.
pub fn is_retry(unchanged: bool, last_changed_by: i64, user: &AuthUser) -> bool {
    unchanged && last_changed_by == user.id
}

/// Applies `decision` to what `load` reads (inside the transaction), on
/// behalf of `user`, for `unit`.
pub fn decide<R: Reviewed>(
    conn: &mut DbConn,
    user: &AuthUser,
    unit: &UnitRow,
    decision: &Decision,
    load: impl FnOnce(&mut DbConn) -> ApiResult<Option<R>>,
) -> ApiResult<()> {
    write_transaction(conn, |conn| {
        let row = load(conn)?.ok_or_else(|| ApiError::Conflict(format!("Đơn vị chưa gửi {} kỳ này", R::NOUN)))?;
        user.may_decide(unit, decision.action, row.submitted_by())?;
        let (expected, next) = transition(decision.action);
        if row.status() != expected {
            let message = format!("Chỉ {} {} ở trạng thái «{}»", decision.action.label_vi().to_lowercase(), R::NOUN, expected.label_vi());
            return Err(ApiError::Conflict(message));
        }
        if decision.version != row.version() {
            return Err(ApiError::VersionConflict { current: row.version() });
        }
        let now = crate::db::now();
        if row.advance(conn, next, user.id, now)? != 1 {
            return Err(ApiError::VersionConflict { current: row.version() });
        }
        row.keep(conn, decision, user.id, now)?;
        let entry = Entry { user_id: Some(user.id), entity: R::ENTITY, entity_id: row.id(), action: decision.action.as_str() };
        let before = AuditStatus { status: row.status().as_str(), version: row.version(), reason: None };
        let after = AuditStatus { status: next.as_str(), version: row.version() + 1, reason: decision.reason.as_deref() };
        audit::record(conn, entry, Some(&before), Some(&after))?;
        if matches!(decision.action, ReviewAction::Return | ReviewAction::Reopen) {
            let message = Message::returned(&row.topic(unit), decision.reason.as_deref(), decision.action == ReviewAction::Reopen);
            notifications::notify(conn, Recipients::UnitOf(unit), user.id, &message)?;
        }
        Ok(())
    })
}
