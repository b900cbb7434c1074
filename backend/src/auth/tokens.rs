//! Access tokens (short-lived JWTs) and refresh tokens (random, single-use,
//! stored only as a SHA-256 hash).

use std::path::Path;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What an access token says: who, and until when.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user id, as a string: JWT defines `sub` as a string.
    pub sub: String,
    /// Issued at, seconds since the epoch.
    pub iat: i64,
    /// Expires at, seconds since the epoch.
    pub exp: i64,
}

/// Signing and checking keys for access tokens, and their lifetime.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    /// Access token lifetime in seconds.
    pub access_ttl_secs: i64,
    /// Refresh token lifetime in seconds.
    pub refresh_ttl_secs: i64,
    /// How long after its use a refresh token may be presented again (a
    /// retry whose answer was lost) before that counts as theft.
    pub refresh_retry_grace_secs: i64,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys").field("access_ttl_secs", &self.access_ttl_secs).finish_non_exhaustive()
    }
}

impl TokenKeys {
    /// Keys from a secret.
    pub fn new(secret: &[u8], access_ttl_secs: i64, refresh_ttl_secs: i64) -> anyhow::Result<Self> {
        Ok(Self {
            encoding: EncodingKey::from_secret(secret)?,
            decoding: DecodingKey::from_secret(secret)?,
            access_ttl_secs,
            refresh_ttl_secs,
            refresh_retry_grace_secs: 30,
        })
    }

    /// Signs an access token for a user.
    pub fn issue_access(&self, user_id: i64) -> anyhow::Result<String> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims { sub: user_id.to_string(), iat: now, exp: now + self.access_ttl_secs };
        Ok(encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?)
    }

    /// Checks an access token's signature and expiry; returns the user id.
    pub fn verify_access(&self, token: &str) -> Option<i64> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        decode::<Claims>(token, &self.decoding, &validation).ok().and_then(|data| data.claims.sub.parse().ok())
    }
}

/// The signing secret: the configured one, or one generated on first start
/// and kept (readable by the owner only) in the data directory, so tokens
/// survive a restart and no secret is ever a constant in the code.
pub fn load_or_create_secret(configured: &str, data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    if !configured.is_empty() {
        anyhow::ensure!(configured.len() >= 32, "jwt_secret must be at least 32 characters");
        return Ok(configured.as_bytes().to_vec());
    }
    let path = data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim();
        if existing.len() >= 32 {
            return Ok(existing.as_bytes().to_vec());
        }
    }
    std::fs::create_dir_all(data_dir)?;
    let secret = random_token();
    std::fs::write(&path, &secret)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(secret.into_bytes())
}

/// 256 random bits, URL-safe base64.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// How a refresh token is stored: its SHA-256, hex. A leaked table gives no
/// usable tokens.
pub fn hash_refresh(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_access_token_verifies_with_its_key_only() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef", 60, 600).unwrap();
        let token = keys.issue_access(42).unwrap();
        assert_eq!(keys.verify_access(&token), Some(42));
        let other = TokenKeys::new(b"fedcba9876543210fedcba9876543210", 60, 600).unwrap();
        assert_eq!(other.verify_access(&token), None);
        assert_eq!(keys.verify_access("garbage"), None);
    }

    #[test]
    fn an_expired_access_token_is_refused() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef", -5, 600).unwrap();
        let token = keys.issue_access(1).unwrap();
        assert_eq!(keys.verify_access(&token), None);
    }

    #[test]
    fn the_generated_secret_is_kept_across_starts() {
        let dir = std::env::temp_dir().join(format!("tonghop-secret-{}", random_token()));
        let first = load_or_create_secret("", &dir).unwrap();
        let second = load_or_create_secret("", &dir).unwrap();
        assert_eq!(first, second);
        assert!(first.len() >= 32);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
