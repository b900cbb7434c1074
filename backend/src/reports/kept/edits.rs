//! Changes to a draft report: a passage's text, the header and signature,
//! and deleting the draft.

use diesel::prelude::*;
use tonghop_shared::api::ReportHeader;
use tonghop_shared::{richtext, text};

use crate::audit::{self, Entry};
use crate::db::schema::{report_headers, report_numbers, report_passages, reports};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::reports::kept::{ReportRow, find, passages};
use crate::units::model as units;

/// Refuses a change to an issued report or from a stale version, and counts
/// the change.
pub(super) fn bump(conn: &mut DbConn, row: &ReportRow, version: i64, user_id: i64) -> ApiResult<()> {
    if row.issued() {
        return Err(ApiError::Conflict("Báo cáo đã ban hành, không sửa được; hãy tạo bản mới".into()));
    }
    // Any other version is stale, however large: never counted on from there.
    if version != row.version {
        return Err(ApiError::VersionConflict { current: row.version });
    }
    let changed = diesel::update(reports::table.find(row.id).filter(reports::version.eq(version)))
        .set((reports::version.eq(version + 1), reports::updated_at.eq(crate::db::now()), reports::updated_by.eq(user_id)))
        .execute(conn)?;
    if changed != 1 { Err(ApiError::VersionConflict { current: row.version }) } else { Ok(()) }
}

/// Deletes a draft with everything written in it; an issued report stays
/// (it was sent: a new version corrects it).
pub fn delete_draft(conn: &mut DbConn, user_id: i64, id: i64, version: i64) -> ApiResult<()> {
    write_transaction(conn, |conn| {
        let row = find(conn, id)?;
        if row.issued() {
            return Err(ApiError::Conflict("Báo cáo đã ban hành, không xoá được; hãy tạo bản mới để sửa".into()));
        }
        if version != row.version {
            return Err(ApiError::VersionConflict { current: row.version });
        }
        diesel::delete(report_passages::table.filter(report_passages::report_id.eq(id))).execute(conn)?;
        diesel::delete(report_headers::table.filter(report_headers::report_id.eq(id))).execute(conn)?;
        diesel::delete(report_numbers::table.filter(report_numbers::report_id.eq(id))).execute(conn)?;
        let deleted = diesel::delete(reports::table.find(id).filter(reports::version.eq(version))).execute(conn)?;
        if deleted != 1 {
            return Err(ApiError::VersionConflict { current: row.version });
        }
        let before = serde_json::json!({"unit_id": row.unit_id, "period": row.period.to_string(), "profile": row.profile.as_str(), "version": row.version});
        let entry = Entry { user_id: Some(user_id), entity: "report", entity_id: id, action: "delete" };
        audit::record::<serde_json::Value, serde_json::Value>(conn, entry, Some(&before), None)?;
        Ok(())
    })
}

/// Writes the office's own text for a passage, or (`None`) lets it follow
/// the figures again.
pub fn edit_passage(conn: &mut DbConn, user_id: i64, id: i64, position: u32, version: i64, text: Option<&str>) -> ApiResult<()> {
    let text = text.map(text::clean_multiline);
    if text.as_ref().is_some_and(|t| t.chars().count() > richtext::MAX_CHARS) {
        return Err(ApiError::field("text", "too_long", format!("Tối đa {} ký tự", richtext::MAX_CHARS)));
    }
    write_transaction(conn, |conn| {
        let row = find(conn, id)?;
        bump(conn, &row, version, user_id)?;
        let unit = units::find(conn, row.unit_id)?;
        let (passages, _) = passages(conn, &row, &unit)?;
        let Some(passage) = passages.get(position as usize) else { return Err(ApiError::NotFound) };
        let key = report_passages::table.find((id, position as i32));
        diesel::delete(key).execute(conn)?;
        if let Some(text) = text {
            diesel::insert_into(report_passages::table)
                .values((
                    report_passages::report_id.eq(id),
                    report_passages::position.eq(position as i32),
                    report_passages::text.eq(text),
                    report_passages::generated.eq(&passage.generated),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// Sets the header and signature of a draft.
pub fn edit_header(conn: &mut DbConn, user_id: i64, id: i64, version: i64, header: &ReportHeader) -> ApiResult<()> {
    let clean = |t: &str| text::clean_multiline(t);
    let (title, place) = (clean(&header.title), text::clean(&header.place));
    let recipients: Vec<String> = header.recipients.iter().map(|r| text::clean(r)).filter(|r| !r.is_empty()).collect();
    let mut errors = Vec::new();
    if title.is_empty() || title.chars().count() > 500 {
        errors.push(tonghop_shared::FieldError::new("header.title", "required", "Trích yếu cần có nội dung, tối đa 500 ký tự"));
    }
    if place.is_empty() || place.chars().count() > 100 {
        errors.push(tonghop_shared::FieldError::new("header.place", "required", "Địa danh cần có, tối đa 100 ký tự"));
    }
    let authority = text::clean(&header.signer_authority);
    if authority.chars().count() > 100 {
        errors.push(tonghop_shared::FieldError::new("header.signer_authority", "too_long", "Dòng thẩm quyền ký tối đa 100 ký tự"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let authority = (!authority.is_empty()).then_some(authority);
    write_transaction(conn, |conn| {
        let row = find(conn, id)?;
        bump(conn, &row, version, user_id)?;
        diesel::delete(report_headers::table.find(id)).execute(conn)?;
        diesel::insert_into(report_headers::table)
            .values((
                report_headers::report_id.eq(id),
                report_headers::title.eq(title),
                report_headers::place.eq(place),
                report_headers::recipients.eq(crate::db::to_json(&recipients)?),
                report_headers::signer_title.eq(text::clean(&header.signer_title)),
                report_headers::signer_name.eq(text::clean(&header.signer_name)),
                report_headers::signer_authority.eq(authority),
            ))
            .execute(conn)?;
        Ok(())
    })
}
