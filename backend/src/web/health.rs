//! `GET /api/health`.

use actix_web::{HttpResponse, get, web};
use diesel::connection::SimpleConnection;
use tonghop_shared::api::Health;

use crate::state::AppState;

/// How long health waits for a connection.
const HEALTH_WAIT: std::time::Duration = std::time::Duration::from_millis(800);

/// Health.
///
/// `ok` when the server is up and its database answers; 503 otherwise. Needs
/// no login, for load balancers and monitoring.
#[utoipa::path(
    tag = "system",
    responses(
        (status = 200, description = "Up", body = Health),
        (status = 503, description = "The database does not answer", body = Health),
    )
)]
#[get("/api/health")]
pub async fn health(state: web::Data<AppState>) -> HttpResponse {
    // Within a second, whatever the database does: a load balancer asks often.
    let pool = state.pool.clone();
    let db_ok = web::block(move || pool.get_timeout(HEALTH_WAIT).ok().is_some_and(|mut conn| conn.batch_execute("SELECT 1").is_ok()))
        .await
        .unwrap_or(false);
    let body = Health {
        status: if db_ok { "ok" } else { "unavailable" }.into(),
        database: state.db_kind.as_str().into(),
        version: env!("CARGO_PKG_VERSION").into(),
    };
    if db_ok { HttpResponse::Ok().json(body) } else { HttpResponse::ServiceUnavailable().json(body) }
}
