//! The audit log: who changed what, when, from what to what.
//!
//! Invariant: every change to a unit, a user, a submission or a value writes
//! one entry, in the same transaction as the change itself.

use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConn;
use crate::db::raw::{self, Bind};
use crate::db::schema::audit_log;

/// One change to record.
#[derive(Debug)]
pub struct Entry<'a> {
    /// Who (absent for changes made by the command line).
    pub user_id: Option<i64>,
    /// What kind of thing: `unit`, `user`, `submission`, `value`.
    pub entity: &'a str,
    /// Its id.
    pub entity_id: i64,
    /// What happened: `create`, `update`, `submit`...
    pub action: &'a str,
}

/// Writes an entry with the state before and after, as JSON.
pub fn record<B: Serialize, A: Serialize>(conn: &mut DbConn, entry: Entry<'_>, before: Option<&B>, after: Option<&A>) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(crate::db::now()),
            audit_log::user_id.eq(entry.user_id),
            audit_log::entity.eq(entry.entity),
            audit_log::entity_id.eq(entry.entity_id),
            audit_log::action.eq(entry.action),
            audit_log::before_json.eq(before.map(to_json)),
            audit_log::after_json.eq(after.map(to_json)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Writes many entries, each with its state before and after, in one
/// statement: what a save of many figures records, one entry per figure.
pub fn record_all<B: Serialize, A: Serialize>(conn: &mut DbConn, entries: &[(Entry<'_>, Option<B>, Option<A>)]) -> QueryResult<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let at = crate::db::now();
    let sql = format!(
        "INSERT INTO audit_log (at, user_id, entity, entity_id, action, before_json, after_json) VALUES {}",
        raw::rows(entries.len(), 7)
    );
    let mut binds = Vec::with_capacity(entries.len() * 7);
    for (entry, before, after) in entries {
        binds.extend([
            Bind::Time(at),
            Bind::OptInt(entry.user_id),
            Bind::Text(entry.entity.to_owned()),
            Bind::Int(entry.entity_id),
            Bind::Text(entry.action.to_owned()),
            Bind::OptText(before.as_ref().map(to_json)),
            Bind::OptText(after.as_ref().map(to_json)),
        ]);
    }
    raw::execute(conn, &sql, &binds)?;
    Ok(())
}

fn to_json<T: Serialize>(value: &T) -> String {
    // An entry the log cannot write as JSON still says what happened.
    crate::db::to_json(value).unwrap_or_else(|e| format!("{{\"unwritable\":\"{e}\"}}"))
}
