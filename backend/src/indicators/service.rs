//! What an indicator or a form may be, and storing them: the checks on
//! their fields, and the rule that a form keeps its code, unit kind and
//! frequency (its submissions refer to them). Administrators only; the
//! handlers check.

use tonghop_shared::api::{Aggregation, Form, FormInput, IndicatorInput};
use tonghop_shared::validation::{check_code, check_name};
use tonghop_shared::{FieldError, text};

use super::model::{self, IndicatorRow};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};

/// Checks and normalises an indicator's fields.
pub fn validate_indicator(mut input: IndicatorInput) -> ApiResult<IndicatorInput> {
    input.code = input.code.trim().to_owned();
    input.name = text::clean(&input.name);
    input.unit_of_measure = text::clean(&input.unit_of_measure);
    input.help = text::clean(&input.help);
    let mut errors: Vec<FieldError> =
        [check_code("code", &input.code), check_name("name", &input.name, 200), check_name("unit_of_measure", &input.unit_of_measure, 30)]
            .into_iter()
            .filter_map(Result::err)
            .collect();
    if input.precision > 4 {
        errors.push(FieldError::new("precision", "above_max", "Tối đa 4 chữ số thập phân"));
    }
    if input.input_precision.is_some_and(|p| p > 4) {
        errors.push(FieldError::new("input_precision", "above_max", "Tối đa 4 chữ số thập phân"));
    }
    if let (Some(min), Some(max)) = (input.min_value, input.max_value)
        && min > max
    {
        errors.push(FieldError::new("max_value", "below_min", "Giá trị lớn nhất phải không nhỏ hơn giá trị nhỏ nhất"));
    }
    if input.aggregation == Aggregation::Rate && (input.numerator_id.is_none() || input.denominator_id.is_none()) {
        errors.push(FieldError::new("numerator_id", "required", "Chỉ tiêu tỷ lệ cần chỉ tiêu tử số và mẫu số"));
    }
    if errors.is_empty() { Ok(input) } else { Err(ApiError::Validation(errors)) }
}

/// Stores a checked indicator, new (`id` `None`) or replacing one.
pub fn save_indicator(conn: &mut DbConn, id: Option<i64>, input: &IndicatorInput) -> ApiResult<IndicatorRow> {
    write_transaction(conn, |conn| {
        if let Some(id) = id {
            model::find_indicator(conn, id)?;
        }
        let id = model::save_indicator(conn, id, input)?;
        Ok(model::find_indicator(conn, id)?)
    })
}

/// Checks a form's fields; returns its cleaned name.
pub fn validate_form(input: &FormInput) -> ApiResult<String> {
    let name = text::clean(&input.name);
    let mut errors: Vec<FieldError> =
        [check_code("code", &input.code), check_name("name", &name, 200)].into_iter().filter_map(Result::err).collect();
    if input.indicator_ids.is_empty() {
        errors.push(FieldError::new("indicator_ids", "required", "Biểu mẫu cần ít nhất một chỉ tiêu"));
    }
    let mut seen = std::collections::HashSet::new();
    if !input.indicator_ids.iter().all(|id| seen.insert(*id)) {
        errors.push(FieldError::new("indicator_ids", "duplicate", "Một chỉ tiêu chỉ được có một lần trong biểu mẫu"));
    }
    if errors.is_empty() { Ok(name) } else { Err(ApiError::Validation(errors)) }
}

/// A form with its indicators in display order.
pub fn form(conn: &mut DbConn, id: i64) -> ApiResult<Form> {
    let form = model::find_form(conn, id)?;
    let indicators = model::form_indicators(conn, id)?;
    Ok(form.to_api(&indicators))
}

/// Every form with its indicators.
pub fn all_forms(conn: &mut DbConn) -> ApiResult<Vec<Form>> {
    let mut out = Vec::new();
    for form in model::all_forms(conn)? {
        let indicators = model::form_indicators(conn, form.id)?;
        out.push(form.to_api(&indicators));
    }
    Ok(out)
}

/// Stores a checked new form (`name` cleaned by [`validate_form`]).
pub fn create_form(conn: &mut DbConn, input: &FormInput, name: &str) -> ApiResult<Form> {
    write_transaction(conn, |conn| {
        for id in &input.indicator_ids {
            model::find_indicator(conn, *id)?;
        }
        let id = model::insert_form(conn, &input.code, name, input.unit_kind, input.frequency.as_str(), &input.indicator_ids)?;
        form(conn, id)
    })
}

/// Replaces a form's name and indicators; its code, unit kind and frequency
/// cannot change.
pub fn update_form(conn: &mut DbConn, id: i64, input: &FormInput, name: &str) -> ApiResult<Form> {
    write_transaction(conn, |conn| {
        let before = model::find_form(conn, id)?;
        if before.code != input.code || before.unit_kind != input.unit_kind || before.frequency != input.frequency {
            return Err(ApiError::field("code", "immutable", "Không đổi được mã, loại đơn vị hay kỳ báo cáo của biểu mẫu đã có"));
        }
        for indicator_id in &input.indicator_ids {
            model::find_indicator(conn, *indicator_id)?;
        }
        model::update_form(conn, id, name, before.active, &input.indicator_ids)?;
        form(conn, id)
    })
}
