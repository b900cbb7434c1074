//! Benchmark of the save path: the product as shipped (the release binary,
//! started as its own process) against a bare actix-web + diesel endpoint
//! that parses the same JSON and writes the same rows, with no auth, no
//! checks and no audit, on the same database in the same run. Village
//! reporters save their whole monthly form again and again from 1, 10 and
//! 100 connections at once, each its own village; the table gives saves per
//! second with the 50th and 99th percentile of a save, for the product and
//! the bare endpoint, and the product's saves per second as a ratio to the
//! bare endpoint's. These machines are noisy: absolute figures are not
//! comparable across runs, the ratio is.
//!
//! On SQLite it then measures the product's memory: its resident size at
//! rest, its peak under saves from 100 connections with 25 logins at once,
//! and how far it has come back down 10, 30 and 60 seconds later.
//!
//! Run: `cargo bench -p tonghop-backend --bench save` (add `-- sqlite` or
//! `-- postgres` for one database). PostgreSQL comes from
//! `TONGHOP_BENCH_POSTGRES` (default `postgres://postgres@127.0.0.1:5432`).
//! `TONGHOP_BENCH_SECONDS` sets how long each measurement runs (default 4).
//! It prints figures; nothing here asserts a time.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and tools fail loudly: that is their job")]

#[path = "save/bare.rs"]
mod bare;
#[path = "save/server.rs"]
mod server;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use server::Server;

/// Villages saving at once, one connection each, at the most.
const VILLAGES: usize = 100;
/// Logins at once in the memory measurement.
const LOGINS_AT_ONCE: usize = 25;

fn main() -> anyhow::Result<()> {
    let only = std::env::args().skip(1).find(|a| a == "sqlite" || a == "postgres");
    let postgres = std::env::var("TONGHOP_BENCH_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let seconds = std::env::var("TONGHOP_BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(4.0);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    for db in ["sqlite", "postgres"] {
        if only.as_deref().is_some_and(|o| o != db) {
            continue;
        }
        runtime.block_on(run(db, (db == "postgres").then_some(postgres.as_str()), Duration::from_secs_f64(seconds)))?;
    }
    Ok(())
}

async fn run(db: &str, postgres: Option<&str>, length: Duration) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), postgres).await?;
    let client = reqwest::Client::builder().pool_max_idle_per_host(VILLAGES * 2).build()?;
    let setup = Instant::now();
    let villages = server.villages(&client, VILLAGES).await?;
    println!(
        "\n== {db}: the release binary on the demo commune with {VILLAGES} more villages ({:.1} s to set up)",
        setup.elapsed().as_secs_f64()
    );
    let bare = bare::start(&server.database_url)?;
    println!("{:<8} {:>5} {:>7} {:>9} {:>8} {:>8}", "server", "conns", "saves", "saves/s", "p50 ms", "p99 ms");
    let mut ratios = Vec::new();
    for conns in [1, 10, 100] {
        let product = load(&client, &villages[..conns], Target::Product(&server.base), length).await?;
        product.print("product", conns);
        let baseline = load(&client, &villages[..conns], Target::Bare(&bare.base), length).await?;
        baseline.print("bare", conns);
        ratios.push((conns, product, baseline));
    }
    println!("the product's saves per second as a ratio to the bare endpoint's (same run):");
    for (conns, product, baseline) in &ratios {
        println!(
            "  {conns:>3} connection(s): {:.2}× (p50 {:.2}× the bare time, p99 {:.2}×)",
            product.per_second / baseline.per_second,
            product.p50.as_secs_f64() / baseline.p50.as_secs_f64(),
            product.p99.as_secs_f64() / baseline.p99.as_secs_f64()
        );
    }
    bare.stop().await;
    if postgres.is_none() {
        memory(&server, &client, &villages, length).await?;
    }
    server.stop().await
}

/// The product's memory under saves and logins at once, and after.
async fn memory(server: &Server, client: &reqwest::Client, villages: &[Village], length: Duration) -> anyhow::Result<()> {
    println!("memory of the product's process (resident set, MiB):");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let pid = server.pid();
    println!(
        "  at rest after the runs above: {:.1} ({:.1} of it the program's own file, {:.1} anonymous)",
        server.rss_mib(),
        server::status_mib_of(pid, "RssFile:"),
        server::status_mib_of(pid, "RssAnon:")
    );
    let peak = Arc::new(AtomicI64::new(0));
    let sampling = {
        let (peak, pid) = (peak.clone(), server.pid());
        tokio::spawn(async move {
            loop {
                peak.fetch_max((server::rss_mib_of(pid) * 10.0) as i64, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let saves = load(client, villages, Target::Product(&server.base), length.max(Duration::from_secs(3)));
    let logins = async {
        tokio::time::sleep(length / 3).await;
        let started = Instant::now();
        let tasks: Vec<_> = (0..LOGINS_AT_ONCE)
            .map(|n| {
                let (client, base, username) = (client.clone(), server.base.clone(), villages[n % villages.len()].username.clone());
                tokio::spawn(async move { server::login_status(&client, &base, &username, server::PASSWORD).await })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.ok().and_then(Result::ok).unwrap_or(0));
        }
        (answers, started.elapsed())
    };
    let (saves, (answers, took)) = tokio::join!(saves, logins);
    let saves = saves?;
    sampling.abort();
    let ok = answers.iter().filter(|s| **s == 200).count();
    let busy = answers.iter().filter(|s| **s == 503).count();
    println!(
        "  peak under saves from {} connections ({:.0} saves/s) and {LOGINS_AT_ONCE} logins at once ({ok} logged in, {busy} told 503 busy, {:.1} s for all): {:.1}",
        villages.len(),
        saves.per_second,
        took.as_secs_f64(),
        peak.load(Ordering::Relaxed) as f64 / 10.0
    );
    let after = Instant::now();
    for at in [10, 30, 60] {
        tokio::time::sleep(Duration::from_secs(at).saturating_sub(after.elapsed())).await;
        println!("  {at} s later: {:.1} ({:.1} anonymous)", server.rss_mib(), server::status_mib_of(pid, "RssAnon:"));
    }
    println!("  peak of the whole run (VmHWM): {:.1}", server::hwm_mib_of(server.pid()));
    Ok(())
}

/// One village's reporter and the submission it keeps saving.
#[derive(Clone)]
pub struct Village {
    pub username: String,
    token: String,
    /// The product's address of the submission.
    path: String,
    /// Its row, for the bare endpoint.
    submission_id: i64,
    indicators: Arc<Vec<i64>>,
    /// The version the next save is made from, shared by both servers.
    version: Arc<AtomicI64>,
}

impl Village {
    pub fn new(username: String, token: String, path: String, submission_id: i64, version: i64, indicators: Arc<Vec<i64>>) -> Self {
        Self { username, token, path, submission_id, indicators, version: Arc::new(AtomicI64::new(version)) }
    }
}

#[derive(Clone, Copy)]
enum Target<'a> {
    Product(&'a str),
    Bare(&'a str),
}

/// What one measurement gave.
struct Figures {
    saves: usize,
    per_second: f64,
    p50: Duration,
    p99: Duration,
}

impl Figures {
    fn print(&self, name: &str, conns: usize) {
        println!(
            "{name:<8} {conns:>5} {:>7} {:>9.0} {:>8.2} {:>8.2}",
            self.saves,
            self.per_second,
            self.p50.as_secs_f64() * 1e3,
            self.p99.as_secs_f64() * 1e3
        );
    }
}

/// Every village saves again and again, one connection each, for `length`.
async fn load(client: &reqwest::Client, villages: &[Village], target: Target<'_>, length: Duration) -> anyhow::Result<Figures> {
    let started = Instant::now();
    let until = started + length;
    let runs: Vec<_> = villages
        .iter()
        .cloned()
        .map(|village| {
            let client = client.clone();
            let url = match target {
                Target::Product(base) => format!("{base}{}", village.path),
                Target::Bare(base) => format!("{base}/bare/{}", village.submission_id),
            };
            tokio::spawn(async move { village.save_until(&client, &url, until).await })
        })
        .collect();
    let mut times = Vec::new();
    for run in runs {
        times.extend(run.await??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    anyhow::ensure!(!times.is_empty(), "no save finished");
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    Ok(Figures { saves: times.len(), per_second: times.len() as f64 / elapsed, p50: at(0.5), p99: at(0.99) })
}

impl Village {
    /// Saves of the whole form, each from the version the last one
    /// returned, each with other figures, until `until`; the time of each.
    async fn save_until(self, client: &reqwest::Client, url: &str, until: Instant) -> anyhow::Result<Vec<Duration>> {
        let mut times = Vec::new();
        let mut n = self.version.load(Ordering::Relaxed) as usize;
        while Instant::now() < until {
            n += 1;
            let values: Vec<Value> =
                self.indicators.iter().enumerate().map(|(i, id)| json!({"indicator_id": id, "value": (n * 7 + i) % 900 + 10})).collect();
            let version = self.version.load(Ordering::Relaxed);
            let started = Instant::now();
            let answer = client.put(url).bearer_auth(&self.token).json(&json!({"version": version, "values": values})).send().await?;
            let status = answer.status();
            let body: Value = answer.json().await?;
            times.push(started.elapsed());
            anyhow::ensure!(status.is_success(), "save at {url}: {status} {body}");
            self.version.store(body["version"].as_i64().ok_or_else(|| anyhow::anyhow!("no version: {body}"))?, Ordering::Relaxed);
        }
        Ok(times)
    }
}
