//! Issuing a report (number, date, frozen passages, stored file) and
//! starting a new version of an issued one.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use tonghop_shared::api::{ReportProfile, ReportStatus};

use crate::db::schema::{report_headers, report_numbers, report_passages, reports};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::reports::kept::edits::bump;
use crate::reports::kept::{NewDraft, create, document, find, passages, stored_header};
use crate::units::model::{self as units, UnitRow};

/// Party terms of five years from 1 January of a year divisible by five,
/// when the unit has not said when its term began.
const TERMS_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2025, 1, 1) {
    Some(date) => date,
    None => panic!("1 January 2025 is a date"),
};

/// The numbering series of a document issued on `date`. A State body
/// numbers from 01 every calendar year (Decree 30/2020, art. 15); a Party
/// committee from 01 over its five-year term (HD 36-HD/VPTW), which runs
/// from the day the unit's term began, or by default from 1 January of a
/// year divisible by five. E.g. `2026`, `2025-2030`.
pub fn series(profile: ReportProfile, term_started_on: Option<NaiveDate>, date: NaiveDate) -> String {
    match profile {
        ReportProfile::State => date.year().to_string(),
        ReportProfile::Party => {
            let anchor = term_started_on.unwrap_or(TERMS_FROM);
            // Day 28 at most: the same day exists in every month of every year.
            let start = |year: i32| NaiveDate::from_ymd_opt(year, anchor.month(), anchor.day().min(28)).unwrap_or(anchor);
            let mut year = anchor.year() + (date.year() - anchor.year()).div_euclid(5) * 5;
            while date < start(year) {
                year -= 5;
            }
            while date >= start(year + 5) {
                year += 5;
            }
            format!("{year}-{}", year + 5)
        }
    }
}

/// Issues a draft: the next number of its unit and format, today's date,
/// every passage frozen as printed, the Word file stored.
pub fn issue(conn: &mut DbConn, user_id: i64, id: i64, version: i64) -> ApiResult<()> {
    write_transaction(conn, |conn| {
        let row = find(conn, id)?;
        bump(conn, &row, version, user_id)?;
        let unit = units::find(conn, row.unit_id)?;
        let (passages, _) = passages(conn, &row, &unit)?;
        let today = crate::clock::today();
        let number = register(conn, &row.profile(), &unit, id, today)?;
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
        diesel::update(reports::table.find(id))
            .set((reports::status.eq(ReportStatus::Issued.as_str()), reports::number_text.eq(&number_text), reports::issued_on.eq(today)))
            .execute(conn)?;
        let issued = find(conn, id)?;
        let bytes = crate::reports::docx::write(&document(conn, &issued)?)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("writing the DOCX: {e:?}")))?;
        diesel::update(reports::table.find(id)).set(reports::issued_file.eq(bytes)).execute(conn)?;
        let entry = crate::audit::Entry { user_id: Some(user_id), entity: "report", entity_id: id, action: "issue" };
        crate::audit::record::<(), _>(conn, entry, None, Some(&number_text))?;
        Ok(())
    })
}

/// Enters an issued report in the register: the next serial of its unit,
/// format and series.
fn register(conn: &mut DbConn, profile: &ReportProfile, unit: &UnitRow, id: i64, date: NaiveDate) -> ApiResult<i32> {
    let series = series(*profile, unit.term_started_on, date);
    let last: Option<i32> = report_numbers::table
        .filter(report_numbers::unit_id.eq(unit.id))
        .filter(report_numbers::profile.eq(profile.as_str()))
        .filter(report_numbers::series.eq(&series))
        .select(diesel::dsl::max(report_numbers::serial))
        .first(conn)?;
    let serial = last.unwrap_or(0) + 1;
    diesel::insert_into(report_numbers::table)
        .values((
            report_numbers::report_id.eq(id),
            report_numbers::unit_id.eq(unit.id),
            report_numbers::profile.eq(profile.as_str()),
            report_numbers::series.eq(series),
            report_numbers::serial.eq(serial),
        ))
        .execute(conn)?;
    Ok(serial)
}

/// Starts a new draft from an issued report: its header and the passages
/// the office wrote come along; figures are read afresh.
pub fn new_version(conn: &mut DbConn, user_id: i64, id: i64) -> ApiResult<i64> {
    write_transaction(conn, |conn| {
        let row = find(conn, id)?;
        if !row.issued() {
            return Err(ApiError::Conflict("Chỉ tạo bản mới từ báo cáo đã ban hành; bản này vẫn đang là dự thảo".into()));
        }
        let input = NewDraft {
            unit_id: row.unit_id,
            period: row.period(),
            profile: row.profile(),
            include_provisional: row.include_provisional,
            outline: row.outline.is_some().then(|| row.outline()).transpose()?,
        };
        let new_id = create(conn, user_id, &input)?;
        diesel::update(reports::table.find(new_id)).set(reports::previous_id.eq(Some(id))).execute(conn)?;
        let header = stored_header(conn, id)?;
        if let Some((title, place, recipients, signer_title, signer_name, signer_authority)) = header {
            diesel::insert_into(report_headers::table)
                .values((
                    report_headers::report_id.eq(new_id),
                    report_headers::title.eq(title),
                    report_headers::place.eq(place),
                    report_headers::recipients.eq(recipients),
                    report_headers::signer_title.eq(signer_title),
                    report_headers::signer_name.eq(signer_name),
                    report_headers::signer_authority.eq(signer_authority),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn state_numbers_run_by_calendar_year() {
        assert_eq!(series(ReportProfile::State, None, day(2026, 12, 31)), "2026");
        assert_eq!(series(ReportProfile::State, Some(day(2025, 7, 1)), day(2027, 1, 1)), "2027");
    }

    #[test]
    fn party_numbers_run_by_term() {
        assert_eq!(series(ReportProfile::Party, None, day(2026, 6, 15)), "2025-2030");
        assert_eq!(series(ReportProfile::Party, None, day(2024, 12, 31)), "2020-2025");
        assert_eq!(series(ReportProfile::Party, None, day(2030, 1, 1)), "2030-2035");
        // A term that began with the congress of July 2025.
        let began = Some(day(2025, 7, 1));
        assert_eq!(series(ReportProfile::Party, began, day(2025, 6, 30)), "2020-2025");
        assert_eq!(series(ReportProfile::Party, began, day(2025, 7, 1)), "2025-2030");
        assert_eq!(series(ReportProfile::Party, began, day(2030, 6, 30)), "2025-2030");
        assert_eq!(series(ReportProfile::Party, began, day(2030, 7, 1)), "2030-2035");
        assert_eq!(series(ReportProfile::Party, began, day(2019, 1, 1)), "2015-2020");
    }
}
