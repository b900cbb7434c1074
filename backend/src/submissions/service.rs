//! Saving and submitting figures: the one place that changes a submission.
//!
//! Invariants:
//! - one submission per unit, form and period (a unique constraint backs it);
//! - every change raises `version` by one, and a change made from an older
//!   version is refused (409), so two phones never silently overwrite each
//!   other;
//! - a request whose figures are already stored exactly as sent, by the same
//!   user, is a retry (the phone lost the first answer) and is answered with
//!   the stored submission without changing anything;
//! - values, status and audit entries change in one transaction, or not at all.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::{Deserialize, Serialize};
use tonghop_shared::api::{SubmissionInput, SubmissionStatus, ValueInput};
use tonghop_shared::rules::{Severity, evaluate};
use tonghop_shared::validation::{Completeness, check_values};
use tonghop_shared::{Amount, FieldError, MonthPeriod, text};

use super::model::{self, Context, SubmissionRow, ValueRow};
use crate::audit::{self, Entry};
use crate::auth::AuthUser;
use crate::db::raw::{self, Bind};
use crate::db::schema::submissions;
use crate::db::{DbConn, Serialized, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::notifications::{self, Message, Recipients, Topic};

/// Save as a draft, or submit to the commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Keep editing.
    SaveDraft,
    /// Send.
    Submit,
}

/// A figure as the audit log records it.
#[derive(Debug, Serialize, Deserialize)]
pub struct AuditValue<'a> {
    /// The indicator's code.
    pub indicator_code: &'a str,
    /// The figure.
    pub value: Option<Amount>,
    /// The unit's note on it.
    pub comment: Option<&'a str>,
}

pub use crate::review::AuditStatus;

/// Applies a save or submit; the caller reads the result back.
/// `today` decides whether the period has begun and whether a submission is
/// late.
pub fn save(
    conn: &mut DbConn,
    user: &AuthUser,
    ctx: &Context<'_>,
    input: SubmissionInput,
    action: Action,
    today: chrono::NaiveDate,
) -> ApiResult<()> {
    if ctx.period > MonthPeriod::containing(today, &ctx.calendar) {
        return Err(ApiError::field("period", "future", "Chưa đến kỳ báo cáo này"));
    }
    let values: Vec<ValueInput> = input
        .values
        .into_iter()
        .map(|v| ValueInput { comment: v.comment.map(|c| text::clean_multiline(&c)).filter(|c| !c.is_empty()), ..v })
        .collect();
    let api_indicators: Vec<_> = ctx.indicators.iter().map(|i| i.to_api()).collect();
    write_transaction(conn, |conn| {
        crate::db::serialize_one(conn, Serialized::Submission, &format!("{}/{}/{}", ctx.unit.id, ctx.form_id, ctx.period))?;
        let existing = model::find(conn, ctx.unit.id, ctx.form_id, ctx.period)?;
        let stored = match &existing {
            Some(row) => model::values_of(conn, &[row.id])?,
            None => Vec::new(),
        };
        if let Some(row) = &existing {
            if is_replay(row, &stored, &values, user, action) {
                return Ok(());
            }
            if !row.status().editable_by_unit() {
                return Err(ApiError::Conflict(format!("Báo cáo {} nên không sửa được nữa", row.status().label_vi().to_lowercase())));
            }
        }
        let current_version = existing.as_ref().map_or(0, |r| r.version);
        if input.version != current_version {
            return Err(ApiError::VersionConflict { current: current_version });
        }
        let filled: HashSet<i64> = stored.iter().filter(|v| v.value.is_some()).map(|v| v.indicator_id).collect();
        let completeness = if action == Action::Submit { Completeness::Submit } else { Completeness::Draft };
        let mut errors: Vec<FieldError> = check_values(&api_indicators, &values, &filled, completeness);
        if errors.is_empty() && action == Action::Submit {
            // Hard rules block submission, judged on the figures as they
            // will stand: those saved, overwritten by those sent.
            let mut figures: HashMap<i64, Amount> =
                stored.iter().filter_map(|v| Some((v.indicator_id, Amount::from_scaled(v.value?)))).collect();
            for v in &values {
                match v.value {
                    Some(value) => figures.insert(v.indicator_id, value),
                    None => figures.remove(&v.indicator_id),
                };
            }
            let indicator_ids: Vec<i64> = api_indicators.iter().map(|i| i.id).collect();
            let rules = crate::indicators::rules::for_indicators(conn, &indicator_ids)?;
            errors =
                evaluate(&rules, &api_indicators, &figures).into_iter().filter(|v| v.severity == Severity::Hard).map(|v| v.error).collect();
        }
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        let now = crate::db::now();
        let submission_id = match &existing {
            Some(row) => row.id,
            None => create(conn, ctx, user, now)?,
        };
        write_values(conn, user, ctx, submission_id, &stored, &values, now)?;
        let (status, submitted_at, submitted_by, late) = match action {
            Action::Submit => {
                (SubmissionStatus::Submitted, Some(now), Some(user.id), today > ctx.period.deadline(&ctx.calendar, &ctx.holidays))
            }
            // A returned submission stays returned while the unit fixes it.
            Action::SaveDraft => {
                let status = existing.as_ref().map(SubmissionRow::status).filter(|s| *s == SubmissionStatus::Returned);
                (status.unwrap_or(SubmissionStatus::Draft), None, None, false)
            }
        };
        let changed = diesel::update(submissions::table.find(submission_id).filter(submissions::version.eq(current_version.max(1))))
            .set((
                submissions::status.eq(status.as_str()),
                submissions::version.eq(current_version + 1),
                submissions::updated_at.eq(now),
                submissions::updated_by.eq(user.id),
                submissions::submitted_at.eq(submitted_at),
                submissions::submitted_by.eq(submitted_by),
                submissions::late.eq(late),
            ))
            .execute(conn)?;
        if changed != 1 {
            return Err(ApiError::VersionConflict { current: current_version });
        }
        let action_name = if action == Action::Submit { "submit" } else { "save_draft" };
        let entry = Entry { user_id: Some(user.id), entity: "submission", entity_id: submission_id, action: action_name };
        let before = existing.as_ref().map(|r| AuditStatus { status: r.status.as_str(), version: r.version, reason: None });
        let after = AuditStatus { status: status.as_str(), version: current_version + 1, reason: None };
        audit::record(conn, entry, before.as_ref(), Some(&after))?;
        if action == Action::Submit {
            let topic = Topic::figures(ctx.unit, ctx.form_id, &ctx.period.to_string());
            notifications::notify(conn, Recipients::ReviewersOf(ctx.unit), user.id, &Message::submitted(&topic))?;
        }
        Ok(())
    })
}

/// True when the request changes nothing that is stored and the same user
/// made the last change: a retry whose first answer was lost.
fn is_replay(row: &SubmissionRow, stored: &[ValueRow], values: &[ValueInput], user: &AuthUser, action: Action) -> bool {
    let status_matches = match action {
        Action::Submit => row.status() == SubmissionStatus::Submitted,
        Action::SaveDraft => matches!(row.status(), SubmissionStatus::Draft | SubmissionStatus::Returned),
    };
    let by_indicator: HashMap<i64, &ValueRow> = stored.iter().map(|v| (v.indicator_id, v)).collect();
    let same_values = values.iter().all(|v| match by_indicator.get(&v.indicator_id) {
        Some(s) => s.value == v.value.map(Amount::scaled) && s.comment == v.comment,
        None => v.value.is_none() && v.comment.is_none(),
    });
    crate::review::is_retry(status_matches && same_values, row.updated_by, user)
}

/// Inserts an empty draft at version 1. Two first saves racing each other:
/// the loser sees a version conflict, as if the winner had saved first.
fn create(conn: &mut DbConn, ctx: &Context<'_>, user: &AuthUser, now: chrono::NaiveDateTime) -> ApiResult<i64> {
    let inserted = diesel::insert_into(submissions::table)
        .values((
            submissions::unit_id.eq(ctx.unit.id),
            submissions::form_id.eq(ctx.form_id),
            submissions::period.eq(ctx.period.to_string()),
            submissions::status.eq(SubmissionStatus::Draft.as_str()),
            submissions::version.eq(1_i64),
            submissions::late.eq(false),
            submissions::created_at.eq(now),
            submissions::updated_at.eq(now),
            submissions::updated_by.eq(user.id),
        ))
        .returning(submissions::id)
        .get_result(conn);
    match inserted {
        Ok(id) => Ok(id),
        Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Err(ApiError::VersionConflict { current: 1 }),
        Err(e) => Err(e.into()),
    }
}

/// Writes the figures that changed, each with an audit entry: one
/// statement for the figures (new ones inserted, others updated) and one
/// for their entries, however many there are.
fn write_values(
    conn: &mut DbConn,
    user: &AuthUser,
    ctx: &Context<'_>,
    submission_id: i64,
    stored: &[ValueRow],
    values: &[ValueInput],
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    let stored: HashMap<i64, &ValueRow> = stored.iter().map(|v| (v.indicator_id, v)).collect();
    let mut binds = Vec::new();
    let mut entries = Vec::new();
    for input in values {
        let before = stored.get(&input.indicator_id).copied();
        let new_value = input.value.map(Amount::scaled);
        if before.is_some_and(|b| b.value == new_value && b.comment == input.comment)
            || (before.is_none() && new_value.is_none() && input.comment.is_none())
        {
            continue;
        }
        let code = ctx.indicators.iter().find(|i| i.id == input.indicator_id).map_or("", |i| i.code.as_str());
        binds.extend([
            Bind::Int(submission_id),
            Bind::Int(input.indicator_id),
            Bind::OptInt(new_value),
            Bind::OptText(input.comment.clone()),
            Bind::Time(now),
            Bind::Int(user.id),
        ]);
        let before =
            before.map(|v| AuditValue { indicator_code: code, value: v.value.map(Amount::from_scaled), comment: v.comment.as_deref() });
        let after = AuditValue { indicator_code: code, value: input.value, comment: input.comment.as_deref() };
        let entry = Entry { user_id: Some(user.id), entity: "value", entity_id: submission_id, action: "update" };
        entries.push((entry, before, Some(after)));
    }
    if entries.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO submission_values (submission_id, indicator_id, value, comment, updated_at, updated_by) VALUES {}
         ON CONFLICT (submission_id, indicator_id) DO UPDATE SET
             value = excluded.value, comment = excluded.comment, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        raw::rows(entries.len(), 6)
    );
    raw::execute(conn, &sql, &binds)?;
    audit::record_all(conn, &entries)?;
    Ok(())
}
