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

use super::client_address::TrustedProxies;
use crate::config::Settings;
use crate::error::{ApiError, ApiResult};

/// Addresses remembered before idle ones are forgotten: bounds the memory a
/// flood of distinct addresses can take.
const MAX_TRACKED_ADDRESSES: usize = 10_000;

/// The limiters of one server.
pub struct RateLimits {
    logins: DefaultKeyedRateLimiter<IpAddr>,
    tokens: DefaultKeyedRateLimiter<i64>,
    proxies: TrustedProxies,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimits").field("proxies", &self.proxies).finish_non_exhaustive()
    }
}

impl RateLimits {
    /// Limiters with the configured rates (a zero counts as one). Refuses
    /// a `trusted_proxies` entry that is not an address or a network.
    pub fn new(settings: &Settings) -> anyhow::Result<Self> {
        let n = |v: u32| NonZeroU32::new(v).unwrap_or(NonZeroU32::MIN);
        let logins = Quota::per_minute(n(settings.login_rate_per_minute)).allow_burst(n(settings.login_rate_burst));
        let tokens = Quota::per_second(n(settings.token_rate_per_second)).allow_burst(n(settings.token_rate_burst));
        Ok(Self {
            logins: RateLimiter::dashmap(logins),
            tokens: RateLimiter::dashmap(tokens),
            proxies: TrustedProxies::from_settings(&settings.trusted_proxies, settings.trust_forwarded_for)?,
        })
    }

    /// Counts a login attempt from the request's client address
    /// ([`TrustedProxies::client_of`]; a request with no address at all
    /// counts as the unspecified address, never as unlimited).
    pub fn check_login(&self, req: &HttpRequest) -> ApiResult<()> {
        let address = self.proxies.client_of(req).unwrap_or(IpAddr::from([0, 0, 0, 0]));
        if self.logins.len() > MAX_TRACKED_ADDRESSES {
            self.logins.retain_recent();
        }
        check(&self.logins, &address)
    }

    /// Counts a request made with the personal access token `token_id`.
    pub fn check_token(&self, token_id: i64) -> ApiResult<()> {
        check(&self.tokens, &token_id)
    }
}

fn check<K: std::hash::Hash + Eq + Clone>(limiter: &DefaultKeyedRateLimiter<K>, key: &K) -> ApiResult<()> {
    limiter.check_key(key).map_err(|not_until| {
        let wait = not_until.wait_time_from(limiter.clock().now());
        ApiError::RateLimited { retry_after_secs: (wait.as_secs_f64().ceil() as i64).max(1) }
    })
}
