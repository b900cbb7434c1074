//! Builds the HTTP server: the API under `/api`, its documentation, and the
//! single-page app at the root.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, DefaultHeaders};
use actix_web::{App, HttpServer, web};
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::SwaggerUi;

use crate::state::AppState;
use crate::{
    auth, completeness, data, holidays, imports, indicators, notifications, plans, reports, sections, submissions, totals, units, users,
    web as site,
};

/// Registers every documented API route.
fn configure_api(cfg: &mut ServiceConfig) {
    cfg.service(
        scope::scope("/api/v1")
            .configure(auth::routes::configure)
            .configure(auth::access_tokens::routes::configure)
            .configure(units::routes::configure)
            .configure(users::routes::configure)
            .configure(indicators::routes::configure)
            .configure(indicators::rules::routes::configure)
            .configure(submissions::routes::configure)
            .configure(submissions::review::routes::configure)
            .configure(completeness::routes::configure)
            .configure(plans::routes::configure)
            .configure(holidays::routes::configure)
            .configure(notifications::routes::configure)
            .configure(totals::routes::configure)
            .configure(sections::routes::configure)
            .configure(reports::draft::routes::configure)
            .configure(reports::kept::routes::configure)
            .configure(reports::templates::routes::configure)
            .configure(imports::routes::configure)
            .configure(data::routes::configure),
    )
    // Not a scope: a `/api` scope would swallow `/api/docs` and `/api/openapi.json`.
    .service(site::health::health)
    .service(site::health::live)
    .service(site::health::ready);
}

/// The OpenAPI document, as served at `/api/openapi.json` and committed in
/// `openapi/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut api) = App::new().into_utoipa_app().openapi(site::openapi::ApiDoc::openapi()).configure(configure_api).split_for_parts();
    site::openapi::document_globals(&mut api);
    api
}

/// A server bound to a port, not yet running.
pub struct Application {
    port: u16,
    server: Server,
    /// For the notification sender, which runs beside the server.
    state: AppState,
}

impl Application {
    /// Binds `listener` and prepares the server.
    pub fn build(state: AppState, listener: TcpListener) -> anyhow::Result<Self> {
        let port = listener.local_addr()?.port();
        let sender = state.clone();
        // Per worker: the pool's connections shared among the workers.
        let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let blocking_threads = (state.pool.max_size() as usize).div_ceil(workers).max(2);
        let state = web::Data::new(state);
        let server = HttpServer::new(move || {
            App::new()
                .wrap(actix_web::middleware::from_fn(site::text::query_strings))
                .wrap(actix_web::middleware::from_fn(site::conditional::etags))
                .wrap(actix_web::middleware::from_fn(site::csp::policies))
                .wrap(Compress::default())
                .wrap(
                    DefaultHeaders::new()
                        .add(("X-Content-Type-Options", "nosniff"))
                        .add(("X-Frame-Options", "DENY"))
                        .add(("Referrer-Policy", "same-origin")),
                )
                .wrap(TracingLogger::default())
                .app_data(state.clone())
                .app_data(site::extractors::json_config())
                .app_data(site::extractors::path_config())
                .app_data(site::extractors::query_config())
                .into_utoipa_app()
                .openapi(site::openapi::ApiDoc::openapi())
                .configure(configure_api)
                .openapi_service(|mut api| {
                    site::openapi::document_globals(&mut api);
                    // Keeps the token pasted into Authorize across reloads of the page.
                    let config = utoipa_swagger_ui::Config::default().persist_authorization(true);
                    SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", api).config(config)
                })
                .into_app()
                .default_service(web::to(site::assets::serve))
        })
        .listen(listener)?
        // Blocking work (the database, password hashes) waits for one of the
        // pool's connections anyway: a thread per waiting request would only
        // add its stack and allocator cache (about 0.5 MiB each, 100
        // requests at once made 50 MiB). So the workers together run about
        // as many blocking threads as there are connections; the rest queue.
        .workers(workers)
        .worker_max_blocking_threads(blocking_threads)
        // SIGTERM: requests in flight get 25 s, under a container's usual 30 s and deploy/tonghop@.service's wait.
        .shutdown_timeout(25)
        .run();
        Ok(Self { port, server, state: sender })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle that stops the server from elsewhere.
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until the process is stopped, sending the queued
    /// notifications beside (`notifications::sender`); the sender stops
    /// with the server.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        tokio::select! {
            served = self.server => served,
            () = notifications::sender::run(self.state) => Ok(()),
        }
    }
}
