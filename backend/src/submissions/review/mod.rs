//! Review decisions on figures: the commune office returns a submitted form
//! with reasons and comments on figures, approves it (which locks it), or
//! reopens an approved one with a written reason. The workflow itself is
//! [`crate::review`], shared with sections; what is particular to figures is
//! here: the comments on figures, and the snapshot of the figures each
//! decision keeps, so the reviewer sees what changed since a return.
//!
//! `routes.rs` serves the decisions.

pub mod routes;

use diesel::prelude::*;
use tonghop_shared::api::{FigureComment, ReviewAction, SubmissionStatus};
use tonghop_shared::{Amount, FieldError, text};

use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::db::schema::{reviews, submissions};
use crate::error::{ApiError, ApiResult};
use crate::review::{self, Reviewed};
use crate::submissions::model::{self, Context, SnapshotValue, SubmissionRow};
use crate::units::model::UnitRow;

/// A decision on figures to apply.
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

/// A submission under review, with the comments the decision adds.
struct UnderReview<'a> {
    row: SubmissionRow,
    figure_comments: &'a [FigureComment],
}

impl Reviewed for UnderReview<'_> {
    const ENTITY: &'static str = "submission";
    const NOUN: &'static str = "báo cáo";

    fn id(&self) -> i64 {
        self.row.id
    }

    fn status(&self) -> SubmissionStatus {
        self.row.status()
    }

    fn version(&self) -> i64 {
        self.row.version
    }

    fn submitted_by(&self) -> Option<i64> {
        self.row.submitted_by
    }

    fn advance(&self, conn: &mut DbConn, next: SubmissionStatus, user_id: i64, now: chrono::NaiveDateTime) -> QueryResult<usize> {
        diesel::update(submissions::table.find(self.row.id).filter(submissions::version.eq(self.row.version)))
            .set((
                submissions::status.eq(next.as_str()),
                submissions::version.eq(self.row.version + 1),
                submissions::updated_at.eq(now),
                submissions::updated_by.eq(user_id),
            ))
            .execute(conn)
    }

    fn topic(&self, unit: &UnitRow) -> crate::notifications::Topic {
        crate::notifications::Topic::figures(unit, self.row.form_id, &self.row.period)
    }

    fn keep(&self, conn: &mut DbConn, decision: &review::Decision, user_id: i64, now: chrono::NaiveDateTime) -> ApiResult<()> {
        let snapshot: Vec<SnapshotValue> = model::values_of(conn, &[self.row.id])?
            .into_iter()
            .map(|v| SnapshotValue { indicator_id: v.indicator_id, value: v.value.map(Amount::from_scaled) })
            .collect();
        diesel::insert_into(reviews::table)
            .values((
                reviews::submission_id.eq(self.row.id),
                reviews::action.eq(decision.action.as_str()),
                reviews::reason.eq(&decision.reason),
                reviews::figure_comments.eq(crate::db::to_json(self.figure_comments)?),
                reviews::values_json.eq(crate::db::to_json(&snapshot)?),
                reviews::user_id.eq(user_id),
                reviews::at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    }
}

/// Checks the decision's text before anything is read.
fn validate(ctx: &Context<'_>, decision: Decision) -> ApiResult<(review::Decision, Vec<FigureComment>)> {
    let mut errors = Vec::new();
    let checked = review::Decision::new(decision.action, decision.version, decision.reason.as_deref()).map_err(|e| errors.push(e)).ok();
    let mut comments = decision.figure_comments;
    for (i, c) in comments.iter_mut().enumerate() {
        c.comment = text::clean_multiline(&c.comment);
        let field = format!("figure_comments[{i}]");
        if !ctx.indicators.iter().any(|ind| ind.id == c.indicator_id) {
            errors.push(FieldError::new(field, "unknown", "Chỉ tiêu không có trong biểu mẫu này"));
        } else if c.comment.is_empty() || c.comment.chars().count() > 1000 {
            errors.push(FieldError::new(field, "format", "Ý kiến về số liệu cần có nội dung, tối đa 1000 ký tự"));
        }
    }
    match checked {
        Some(checked) if errors.is_empty() => Ok((checked, comments)),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// Applies a review decision on a unit's figures.
pub fn decide(conn: &mut DbConn, user: &AuthUser, ctx: &Context<'_>, decision: Decision) -> ApiResult<()> {
    let (decision, figure_comments) = validate(ctx, decision)?;
    review::decide(conn, user, ctx.unit, &decision, |conn| {
        let row = model::find(conn, ctx.unit.id, ctx.form_id, ctx.period)?;
        Ok(row.map(|row| UnderReview { row, figure_comments: &figure_comments }))
    })
}
