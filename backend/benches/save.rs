//! Benchmark of the save path through the real HTTP server: village
//! reporters saving their monthly form (every indicator) again and again,
//! one at a time and six at once, on SQLite syncing every commit
//! (`sqlite_synchronous = "full"`, the default), on SQLite syncing only at
//! checkpoints (`normal`), and on PostgreSQL. What `full` costs is the ratio
//! of its figures to `normal`'s, measured in the same run: these machines
//! are noisy, absolute figures are not comparable across runs.
//!
//! Run: `cargo bench -p tonghop-backend --bench save` (add `-- sqlite` or
//! `-- postgres` for one database). PostgreSQL comes from
//! `TONGHOP_BENCH_POSTGRES` (default `postgres://postgres@127.0.0.1:5432`).
//! It prints figures; nothing here asserts a time.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and tools fail loudly: that is their job")]

use std::net::TcpListener;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use serde_json::{Value, json};
use tonghop::config::Settings;
use tonghop::db::SqliteSync;
use tonghop::startup::Application;

/// Saves each reporter makes, alone and with the others.
const SAVES_ALONE: usize = 300;
const SAVES_TOGETHER: usize = 100;

fn main() -> anyhow::Result<()> {
    let only = std::env::args().skip(1).find(|a| a == "sqlite" || a == "postgres");
    let postgres = std::env::var("TONGHOP_BENCH_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let mut configs = Vec::new();
    if only.as_deref().is_none_or(|o| o == "sqlite") {
        configs.push(("sqlite FULL", None, SqliteSync::Full));
        configs.push(("sqlite NORMAL", None, SqliteSync::Normal));
    }
    if only.as_deref().is_none_or(|o| o == "postgres") {
        configs.push(("postgres", Some(postgres.as_str()), SqliteSync::Full));
    }
    println!("{:<14} {:>8} {:>6} {:>9} {:>8} {:>8} {:>8}", "database", "reporters", "saves", "saves/s", "p50 ms", "p90 ms", "p99 ms");
    let mut results = Vec::new();
    for (name, postgres, sync) in configs {
        let figures = actix_web::rt::System::new().block_on(run(name, postgres, sync))?;
        results.push((name, figures));
    }
    let find = |name: &str| results.iter().find(|(n, _)| *n == name).map(|(_, f)| f);
    if let (Some(full), Some(normal)) = (find("sqlite FULL"), find("sqlite NORMAL")) {
        println!("\nwhat syncing every commit costs (sqlite FULL against NORMAL, same run):");
        for (f, n) in full.iter().zip(normal) {
            println!(
                "  {} reporter(s): {:.2}× the saves per second, {:.2}× the median time of a save",
                f.reporters,
                f.per_second / n.per_second,
                f.p50.as_secs_f64() / n.p50.as_secs_f64()
            );
        }
    }
    Ok(())
}

/// One line of the table.
struct Figures {
    reporters: usize,
    per_second: f64,
    p50: Duration,
}

async fn run(name: &str, postgres: Option<&str>, sync: SqliteSync) -> anyhow::Result<Vec<Figures>> {
    let dir = tempfile::tempdir()?;
    let database_url = match postgres {
        Some(base) => {
            let mut admin = PgConnection::establish(&format!("{base}/postgres"))?;
            admin.batch_execute("DROP DATABASE IF EXISTS tonghop_bench_save WITH (FORCE)")?;
            admin.batch_execute("CREATE DATABASE tonghop_bench_save")?;
            format!("{base}/tonghop_bench_save")
        }
        None => dir.path().join("save.sqlite").to_string_lossy().into_owned(),
    };
    let settings = Settings {
        database_url,
        data_dir: dir.path().to_path_buf(),
        sqlite_synchronous: sync,
        login_rate_burst: 1000,
        ..Settings::default()
    };
    let state = tonghop::cli::prepare(&settings)?;
    tonghop::demo::load(&mut *state.pool.get()?, tonghop::clock::today())?;
    let app = Application::build(state, TcpListener::bind("127.0.0.1:0")?)?;
    let (handle, base) = (app.handle(), format!("http://127.0.0.1:{}", app.port()));
    actix_web::rt::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();

    let admin = login(&client, &base, "admin", "admin2026").await?;
    let forms: Value = client.get(format!("{base}/api/v1/forms")).bearer_auth(&admin).send().await?.json().await?;
    let form = forms
        .as_array()
        .and_then(|f| f.iter().find(|f| f["code"] == "VILLAGE_MONTHLY"))
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("no form"))?;
    let indicators: Vec<i64> = form["indicators"].as_array().into_iter().flatten().filter_map(|i| i["id"].as_i64()).collect();
    let period =
        tonghop_shared::MonthPeriod::containing(tonghop::clock::today(), &tonghop_shared::ReportingCalendar::default()).to_string();
    let mut reporters = Vec::new();
    for login_row in tonghop::demo::logins().into_iter().filter(|l| l.username.starts_with("thon.")) {
        let token = login(&client, &base, login_row.username, login_row.password).await?;
        let me: Value = client.get(format!("{base}/api/v1/auth/me")).bearer_auth(&token).send().await?.json().await?;
        let unit_id = me["unit"]["id"].as_i64().ok_or_else(|| anyhow::anyhow!("me: {me}"))?;
        let path = format!("{base}/api/v1/submissions/{unit_id}/{}/{period}", form["id"]);
        reporters.push(Reporter { token, path, indicators: indicators.clone() });
    }

    let mut figures = Vec::new();
    for (count, saves) in [(1, SAVES_ALONE), (reporters.len(), SAVES_TOGETHER)] {
        let started = Instant::now();
        let runs: Vec<_> = reporters[..count]
            .iter()
            .cloned()
            .map(|r| {
                let client = client.clone();
                actix_web::rt::spawn(async move { r.save_repeatedly(&client, saves).await })
            })
            .collect();
        let mut times = Vec::new();
        for run in runs {
            times.extend(run.await??);
        }
        let elapsed = started.elapsed().as_secs_f64();
        times.sort();
        let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
        let line = Figures { reporters: count, per_second: times.len() as f64 / elapsed, p50: at(0.5) };
        println!(
            "{name:<14} {count:>8} {:>6} {:>9.0} {:>8.2} {:>8.2} {:>8.2}",
            times.len(),
            line.per_second,
            at(0.5).as_secs_f64() * 1e3,
            at(0.9).as_secs_f64() * 1e3,
            at(0.99).as_secs_f64() * 1e3
        );
        figures.push(line);
    }
    handle.stop(true).await;
    if let Some(base) = postgres {
        PgConnection::establish(&format!("{base}/postgres"))?.batch_execute("DROP DATABASE IF EXISTS tonghop_bench_save WITH (FORCE)")?;
    }
    Ok(figures)
}

async fn login(client: &reqwest::Client, base: &str, username: &str, password: &str) -> anyhow::Result<String> {
    let answer: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await?
        .json()
        .await?;
    Ok(answer["access_token"].as_str().ok_or_else(|| anyhow::anyhow!("login {username}: {answer}"))?.to_owned())
}

#[derive(Clone)]
struct Reporter {
    token: String,
    path: String,
    indicators: Vec<i64>,
}

impl Reporter {
    /// `saves` saves of the whole form, each from the version the last one
    /// returned, each with other figures; the time of each.
    async fn save_repeatedly(self, client: &reqwest::Client, saves: usize) -> anyhow::Result<Vec<Duration>> {
        let current: Value = client.get(&self.path).bearer_auth(&self.token).send().await?.json().await?;
        let mut version = current["version"].as_i64().unwrap_or(0);
        let mut times = Vec::with_capacity(saves);
        for n in 0..saves {
            let values: Vec<Value> =
                self.indicators.iter().enumerate().map(|(i, id)| json!({"indicator_id": id, "value": (n * 7 + i) % 900 + 10})).collect();
            let started = Instant::now();
            let answer =
                client.put(&self.path).bearer_auth(&self.token).json(&json!({"version": version, "values": values})).send().await?;
            let status = answer.status();
            let body: Value = answer.json().await?;
            times.push(started.elapsed());
            anyhow::ensure!(status.is_success(), "save {n} at {}: {status} {body}", self.path);
            version = body["version"].as_i64().ok_or_else(|| anyhow::anyhow!("no version: {body}"))?;
        }
        Ok(times)
    }
}
