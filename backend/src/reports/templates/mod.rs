//! Report templates: named outlines a unit keeps, which its own reports and
//! those of the units below may start from (a district's template serves
//! its communes). The outline built into tonghop is always offered first.
//! A report copies its template's outline when it is started, so changing
//! or deleting a template never moves the passages of a report. The usual
//! outline is `outline.rs`; `routes.rs` serves the templates.

pub mod outline;
pub mod routes;

use diesel::prelude::*;
use tonghop_shared::api::{OutlineContent, OutlineEntry, ReportTemplate, ReportTemplateInput};
use tonghop_shared::{FieldError, outline as rules};

use crate::db::schema::{indicators, report_templates};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::units::model::UnitRow;

/// A row of `report_templates`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = report_templates)]
pub struct TemplateRow {
    pub id: i64,
    pub unit_id: i64,
    pub name: String,
    pub outline: String,
}

impl TemplateRow {
    fn to_api(&self) -> QueryResult<ReportTemplate> {
        Ok(ReportTemplate {
            id: Some(self.id),
            unit_id: Some(self.unit_id),
            name: self.name.clone(),
            outline: crate::db::from_json(&self.outline)?,
        })
    }
}

/// One template.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<TemplateRow> {
    report_templates::table.find(id).select(TemplateRow::as_select()).first(conn)
}

/// The templates a unit's reports may follow: the built-in one, then those
/// of the unit and of the units above it, nearest first.
pub fn offered(conn: &mut DbConn, unit: &UnitRow) -> ApiResult<Vec<ReportTemplate>> {
    let lineage = unit.lineage();
    let mut rows: Vec<TemplateRow> = report_templates::table
        .filter(report_templates::unit_id.eq_any(&lineage))
        .select(TemplateRow::as_select())
        .order(report_templates::name)
        .load(conn)?;
    rows.sort_by_key(|r| std::cmp::Reverse(lineage.iter().position(|id| *id == r.unit_id)));
    std::iter::once(Ok(outline::usual_template()))
        .chain(rows.iter().map(TemplateRow::to_api))
        .collect::<QueryResult<_>>()
        .map_err(Into::into)
}

/// The outline a new report of `unit` copies from template `id` (`None`:
/// the built-in one, which reports keep as `None` too). A template of
/// another branch of the tree is refused on `template_id`.
pub fn outline_for(conn: &mut DbConn, unit: &UnitRow, id: Option<i64>) -> ApiResult<Option<Vec<OutlineEntry>>> {
    let Some(id) = id else { return Ok(None) };
    const REFUSED: &str = "Không có mẫu báo cáo này cho đơn vị";
    let row = find(conn, id).map_err(crate::error::unknown_as("template_id", REFUSED))?;
    if !unit.lineage().contains(&row.unit_id) {
        return Err(ApiError::field("template_id", "unknown", REFUSED));
    }
    Ok(Some(row.to_api()?.outline))
}

/// Checks and normalises a template: the shared rules, then whether each
/// indicator code exists.
fn checked(conn: &mut DbConn, input: &ReportTemplateInput) -> ApiResult<(String, Vec<OutlineEntry>)> {
    let (name, outline) = rules::normalise(&input.name, &input.outline);
    let mut errors = rules::check(&name, &outline);
    let known: Vec<String> = indicators::table.select(indicators::code).load(conn)?;
    for (i, entry) in outline.iter().enumerate() {
        if let OutlineContent::Figures { indicators } = &entry.content {
            for code in indicators.iter().filter(|c| !c.is_empty() && !known.contains(c)) {
                errors.push(FieldError::new(
                    format!("outline[{i}].content.indicators"),
                    "unknown",
                    format!("Mục {}: không có chỉ tiêu mã {code}", i + 1),
                ));
            }
        }
    }
    if errors.is_empty() { Ok((name, outline)) } else { Err(ApiError::Validation(errors)) }
}

/// Stores a new template (`id` `None`) or replaces one's name and outline.
/// A name already used by another template of the unit is refused on
/// `name`.
pub fn save(conn: &mut DbConn, user_id: i64, id: Option<i64>, unit_id: i64, input: &ReportTemplateInput) -> ApiResult<ReportTemplate> {
    let (name, outline) = checked(conn, input)?;
    let json = crate::db::to_json(&outline)?;
    write_transaction(conn, |conn| {
        let taken: Option<i64> = report_templates::table
            .filter(report_templates::unit_id.eq(unit_id))
            .filter(report_templates::name.eq(&name))
            .select(report_templates::id)
            .first(conn)
            .optional()?;
        if taken.is_some_and(|t| Some(t) != id) {
            return Err(ApiError::field("name", "duplicate", "Đơn vị đã có mẫu báo cáo mang tên này"));
        }
        let now = crate::db::now();
        let id = match id {
            Some(id) => {
                diesel::update(report_templates::table.find(id))
                    .set((
                        report_templates::name.eq(&name),
                        report_templates::outline.eq(&json),
                        report_templates::updated_at.eq(now),
                        report_templates::updated_by.eq(user_id),
                    ))
                    .execute(conn)?;
                id
            }
            None => diesel::insert_into(report_templates::table)
                .values((
                    report_templates::unit_id.eq(unit_id),
                    report_templates::name.eq(&name),
                    report_templates::outline.eq(&json),
                    report_templates::created_at.eq(now),
                    report_templates::updated_at.eq(now),
                    report_templates::updated_by.eq(user_id),
                ))
                .returning(report_templates::id)
                .get_result(conn)?,
        };
        let entry = crate::audit::Entry { user_id: Some(user_id), entity: "report_template", entity_id: id, action: "save" };
        crate::audit::record::<(), _>(conn, entry, None, Some(&outline))?;
        Ok(find(conn, id)?.to_api()?)
    })
}

/// Deletes a template. Reports started from it keep their copy of the outline.
pub fn delete(conn: &mut DbConn, user_id: i64, id: i64) -> ApiResult<()> {
    write_transaction(conn, |conn| {
        let row = find(conn, id)?;
        diesel::delete(report_templates::table.find(id)).execute(conn)?;
        let entry = crate::audit::Entry { user_id: Some(user_id), entity: "report_template", entity_id: id, action: "delete" };
        crate::audit::record::<String, ()>(conn, entry, Some(&row.outline), None)?;
        Ok(())
    })
}
