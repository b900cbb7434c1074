//! Benchmark of a full pull by an upper level: every figure of a
//! province-sized data set (the one of the `totals` benchmark: 100 communes,
//! 1,500 villages, 60 indicators, five years, 5.04 million values) read
//! through the real HTTP server from `GET /api/v1/data/values`, as JSON pages
//! walked by cursor and as one streamed CSV, then the nightly case: the
//! same pull again with nothing changed (`changed_since`, `If-None-Match`).
//!
//! Run: `cargo bench -p tonghop-backend --bench pull` (add `-- sqlite` or
//! `-- postgres` for one database, and `nightly` for the unchanged pull
//! alone). PostgreSQL comes from
//! `TONGHOP_BENCH_POSTGRES` (default `postgres://postgres@127.0.0.1:5432`).
//! It prints figures; nothing here asserts a time.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and tools fail loudly: that is their job")]

// `support::time` serves the totals benchmark.
#[allow(dead_code)]
mod support;

use std::net::TcpListener;
use std::time::Instant;

use reqwest::header::{ETAG, IF_NONE_MATCH};
use serde_json::{Value, json};
use support::Size;
use tonghop::config::Settings;
use tonghop::startup::Application;
use tonghop_shared::api::Role;

const PAGE: usize = 5000;

fn main() -> anyhow::Result<()> {
    let only = std::env::args().skip(1).find(|a| a == "sqlite" || a == "postgres");
    let nightly_only = std::env::args().any(|a| a == "nightly");
    let postgres = std::env::var("TONGHOP_BENCH_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    for db in ["sqlite", "postgres"] {
        if only.as_deref().is_none_or(|o| o == db) {
            actix_web::rt::System::new().block_on(run(db, &postgres, nightly_only))?;
        }
    }
    Ok(())
}

async fn run(db: &str, postgres: &str, nightly_only: bool) -> anyhow::Result<()> {
    let size = Size::PROVINCE;
    let dir = tempfile::tempdir()?;
    println!(
        "\n== {db}: {} communes, {} villages, {} indicators, {} years",
        size.communes,
        size.communes * size.villages_per_commune,
        size.indicators,
        size.years
    );
    let pool = support::open((db == "postgres").then_some(postgres), dir.path())?;
    let started = Instant::now();
    let (data, url) = {
        let mut conn = pool.get()?;
        let data = support::generate(&mut conn, size)?;
        tonghop::users::model::insert(&mut conn, "tinh.bench", "Văn phòng tỉnh", "bench-2026", Role::Viewer, data.province.id)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let url = match db {
            "postgres" => format!("{postgres}/tonghop_bench"),
            _ => dir.path().join("bench.sqlite").to_string_lossy().into_owned(),
        };
        (data, url)
    };
    drop(pool);
    println!("data set: {} values in {:.1} s", data.values, started.elapsed().as_secs_f64());

    let settings = Settings { database_url: url, data_dir: dir.path().to_path_buf(), pool_size: 4, ..Settings::default() };
    let state = tonghop::cli::prepare(&settings)?;
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let app = Application::build(state, listener)?;
    let (handle, base) = (app.handle(), format!("http://127.0.0.1:{}", app.port()));
    actix_web::rt::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();
    let login: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": "tinh.bench", "password": "bench-2026"}))
        .send()
        .await?
        .json()
        .await?;
    let token = login["access_token"].as_str().ok_or_else(|| anyhow::anyhow!("login: {login}"))?.to_owned();
    let values = format!("{base}/api/v1/data/values?unit_id={}", data.province.id);

    if !nightly_only {
        full_pulls(&client, &values, &token).await?;
    }
    let first = client.get(format!("{values}&limit={PAGE}")).bearer_auth(&token).send().await?.error_for_status()?;
    let first_tag = first.headers()[ETAG].to_str()?.to_owned();
    nightly(&client, &values, &token, &first_tag).await;
    handle.stop(true).await;
    Ok(())
}

/// Every figure as JSON pages, then as one streamed CSV.
async fn full_pulls(client: &reqwest::Client, values: &str, token: &str) -> anyhow::Result<()> {
    // Every figure as JSON, page by page.
    let started = Instant::now();
    let (mut rows, mut bytes, mut pages) = (0usize, 0usize, 0usize);
    let mut cursor: Option<String> = None;
    loop {
        let mut url = format!("{values}&limit={PAGE}");
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let response = client.get(&url).bearer_auth(token).send().await?.error_for_status()?;
        let body = response.bytes().await?;
        bytes += body.len();
        pages += 1;
        let page: Value = serde_json::from_slice(&body)?;
        rows += page["items"].as_array().map_or(0, Vec::len);
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "JSON, {pages} pages of {PAGE}: {rows} rows, {:.0} MiB in {secs:.1} s ({:.0} rows/s)",
        bytes as f64 / 1_048_576.0,
        rows as f64 / secs
    );
    println!("peak memory of the process (server and client) so far: {:.0} MiB", support::peak_rss_mib());

    // Every figure as one streamed CSV.
    let started = Instant::now();
    let mut response = client.get(format!("{values}&format=csv")).bearer_auth(token).send().await?.error_for_status()?;
    let (mut csv_bytes, mut lines) = (0usize, 0usize);
    while let Some(chunk) = response.chunk().await? {
        csv_bytes += chunk.len();
        lines += chunk.iter().filter(|b| **b == b'\n').count();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "CSV, streamed: {} rows, {:.0} MiB in {secs:.1} s ({:.0} rows/s)",
        lines.saturating_sub(1),
        csv_bytes as f64 / 1_048_576.0,
        lines as f64 / secs
    );
    println!("peak memory of the process (server and client) so far: {:.0} MiB", support::peak_rss_mib());
    Ok(())
}

/// The nightly pull when nothing changed: the first page with its tag, and
/// an incremental pull from a few minutes ago.
async fn nightly(client: &reqwest::Client, values: &str, token: &str, first_tag: &str) {
    let (median, _) = time_async(5, || async {
        let answer = client.get(format!("{values}&limit={PAGE}")).bearer_auth(token).header(IF_NONE_MATCH, first_tag).send().await;
        answer.map(|r| r.status().as_u16())
    })
    .await;
    println!("first page again with If-None-Match (304): median {median:.1} ms (5 runs)");
    let since = (chrono::Utc::now() - chrono::Duration::minutes(5)).to_rfc3339();
    let (median, _) = time_async(5, || async {
        let answer = client.get(format!("{values}&limit={PAGE}")).query(&[("changed_since", &since)]).bearer_auth(token).send().await;
        match answer {
            Ok(r) => r.json::<Value>().await.map(|v| v["items"].as_array().map_or(0, Vec::len)),
            Err(e) => Err(e),
        }
    })
    .await;
    println!("incremental pull with nothing changed since (changed_since): median {median:.1} ms (5 runs)");
}

/// Timings of `runs` requests: (median, slowest) in milliseconds.
async fn time_async<T, F: std::future::Future<Output = T>>(runs: usize, mut f: impl FnMut() -> F) -> (f64, f64) {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        std::hint::black_box(f().await);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() - 1])
}
