//! Password hashing with Argon2id at one of OWASP's minimum settings (9 MiB,
//! 4 passes, 1 lane), in PHC string form so parameters can change without
//! invalidating stored hashes: a hash stored with others (the 19 MiB, 2
//! passes of earlier versions) still verifies, and is replaced with one of
//! today's at that user's next login ([`needs_rehash`]).
//!
//! OWASP lists 19 MiB with 2 passes, 12 MiB with 3 and 9 MiB with 4 as
//! equal defences, trading memory for time; the server takes the smaller
//! memory for the same time, because a commune's server is a small machine
//! and a morning's logins come together.
//!
//! Each hash holds its memory while it runs, so how many run at once is
//! bounded ([`Slots`]): about one per core, since more cannot finish sooner,
//! and the rest wait for a slot rather than each taking its memory at once.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{ApiError, ApiResult};

/// The bound on password hashes running at once. A request takes a slot
/// before it takes a database connection and holds it while it hashes; one
/// that waits longer than `wait` is answered 503 with `Retry-After`.
#[derive(Debug)]
pub struct Slots {
    semaphore: Arc<tokio::sync::Semaphore>,
    wait: Duration,
}

/// A slot taken; dropping it frees it.
#[derive(Debug)]
pub struct Slot(#[allow(dead_code, reason = "held for its drop")] tokio::sync::OwnedSemaphorePermit);

impl Slots {
    /// `count` hashes at once (at least one); a request waits for a slot at
    /// most `wait`.
    pub fn new(count: usize, wait: Duration) -> Self {
        Self { semaphore: Arc::new(tokio::sync::Semaphore::new(count.max(1))), wait }
    }

    /// Waits for a slot, or refuses with [`ApiError::Busy`] once `wait` has
    /// passed. The answer's `Retry-After` is the wait itself: by then the
    /// queue in front has had that long to drain.
    pub async fn take(&self) -> ApiResult<Slot> {
        match tokio::time::timeout(self.wait, self.semaphore.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(Slot(permit)),
            // Closed never happens (nothing closes it); timed out is the busy case.
            Ok(Err(_)) | Err(_) => Err(ApiError::Busy { retry_after_secs: self.wait.as_millis().div_ceil(1000).max(1) as i64 }),
        }
    }

    /// Slots free right now.
    pub fn available(&self) -> usize {
        self.semaphore.available_permits()
    }
}

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
}

/// 9 MiB (9,216 KiB), four passes, one lane.
fn params() -> Params {
    // Constant arguments inside argon2's bounds: `new` cannot refuse them.
    Params::new(9 * 1024, 4, 1, None).unwrap_or(Params::DEFAULT)
}

/// Whether a stored hash was made with other parameters than today's (or
/// another algorithm), so that it should be replaced at the next login.
pub fn needs_rehash(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else { return false };
    let current = params();
    parsed.algorithm != Algorithm::Argon2id.ident()
        || Params::try_from(&parsed)
            .map_or(true, |p| (p.m_cost(), p.t_cost(), p.p_cost()) != (current.m_cost(), current.t_cost(), current.p_cost()))
}

/// Hashes a password with a fresh random salt.
pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let hash = hasher().hash_password(password.as_bytes(), &salt).map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    Ok(hash.to_string())
}

/// Checks a password against a stored hash. A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => hasher().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Spends the same time as a real check, for usernames that do not exist, so
/// the answer's timing does not reveal which usernames do.
pub fn verify_against_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    // Hashing fails only if the operating system has no randomness for a
    // salt, and then no login works anyway.
    let dummy = DUMMY.get_or_init(|| hash("not-a-real-password").unwrap_or_default());
    let _ = verify(password, dummy);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_waits_for_a_slot_and_is_refused_after_the_wait() {
        let slots = Slots::new(1, Duration::from_millis(50));
        let first = slots.take().await.unwrap();
        assert_eq!(slots.available(), 0);
        match slots.take().await {
            Err(ApiError::Busy { retry_after_secs }) => assert_eq!(retry_after_secs, 1),
            other => panic!("expected busy, got {other:?}"),
        }
        drop(first);
        let _again = slots.take().await.unwrap();
        assert_eq!(Slots::new(0, Duration::from_secs(1)).available(), 1, "never zero slots");
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("mat-khau-dung").unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=9216,t=4,p=1$"));
        assert!(!needs_rehash(&stored));
        assert!(verify("mat-khau-dung", &stored));
        assert!(!verify("mat-khau-sai", &stored));
        assert!(!verify("mat-khau-dung", "not a hash"));
    }

    #[test]
    fn a_hash_of_earlier_parameters_verifies_and_asks_to_be_replaced() {
        let salt = SaltString::generate(&mut OsRng);
        let earlier =
            Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::DEFAULT).hash_password(b"mat-khau-cu", &salt).unwrap().to_string();
        assert!(earlier.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("mat-khau-cu", &earlier));
        assert!(needs_rehash(&earlier));
        assert!(!needs_rehash("not a hash"), "a malformed hash never matches, so it is never replaced either");
    }
}
