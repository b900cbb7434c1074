//! `GET /api/health`.

use actix_web::{HttpResponse, get, web};
use diesel::connection::SimpleConnection;
use tonghop_shared::api::Health;

use crate::state::AppState;

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
    let db_ok = state.db(|conn| Ok(conn.batch_execute("SELECT 1")?)).await.is_ok();
    let body = Health {
        status: if db_ok { "ok" } else { "unavailable" }.into(),
        database: state.db_kind.as_str().into(),
        version: env!("CARGO_PKG_VERSION").into(),
    };
    if db_ok { HttpResponse::Ok().json(body) } else { HttpResponse::ServiceUnavailable().json(body) }
}
