//! Personal access tokens: read-only, expiring credentials a user creates for
//! their scripts and revokes in the app.
//!
//! A token is `thp_` and 256 random bits (URL-safe base64). Only its SHA-256
//! is stored. A fast hash is right here and argon2 would be wrong: argon2's
//! cost exists to slow down guessing low-entropy passwords, but nobody can
//! guess 256 random bits however fast the hash, and a slow hash would make
//! every API request of a script pay for the password-hashing cost. Lookup by
//! the hash through the unique index also means the comparison never runs on
//! the secret itself.
//!
//! `routes.rs` serves them.

pub mod routes;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use tonghop_shared::FieldError;
use tonghop_shared::api::{
    AccessToken, AccessTokenStatus, CreatedAccessToken, MAX_ACCESS_TOKEN_DAYS, MAX_ACCESS_TOKEN_NAME, NewAccessToken,
};

use crate::audit::{self, Entry};
use crate::auth::tokens::{hash_refresh, random_token};
use crate::db::schema::access_tokens;
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};

/// What every personal access token starts with: tells it apart from a
/// session's JWT, and lets secret scanners recognise a leaked one.
pub const TOKEN_PREFIX: &str = "thp_";

/// Characters of the token kept in clear to show in the list (`thp_` and 6).
const SHOWN_CHARS: usize = 10;

/// `last_used_at` is written at most this often, so a script's every request
/// is not a database write.
const LAST_USED_PRECISION_SECS: i64 = 60;

/// A stored token.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = access_tokens)]
pub struct AccessTokenRow {
    /// Token id.
    pub id: i64,
    /// Its owner.
    pub user_id: i64,
    /// What it is for.
    pub name: String,
    /// Its first characters, shown in the list.
    pub prefix: String,
    /// When it was created (UTC).
    pub created_at: NaiveDateTime,
    /// When it stops working (UTC).
    pub expires_at: NaiveDateTime,
    /// Last use, to the minute.
    pub last_used_at: Option<NaiveDateTime>,
    /// When its owner revoked it.
    pub revoked_at: Option<NaiveDateTime>,
}

impl AccessTokenRow {
    /// As listed, at time `now`.
    pub fn to_api(&self, now: NaiveDateTime) -> AccessToken {
        let status = if self.revoked_at.is_some() {
            AccessTokenStatus::Revoked
        } else if self.expires_at <= now {
            AccessTokenStatus::Expired
        } else {
            AccessTokenStatus::Active
        };
        AccessToken {
            id: self.id,
            name: self.name.clone(),
            prefix: self.prefix.clone(),
            created_at: self.created_at.and_utc(),
            expires_at: self.expires_at.and_utc(),
            last_used_at: self.last_used_at.map(|t| t.and_utc()),
            revoked_at: self.revoked_at.map(|t| t.and_utc()),
            status,
        }
    }
}

/// Whether a bearer credential is a personal access token (and not a JWT).
pub fn is_access_token(bearer: &str) -> bool {
    bearer.starts_with(TOKEN_PREFIX)
}

/// Checks a request to create a token: the cleaned name and the lifetime.
pub fn validate_new(input: &NewAccessToken) -> ApiResult<(String, i64)> {
    let name = tonghop_shared::text::clean(&input.name);
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(FieldError::new("name", "required", "Nhập tên gợi nhớ cho mã truy cập"));
    } else if name.chars().count() > MAX_ACCESS_TOKEN_NAME {
        errors.push(FieldError::new("name", "too_long", format!("Tên dài tối đa {MAX_ACCESS_TOKEN_NAME} ký tự")));
    }
    let days = input.expires_in_days;
    if !(1..=MAX_ACCESS_TOKEN_DAYS).contains(&days) {
        let code = if days < 1 { "below_min" } else { "above_max" };
        errors.push(FieldError::new("expires_in_days", code, format!("Thời hạn từ 1 đến {MAX_ACCESS_TOKEN_DAYS} ngày")));
    }
    if errors.is_empty() { Ok((name, input.expires_in_days)) } else { Err(ApiError::Validation(errors)) }
}

/// Stores a new token for `user_id`; returns its row and the token itself,
/// which exists nowhere else from now on.
pub fn create(conn: &mut DbConn, user_id: i64, name: &str, days: i64, now: NaiveDateTime) -> QueryResult<(AccessTokenRow, String)> {
    let token = format!("{TOKEN_PREFIX}{}", random_token());
    let id: i64 = diesel::insert_into(access_tokens::table)
        .values((
            access_tokens::user_id.eq(user_id),
            access_tokens::name.eq(name),
            access_tokens::prefix.eq(&token[..SHOWN_CHARS]),
            access_tokens::token_hash.eq(hash_token(&token)),
            access_tokens::created_at.eq(now),
            access_tokens::expires_at.eq(now + Duration::days(days)),
        ))
        .returning(access_tokens::id)
        .get_result(conn)?;
    Ok((find_of_user(conn, user_id, id)?, token))
}

/// The tokens of a user, newest first.
pub fn list(conn: &mut DbConn, user_id: i64) -> QueryResult<Vec<AccessTokenRow>> {
    access_tokens::table
        .filter(access_tokens::user_id.eq(user_id))
        .order((access_tokens::created_at.desc(), access_tokens::id.desc()))
        .select(AccessTokenRow::as_select())
        .load(conn)
}

/// One token of a user; another user's token is not found.
pub fn find_of_user(conn: &mut DbConn, user_id: i64, id: i64) -> QueryResult<AccessTokenRow> {
    access_tokens::table.find(id).filter(access_tokens::user_id.eq(user_id)).select(AccessTokenRow::as_select()).first(conn)
}

/// Revokes a token; revoking it again changes nothing.
pub fn revoke(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(access_tokens::table.find(id).filter(access_tokens::revoked_at.is_null()))
        .set(access_tokens::revoked_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// Creates a token for `user_id`, audited: the secret is in the answer,
/// once, and never stored.
pub fn issue(conn: &mut DbConn, user_id: i64, name: &str, days: i64, now: NaiveDateTime) -> ApiResult<CreatedAccessToken> {
    write_transaction(conn, |conn| {
        let (row, token) = create(conn, user_id, name, days, now)?;
        let listed = row.to_api(now);
        let entry = Entry { user_id: Some(user_id), entity: "access_token", entity_id: row.id, action: "create" };
        audit::record(conn, entry, None::<&AccessToken>, Some(&listed))?;
        Ok(CreatedAccessToken { token, access_token: listed })
    })
}

/// Revokes one of `user_id`'s tokens, audited; a revoked one stays as it
/// is, another user's is not found.
pub fn revoke_audited(conn: &mut DbConn, user_id: i64, id: i64, now: NaiveDateTime) -> ApiResult<()> {
    write_transaction(conn, |conn| {
        let before = find_of_user(conn, user_id, id)?;
        if before.revoked_at.is_some() {
            return Ok(());
        }
        revoke(conn, id, now)?;
        let after = find_of_user(conn, user_id, id)?;
        let entry = Entry { user_id: Some(user_id), entity: "access_token", entity_id: id, action: "revoke" };
        Ok(audit::record(conn, entry, Some(&before.to_api(now)), Some(&after.to_api(now)))?)
    })
}

/// The token's id and its owner, as `load` reads an active user by id
/// (`AuthUser::load`: this module knows tokens, not callers); a 401
/// saying why when the token does not work.
pub fn authenticate<U>(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
    load: impl FnOnce(&mut DbConn, i64) -> diesel::QueryResult<Option<U>>,
) -> ApiResult<(i64, U)> {
    let found: Option<AccessTokenRow> = access_tokens::table
        .filter(access_tokens::token_hash.eq(hash_token(token)))
        .select(AccessTokenRow::as_select())
        .first(conn)
        .optional()?;
    let AccessTokenRow { id, user_id, expires_at, last_used_at, revoked_at, .. } =
        found.ok_or(refused("access_token_unknown", "Mã truy cập API không đúng"))?;
    if revoked_at.is_some() {
        return Err(refused("access_token_revoked", "Mã truy cập API đã bị thu hồi; hãy tạo mã mới trong ứng dụng"));
    }
    if expires_at <= now {
        return Err(refused("access_token_expired", "Mã truy cập API đã hết hạn; hãy tạo mã mới trong ứng dụng"));
    }
    let user = load(conn, user_id)?.ok_or(refused("access_token_user_inactive", "Tài khoản sở hữu mã truy cập API này đã bị khóa"))?;
    let stale = now - Duration::seconds(LAST_USED_PRECISION_SECS);
    if last_used_at.is_none_or(|t| t <= stale) {
        // The filter makes concurrent requests write once; a failure (a busy
        // SQLite file) only loses a timestamp, never the request.
        let written = diesel::update(
            access_tokens::table.find(id).filter(access_tokens::last_used_at.is_null().or(access_tokens::last_used_at.le(stale))),
        )
        .set(access_tokens::last_used_at.eq(now))
        .execute(conn);
        if let Err(e) = written {
            tracing::warn!(error = %e, token_id = id, "could not record the use of an access token");
        }
    }
    Ok((id, user))
}

/// How a token is stored: SHA-256, hex (the same function as refresh tokens).
fn hash_token(token: &str) -> String {
    hash_refresh(token)
}

fn refused(code: &'static str, message: &'static str) -> ApiError {
    ApiError::AccessTokenRefused { code, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_token_needs_a_name_and_a_lifetime_of_at_most_a_year() {
        let ok = NewAccessToken { name: "  Huyện  ".into(), expires_in_days: 365 };
        assert_eq!(validate_new(&ok).unwrap(), ("Huyện".into(), 365));
        let bad = NewAccessToken { name: " ".into(), expires_in_days: 366 };
        let Err(ApiError::Validation(fields)) = validate_new(&bad) else { panic!("refused") };
        assert_eq!(fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["name", "expires_in_days"]);
    }

    #[test]
    fn only_thp_tokens_are_taken_for_access_tokens() {
        assert!(is_access_token("thp_abc"));
        assert!(!is_access_token("eyJhbGciOiJIUzI1NiJ9.e30.x"));
    }
}
