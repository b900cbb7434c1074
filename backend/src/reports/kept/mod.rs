//! Reports the commune office keeps: created for a unit and period, their
//! passages following the figures until the office writes its own text
//! (which is kept, and flagged when the figures under it change), then
//! issued: numbered per issuing unit and format, frozen, its file stored.
//! This file reads them; `edits.rs` changes drafts; `issue.rs`
//! issues them; `routes.rs` serves them and starts new versions.

pub mod edits;
pub mod issue;
pub mod routes;

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use tonghop_shared::api::{OutlineEntry, Passage, Report, ReportHeader, ReportProfile, ReportStatus, ReportSummary};
use tonghop_shared::{ReportPeriod, richtext};

use crate::db::DbConn;
use crate::db::schema::{report_headers, report_passages, reports};
use crate::error::ApiResult;
use crate::reports::document::{Part, Profile, ReportDocument};
use crate::reports::{draft::compose, templates::outline};
use crate::units::model::{self as units, UnitRow};

/// A row of `reports` (without its file).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reports)]
pub struct ReportRow {
    pub id: i64,
    pub unit_id: i64,
    #[diesel(deserialize_as = String)]
    pub period: ReportPeriod,
    #[diesel(deserialize_as = String)]
    pub profile: ReportProfile,
    pub include_provisional: bool,
    #[diesel(deserialize_as = String)]
    pub status: ReportStatus,
    pub version: i64,
    pub number_text: Option<String>,
    pub issued_on: Option<chrono::NaiveDate>,
    pub previous_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// JSON outline; `None`: the built-in one.
    pub outline: Option<String>,
}

impl ReportRow {
    pub(super) fn period(&self) -> ReportPeriod {
        self.period
    }

    pub(super) fn profile(&self) -> ReportProfile {
        self.profile
    }

    pub(super) fn issued(&self) -> bool {
        self.status == ReportStatus::Issued
    }

    /// The outline the report follows.
    pub(super) fn outline(&self) -> QueryResult<Vec<OutlineEntry>> {
        self.outline.as_deref().map_or_else(|| Ok(outline::usual()), crate::db::from_json)
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

/// What a new draft is made of.
pub struct NewDraft {
    pub unit_id: i64,
    pub period: ReportPeriod,
    pub profile: ReportProfile,
    pub include_provisional: bool,
    /// The outline copied from the template; `None`: the built-in one.
    pub outline: Option<Vec<OutlineEntry>>,
}

/// Creates a draft.
pub fn create(conn: &mut DbConn, user_id: i64, input: &NewDraft) -> ApiResult<i64> {
    let now = crate::db::now();
    let outline = input.outline.as_ref().map(crate::db::to_json).transpose()?;
    Ok(diesel::insert_into(reports::table)
        .values((
            reports::unit_id.eq(input.unit_id),
            reports::period.eq(input.period.to_string()),
            reports::profile.eq(input.profile.as_str()),
            reports::include_provisional.eq(input.include_provisional),
            reports::status.eq(ReportStatus::Draft.as_str()),
            reports::version.eq(1),
            reports::outline.eq(outline),
            reports::created_at.eq(now),
            reports::created_by.eq(user_id),
            reports::updated_at.eq(now),
            reports::updated_by.eq(user_id),
        ))
        .returning(reports::id)
        .get_result(conn)?)
}

/// The reports of some units, the latest-ending period first (then the
/// newest report), optionally of one period and status.
pub fn list(
    conn: &mut DbConn,
    unit_ids: &[i64],
    period: Option<ReportPeriod>,
    status: Option<ReportStatus>,
) -> ApiResult<Vec<ReportSummary>> {
    let mut query = reports::table.filter(reports::unit_id.eq_any(unit_ids)).select(ReportRow::as_select()).into_boxed();
    if let Some(period) = period {
        query = query.filter(reports::period.eq(period.to_string()));
    }
    if let Some(status) = status {
        query = query.filter(reports::status.eq(status.as_str()));
    }
    let mut rows: Vec<ReportRow> = query.load(conn)?;
    rows.sort_by_key(|r| std::cmp::Reverse((r.period().months().1, r.id)));
    let mut units_by_id: HashMap<i64, UnitRow> = HashMap::new();
    rows.iter()
        .map(|row| {
            let unit = match units_by_id.entry(row.unit_id) {
                std::collections::hash_map::Entry::Occupied(found) => found.into_mut(),
                std::collections::hash_map::Entry::Vacant(slot) => slot.insert(units::find(conn, row.unit_id)?),
            };
            let unit = &*unit;
            let title = match stored_header(conn, row.id)? {
                Some((title, ..)) => title,
                None => compose::frame(conn, unit, row.period(), layout_profile(row.profile()))?.title,
            };
            Ok(ReportSummary {
                id: row.id,
                unit: unit.summary(),
                period: row.period(),
                period_label: row.period().label_vi(),
                profile: row.profile(),
                status: row.status,
                version: row.version,
                number: row.number_text.clone(),
                issued_on: row.issued_on,
                title,
                previous_id: row.previous_id,
                updated_at: row.updated_at.and_utc(),
            })
        })
        .collect()
}

/// The passages as printed now, with the generated parts they stand on.
pub(super) fn passages(conn: &mut DbConn, row: &ReportRow, unit: &UnitRow) -> ApiResult<(Vec<Passage>, compose::Generated)> {
    let (table, parts) = compose::generated(conn, unit, row.period(), row.include_provisional, &row.outline()?)?;
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

/// Title, place, recipients (JSON), signer's title and name, and the line
/// on whose behalf (`None`: the format's own), as set.
pub(super) type StoredHeader = (String, String, String, String, String, Option<String>);

pub(super) fn stored_header(conn: &mut DbConn, id: i64) -> QueryResult<Option<StoredHeader>> {
    report_headers::table
        .find(id)
        .select((
            report_headers::title,
            report_headers::place,
            report_headers::recipients,
            report_headers::signer_title,
            report_headers::signer_name,
            report_headers::signer_authority,
        ))
        .first(conn)
        .optional()
}

/// The document's frame with what the office set: header, signature, and
/// once issued the number and date.
fn frame(conn: &mut DbConn, row: &ReportRow, unit: &UnitRow) -> ApiResult<ReportDocument> {
    let mut frame = compose::frame(conn, unit, row.period(), layout_profile(row.profile()))?;
    let set = stored_header(conn, row.id)?;
    if let Some((title, place, recipients, signer_title, signer_name, authority)) = set {
        frame.title = title;
        frame.place = place;
        frame.recipients = serde_json::from_str(&recipients).unwrap_or_default();
        frame.signature.title = signer_title;
        frame.signature.name = signer_name;
        if let Some(authority) = authority {
            frame.signature.authority = authority;
        }
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
        signer_authority: frame.signature.authority,
    };
    Ok(Report {
        id: row.id,
        unit: unit.summary(),
        period: row.period(),
        period_label: row.period().label_vi(),
        profile: row.profile(),
        status: row.status,
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
    Ok(compose::assemble(frame, parts, &table, &row.outline()?))
}

/// The stored file of an issued report.
pub fn issued_file(conn: &mut DbConn, id: i64) -> QueryResult<Option<Vec<u8>>> {
    reports::table.find(id).select(reports::issued_file).first(conn)
}
