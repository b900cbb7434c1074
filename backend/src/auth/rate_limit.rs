//! Request rate limits: logins per client address, requests per personal
//! access token. Exceeding one answers 429 with `Retry-After`.
//!
//! The counters live in memory (GCRA, `governor`): a restart forgets them,
//! and two servers each allow the full rate. That is enough to stop a script
//! in a loop or a password spray; the per-username lock in
//! [`super::throttle`] is the one kept in the database.

use std::net::IpAddr;
use std::num::NonZeroU32;

use actix_web::HttpRequest;
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Settings;
use crate::error::{ApiError, ApiResult};

/// Addresses remembered before idle ones are forgotten: bounds the memory a
/// flood of distinct addresses can take.
const MAX_TRACKED_ADDRESSES: usize = 10_000;

/// The limiters of one server.
pub struct RateLimits {
    logins: DefaultKeyedRateLimiter<IpAddr>,
    tokens: DefaultKeyedRateLimiter<i64>,
    trust_forwarded_for: bool,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimits").field("trust_forwarded_for", &self.trust_forwarded_for).finish_non_exhaustive()
    }
}

impl RateLimits {
    /// Limiters with the configured rates (a zero counts as one).
    pub fn new(settings: &Settings) -> Self {
        let n = |v: u32| NonZeroU32::new(v).unwrap_or(NonZeroU32::MIN);
        let logins = Quota::per_minute(n(settings.login_rate_per_minute)).allow_burst(n(settings.login_rate_burst));
        let tokens = Quota::per_second(n(settings.token_rate_per_second)).allow_burst(n(settings.token_rate_burst));
        Self {
            logins: RateLimiter::dashmap(logins),
            tokens: RateLimiter::dashmap(tokens),
            trust_forwarded_for: settings.trust_forwarded_for,
        }
    }

    /// Counts a login attempt from the request's client address.
    pub fn check_login(&self, req: &HttpRequest) -> ApiResult<()> {
        let Some(address) = self.client_address(req) else { return Ok(()) };
        if self.logins.len() > MAX_TRACKED_ADDRESSES {
            self.logins.retain_recent();
        }
        check(&self.logins, &address)
    }

    /// Counts a request made with the personal access token `token_id`.
    pub fn check_token(&self, token_id: i64) -> ApiResult<()> {
        check(&self.tokens, &token_id)
    }

    fn client_address(&self, req: &HttpRequest) -> Option<IpAddr> {
        if self.trust_forwarded_for {
            let info = req.connection_info();
            let text = info.realip_remote_addr()?;
            return text.parse().ok().or_else(|| text.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()));
        }
        req.peer_addr().map(|a| a.ip())
    }
}

fn check<K: std::hash::Hash + Eq + Clone>(limiter: &DefaultKeyedRateLimiter<K>, key: &K) -> ApiResult<()> {
    limiter.check_key(key).map_err(|not_until| {
        let wait = not_until.wait_time_from(limiter.clock().now());
        ApiError::RateLimited { retry_after_secs: (wait.as_secs_f64().ceil() as i64).max(1) }
    })
}
