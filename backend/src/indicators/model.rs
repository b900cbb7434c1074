//! Indicators and forms as stored.

use diesel::prelude::*;
use tonghop_shared::Amount;
use tonghop_shared::api::{Aggregation, Form, Frequency, Indicator, IndicatorInput, UnitKind};

use crate::db::DbConn;
use crate::db::schema::{form_indicators, forms, indicators};

/// A row of `indicators`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = indicators)]
pub struct IndicatorRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit_of_measure: String,
    #[diesel(deserialize_as = String)]
    pub aggregation: Aggregation,
    pub display_precision: i32,
    pub higher_is_better: bool,
    pub help: String,
    pub min_value: Option<i64>,
    pub max_value: Option<i64>,
    pub numerator_id: Option<i64>,
    pub denominator_id: Option<i64>,
    pub active: bool,
    pub input_precision: i32,
}

impl IndicatorRow {
    /// As the API shows it.
    pub fn to_api(&self) -> Indicator {
        Indicator {
            id: self.id,
            code: self.code.clone(),
            name: self.name.clone(),
            unit_of_measure: self.unit_of_measure.clone(),
            aggregation: self.aggregation,
            precision: self.display_precision.max(0) as u32,
            input_precision: self.input_precision.max(0) as u32,
            higher_is_better: self.higher_is_better,
            help: self.help.clone(),
            min_value: self.min_value.map(Amount::from_scaled),
            max_value: self.max_value.map(Amount::from_scaled),
            numerator_id: self.numerator_id,
            denominator_id: self.denominator_id,
            active: self.active,
        }
    }
}

/// A row of `forms`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = forms)]
pub struct FormRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    #[diesel(deserialize_as = String)]
    pub unit_kind: UnitKind,
    #[diesel(deserialize_as = String)]
    pub frequency: Frequency,
    pub active: bool,
}

impl FormRow {
    /// As the API shows it, with its indicators.
    pub fn to_api(&self, indicators: &[IndicatorRow]) -> Form {
        Form {
            id: self.id,
            code: self.code.clone(),
            name: self.name.clone(),
            unit_kind: self.unit_kind,
            frequency: self.frequency,
            indicators: indicators.iter().map(IndicatorRow::to_api).collect(),
        }
    }
}

/// Every indicator, by code.
pub fn all_indicators(conn: &mut DbConn) -> QueryResult<Vec<IndicatorRow>> {
    indicators::table.order(indicators::code).select(IndicatorRow::as_select()).load(conn)
}

/// Writes an indicator's fields (new when `id` is `None`); returns its id.
pub fn save_indicator(conn: &mut DbConn, id: Option<i64>, input: &IndicatorInput) -> QueryResult<i64> {
    let values = (
        indicators::code.eq(&input.code),
        indicators::name.eq(&input.name),
        indicators::unit_of_measure.eq(&input.unit_of_measure),
        indicators::aggregation.eq(input.aggregation.as_str()),
        indicators::display_precision.eq(input.precision as i32),
        indicators::input_precision.eq(input.input_precision.unwrap_or(input.precision) as i32),
        indicators::higher_is_better.eq(input.higher_is_better),
        indicators::help.eq(&input.help),
        indicators::min_value.eq(input.min_value.map(Amount::scaled)),
        indicators::max_value.eq(input.max_value.map(Amount::scaled)),
        indicators::numerator_id.eq(input.numerator_id),
        indicators::denominator_id.eq(input.denominator_id),
        indicators::active.eq(input.active),
    );
    match id {
        Some(id) => {
            diesel::update(indicators::table.find(id)).set(values).execute(conn)?;
            Ok(id)
        }
        None => diesel::insert_into(indicators::table).values(values).returning(indicators::id).get_result(conn),
    }
}

/// One indicator.
pub fn find_indicator(conn: &mut DbConn, id: i64) -> QueryResult<IndicatorRow> {
    indicators::table.find(id).select(IndicatorRow::as_select()).first(conn)
}

/// One form.
pub fn find_form(conn: &mut DbConn, id: i64) -> QueryResult<FormRow> {
    forms::table.find(id).select(FormRow::as_select()).first(conn)
}

/// Every form.
pub fn all_forms(conn: &mut DbConn) -> QueryResult<Vec<FormRow>> {
    forms::table.order(forms::code).select(FormRow::as_select()).load(conn)
}

/// Active forms that a kind of unit reports.
pub fn forms_for_kind(conn: &mut DbConn, kind: UnitKind) -> QueryResult<Vec<FormRow>> {
    forms::table
        .filter(forms::unit_kind.eq(kind.as_str()))
        .filter(forms::active.eq(true))
        .order(forms::code)
        .select(FormRow::as_select())
        .load(conn)
}

/// A form's indicators in display order.
pub fn form_indicators(conn: &mut DbConn, form_id: i64) -> QueryResult<Vec<IndicatorRow>> {
    form_indicators::table
        .inner_join(indicators::table)
        .filter(form_indicators::form_id.eq(form_id))
        .order(form_indicators::position)
        .select(IndicatorRow::as_select())
        .load(conn)
}

/// Replaces a form's name, active flag and indicator list (in order).
pub fn update_form(conn: &mut DbConn, id: i64, name: &str, active: bool, indicator_ids: &[i64]) -> QueryResult<()> {
    diesel::update(forms::table.find(id)).set((forms::name.eq(name), forms::active.eq(active))).execute(conn)?;
    diesel::delete(form_indicators::table.filter(form_indicators::form_id.eq(id))).execute(conn)?;
    link_indicators(conn, id, indicator_ids)
}

fn link_indicators(conn: &mut DbConn, form_id: i64, indicator_ids: &[i64]) -> QueryResult<()> {
    for (position, indicator_id) in indicator_ids.iter().enumerate() {
        diesel::insert_into(form_indicators::table)
            .values((
                form_indicators::form_id.eq(form_id),
                form_indicators::indicator_id.eq(indicator_id),
                form_indicators::position.eq(position as i32),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Creates a form with its indicators in the given order; returns its id.
pub fn insert_form(conn: &mut DbConn, code: &str, name: &str, kind: UnitKind, frequency: &str, indicator_ids: &[i64]) -> QueryResult<i64> {
    let id: i64 = diesel::insert_into(forms::table)
        .values((
            forms::code.eq(code),
            forms::name.eq(name),
            forms::unit_kind.eq(kind.as_str()),
            forms::frequency.eq(frequency),
            forms::active.eq(true),
        ))
        .returning(forms::id)
        .get_result(conn)?;
    link_indicators(conn, id, indicator_ids)?;
    Ok(id)
}
