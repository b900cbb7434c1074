//! Request rate limits: logins per client address, requests per personal
//! access token. Exceeding one answers 429 with `Retry-After`.
//!
//! Both are a generic cell rate algorithm (GCRA): a key may make `burst`
//! requests at once, then one per interval. The state of a key is one
//! number, the time at which it is fully rested, so it can live anywhere:
//!
//! - `rate_limit_store = "memory"` (the default, for one server): in the
//!   process (`governor`). A restart forgets it; two servers would each allow
//!   the full rate.
//! - `rate_limit_store = "database"` (several servers on one database): in
//!   the table `rate_limits`, taken with one conditional upsert per request,
//!   so every server counts against the same total. PostgreSQL rather than
//!   Redis because a deployment of tonghop's size (a province's logins, a
//!   few scripts' tokens) already has the database and a second stateful
//!   service would be one more thing to run, back up and watch; a login
//!   costs an argon2 hash (tens of milliseconds), beside which the upsert
//!   is nothing, and a token request already reads its token's row.
//!
//! The per-username lock in [`super::throttle`] is always in the database.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use actix_web::HttpRequest;
use diesel::prelude::*;
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::client_address::TrustedProxies;
pub use crate::config::RateLimitStore;
use crate::config::Settings;
use crate::db::DbConn;
use crate::db::raw::{self, Bind};
use crate::error::{ApiError, ApiResult};

/// Addresses remembered before idle ones are forgotten: bounds the memory a
/// flood of distinct addresses can take.
const MAX_TRACKED_ADDRESSES: usize = 10_000;

/// One in this many database checks also deletes the rows of keys that are
/// fully rested, which then hold nothing a fresh row would not.
const SWEEP_EVERY: u32 = 256;

/// A rate: `burst` at once, then one every `interval`.
#[derive(Debug, Clone, Copy)]
struct Rate {
    interval: Duration,
    burst: u32,
}

impl Rate {
    fn quota(self) -> Quota {
        let burst = NonZeroU32::new(self.burst).unwrap_or(NonZeroU32::MIN);
        Quota::with_period(self.interval).unwrap_or_else(|| Quota::per_second(NonZeroU32::MAX)).allow_burst(burst)
    }
}

struct MemoryLimiters {
    logins: DefaultKeyedRateLimiter<IpAddr>,
    tokens: DefaultKeyedRateLimiter<i64>,
}

enum Store {
    Memory(Box<MemoryLimiters>),
    Database { checks: AtomicU32 },
}

/// The limiters of one server.
pub struct RateLimits {
    login: Rate,
    token: Rate,
    store: Store,
    proxies: TrustedProxies,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let store = match self.store {
            Store::Memory(_) => RateLimitStore::Memory,
            Store::Database { .. } => RateLimitStore::Database,
        };
        f.debug_struct("RateLimits")
            .field("login", &self.login)
            .field("token", &self.token)
            .field("store", &store)
            .field("proxies", &self.proxies)
            .finish()
    }
}

impl RateLimits {
    /// Limiters with the configured rates (a zero counts as one), in the
    /// configured store. Refuses a `trusted_proxies` entry that is not an
    /// address or a network.
    pub fn new(settings: &Settings) -> anyhow::Result<Self> {
        let per = |period: Duration, n: u32| period / n.max(1);
        let login =
            Rate { interval: per(Duration::from_secs(60), settings.login_rate_per_minute), burst: settings.login_rate_burst.max(1) };
        let token = Rate { interval: per(Duration::from_secs(1), settings.token_rate_per_second), burst: settings.token_rate_burst.max(1) };
        let store = match settings.rate_limit_store {
            RateLimitStore::Memory => Store::Memory(Box::new(MemoryLimiters {
                logins: RateLimiter::dashmap(login.quota()),
                tokens: RateLimiter::dashmap(token.quota()),
            })),
            RateLimitStore::Database => Store::Database { checks: AtomicU32::new(0) },
        };
        let proxies = TrustedProxies::from_settings(&settings.trusted_proxies, settings.trust_forwarded_for)?;
        Ok(Self { login, token, store, proxies })
    }

    /// The request's client address ([`TrustedProxies::client_of`]; a
    /// request with no address at all counts as the unspecified address,
    /// never as unlimited).
    pub fn client_address(&self, req: &HttpRequest) -> IpAddr {
        self.proxies.client_of(req).unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    /// Counts a login attempt from `address` in the in-memory store, before
    /// the login takes a database connection: a flood of refused logins
    /// never holds the pool. With the database store it does nothing:
    /// [`RateLimits::check_login_stored`] counts.
    pub fn check_login(&self, address: IpAddr) -> ApiResult<()> {
        match &self.store {
            Store::Memory(memory) => {
                if memory.logins.len() > MAX_TRACKED_ADDRESSES {
                    memory.logins.retain_recent();
                }
                check_memory(&memory.logins, &address)
            }
            Store::Database { .. } => Ok(()),
        }
    }

    /// Counts a login attempt from `address` in the database store, on the
    /// login's connection; with the in-memory store it does nothing
    /// ([`RateLimits::check_login`] counted).
    pub fn check_login_stored(&self, conn: &mut DbConn, address: IpAddr) -> ApiResult<()> {
        match &self.store {
            Store::Memory(_) => Ok(()),
            Store::Database { checks } => self.check_database(conn, checks, &format!("login:{address}"), self.login),
        }
    }

    /// Counts a request made with the personal access token `token_id`.
    pub fn check_token(&self, conn: &mut DbConn, token_id: i64) -> ApiResult<()> {
        match &self.store {
            Store::Memory(memory) => check_memory(&memory.tokens, &token_id),
            Store::Database { checks } => self.check_database(conn, checks, &format!("token:{token_id}"), self.token),
        }
    }

    fn check_database(&self, conn: &mut DbConn, checks: &AtomicU32, key: &str, rate: Rate) -> ApiResult<()> {
        let now = micros(chrono::Utc::now().timestamp_micros());
        if checks.fetch_add(1, Ordering::Relaxed).is_multiple_of(SWEEP_EVERY) {
            raw::execute(conn, "DELETE FROM rate_limits WHERE rested_at < ?", &[Bind::Int(now)])?;
        }
        let interval = micros(rate.interval.as_micros() as i64).max(1);
        let tolerance = interval.saturating_mul(i64::from(rate.burst));
        match take(conn, key, now, interval, tolerance)? {
            Taken::Allowed => Ok(()),
            Taken::NotBefore(at) => Err(ApiError::RateLimited { retry_after_secs: seconds_until(now, at) }),
        }
    }
}

fn micros(v: i64) -> i64 {
    v.max(0)
}

/// Whole seconds from `now` to `at` (microseconds), at least one.
fn seconds_until(now: i64, at: i64) -> i64 {
    ((at - now).max(0) + 999_999) / 1_000_000
}

enum Taken {
    Allowed,
    NotBefore(i64),
}

#[derive(QueryableByName)]
struct RestedAt {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    rested_at: i64,
}

/// One GCRA step for `key`, atomically, in the database. The row keeps when
/// the key is fully rested (`rested_at`, microseconds since the epoch). A
/// request is let in when, after adding its `interval`, the key would be
/// rested within `tolerance` (`burst` intervals) of now; then that is
/// stored. The upsert's condition decides, so two servers taking the same
/// key at the same moment are counted one after the other by the database.
fn take(conn: &mut DbConn, key: &str, now: i64, interval: i64, tolerance: i64) -> QueryResult<Taken> {
    const UPSERT: &str = "INSERT INTO rate_limits (bucket, rested_at) VALUES (?, ? + ?) \
         ON CONFLICT (bucket) DO UPDATE SET rested_at = \
             (CASE WHEN rate_limits.rested_at > ? THEN rate_limits.rested_at ELSE ? END) + ? \
         WHERE (CASE WHEN rate_limits.rested_at > ? THEN rate_limits.rested_at ELSE ? END) + ? - ? <= ? \
         RETURNING rested_at";
    let binds = [
        Bind::Text(key.to_owned()),
        Bind::Int(now),
        Bind::Int(interval),
        Bind::Int(now),
        Bind::Int(now),
        Bind::Int(interval),
        Bind::Int(now),
        Bind::Int(now),
        Bind::Int(interval),
        Bind::Int(now),
        Bind::Int(tolerance),
    ];
    if !raw::load::<RestedAt>(conn, UPSERT, &binds)?.is_empty() {
        return Ok(Taken::Allowed);
    }
    let rested: Vec<RestedAt> = raw::load(conn, "SELECT rested_at FROM rate_limits WHERE bucket = ?", &[Bind::Text(key.to_owned())])?;
    // Allowed again once `rested_at + interval - t <= tolerance`.
    let at = rested.first().map_or(now, |r| r.rested_at + interval - tolerance);
    Ok(Taken::NotBefore(at))
}

fn check_memory<K: std::hash::Hash + Eq + Clone>(limiter: &DefaultKeyedRateLimiter<K>, key: &K) -> ApiResult<()> {
    limiter.check_key(key).map_err(|not_until| {
        let wait = not_until.wait_time_from(limiter.clock().now());
        ApiError::RateLimited { retry_after_secs: (wait.as_secs_f64().ceil() as i64).max(1) }
    })
}
