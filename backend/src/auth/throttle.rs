//! Slows down password guessing: after [`FREE_ATTEMPTS`] failures in a row a
//! login name is locked for a minute, doubling with each further failure up to
//! [`MAX_LOCK_MINUTES`]. Each attempt is counted before its password is
//! checked ([`begin_attempt`]), so guesses sent all at once are held to the
//! same count. The count is kept per login name whether or not the
//! account exists, so the answers do not reveal which names do, and it lives
//! in the database, so a restart or a second server does not reset it.
//!
//! Trade-off: someone who knows a login name can keep it locked by guessing.
//! The lock is short and ends by itself; that is OWASP's recommended balance.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::login_throttle;
use crate::db::{DbConn, write_transaction};

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

/// What an attempt to log in may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// Check the password.
    Allowed,
    /// The name is locked for this many more seconds: check nothing.
    Locked(i64),
}

/// Counts an attempt before its password is checked, and decides on the
/// count: attempts are counted as failures until they succeed ([`clear`]).
/// So however many guesses arrive at once, on one server or several, at most
/// [`FREE_ATTEMPTS`] are checked before the lock, then one per lock.
///
/// One write transaction: the row is created if missing, then incremented
/// only while unlocked (the row lock on PostgreSQL, the write lock on
/// SQLite, orders concurrent attempts; a later one sees the lock an earlier
/// one set). The attempt that reaches [`FREE_ATTEMPTS`] sets the lock
/// before its password is checked; a success lifts it.
pub fn begin_attempt(conn: &mut DbConn, key: &str, now: NaiveDateTime) -> QueryResult<Attempt> {
    write_transaction(conn, |conn| {
        let row = (
            login_throttle::username.eq(key),
            login_throttle::failures.eq(0),
            login_throttle::locked_until.eq(None::<NaiveDateTime>),
            login_throttle::updated_at.eq(now),
        );
        if login_throttle::table.find(key).select(login_throttle::failures).first::<i32>(conn).optional()?.is_none() {
            // Two first attempts at once: the second insert meets the first's
            // row. In a savepoint, so that on PostgreSQL the refusal does not
            // end the whole transaction.
            match write_transaction(conn, |conn| diesel::insert_into(login_throttle::table).values(row).execute(conn)) {
                Ok(_) | Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {}
                Err(e) => return Err(e),
            }
        }
        let unlocked = login_throttle::locked_until.is_null().or(login_throttle::locked_until.le(now));
        let counted = diesel::update(login_throttle::table.find(key).filter(unlocked))
            .set((login_throttle::failures.eq(login_throttle::failures + 1), login_throttle::updated_at.eq(now)))
            .execute(conn)?;
        if counted == 0 {
            return Ok(Attempt::Locked(locked_for(conn, key, now)?.unwrap_or(1)));
        }
        let failures: i32 = login_throttle::table.find(key).select(login_throttle::failures).first(conn)?;
        if failures >= FREE_ATTEMPTS {
            let minutes = (1_i64 << (failures - FREE_ATTEMPTS).min(4)).min(MAX_LOCK_MINUTES);
            diesel::update(login_throttle::table.find(key))
                .set(login_throttle::locked_until.eq(Some(now + Duration::minutes(minutes))))
                .execute(conn)?;
        }
        Ok(Attempt::Allowed)
    })
}

/// Forgets the failures after a successful login.
pub fn clear(conn: &mut DbConn, key: &str) -> QueryResult<()> {
    diesel::delete(login_throttle::table.find(key)).execute(conn)?;
    Ok(())
}
