//! Reports the commune office keeps: created for a unit and period, their
//! passages following the figures until the office writes its own text
//! (which is kept, and flagged when the figures under it change), then
//! issued: numbered per issuing unit and format, frozen, its file stored.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use tonghop_shared::api::{NewReport, Passage, Report, ReportHeader, ReportProfile, ReportStatus};
use tonghop_shared::{ReportPeriod, richtext, text};

use super::compose;
use super::document::{Part, Profile, ReportDocument};
use super::outline;
use crate::db::schema::{report_headers, report_passages, reports};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::units::model::{self as units, UnitRow};

/// A row of `reports` (without its file).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reports)]
pub struct ReportRow {
    pub id: i64,
    pub unit_id: i64,
    pub period: String,
    pub profile: String,
    pub include_provisional: bool,
    pub status: String,
    pub version: i64,
    pub number: Option<i32>,
    pub number_text: Option<String>,
    pub issued_on: Option<chrono::NaiveDate>,
    pub previous_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl ReportRow {
    fn period(&self) -> ReportPeriod {
        self.period.parse().expect("period written by this program")
    }

    fn profile(&self) -> ReportProfile {
        self.profile.parse().expect("profile written by this program")
    }

    fn issued(&self) -> bool {
        self.status == ReportStatus::Issued.as_str()
    }
}

fn layout_profile(profile: ReportProfile) -> Profile {
    match profile {
        ReportProfile::Party => Profile::Party,
        ReportProfile::State => Profile::State,
    }
}

/// One report.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<ReportRow> {
    reports::table.find(id).select(ReportRow::as_select()).first(conn)
}

/// Creates a draft.
pub fn create(conn: &mut DbConn, user_id: i64, input: &NewReport) -> ApiResult<i64> {
    let now = crate::db::now();
    Ok(diesel::insert_into(reports::table)
        .values((
            reports::unit_id.eq(input.unit_id),
            reports::period.eq(input.period.to_string()),
            reports::profile.eq(input.profile.as_str()),
            reports::include_provisional.eq(input.include_provisional),
            reports::status.eq(ReportStatus::Draft.as_str()),
            reports::version.eq(1),
            reports::created_at.eq(now),
            reports::created_by.eq(user_id),
            reports::updated_at.eq(now),
            reports::updated_by.eq(user_id),
        ))
        .returning(reports::id)
        .get_result(conn)?)
}

/// The passages as printed now, with the generated parts they stand on.
fn passages(conn: &mut DbConn, row: &ReportRow, unit: &UnitRow) -> ApiResult<(Vec<Passage>, compose::Generated)> {
    let (table, parts) = compose::generated(conn, unit, row.period(), row.include_provisional)?;
    let written: HashMap<i32, (String, String)> = report_passages::table
        .filter(report_passages::report_id.eq(row.id))
        .select((report_passages::position, report_passages::text, report_passages::generated))
        .load::<(i32, String, String)>(conn)?
        .into_iter()
        .map(|(p, t, g)| (p, (t, g)))
        .collect();
    let list = parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let generated = richtext::to_text(&part.blocks);
            let own = written.get(&(i as i32));
            Passage {
                position: i as u32,
                level: part.level,
                heading: part.heading.clone(),
                text: own.map_or_else(|| generated.clone(), |(t, _)| t.clone()),
                // An issued report is frozen: its passages were all written at issue.
                edited: own.is_some() && !row.issued(),
                figures_changed: !row.issued() && own.is_some_and(|(_, g)| *g != generated),
                generated,
            }
        })
        .collect();
    Ok((list, (table, parts)))
}

/// Title, place, recipients (JSON), signer's title and name, as set.
type StoredHeader = (String, String, String, String, String);

fn stored_header(conn: &mut DbConn, id: i64) -> QueryResult<Option<StoredHeader>> {
    report_headers::table
        .find(id)
        .select((
            report_headers::title,
            report_headers::place,
            report_headers::recipients,
            report_headers::signer_title,
            report_headers::signer_name,
        ))
        .first(conn)
        .optional()
}

/// The document's frame with what the office set: header, signature, and
/// once issued the number and date.
fn frame(conn: &mut DbConn, row: &ReportRow, unit: &UnitRow) -> ApiResult<ReportDocument> {
    let mut frame = compose::frame(conn, unit, row.period(), layout_profile(row.profile()))?;
    let set = stored_header(conn, row.id)?;
    if let Some((title, place, recipients, signer_title, signer_name)) = set {
        frame.title = title;
        frame.place = place;
        frame.recipients = serde_json::from_str(&recipients).unwrap_or_default();
        frame.signature.title = signer_title;
        frame.signature.name = signer_name;
    }
    if let (Some(number), Some(date)) = (&row.number_text, row.issued_on) {
        frame.number = number.clone();
        frame.date = date;
    }
    Ok(frame)
}

/// The report as the API shows it.
pub fn present(conn: &mut DbConn, row: &ReportRow) -> ApiResult<Report> {
    let unit = units::find(conn, row.unit_id)?;
    let (passages, _) = passages(conn, row, &unit)?;
    let frame = frame(conn, row, &unit)?;
    let header = ReportHeader {
        title: frame.title,
        place: frame.place,
        recipients: frame.recipients,
        signer_title: frame.signature.title,
        signer_name: frame.signature.name,
    };
    Ok(Report {
        id: row.id,
        unit: unit.summary(),
        period: row.period(),
        period_label: row.period().label_vi(),
        profile: row.profile(),
        status: row.status.parse().expect("status written by this program"),
        version: row.version,
        number: row.number_text.clone(),
        issued_on: row.issued_on,
        include_provisional: row.include_provisional,
        header,
        previous_id: row.previous_id,
        passages,
    })
}

/// The document as it prints now: the issued file's content for an issued
/// report is kept separately ([`issued_file`]).
pub fn document(conn: &mut DbConn, row: &ReportRow) -> ApiResult<ReportDocument> {
    let unit = units::find(conn, row.unit_id)?;
    let (passages, (table, generated)) = passages(conn, row, &unit)?;
    let frame = frame(conn, row, &unit)?;
    let parts: Vec<Part> = passages.iter().zip(generated).map(|(p, part)| Part { blocks: richtext::parse(&p.text), ..part }).collect();
    Ok(compose::assemble(frame, parts, &table))
}

/// The stored file of an issued report.
pub fn issued_file(conn: &mut DbConn, id: i64) -> QueryResult<Option<Vec<u8>>> {
    reports::table.find(id).select(reports::issued_file).first(conn)
}

fn bump(conn: &mut DbConn, row: &ReportRow, version: i64, user_id: i64) -> ApiResult<()> {
    if row.issued() {
        return Err(ApiError::Conflict("Báo cáo đã ban hành, không sửa được; hãy tạo bản mới".into()));
    }
    let changed = diesel::update(reports::table.find(row.id).filter(reports::version.eq(version)))
        .set((reports::version.eq(version + 1), reports::updated_at.eq(crate::db::now()), reports::updated_by.eq(user_id)))
        .execute(conn)?;
    if changed != 1 { Err(ApiError::VersionConflict { current: row.version }) } else { Ok(()) }
}

/// Writes the office's own text for a passage, or (`None`) lets it follow
/// the figures again.
pub fn edit_passage(conn: &mut DbConn, user_id: i64, id: i64, position: u32, version: i64, text: Option<&str>) -> ApiResult<()> {
    if position as usize >= outline::DEFAULT.len() {
        return Err(ApiError::NotFound);
    }
    let text = text.map(text::clean_multiline);
    if text.as_ref().is_some_and(|t| t.chars().count() > richtext::MAX_CHARS) {
        return Err(ApiError::field("text", "too_long", format!("Tối đa {} ký tự", richtext::MAX_CHARS)));
    }
    write_transaction(conn, |conn| {
        let row = find(conn, id)?;
        bump(conn, &row, version, user_id)?;
        let unit = units::find(conn, row.unit_id)?;
        let (passages, _) = passages(conn, &row, &unit)?;
        let key = report_passages::table.find((id, position as i32));
        diesel::delete(key).execute(conn)?;
        if let Some(text) = text {
            diesel::insert_into(report_passages::table)
                .values((
                    report_passages::report_id.eq(id),
                    report_passages::position.eq(position as i32),
                    report_passages::text.eq(text),
                    report_passages::generated.eq(&passages[position as usize].generated),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

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
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    write_transaction(conn, |conn| {
        let row = find(conn, id)?;
        bump(conn, &row, version, user_id)?;
        diesel::delete(report_headers::table.find(id)).execute(conn)?;
        diesel::insert_into(report_headers::table)
            .values((
                report_headers::report_id.eq(id),
                report_headers::title.eq(title),
                report_headers::place.eq(place),
                report_headers::recipients.eq(serde_json::to_string(&recipients).expect("strings serialise")),
                report_headers::signer_title.eq(text::clean(&header.signer_title)),
                report_headers::signer_name.eq(text::clean(&header.signer_name)),
            ))
            .execute(conn)?;
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
