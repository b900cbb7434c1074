//! Issuing a report (number, date, frozen passages, stored file) and
//! starting a new version of an issued one.

use diesel::prelude::*;
use tonghop_shared::api::{NewReport, ReportProfile, ReportStatus};

use super::kept::{create, document, find, passages, stored_header};
use super::kept_edits::bump;
use crate::db::schema::{report_headers, report_passages, reports};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::units::model as units;

/// Issues a draft: the next number of its unit and format, today's date,
/// every passage frozen as printed, the Word file stored.
pub fn issue(conn: &mut DbConn, user_id: i64, id: i64, version: i64) -> ApiResult<()> {
    write_transaction(conn, |conn| {
        let row = find(conn, id)?;
        bump(conn, &row, version, user_id)?;
        let unit = units::find(conn, row.unit_id)?;
        let (passages, _) = passages(conn, &row, &unit)?;
        let last: Option<i32> = reports::table
            .filter(reports::unit_id.eq(row.unit_id))
            .filter(reports::profile.eq(&row.profile))
            .select(diesel::dsl::max(reports::number))
            .first(conn)?;
        let number = last.unwrap_or(0) + 1;
        let number_text = match row.profile() {
            ReportProfile::Party => format!("Số {number:02}-BC/ĐU"),
            ReportProfile::State => format!("Số: {number:02}/BC-UBND"),
        };
        for p in &passages {
            diesel::delete(report_passages::table.find((id, p.position as i32))).execute(conn)?;
            diesel::insert_into(report_passages::table)
                .values((
                    report_passages::report_id.eq(id),
                    report_passages::position.eq(p.position as i32),
                    report_passages::text.eq(&p.text),
                    report_passages::generated.eq(&p.generated),
                ))
                .execute(conn)?;
        }
        let today = crate::clock::today();
        diesel::update(reports::table.find(id))
            .set((
                reports::status.eq(ReportStatus::Issued.as_str()),
                reports::number.eq(number),
                reports::number_text.eq(&number_text),
                reports::issued_on.eq(today),
            ))
            .execute(conn)?;
        let issued = find(conn, id)?;
        let bytes =
            super::docx::write(&document(conn, &issued)?).map_err(|e| ApiError::Internal(anyhow::anyhow!("writing the DOCX: {e:?}")))?;
        diesel::update(reports::table.find(id)).set(reports::issued_file.eq(bytes)).execute(conn)?;
        let entry = crate::audit::Entry { user_id: Some(user_id), entity: "report", entity_id: id, action: "issue" };
        crate::audit::record::<(), _>(conn, entry, None, Some(&number_text))?;
        Ok(())
    })
}

/// Starts a new draft from an issued report: its header and the passages
/// the office wrote come along; figures are read afresh.
pub fn new_version(conn: &mut DbConn, user_id: i64, id: i64) -> ApiResult<i64> {
    write_transaction(conn, |conn| {
        let row = find(conn, id)?;
        if !row.issued() {
            return Err(ApiError::Conflict("Chỉ tạo bản mới từ báo cáo đã ban hành; bản này vẫn đang là dự thảo".into()));
        }
        let input =
            NewReport { unit_id: row.unit_id, period: row.period(), profile: row.profile(), include_provisional: row.include_provisional };
        let new_id = create(conn, user_id, &input)?;
        diesel::update(reports::table.find(new_id)).set(reports::previous_id.eq(Some(id))).execute(conn)?;
        let header = stored_header(conn, id)?;
        if let Some((title, place, recipients, signer_title, signer_name)) = header {
            diesel::insert_into(report_headers::table)
                .values((
                    report_headers::report_id.eq(new_id),
                    report_headers::title.eq(title),
                    report_headers::place.eq(place),
                    report_headers::recipients.eq(recipients),
                    report_headers::signer_title.eq(signer_title),
                    report_headers::signer_name.eq(signer_name),
                ))
                .execute(conn)?;
        }
        // Passages written by the office before issuing stay the office's, with
        // what was generated then, so later changes of the figures show; the
        // ones that followed the figures follow them again.
        let frozen: Vec<(i32, String, String)> = report_passages::table
            .filter(report_passages::report_id.eq(id))
            .select((report_passages::position, report_passages::text, report_passages::generated))
            .load(conn)?;
        for (position, text, generated) in frozen {
            if text != generated {
                diesel::insert_into(report_passages::table)
                    .values((
                        report_passages::report_id.eq(new_id),
                        report_passages::position.eq(position),
                        report_passages::text.eq(text),
                        report_passages::generated.eq(generated),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(new_id)
    })
}
