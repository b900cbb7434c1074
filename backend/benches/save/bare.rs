//! The baseline: the least a save can be with actix-web and diesel. One
//! handler parses the same JSON the product takes and, in one transaction,
//! raises the submission's version (refusing a stale one) and writes every
//! figure sent, with the product's own pool and connection settings. No
//! login, no rights, no checks, no audit, no answer beyond the new version.

use std::net::TcpListener;

use actix_web::{App, HttpResponse, HttpServer, web};
use diesel::prelude::*;
use serde::Deserialize;
use tonghop::db::schema::{submission_values, submissions};
use tonghop::db::{DbPool, SqliteSync};

#[derive(Deserialize)]
struct Input {
    version: i64,
    values: Vec<ValueIn>,
}

#[derive(Deserialize)]
struct ValueIn {
    indicator_id: i64,
    value: Option<f64>,
}

/// A running bare server.
pub struct Bare {
    pub base: String,
    handle: actix_web::dev::ServerHandle,
}

impl Bare {
    pub async fn stop(self) {
        self.handle.stop(true).await;
    }
}

/// Starts the bare server on its own thread, on the product's database.
pub fn start(database_url: &str) -> anyhow::Result<Bare> {
    let pool = tonghop::db::connect_with(database_url, 8, SqliteSync::Full)?;
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let base = format!("http://{}", listener.local_addr()?);
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server =
                HttpServer::new(move || App::new().app_data(web::Data::new(pool.clone())).route("/bare/{id}", web::put().to(save)))
                    .listen(listener)
                    .expect("listen")
                    .run();
            sender.send(server.handle()).expect("handle");
            server.await
        })
    });
    Ok(Bare { base, handle: receiver.recv()? })
}

async fn save(pool: web::Data<DbPool>, id: web::Path<i64>, body: web::Json<Input>) -> actix_web::Result<HttpResponse> {
    let (id, input) = (id.into_inner(), body.into_inner());
    let saved = web::block(move || -> anyhow::Result<Option<i64>> {
        let mut conn = pool.get()?;
        let now = tonghop::db::now();
        Ok(conn.transaction(|conn| -> QueryResult<Option<i64>> {
            let changed = diesel::update(submissions::table.find(id).filter(submissions::version.eq(input.version)))
                .set((submissions::version.eq(input.version + 1), submissions::updated_at.eq(now)))
                .execute(conn)?;
            if changed != 1 {
                return Ok(None);
            }
            for v in &input.values {
                diesel::update(submission_values::table.find((id, v.indicator_id)))
                    .set((
                        submission_values::value.eq(v.value.map(|x| (x * 10_000.0).round() as i64)),
                        submission_values::updated_at.eq(now),
                    ))
                    .execute(conn)?;
            }
            Ok(Some(input.version + 1))
        })?)
    })
    .await?
    .map_err(actix_web::error::ErrorInternalServerError)?;
    Ok(match saved {
        Some(version) => HttpResponse::Ok().json(serde_json::json!({ "version": version })),
        None => HttpResponse::Conflict().finish(),
    })
}
