//! Each unit's own history of a form's figures, for flagging a figure far
//! from it (see `tonghop_shared::rules::outlier`): the mean of the previous
//! three months and the same month last year, received figures only.

use std::collections::HashMap;

use diesel::prelude::*;
use tonghop_shared::api::SubmissionStatus;
use tonghop_shared::rules::History;
use tonghop_shared::{Amount, MonthPeriod};

use crate::db::DbConn;
use crate::db::schema::{submission_values, submissions};

/// History by (unit id, indicator id), in one query.
pub fn history(conn: &mut DbConn, unit_ids: &[i64], form_id: i64, period: MonthPeriod) -> QueryResult<HashMap<(i64, i64), History>> {
    let previous: Vec<MonthPeriod> = std::iter::successors(Some(period.previous()), |p| Some(p.previous())).take(3).collect();
    let last_year = MonthPeriod::new(period.year() - 1, period.month()).unwrap_or(period);
    let mut codes: Vec<String> = previous.iter().map(ToString::to_string).collect();
    codes.push(last_year.to_string());
    let received = [SubmissionStatus::Submitted.as_str(), SubmissionStatus::Approved.as_str()];
    let rows: Vec<(i64, String, i64, Option<i64>)> = submission_values::table
        .inner_join(submissions::table)
        .filter(submissions::unit_id.eq_any(unit_ids))
        .filter(submissions::form_id.eq(form_id))
        .filter(submissions::period.eq_any(&codes))
        .filter(submissions::status.eq_any(received))
        .select((submissions::unit_id, submissions::period, submission_values::indicator_id, submission_values::value))
        .load(conn)?;
    let last_year = last_year.to_string();
    let mut sums: HashMap<(i64, i64), (i128, i64)> = HashMap::new();
    let mut out: HashMap<(i64, i64), History> = HashMap::new();
    for (unit_id, row_period, indicator_id, value) in rows {
        let Some(value) = value else { continue };
        if row_period == last_year {
            out.entry((unit_id, indicator_id)).or_default().last_year = Some(Amount::from_scaled(value));
        } else {
            let (sum, n) = sums.entry((unit_id, indicator_id)).or_default();
            *sum += value as i128;
            *n += 1;
        }
    }
    for (key, (sum, n)) in sums {
        out.entry(key).or_default().previous_mean = Some(Amount::from_scaled((sum / n as i128) as i64));
    }
    Ok(out)
}
