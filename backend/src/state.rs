//! What every request handler can reach.

use std::sync::Arc;

use actix_web::web;

use crate::auth::rate_limit::RateLimits;
use crate::auth::tokens::TokenKeys;
use crate::db::{DatabaseKind, DbConn, DbPool, PooledConn};
use crate::error::{ApiError, ApiResult};

/// Shared application state.
#[derive(Clone)]
pub struct AppState {
    /// Database connections.
    pub pool: DbPool,
    /// Which database.
    pub db_kind: DatabaseKind,
    /// Token signing.
    pub keys: TokenKeys,
    /// Login and personal-access-token rate limits.
    pub limits: Arc<RateLimits>,
    /// Web Push: the VAPID key and what the sender is allowed.
    pub push: Arc<crate::notifications::Push>,
    /// How many password hashes may run at once: a handler that hashes
    /// takes a slot before it takes a connection.
    pub hashing: Arc<crate::auth::password::Slots>,
}

impl AppState {
    /// Runs blocking database work on actix's thread pool, never on the async
    /// executor.
    pub async fn db<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut PooledConn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get().map_err(ApiError::from)?;
            f(&mut conn)
        })
        .await?
    }

    /// As [`AppState::db`], for work that hashes a password: it first waits
    /// for a hashing slot (`auth::password::Slots`, 503 `busy` when none
    /// frees in time), so that requests waiting for one hold no connection,
    /// and holds the slot until `f` returns.
    pub async fn db_hashing<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut PooledConn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let slot = self.hashing.take().await?;
        self.db(move |conn| {
            let _slot = slot;
            f(conn)
        })
        .await
    }

    /// As [`AppState::db`], with a second connection when one is idle right
    /// now (never waiting for one), for work that can run two queries side
    /// by side.
    pub async fn db_with_spare<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut PooledConn, Option<&mut DbConn>) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        self.db(move |conn| {
            let mut spare = pool.try_get();
            f(conn, spare.as_deref_mut())
        })
        .await
    }
}
