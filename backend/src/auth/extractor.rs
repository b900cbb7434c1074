//! The authenticated caller, taken from the `Authorization: Bearer` header.
//!
//! The user and their unit are read fresh from the database on every request,
//! so a deactivated account or a moved unit takes effect at once rather than
//! when the access token expires.
//!
//! The bearer is either a session's access token (a JWT) or a personal
//! access token (`thp_…`). A personal access token is read-only, and that is
//! decided here, for every route at once: with one, any method but GET and
//! HEAD is refused (403 `read_only_token`) before a handler runs, so no
//! handler can forget it.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::{Method, header};
use actix_web::{FromRequest, HttpRequest, web};
use diesel::prelude::*;
use tonghop_shared::api::{CurrentUser, Role};

use super::access_tokens;
use crate::db::schema::{units, users};
use crate::error::ApiError;
use crate::state::AppState;
use crate::units::model::UnitRow;

/// How the caller proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// A session of the app: an access token from logging in.
    Session,
    /// A personal access token (read-only), by its id.
    AccessToken {
        /// The token's id in `access_tokens`.
        id: i64,
    },
}

/// A logged-in user and the unit that bounds what they may touch.
#[derive(Debug, Clone)]
pub struct AuthUser {
    /// User id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown in the app.
    pub display_name: String,
    /// What the user may do.
    pub role: Role,
    /// Where.
    pub unit: UnitRow,
    /// A session or a read-only personal access token.
    pub credential: Credential,
}

impl AuthUser {
    /// As `GET /api/v1/auth/me` answers, with the calendar the unit follows.
    pub fn to_api(&self, conn: &mut crate::db::DbConn) -> QueryResult<CurrentUser> {
        Ok(CurrentUser {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            unit: self.unit.summary(),
            calendar: crate::units::model::effective_calendar(conn, &self.unit)?,
        })
    }

    /// Loads an active user and their unit.
    pub fn load(conn: &mut crate::db::DbConn, user_id: i64) -> QueryResult<Option<AuthUser>> {
        let found: Option<(i64, String, String, String, UnitRow)> = users::table
            .inner_join(units::table)
            .filter(users::id.eq(user_id))
            .filter(users::active.eq(true))
            .select((users::id, users::username, users::display_name, users::role, UnitRow::as_select()))
            .first(conn)
            .optional()?;
        let Some((id, username, display_name, role, unit)) = found else { return Ok(None) };
        Ok(Some(AuthUser { id, username, display_name, role: crate::db::stored(&role)?, unit, credential: Credential::Session }))
    }

    /// Refuses callers that are not in a session of the app: what a
    /// personal access token may not do even with GET (none today), and
    /// creating tokens, which must never chain from one another.
    pub fn require_session(&self) -> Result<(), ApiError> {
        match self.credential {
            Credential::Session => Ok(()),
            Credential::AccessToken { .. } => Err(ApiError::ReadOnlyToken),
        }
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let reads_only = matches!(*req.method(), Method::GET | Method::HEAD);
        let bearer = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| t.trim().to_owned());
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("AppState missing")))?;
            let token = bearer.ok_or(ApiError::Unauthorized("missing bearer token"))?;
            if access_tokens::is_access_token(&token) {
                let now = crate::db::now();
                let limits = state.limits.clone();
                let user = state
                    .db(move |conn| {
                        let (token_id, mut user) = access_tokens::authenticate(conn, &token, now, AuthUser::load)?;
                        user.credential = Credential::AccessToken { id: token_id };
                        limits.check_token(conn, token_id)?;
                        Ok(user)
                    })
                    .await?;
                if !reads_only {
                    return Err(ApiError::ReadOnlyToken);
                }
                return Ok(user);
            }
            let user_id = state.keys.verify_access(&token).ok_or(ApiError::Unauthorized("invalid or expired token"))?;
            state.db(move |conn| AuthUser::load(conn, user_id)?.ok_or(ApiError::Unauthorized("user inactive"))).await
        })
    }
}
