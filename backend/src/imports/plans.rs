//! Importing annual plans: each row is checked as `PUT /api/v1/plans` checks
//! one plan, and stored by the same upsert (with its audit entry).

use std::collections::HashMap;

use tonghop_shared::api::{ImportKind, ImportResult, PlanInput};
use tonghop_shared::text;

use super::parse::{Row, Sheet};
use super::rows::{self, Errors, Failure, Lookup};
use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::plans::model as plans;
use crate::plans::service::check;

/// Checks every row; stores them all when none is refused. Run it inside a
/// write transaction.
pub fn import(conn: &mut DbConn, user: &AuthUser, sheet: &Sheet) -> Result<ImportResult, Failure> {
    let lookup = Lookup::load(conn, sheet)?;
    let mut errors = Errors::default();
    let mut seen = HashMap::new();
    let mut inputs = Vec::new();
    for row in &sheet.rows {
        let before = errors.total;
        let unit = lookup.unit(row, user, &mut errors);
        let indicator = lookup.indicator(row, &mut errors);
        let year = year(row, &mut errors);
        let value = rows::amount(&row.cell("value")).map_err(|message| errors.add(row.number, "value", message)).ok();
        let resolution_target = flag(row, "resolution_target", &mut errors);
        let year_end_only = flag(row, "year_end_only", &mut errors);
        let (Some(unit), Some(indicator), Some(year), Some(value)) = (unit, indicator, year, value) else { continue };
        if errors.total > before
            || !rows::first_of_key(&mut seen, (unit.id, indicator.id, year), row.number, &mut errors, "đơn vị, chỉ tiêu và năm")
        {
            continue;
        }
        let input = PlanInput { unit_id: unit.id, indicator_id: indicator.id, year, value, resolution_target, year_end_only };
        let refused = check(conn, user, &input)?;
        for error in &refused {
            errors.add(row.number, column_of(&error.field), error.message.clone());
        }
        if refused.is_empty() {
            inputs.push(input);
        }
    }
    errors.into_result()?;
    let mut replaced = 0;
    for input in &inputs {
        replaced += u32::from(plans::upsert(conn, input, user.id)?.1);
    }
    Ok(ImportResult { kind: ImportKind::Plans, imported: inputs.len() as u32, replaced })
}

/// The file's column for a field of [`PlanInput`].
fn column_of(field: &str) -> &str {
    match field {
        "unit_id" => "unit_code",
        "indicator_id" => "indicator_code",
        other => other,
    }
}

fn year(row: &Row, errors: &mut Errors) -> Option<i32> {
    let text = row.cell("year").text();
    match text.parse::<i32>() {
        Ok(year) => Some(year),
        Err(_) if text.is_empty() => {
            errors.add(row.number, "year", "Chưa nhập năm");
            None
        }
        Err(_) => {
            errors.add(row.number, "year", format!("Năm «{text}» không hợp lệ; ghi 4 chữ số, ví dụ 2026"));
            None
        }
    }
}

/// A mark: `x`, `có`, `1` or `true` for yes; blank, `0`, `không` or `false` for no.
fn flag(row: &Row, column: &str, errors: &mut Errors) -> bool {
    let mark = text::clean(&row.cell(column).text()).to_lowercase();
    match mark.as_str() {
        "x" | "có" | "co" | "1" | "true" => true,
        "" | "0" | "không" | "khong" | "false" => false,
        _ => {
            errors.add(row.number, column, format!("«{mark}» không hợp lệ: ghi x (hoặc có) để đánh dấu, để trống nếu không"));
            false
        }
    }
}
