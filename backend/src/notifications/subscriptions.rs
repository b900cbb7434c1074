//! A browser's push subscription: checked, then kept for the user who made
//! it. One row per endpoint (one browser): when another user subscribes on
//! the same phone, the row becomes theirs and what was still queued for the
//! previous user is dropped with it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use tonghop_shared::FieldError;
use tonghop_shared::api::{MAX_ENDPOINT_BYTES, PushSubscriptionInput};

use crate::db::raw::{self, Bind};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};

/// Browsers one user keeps subscribed; a new one beyond replaces the oldest.
pub const MAX_PER_USER: i64 = 10;

/// Checks a subscription: an `https` endpoint on a named public host (plain
/// `http`, an address or `localhost` only where the configuration allows
/// it, for a local push service in tests), a P-256 public key, a 16-byte
/// secret. Every refusal names its field.
///
/// The server posts to whatever endpoint a user gives, so it is kept to
/// what a browser's push service is: never a machine of the local network
/// by its address, and never without TLS.
pub fn check(input: &PushSubscriptionInput, allow_http: bool) -> ApiResult<url::Url> {
    let mut errors = Vec::new();
    let endpoint = url::Url::parse(&input.endpoint).ok().filter(|u| u.host_str().is_some());
    if input.endpoint.len() > MAX_ENDPOINT_BYTES {
        errors.push(FieldError::new("endpoint", "too_long", format!("Địa chỉ nhận thông báo dài quá {MAX_ENDPOINT_BYTES} byte")));
    } else {
        match &endpoint {
            None => errors.push(FieldError::new("endpoint", "format", "Địa chỉ nhận thông báo không phải một URL")),
            Some(url) if url.scheme() != "https" && !(allow_http && url.scheme() == "http") => {
                errors.push(FieldError::new("endpoint", "format", "Địa chỉ nhận thông báo phải là https://"));
            }
            Some(url) if !allow_http && !is_public_name(url) => {
                errors.push(FieldError::new("endpoint", "format", "Địa chỉ nhận thông báo phải là máy chủ thông báo của trình duyệt"));
            }
            Some(_) => {}
        }
    }
    let key = URL_SAFE_NO_PAD.decode(input.keys.p256dh.trim_end_matches('=')).ok();
    if !key.is_some_and(|k| p256::PublicKey::from_sec1_bytes(&k).is_ok() && k.len() == 65) {
        errors.push(FieldError::new("keys.p256dh", "format", "Khoá của trình duyệt không hợp lệ (cần một điểm P-256, base64url)"));
    }
    let auth = URL_SAFE_NO_PAD.decode(input.keys.auth.trim_end_matches('=')).ok();
    if auth.is_none_or(|a| a.len() != 16) {
        errors.push(FieldError::new("keys.auth", "format", "Mã xác thực của trình duyệt không hợp lệ (cần 16 byte, base64url)"));
    }
    match endpoint {
        Some(url) if errors.is_empty() => Ok(url),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// A host named by a public domain: not an address, not `localhost` or a
/// name only a local network resolves.
fn is_public_name(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name.contains('.') && !["localhost", ".local", ".internal", ".lan", ".home.arpa"].iter().any(|end| name.ends_with(end))
        }
        _ => false,
    }
}

/// Keeps the subscription for `user_id` (checked by [`check`]).
pub fn keep(conn: &mut DbConn, user_id: i64, input: &PushSubscriptionInput) -> ApiResult<()> {
    let now = crate::db::now();
    let endpoint = Bind::Text(input.endpoint.clone());
    write_transaction(conn, |conn| {
        // Another user's browser before: theirs no more.
        raw::execute(conn, "DELETE FROM push_subscriptions WHERE endpoint = ? AND user_id <> ?", &[endpoint.clone(), Bind::Int(user_id)])?;
        raw::execute(
            conn,
            "INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, updated_at = excluded.updated_at",
            &[
                Bind::Int(user_id),
                endpoint.clone(),
                Bind::Text(input.keys.p256dh.trim_end_matches('=').to_owned()),
                Bind::Text(input.keys.auth.trim_end_matches('=').to_owned()),
                Bind::Time(now),
                Bind::Time(now),
            ],
        )?;
        raw::execute(
            conn,
            "DELETE FROM push_subscriptions WHERE user_id = ? AND id NOT IN \
             (SELECT id FROM push_subscriptions WHERE user_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?)",
            &[Bind::Int(user_id), Bind::Int(user_id), Bind::Int(MAX_PER_USER)],
        )?;
        Ok(())
    })
}

/// Forgets the user's subscription of `endpoint`, if any.
pub fn forget(conn: &mut DbConn, user_id: i64, endpoint: &str) -> ApiResult<()> {
    raw::execute(
        conn,
        "DELETE FROM push_subscriptions WHERE endpoint = ? AND user_id = ?",
        &[Bind::Text(endpoint.to_owned()), Bind::Int(user_id)],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_public_host_by_name_is_a_push_service() {
        for public in [
            "https://fcm.googleapis.com/fcm/send/x",
            "https://updates.push.services.mozilla.com/wpush/v2/x",
            "https://web.push.apple.com/x",
        ] {
            assert!(is_public_name(&url::Url::parse(public).unwrap()), "{public}");
        }
        for local in [
            "https://127.0.0.1/x",
            "https://[::1]/x",
            "https://10.0.0.5/x",
            "https://localhost/x",
            "https://db.internal/x",
            "https://printer.local/x",
            "https://intranet/x",
        ] {
            assert!(!is_public_name(&url::Url::parse(local).unwrap()), "{local}");
        }
    }
}
