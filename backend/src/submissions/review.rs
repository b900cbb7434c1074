//! Review decisions: the commune office returns a submitted form with
//! reasons, approves it (which locks it), or reopens an approved one with a
//! written reason. Like saving, each decision checks the version, runs in one
//! transaction and is audited.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use tonghop_shared::api::{FigureComment, ReviewAction, SubmissionStatus};
use tonghop_shared::{Amount, FieldError, text};

use super::model::{self, Context};
use super::service::AuditStatus;
use crate::audit::{self, Entry};
use crate::auth::AuthUser;
use crate::db::schema::{reviews, submissions};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};

/// Longest general reason.
pub(crate) const MAX_REASON_CHARS: usize = 2000;

/// One figure as a review snapshot keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SnapshotValue {
    /// The indicator.
    pub indicator_id: i64,
    /// Its figure then.
    pub value: Option<Amount>,
}

/// A decision to apply.
#[derive(Debug)]
pub struct Decision {
    /// What is decided.
    pub action: ReviewAction,
    /// The version the reviewer looked at.
    pub version: i64,
    /// Why (required to return or reopen).
    pub reason: Option<String>,
    /// Comments on figures (returns only).
    pub figure_comments: Vec<FigureComment>,
}

/// The status a decision starts from, and the one it leads to.
pub(crate) fn transition(action: ReviewAction) -> (SubmissionStatus, SubmissionStatus) {
    match action {
        ReviewAction::Return => (SubmissionStatus::Submitted, SubmissionStatus::Returned),
        ReviewAction::Approve => (SubmissionStatus::Submitted, SubmissionStatus::Approved),
        ReviewAction::Reopen => (SubmissionStatus::Approved, SubmissionStatus::Returned),
    }
}

/// Checks the decision's text before anything is read.
fn validate(ctx: &Context<'_>, decision: &mut Decision) -> ApiResult<()> {
    let mut errors = Vec::new();
    decision.reason = decision.reason.as_deref().map(text::clean_multiline).filter(|r| !r.is_empty());
    let needs_reason = matches!(decision.action, ReviewAction::Return | ReviewAction::Reopen);
    match &decision.reason {
        None if needs_reason => errors.push(FieldError::new("reason", "required", "Cần ghi rõ lý do")),
        Some(r) if r.chars().count() > MAX_REASON_CHARS => {
            errors.push(FieldError::new("reason", "too_long", format!("Lý do tối đa {MAX_REASON_CHARS} ký tự")))
        }
        _ => {}
    }
    for (i, c) in decision.figure_comments.iter_mut().enumerate() {
        c.comment = text::clean_multiline(&c.comment);
        let field = format!("figure_comments[{i}]");
        if !ctx.indicators.iter().any(|ind| ind.id == c.indicator_id) {
            errors.push(FieldError::new(field, "unknown", "Chỉ tiêu không có trong biểu mẫu này"));
        } else if c.comment.is_empty() || c.comment.chars().count() > 1000 {
            errors.push(FieldError::new(field, "format", "Ý kiến về số liệu cần có nội dung, tối đa 1000 ký tự"));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// Applies a review decision.
pub fn decide(conn: &mut DbConn, user: &AuthUser, ctx: &Context<'_>, mut decision: Decision) -> ApiResult<()> {
    validate(ctx, &mut decision)?;
    write_transaction(conn, |conn| {
        let row = model::find(conn, ctx.unit.id, ctx.form_id, ctx.period)?
            .ok_or_else(|| ApiError::Conflict("Đơn vị chưa gửi báo cáo kỳ này".into()))?;
        let (expected, status) = transition(decision.action);
        if row.status() != expected {
            let message = format!("Chỉ {} được báo cáo ở trạng thái «{}»", decision.action.label_vi().to_lowercase(), expected.label_vi());
            return Err(ApiError::Conflict(message));
        }
        if decision.version != row.version {
            return Err(ApiError::VersionConflict { current: row.version });
        }
        let now = crate::db::now();
        let changed = diesel::update(submissions::table.find(row.id).filter(submissions::version.eq(row.version)))
            .set((
                submissions::status.eq(status.as_str()),
                submissions::version.eq(row.version + 1),
                submissions::updated_at.eq(now),
                submissions::updated_by.eq(user.id),
            ))
            .execute(conn)?;
        if changed != 1 {
            return Err(ApiError::VersionConflict { current: row.version });
        }
        let snapshot: Vec<SnapshotValue> = model::values_of(conn, &[row.id])?
            .into_iter()
            .map(|v| SnapshotValue { indicator_id: v.indicator_id, value: v.value.map(Amount::from_scaled) })
            .collect();
        diesel::insert_into(reviews::table)
            .values((
                reviews::submission_id.eq(row.id),
                reviews::action.eq(decision.action.as_str()),
                reviews::reason.eq(&decision.reason),
                reviews::figure_comments.eq(serde_json::to_string(&decision.figure_comments).expect("serialisable")),
                reviews::values_json.eq(serde_json::to_string(&snapshot).expect("serialisable")),
                reviews::user_id.eq(user.id),
                reviews::at.eq(now),
            ))
            .execute(conn)?;
        let entry = Entry { user_id: Some(user.id), entity: "submission", entity_id: row.id, action: decision.action.as_str() };
        let before = AuditStatus { status: &row.status, version: row.version, reason: None };
        let after = AuditStatus { status: status.as_str(), version: row.version + 1, reason: decision.reason.as_deref() };
        audit::record(conn, entry, Some(&before), Some(&after))?;
        Ok(())
    })
}
