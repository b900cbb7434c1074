//! Logging in and refreshing: checks credentials, hands out token pairs,
//! rotates refresh tokens.

use chrono::Duration;
use diesel::prelude::*;
use tonghop_shared::api::TokenResponse;

use super::extractor::AuthUser;
use super::tokens::{TokenKeys, hash_refresh, random_token};
use super::{password, throttle};
use crate::db::schema::{refresh_tokens, users};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};

/// Checks a username and password; on success returns a new session.
pub fn login(conn: &mut DbConn, keys: &TokenKeys, username: &str, password_text: &str) -> ApiResult<TokenResponse> {
    let key = tonghop_shared::text::clean(username).to_lowercase();
    let now = crate::db::now();
    if let throttle::Attempt::Locked(retry_after_secs) = throttle::begin_attempt(conn, &key, now)? {
        return Err(ApiError::TooManyAttempts { retry_after_secs });
    }
    let found: Option<(i64, String)> = users::table
        .filter(users::username.eq(&key))
        .filter(users::active.eq(true))
        .select((users::id, users::password_hash))
        .first(conn)
        .optional()?;
    let user_id = match found {
        Some((id, hash)) if password::verify(password_text, &hash) => {
            if password::needs_rehash(&hash) {
                // The password is at hand only now: a hash of earlier
                // parameters becomes one of today's.
                let renewed = password::hash(password_text)?;
                diesel::update(users::table.find(id)).set(users::password_hash.eq(renewed)).execute(conn)?;
            }
            Some(id)
        }
        Some(_) => None,
        None => {
            password::verify_against_dummy(password_text);
            None
        }
    };
    let Some(user_id) = user_id else {
        // Counted already, by `begin_attempt`.
        return Err(ApiError::InvalidCredentials);
    };
    throttle::clear(conn, &key)?;
    issue(conn, keys, user_id)
}

/// Exchanges a refresh token for a new pair. Each refresh token works once;
/// one used again after the grace period means it was copied, and every
/// session of that user is ended.
pub fn refresh(conn: &mut DbConn, keys: &TokenKeys, token: &str) -> ApiResult<TokenResponse> {
    let now = crate::db::now();
    let hash = hash_refresh(token);
    // `None`: the token was reused and every session of its user has just been
    // ended; that must commit, so it is not an `Err` inside the transaction.
    let user_id = write_transaction(conn, |conn| -> ApiResult<Option<i64>> {
        let row: Option<(i64, i64, chrono::NaiveDateTime, Option<chrono::NaiveDateTime>)> = refresh_tokens::table
            .filter(refresh_tokens::token_hash.eq(&hash))
            .filter(refresh_tokens::revoked_at.is_null())
            .select((refresh_tokens::id, refresh_tokens::user_id, refresh_tokens::expires_at, refresh_tokens::used_at))
            .first(conn)
            .optional()?;
        let (id, user_id, expires_at, used_at) = row.ok_or(ApiError::Unauthorized("unknown or revoked refresh token"))?;
        if expires_at <= now {
            return Err(ApiError::Unauthorized("refresh token expired"));
        }
        match used_at {
            // Presented again soon after its use: a phone retrying because the first
            // answer was lost on a weak connection, not theft.
            Some(used) if now - used > Duration::seconds(keys.refresh_retry_grace_secs) => {
                diesel::update(
                    refresh_tokens::table.filter(refresh_tokens::user_id.eq(user_id)).filter(refresh_tokens::revoked_at.is_null()),
                )
                .set(refresh_tokens::revoked_at.eq(now))
                .execute(conn)?;
                tracing::warn!(user_id, "refresh token reused; all sessions of the user ended");
                Ok(None)
            }
            Some(_) => Ok(Some(user_id)),
            None => {
                diesel::update(refresh_tokens::table.find(id)).set(refresh_tokens::used_at.eq(now)).execute(conn)?;
                Ok(Some(user_id))
            }
        }
    })?
    .ok_or(ApiError::Unauthorized("refresh token reused"))?;
    issue(conn, keys, user_id)
}

/// Ends a session: its refresh token stops working.
pub fn logout(conn: &mut DbConn, token: &str) -> ApiResult<()> {
    let now = crate::db::now();
    diesel::update(
        refresh_tokens::table.filter(refresh_tokens::token_hash.eq(hash_refresh(token))).filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now))
    .execute(conn)?;
    Ok(())
}

fn issue(conn: &mut DbConn, keys: &TokenKeys, user_id: i64) -> ApiResult<TokenResponse> {
    let user = AuthUser::load(conn, user_id)?.ok_or(ApiError::Unauthorized("user inactive"))?;
    let now = crate::db::now();
    let refresh_token = random_token();
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::user_id.eq(user_id),
            refresh_tokens::token_hash.eq(hash_refresh(&refresh_token)),
            refresh_tokens::expires_at.eq(now + Duration::seconds(keys.refresh_ttl_secs)),
            refresh_tokens::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(TokenResponse {
        access_token: keys.issue_access(user_id)?,
        token_type: "Bearer".into(),
        expires_in: keys.access_ttl_secs,
        refresh_token,
        user: user.to_api(conn)?,
    })
}
