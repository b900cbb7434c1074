//! Validation rules as data: stored, listed, created and removed by
//! administrators (served by `routes.rs`); evaluated by
//! `tonghop_shared::rules`.

pub mod routes;

use diesel::prelude::*;
use tonghop_shared::rules::{RuleInput, RuleKind, Severity, ValidationRule};
use tonghop_shared::{Amount, FieldError, text};

use crate::db::schema::validation_rules;
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::indicators::model;

/// A row of `validation_rules`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = validation_rules)]
pub struct RuleRow {
    pub id: i64,
    pub indicator_id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: RuleKind,
    pub other_indicator_id: Option<i64>,
    pub min_value: Option<i64>,
    pub max_value: Option<i64>,
    #[diesel(deserialize_as = String)]
    pub severity: Severity,
    pub message: Option<String>,
}

impl RuleRow {
    /// As the API shows it.
    pub fn to_api(&self) -> ValidationRule {
        ValidationRule {
            id: self.id,
            indicator_id: self.indicator_id,
            kind: self.kind,
            other_indicator_id: self.other_indicator_id,
            min_value: self.min_value.map(Amount::from_scaled),
            max_value: self.max_value.map(Amount::from_scaled),
            severity: self.severity,
            message: self.message.clone(),
        }
    }
}

/// Rules about any of these indicators.
pub fn for_indicators(conn: &mut DbConn, indicator_ids: &[i64]) -> QueryResult<Vec<ValidationRule>> {
    let rows: Vec<RuleRow> = validation_rules::table
        .filter(validation_rules::indicator_id.eq_any(indicator_ids))
        .order(validation_rules::id)
        .select(RuleRow::as_select())
        .load(conn)?;
    Ok(rows.iter().map(RuleRow::to_api).collect())
}

/// Stores a rule (already checked); returns its id.
pub fn insert(conn: &mut DbConn, input: &RuleInput) -> QueryResult<i64> {
    diesel::insert_into(validation_rules::table)
        .values((
            validation_rules::indicator_id.eq(input.indicator_id),
            validation_rules::kind.eq(input.kind.as_str()),
            validation_rules::other_indicator_id.eq(input.other_indicator_id),
            validation_rules::min_value.eq(input.min_value.map(Amount::scaled)),
            validation_rules::max_value.eq(input.max_value.map(Amount::scaled)),
            validation_rules::severity.eq(input.severity.as_str()),
            validation_rules::message.eq(&input.message),
        ))
        .returning(validation_rules::id)
        .get_result(conn)
}

pub fn validate(mut input: RuleInput) -> ApiResult<RuleInput> {
    input.message = input.message.as_deref().map(text::clean).filter(|m| !m.is_empty());
    let mut errors = Vec::new();
    match input.kind {
        RuleKind::NotGreaterThan if input.other_indicator_id.is_none() => {
            errors.push(FieldError::new("other_indicator_id", "required", "Cần chọn chỉ tiêu để so sánh"))
        }
        RuleKind::Range if input.min_value.is_none() && input.max_value.is_none() => {
            errors.push(FieldError::new("min_value", "required", "Cần giá trị nhỏ nhất hoặc lớn nhất"))
        }
        _ => {}
    }
    if let (Some(min), Some(max)) = (input.min_value, input.max_value)
        && min > max
    {
        errors.push(FieldError::new("max_value", "below_min", "Giá trị lớn nhất phải không nhỏ hơn giá trị nhỏ nhất"));
    }
    if input.message.as_ref().is_some_and(|m| m.chars().count() > 300) {
        errors.push(FieldError::new("message", "too_long", "Tối đa 300 ký tự"));
    }
    if errors.is_empty() { Ok(input) } else { Err(ApiError::Validation(errors)) }
}

/// The rules about a form's indicators, or about every indicator.
pub fn for_form(conn: &mut DbConn, form_id: Option<i64>) -> ApiResult<Vec<ValidationRule>> {
    let ids: Vec<i64> = match form_id {
        Some(id) => {
            model::find_form(conn, id)?;
            model::form_indicators(conn, id)?.iter().map(|i| i.id).collect()
        }
        None => model::all_indicators(conn)?.iter().map(|i| i.id).collect(),
    };
    Ok(for_indicators(conn, &ids)?)
}

/// Stores a checked rule about existing indicators.
pub fn create(conn: &mut DbConn, input: &RuleInput) -> ApiResult<ValidationRule> {
    write_transaction(conn, |conn| {
        model::find_indicator(conn, input.indicator_id)?;
        if let Some(other) = input.other_indicator_id {
            model::find_indicator(conn, other)?;
        }
        let id = insert(conn, input)?;
        let row: RuleRow = validation_rules::table.find(id).select(RuleRow::as_select()).first(conn)?;
        Ok(row.to_api())
    })
}

/// Removes a rule; 404 when there is none.
pub fn delete(conn: &mut DbConn, id: i64) -> ApiResult<()> {
    match diesel::delete(validation_rules::table.find(id)).execute(conn)? {
        0 => Err(ApiError::NotFound),
        _ => Ok(()),
    }
}
