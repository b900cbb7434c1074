//! The one place that changes a section: save, submit, and the commune's
//! decisions. Each change is one transaction with its audit entry.

use diesel::prelude::*;
use serde_json::json;
use tonghop_shared::api::{ReviewAction, SectionInput, SubmissionStatus};
use tonghop_shared::{FieldError, MonthPeriod, ReportPeriod, richtext, text};

use super::model::{self, SectionRow};
use crate::audit::{self, Entry};
use crate::auth::AuthUser;
use crate::db::schema::{section_reviews, sections};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::submissions::review::{MAX_REASON_CHARS, transition};
use crate::units::model::{self as units, UnitRow};

/// Checks and cleans what the writer sent: NFC, trimmed lines, at most one
/// empty line in a row, not too long; not empty when submitted.
fn clean_body(input: &SectionInput, submit: bool) -> ApiResult<String> {
    let body = text::clean_multiline(&input.body);
    if body.chars().count() > richtext::MAX_CHARS {
        return Err(ApiError::field("body", "too_long", format!("Tối đa {} ký tự", richtext::MAX_CHARS)));
    }
    if submit && body.is_empty() {
        return Err(ApiError::field("body", "required", "Chưa có nội dung để gửi"));
    }
    Ok(body)
}

/// A section may be written from the first day of its period.
fn check_period(conn: &mut DbConn, unit: &UnitRow, period: ReportPeriod) -> ApiResult<()> {
    let current = MonthPeriod::containing(crate::clock::today(), &units::effective_calendar(conn, unit)?);
    if period.months().0 > current {
        return Err(ApiError::field("period", "future", "Chưa đến kỳ báo cáo này"));
    }
    Ok(())
}

/// Saves the draft, or saves and submits. A retry of a request whose text is
/// already stored (its answer was lost) succeeds without a second write.
pub fn save(conn: &mut DbConn, user: &AuthUser, unit: &UnitRow, period: ReportPeriod, input: &SectionInput, submit: bool) -> ApiResult<()> {
    let body = clean_body(input, submit)?;
    check_period(conn, unit, period)?;
    let status = if submit { SubmissionStatus::Submitted } else { SubmissionStatus::Draft };
    write_transaction(conn, |conn| {
        let now = crate::db::now();
        let Some(row) = model::find(conn, unit.id, period)? else {
            if input.version != 0 {
                return Err(ApiError::VersionConflict { current: 0 });
            }
            let id: i64 = diesel::insert_into(sections::table)
                .values((
                    sections::unit_id.eq(unit.id),
                    sections::period.eq(period.to_string()),
                    sections::body.eq(&body),
                    sections::status.eq(status.as_str()),
                    sections::version.eq(1),
                    sections::created_at.eq(now),
                    sections::updated_at.eq(now),
                    sections::updated_by.eq(user.id),
                    sections::submitted_at.eq(submit.then_some(now)),
                    sections::submitted_by.eq(submit.then_some(user.id)),
                ))
                .returning(sections::id)
                .get_result(conn)?;
            return record(conn, user, id, if submit { "submit" } else { "create" }, None, &body, status);
        };
        if row.body == body && row.version == input.version + 1 && row.status() == status {
            return Ok(());
        }
        if !row.status().editable_by_unit() {
            let message = format!("Phần báo cáo đang ở trạng thái «{}», không sửa được", row.status().label_vi());
            return Err(ApiError::Conflict(message));
        }
        if row.version != input.version {
            return Err(ApiError::VersionConflict { current: row.version });
        }
        let changed = diesel::update(sections::table.find(row.id).filter(sections::version.eq(row.version)))
            .set((
                sections::body.eq(&body),
                sections::status.eq(status.as_str()),
                sections::version.eq(row.version + 1),
                sections::updated_at.eq(now),
                sections::updated_by.eq(user.id),
            ))
            .execute(conn)?;
        if changed != 1 {
            return Err(ApiError::VersionConflict { current: row.version });
        }
        if submit {
            diesel::update(sections::table.find(row.id))
                .set((sections::submitted_at.eq(now), sections::submitted_by.eq(user.id)))
                .execute(conn)?;
        }
        record(conn, user, row.id, if submit { "submit" } else { "update" }, Some(&row), &body, status)
    })
}

fn record(
    conn: &mut DbConn,
    user: &AuthUser,
    id: i64,
    action: &str,
    before: Option<&SectionRow>,
    body: &str,
    status: SubmissionStatus,
) -> ApiResult<()> {
    let before = before.map(|r| json!({"status": r.status, "body": r.body}));
    let after = json!({"status": status.as_str(), "body": body});
    audit::record(conn, Entry { user_id: Some(user.id), entity: "section", entity_id: id, action }, before.as_ref(), Some(&after))?;
    Ok(())
}

/// The commune's decision: return with a reason, approve, or reopen an
/// approved section with a reason.
pub fn decide(
    conn: &mut DbConn,
    user: &AuthUser,
    unit: &UnitRow,
    period: ReportPeriod,
    action: ReviewAction,
    version: i64,
    reason: Option<&str>,
) -> ApiResult<()> {
    let reason = reason.map(text::clean_multiline).filter(|r| !r.is_empty());
    match &reason {
        None if action != ReviewAction::Approve => {
            return Err(ApiError::Validation(vec![FieldError::new("reason", "required", "Cần ghi rõ lý do")]));
        }
        Some(r) if r.chars().count() > MAX_REASON_CHARS => {
            return Err(ApiError::field("reason", "too_long", format!("Lý do tối đa {MAX_REASON_CHARS} ký tự")));
        }
        _ => {}
    }
    write_transaction(conn, |conn| {
        let row = model::find(conn, unit.id, period)?.ok_or_else(|| ApiError::Conflict("Đơn vị chưa gửi phần báo cáo kỳ này".into()))?;
        let (expected, next) = transition(action);
        if row.status() != expected {
            let message = format!("Chỉ {} phần báo cáo ở trạng thái «{}»", action.label_vi().to_lowercase(), expected.label_vi());
            return Err(ApiError::Conflict(message));
        }
        if row.version != version {
            return Err(ApiError::VersionConflict { current: row.version });
        }
        let now = crate::db::now();
        diesel::update(sections::table.find(row.id))
            .set((sections::status.eq(next.as_str()), sections::version.eq(row.version + 1), sections::updated_at.eq(now)))
            .execute(conn)?;
        diesel::insert_into(section_reviews::table)
            .values((
                section_reviews::section_id.eq(row.id),
                section_reviews::action.eq(action.as_str()),
                section_reviews::reason.eq(&reason),
                section_reviews::user_id.eq(user.id),
                section_reviews::at.eq(now),
            ))
            .execute(conn)?;
        let entry = Entry { user_id: Some(user.id), entity: "section", entity_id: row.id, action: action.as_str() };
        audit::record(conn, entry, Some(&json!({"status": row.status})), Some(&json!({"status": next.as_str(), "reason": reason})))?;
        Ok(())
    })
}
