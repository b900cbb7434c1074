//! The queue of notifications (`push_messages`) and the subscriptions it
//! sends to, as stored. Hand-written SQL where one statement both picks the
//! recipients and queues (`INSERT … SELECT`), in the subset both databases
//! share.

use chrono::NaiveDateTime;
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Integer, Text};

use super::Recipients;
use crate::db::DbConn;
use crate::db::raw::{self, Bind};

/// The roles that enter a unit's figures and so hear about them.
const ENTERING_ROLES: &str = "('reporter', 'commune')";

/// Queues `payload` for every subscription of the active users `to` names,
/// except `except`'s. With `once_key`, each row's key is `once_key` and the
/// subscription id, and a key already queued (by this server or another,
/// now or earlier) is not queued again. The number queued.
pub fn queue(
    conn: &mut DbConn,
    to: Recipients<'_>,
    except: i64,
    payload: &str,
    once_key: Option<&str>,
    now: NaiveDateTime,
) -> diesel::QueryResult<usize> {
    let (who, mut binds) = match to {
        Recipients::UnitOf(unit) => (format!("u.unit_id = ? AND u.role IN {ENTERING_ROLES}"), vec![Bind::Int(unit.id)]),
        Recipients::ReviewersOf(unit) => (
            "u.role = 'commune' AND (u.unit_id = ? OR u.unit_id = ?)".to_owned(),
            vec![Bind::Int(unit.id), Bind::Int(unit.parent_id.unwrap_or(unit.id))],
        ),
    };
    let key = match once_key {
        Some(_) => "? || CAST(s.id AS TEXT)",
        None => "NULL",
    };
    let sql = format!(
        "INSERT INTO push_messages (subscription_id, payload, once_key, created_at, due_at, attempts) \
         SELECT s.id, ?, {key}, ?, ?, 0 FROM push_subscriptions s JOIN users u ON u.id = s.user_id \
         WHERE u.active AND u.id <> ? AND {who} \
         ON CONFLICT DO NOTHING"
    );
    let mut all = vec![Bind::Text(payload.to_owned())];
    if let Some(key) = once_key {
        all.push(Bind::Text(format!("{key}/")));
    }
    all.extend([Bind::Time(now), Bind::Time(now), Bind::Int(except)]);
    all.append(&mut binds);
    raw::execute(conn, &sql, &all)
}

/// A message claimed for sending, with where it goes.
#[derive(Debug, QueryableByName)]
pub struct Claimed {
    /// The message.
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    /// What to send.
    #[diesel(sql_type = Text)]
    pub payload: String,
    /// Failed tries so far.
    #[diesel(sql_type = Integer)]
    pub attempts: i32,
    /// The subscription.
    #[diesel(sql_type = BigInt)]
    pub subscription_id: i64,
    /// Its endpoint and keys.
    #[diesel(sql_type = Text)]
    pub endpoint: String,
    #[diesel(sql_type = Text)]
    pub p256dh: String,
    #[diesel(sql_type = Text)]
    pub auth: String,
}

/// Up to `limit` messages due by `now` that no server holds, each claimed
/// until `until` by a conditional update: of two servers reading the same
/// row, one changes it and sends it, the other skips it.
pub fn claim(conn: &mut DbConn, now: NaiveDateTime, until: NaiveDateTime, limit: i64) -> diesel::QueryResult<Vec<Claimed>> {
    let due: Vec<Claimed> = raw::load(
        conn,
        "SELECT m.id, m.payload, m.attempts, s.id AS subscription_id, s.endpoint, s.p256dh, s.auth \
         FROM push_messages m JOIN push_subscriptions s ON s.id = m.subscription_id \
         WHERE m.sent_at IS NULL AND m.due_at <= ? AND (m.claimed_until IS NULL OR m.claimed_until < ?) \
         ORDER BY m.due_at, m.id LIMIT ?",
        &[Bind::Time(now), Bind::Time(now), Bind::Int(limit)],
    )?;
    let mut claimed = Vec::with_capacity(due.len());
    for message in due {
        let taken = raw::execute(
            conn,
            "UPDATE push_messages SET claimed_until = ? \
             WHERE id = ? AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)",
            &[Bind::Time(until), Bind::Int(message.id), Bind::Time(now)],
        )?;
        if taken == 1 {
            claimed.push(message);
        }
    }
    Ok(claimed)
}

/// Sent (or given up on): kept, so a reminder's key stays taken.
pub fn finish(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> diesel::QueryResult<usize> {
    raw::execute(conn, "UPDATE push_messages SET sent_at = ?, claimed_until = NULL WHERE id = ?", &[Bind::Time(now), Bind::Int(id)])
}

/// To be tried again at `due_at`.
pub fn retry(conn: &mut DbConn, id: i64, attempts: i32, due_at: NaiveDateTime) -> diesel::QueryResult<usize> {
    raw::execute(
        conn,
        "UPDATE push_messages SET attempts = ?, due_at = ?, claimed_until = NULL WHERE id = ?",
        &[Bind::Int(i64::from(attempts)), Bind::Time(due_at), Bind::Int(id)],
    )
}

/// The push service says the subscription is gone (404, 410): forgotten,
/// with its messages.
pub fn forget_subscription(conn: &mut DbConn, subscription_id: i64) -> diesel::QueryResult<usize> {
    raw::execute(conn, "DELETE FROM push_subscriptions WHERE id = ?", &[Bind::Int(subscription_id)])
}

/// Drops messages sent before `before`.
pub fn prune(conn: &mut DbConn, before: NaiveDateTime) -> diesel::QueryResult<usize> {
    raw::execute(conn, "DELETE FROM push_messages WHERE sent_at IS NOT NULL AND sent_at < ?", &[Bind::Time(before)])
}
