//! Health for load balancers, proxies and monitoring: `GET /api/health/live`
//! (the process answers), `GET /api/health/ready` (and its database does),
//! and `GET /api/health`, the older name of `ready`. None needs a login.
//!
//! A proxy sends traffic to a server only while it is ready; an orchestrator
//! restarts a server only when it is not live. Keeping the two apart means a
//! database outage takes every server out of rotation without restarting any
//! of them (which would not help, and would drop what they hold in flight).

use actix_web::{HttpResponse, get, web};
use diesel::connection::SimpleConnection;
use tonghop_shared::api::Health;

use crate::state::AppState;

/// How long readiness waits for a connection: it answers within a second,
/// whatever the database does, since a load balancer asks often.
const READY_WAIT: std::time::Duration = std::time::Duration::from_millis(800);

/// Liveness.
///
/// 200 whenever the process runs and answers HTTP; never looks at the
/// database (`status` is `ok`; whether the database answers is `ready`).
#[utoipa::path(
    tag = "system",
    responses((status = 200, description = "The process answers", body = Health))
)]
#[get("/api/health/live")]
pub async fn live(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(body(&state, true))
}

/// Readiness.
///
/// 200 `ok` when the server's database answers within a second; 503
/// `unavailable` otherwise (take the server out of rotation until it is back).
#[utoipa::path(
    tag = "system",
    responses(
        (status = 200, description = "Ready: the database answers", body = Health),
        (status = 503, description = "The database does not answer", body = Health),
    )
)]
#[get("/api/health/ready")]
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    readiness(&state).await
}

/// Health (readiness, by its older name).
///
/// The same answer as `GET /api/health/ready`.
#[utoipa::path(
    tag = "system",
    responses(
        (status = 200, description = "Up", body = Health),
        (status = 503, description = "The database does not answer", body = Health),
    )
)]
#[get("/api/health")]
pub async fn health(state: web::Data<AppState>) -> HttpResponse {
    readiness(&state).await
}

async fn readiness(state: &AppState) -> HttpResponse {
    let pool = state.pool.clone();
    let db_ok = web::block(move || pool.get_timeout(READY_WAIT).ok().is_some_and(|mut conn| conn.batch_execute("SELECT 1").is_ok()))
        .await
        .unwrap_or(false);
    if db_ok { HttpResponse::Ok().json(body(state, true)) } else { HttpResponse::ServiceUnavailable().json(body(state, false)) }
}

fn body(state: &AppState, ok: bool) -> Health {
    Health {
        status: if ok { "ok" } else { "unavailable" }.into(),
        database: state.db_kind.as_str().into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }
}
