//! What may be planned, by whom, and storing it: the checks on a plan
//! (shared with imports), reading, setting and removing plans.

use tonghop_shared::api::PlanInput;
use tonghop_shared::{FieldError, MonthPeriod, validation};

use super::model::{self, PlanRow};
use crate::auth::AuthUser;
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::indicators::model as indicators;
use crate::units::model as units;

/// Checks a plan against its unit, indicator and the caller's rights: the
/// field errors, or the error that refuses it outright. Imports use it too.
pub fn check(conn: &mut DbConn, user: &AuthUser, input: &PlanInput) -> ApiResult<Vec<FieldError>> {
    let unit = units::find(conn, input.unit_id).map_err(crate::error::unknown_as("unit_id", "Không có đơn vị này"))?;
    AuthUser::require(user.can_plan(&unit))?;
    let mut errors = Vec::new();
    if MonthPeriod::new(input.year, 1).is_none() {
        errors.push(FieldError::new("year", "format", "Năm phải từ 2000 đến 2100"));
    }
    match indicators::find_indicator(conn, input.indicator_id) {
        Ok(indicator) => {
            if let Err(mut e) = validation::check_value(&indicator.to_api(), input.value) {
                e.field = "value".to_owned();
                errors.push(e);
            }
        }
        Err(diesel::result::Error::NotFound) => errors.push(FieldError::new("indicator_id", "unknown", "Không có chỉ tiêu này")),
        Err(other) => return Err(other.into()),
    }
    Ok(errors)
}

/// A unit's plans for a year, for anyone who can read the unit.
pub fn list(conn: &mut DbConn, user: &AuthUser, unit_id: i64, year: i32) -> ApiResult<Vec<PlanRow>> {
    user.readable_unit(conn, unit_id)?;
    Ok(model::for_units(conn, &[unit_id], year)?)
}

/// Sets a plan, after [`check`]: every refused field, or the stored plan.
pub fn put(conn: &mut DbConn, user: &AuthUser, input: &PlanInput) -> ApiResult<PlanRow> {
    write_transaction(conn, |conn| {
        let errors = check(conn, user, input)?;
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        Ok(model::upsert(conn, input, user.id)?.0)
    })
}

/// Removes a plan of a unit the caller plans for.
pub fn delete(conn: &mut DbConn, user: &AuthUser, id: i64) -> ApiResult<()> {
    write_transaction(conn, |conn| {
        let row = model::find(conn, id)?;
        let unit = units::find(conn, row.unit_id)?;
        AuthUser::require(user.can_plan(&unit))?;
        Ok(model::delete(conn, &row, user.id)?)
    })
}
