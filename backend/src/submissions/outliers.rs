//! What each unit's figures of a form are compared with, for flagging a
//! figure far from it (see `tonghop_shared::rules::outlier`): the unit's
//! mean of the previous three months, its same month last year, and the
//! median of its neighbours (the other units under the same parent) this
//! month; received figures only.

use std::collections::{BTreeSet, HashMap};

use diesel::prelude::*;
use tonghop_shared::api::SubmissionStatus;
use tonghop_shared::rules::History;
use tonghop_shared::{Amount, MonthPeriod};

use crate::db::DbConn;
use crate::db::schema::{submission_values, submissions, units};

/// Neighbours needed for a median to say anything.
const MIN_PEERS: usize = 2;

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
    for (key, median) in peers_medians(conn, unit_ids, form_id, period)? {
        out.entry(key).or_default().peers_median = Some(median);
    }
    Ok(out)
}

/// The median of the neighbours' received figures this month, by (unit id,
/// indicator id), where at least [`MIN_PEERS`] neighbours sent one.
fn peers_medians(conn: &mut DbConn, unit_ids: &[i64], form_id: i64, period: MonthPeriod) -> QueryResult<HashMap<(i64, i64), Amount>> {
    let parents: Vec<(i64, Option<i64>)> =
        units::table.filter(units::id.eq_any(unit_ids)).select((units::id, units::parent_id)).load(conn)?;
    let parent_ids: BTreeSet<i64> = parents.iter().filter_map(|(_, parent)| *parent).collect();
    if parent_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let received = [SubmissionStatus::Submitted.as_str(), SubmissionStatus::Approved.as_str()];
    let rows: Vec<(i64, Option<i64>, i64, Option<i64>)> = submission_values::table
        .inner_join(submissions::table.inner_join(units::table))
        .filter(units::parent_id.eq_any(&parent_ids))
        .filter(submissions::form_id.eq(form_id))
        .filter(submissions::period.eq(period.to_string()))
        .filter(submissions::status.eq_any(received))
        .select((units::id, units::parent_id, submission_values::indicator_id, submission_values::value))
        .load(conn)?;
    // Figures by parent, then indicator: (unit, value).
    let mut by_parent: HashMap<i64, HashMap<i64, Vec<(i64, i64)>>> = HashMap::new();
    for (unit_id, parent, indicator_id, value) in rows {
        if let (Some(parent), Some(value)) = (parent, value) {
            by_parent.entry(parent).or_default().entry(indicator_id).or_default().push((unit_id, value));
        }
    }
    let mut out = HashMap::new();
    for (unit_id, parent) in parents {
        let Some(indicators) = parent.and_then(|p| by_parent.get(&p)) else { continue };
        for (indicator_id, figures) in indicators {
            let others: Vec<i64> = figures.iter().filter(|(u, _)| *u != unit_id).map(|(_, v)| *v).collect();
            if let Some(median) = median(others) {
                out.insert((unit_id, *indicator_id), Amount::from_scaled(median));
            }
        }
    }
    Ok(out)
}

/// The median of at least [`MIN_PEERS`] figures (of two middle ones, their mean).
fn median(mut figures: Vec<i64>) -> Option<i64> {
    if figures.len() < MIN_PEERS {
        return None;
    }
    figures.sort_unstable();
    let mid = figures.len() / 2;
    Some(if figures.len() % 2 == 1 { figures[mid] } else { ((figures[mid - 1] as i128 + figures[mid] as i128) / 2) as i64 })
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_the_neighbours_needs_two_of_them() {
        assert_eq!(median(vec![310, 290, 300]), Some(300));
        assert_eq!(median(vec![300, 290]), Some(295));
        assert_eq!(median(vec![300]), None);
    }
}
