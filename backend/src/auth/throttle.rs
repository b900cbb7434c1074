//! Slows down password guessing: after [`FREE_ATTEMPTS`] failures in a row a
//! login name is locked for a minute, doubling with each further failure up to
//! [`MAX_LOCK_MINUTES`]. The count is kept per login name whether or not the
//! account exists, so the answers do not reveal which names do, and it lives
//! in the database, so a restart or a second server does not reset it.
//!
//! Trade-off: someone who knows a login name can keep it locked by guessing.
//! The lock is short and ends by itself; that is OWASP's recommended balance.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::login_throttle;

/// Failures allowed before the first lock.
pub const FREE_ATTEMPTS: i32 = 5;
/// Longest lock.
pub const MAX_LOCK_MINUTES: i64 = 15;

/// Seconds left on the lock of this login name, if it is locked.
pub fn locked_for(conn: &mut DbConn, key: &str, now: NaiveDateTime) -> QueryResult<Option<i64>> {
    let until: Option<Option<NaiveDateTime>> =
        login_throttle::table.find(key).select(login_throttle::locked_until).first(conn).optional()?;
    Ok(until.flatten().filter(|u| *u > now).map(|u| (u - now).num_seconds().max(1)))
}

/// Counts a failure and locks the name when it has failed too often.
pub fn record_failure(conn: &mut DbConn, key: &str, now: NaiveDateTime) -> QueryResult<()> {
    let failures: Option<i32> = login_throttle::table.find(key).select(login_throttle::failures).first(conn).optional()?;
    let failures = failures.unwrap_or(0) + 1;
    let locked_until = (failures >= FREE_ATTEMPTS).then(|| {
        let minutes = 1_i64 << (failures - FREE_ATTEMPTS).min(4);
        now + Duration::minutes(minutes.min(MAX_LOCK_MINUTES))
    });
    let changed = diesel::update(login_throttle::table.find(key))
        .set((login_throttle::failures.eq(failures), login_throttle::locked_until.eq(locked_until), login_throttle::updated_at.eq(now)))
        .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(login_throttle::table)
            .values((
                login_throttle::username.eq(key),
                login_throttle::failures.eq(failures),
                login_throttle::locked_until.eq(locked_until),
                login_throttle::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Forgets the failures after a successful login.
pub fn clear(conn: &mut DbConn, key: &str) -> QueryResult<()> {
    diesel::delete(login_throttle::table.find(key)).execute(conn)?;
    Ok(())
}
