//! The one place that changes a section: save, submit, and the commune's
//! decisions. Each change is one transaction with its audit entry.

use diesel::prelude::*;
use serde_json::json;
use tonghop_shared::api::{ReviewAction, SectionInput, SubmissionStatus};
use tonghop_shared::{MonthPeriod, ReportPeriod, richtext, text};

use super::model::{self, SectionRow};
use crate::audit::{self, Entry};
use crate::auth::AuthUser;
use crate::db::schema::{section_reviews, sections};
use crate::db::{DbConn, Serialized, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::notifications::{self, Message, Recipients, Topic};
use crate::review::{self, Decision, Reviewed};
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
    if !period.has_begun(current) {
        return Err(ApiError::field("period", "future", "Chưa đến kỳ báo cáo này"));
    }
    Ok(())
}

/// Saves the draft, or saves and submits. A retry of a request whose text is
/// already stored by the same user (its answer was lost) succeeds without a
/// second write; the same text from another user is a change like any other.
pub fn save(conn: &mut DbConn, user: &AuthUser, unit: &UnitRow, period: ReportPeriod, input: &SectionInput, submit: bool) -> ApiResult<()> {
    let body = clean_body(input, submit)?;
    check_period(conn, unit, period)?;
    let status = if submit { SubmissionStatus::Submitted } else { SubmissionStatus::Draft };
    write_transaction(conn, |conn| {
        crate::db::serialize_one(conn, Serialized::Section, &format!("{}/{period}", unit.id))?;
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
            record(conn, user, id, if submit { "submit" } else { "create" }, None, &body, status)?;
            return arrived(conn, user, unit, period, submit);
        };
        if review::is_retry(
            row.body == body && input.version.checked_add(1) == Some(row.version) && row.status() == status,
            row.updated_by,
            user,
        ) {
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
        record(conn, user, row.id, if submit { "submit" } else { "update" }, Some(&row), &body, status)?;
        arrived(conn, user, unit, period, submit)
    })
}

/// On a submission, tells the commune office's subscribed phones.
fn arrived(conn: &mut DbConn, user: &AuthUser, unit: &UnitRow, period: ReportPeriod, submit: bool) -> ApiResult<()> {
    if submit {
        let topic = Topic::section(unit, &period.to_string());
        notifications::notify(conn, Recipients::ReviewersOf(unit), user.id, &Message::submitted(&topic))?;
    }
    Ok(())
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

/// A section under review.
impl Reviewed for SectionRow {
    const ENTITY: &'static str = "section";
    const NOUN: &'static str = "phần báo cáo";

    fn id(&self) -> i64 {
        self.id
    }

    fn status(&self) -> SubmissionStatus {
        SectionRow::status(self)
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn submitted_by(&self) -> Option<i64> {
        self.submitted_by
    }

    fn advance(&self, conn: &mut DbConn, next: SubmissionStatus, user_id: i64, now: chrono::NaiveDateTime) -> QueryResult<usize> {
        diesel::update(sections::table.find(self.id).filter(sections::version.eq(self.version)))
            .set((
                sections::status.eq(next.as_str()),
                sections::version.eq(self.version + 1),
                sections::updated_at.eq(now),
                sections::updated_by.eq(user_id),
            ))
            .execute(conn)
    }

    fn topic(&self, unit: &UnitRow) -> crate::notifications::Topic {
        crate::notifications::Topic::section(unit, &self.period)
    }

    fn keep(&self, conn: &mut DbConn, decision: &Decision, user_id: i64, now: chrono::NaiveDateTime) -> ApiResult<()> {
        diesel::insert_into(section_reviews::table)
            .values((
                section_reviews::section_id.eq(self.id),
                section_reviews::action.eq(decision.action.as_str()),
                section_reviews::reason.eq(&decision.reason),
                section_reviews::user_id.eq(user_id),
                section_reviews::at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    }
}

/// The commune's decision: return with a reason, approve, or reopen an
/// approved section with a reason, through the one review workflow.
pub fn decide(
    conn: &mut DbConn,
    user: &AuthUser,
    unit: &UnitRow,
    period: ReportPeriod,
    action: ReviewAction,
    version: i64,
    reason: Option<&str>,
) -> ApiResult<()> {
    let decision = Decision::new(action, version, reason).map_err(|e| ApiError::Validation(vec![e]))?;
    review::decide(conn, user, unit, &decision, |conn| Ok(model::find(conn, unit.id, period)?))
}
