//! A submission's history, read back from the audit log: every change of a
//! figure and every change of status, who made it, when, from what to what.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::Value;
use tonghop_shared::Amount;
use tonghop_shared::api::{HistoryEntry, HistoryKind};

use super::model::user_names;
use crate::db::DbConn;
use crate::db::schema::{audit_log, submissions, users};

/// The history of one submission, oldest first; only one indicator's figure
/// changes (and every status change) when `indicator_code` is given.
pub fn of_submission(conn: &mut DbConn, submission_id: i64, indicator_code: Option<&str>) -> QueryResult<Vec<HistoryEntry>> {
    type Row = (NaiveDateTime, Option<i64>, String, Option<String>, Option<String>);
    let rows: Vec<Row> = audit_log::table
        .filter(audit_log::entity_id.eq(submission_id))
        .filter(audit_log::entity.eq_any(["submission", "value"]))
        .order(audit_log::id)
        .select((audit_log::at, audit_log::user_id, audit_log::entity, audit_log::before_json, audit_log::after_json))
        .load(conn)?;
    let user_ids: Vec<i64> = rows.iter().filter_map(|r| r.1).collect();
    let names = user_names(conn, &user_ids)?;
    // Whose unit each user is in: someone of another unit acted on its behalf.
    let own_unit: i64 = submissions::table.find(submission_id).select(submissions::unit_id).first(conn)?;
    let units_of: std::collections::HashMap<i64, i64> = users::table
        .filter(users::id.eq_any(&user_ids))
        .select((users::id, users::unit_id))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let on_behalf = |user_id: &Option<i64>| user_id.and_then(|id| units_of.get(&id)).is_some_and(|unit| *unit != own_unit);
    let parse = |json: &Option<String>| json.as_deref().and_then(|j| serde_json::from_str::<Value>(j).ok()).unwrap_or(Value::Null);
    let amount = |v: &Value| v.get("value").and_then(Value::as_f64).and_then(Amount::from_f64);
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    let entries = rows
        .iter()
        .map(|(at, user_id, entity, before, after)| {
            let (before, after) = (parse(before), parse(after));
            let by = user_id.and_then(|id| names.get(&id).cloned());
            let on_behalf = on_behalf(user_id);
            if entity == "value" {
                HistoryEntry {
                    at: at.and_utc(),
                    by,
                    on_behalf,
                    kind: HistoryKind::Value,
                    indicator_code: text(&after, "indicator_code"),
                    value_before: amount(&before),
                    value_after: amount(&after),
                    comment: text(&after, "comment"),
                    status_before: None,
                    status_after: None,
                    reason: None,
                }
            } else {
                HistoryEntry {
                    at: at.and_utc(),
                    by,
                    on_behalf,
                    kind: HistoryKind::Status,
                    indicator_code: None,
                    value_before: None,
                    value_after: None,
                    comment: None,
                    status_before: text(&before, "status"),
                    status_after: text(&after, "status"),
                    reason: text(&after, "reason"),
                }
            }
        })
        // A save that left the status as it was is not a status change.
        .filter(|e| e.kind == HistoryKind::Value || e.status_before != e.status_after || e.reason.is_some())
        .filter(|e| match indicator_code {
            Some(code) => e.kind == HistoryKind::Status || e.indicator_code.as_deref() == Some(code),
            None => true,
        })
        .collect();
    Ok(entries)
}
