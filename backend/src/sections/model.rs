//! Sections as stored, and how the API shows them.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use tonghop_shared::api::{Review, ReviewAction, Section, SubmissionStatus};
use tonghop_shared::{ReportPeriod, richtext};

use crate::db::DbConn;
use crate::db::schema::{section_reviews, sections, users};
use crate::units::model::UnitRow;

/// A row of `sections`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sections)]
pub struct SectionRow {
    pub id: i64,
    pub unit_id: i64,
    pub period: String,
    pub body: String,
    #[diesel(deserialize_as = String)]
    pub status: SubmissionStatus,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub updated_by: i64,
    pub submitted_at: Option<NaiveDateTime>,
    pub submitted_by: Option<i64>,
}

impl SectionRow {
    /// The stored status; rows are written only from [`SubmissionStatus`].
    pub fn status(&self) -> SubmissionStatus {
        self.status
    }
}

/// A unit's section for a period, if it has been saved.
pub fn find(conn: &mut DbConn, unit_id: i64, period: ReportPeriod) -> QueryResult<Option<SectionRow>> {
    sections::table
        .filter(sections::unit_id.eq(unit_id))
        .filter(sections::period.eq(period.to_string()))
        .select(SectionRow::as_select())
        .first(conn)
        .optional()
}

/// The sections of some units for a period.
pub fn for_units(conn: &mut DbConn, unit_ids: &[i64], period: ReportPeriod) -> QueryResult<Vec<SectionRow>> {
    sections::table
        .filter(sections::unit_id.eq_any(unit_ids))
        .filter(sections::period.eq(period.to_string()))
        .select(SectionRow::as_select())
        .load(conn)
}

/// Builds the API answers for some units (with or without a saved section):
/// three queries whatever their number.
pub fn present(conn: &mut DbConn, units: &[UnitRow], period: ReportPeriod) -> QueryResult<Vec<Section>> {
    let ids: Vec<i64> = units.iter().map(|u| u.id).collect();
    let rows = for_units(conn, &ids, period)?;
    let section_ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let reviews: Vec<(i64, String, Option<String>, String, NaiveDateTime)> = section_reviews::table
        .inner_join(users::table)
        .filter(section_reviews::section_id.eq_any(&section_ids))
        .order(section_reviews::id)
        .select((section_reviews::section_id, section_reviews::action, section_reviews::reason, users::display_name, section_reviews::at))
        .load(conn)?;
    let mut last_review: HashMap<i64, Review> = HashMap::new();
    for (section_id, action, reason, by, at) in reviews {
        let action: ReviewAction = crate::db::stored(&action)?;
        last_review.insert(section_id, Review { action, reason, figure_comments: Vec::new(), by, at: at.and_utc() });
    }
    let mut user_ids: Vec<i64> = rows.iter().map(|r| r.updated_by).collect();
    user_ids.dedup();
    let names: HashMap<i64, String> =
        users::table.filter(users::id.eq_any(&user_ids)).select((users::id, users::display_name)).load(conn)?.into_iter().collect();
    let by_unit: HashMap<i64, &SectionRow> = rows.iter().map(|r| (r.unit_id, r)).collect();
    Ok(units
        .iter()
        .map(|unit| {
            let row = by_unit.get(&unit.id);
            let body = row.map(|r| r.body.clone()).unwrap_or_default();
            Section {
                unit: unit.summary(),
                period,
                period_label: period.label_vi(),
                status: row.map_or(SubmissionStatus::NotStarted, |r| r.status()),
                version: row.map_or(0, |r| r.version),
                blocks: richtext::parse(&body),
                body,
                updated_at: row.map(|r| r.updated_at.and_utc()),
                updated_by: row.and_then(|r| names.get(&r.updated_by).cloned()),
                submitted_at: row.and_then(|r| r.submitted_at).map(|t| t.and_utc()),
                last_review: row.and_then(|r| last_review.remove(&r.id)),
            }
        })
        .collect())
}
