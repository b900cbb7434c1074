//! The product as shipped: the release binary, started as its own process
//! on a fresh database with the demo commune, and villages added through
//! its API.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use serde_json::{Value, json};

use super::Village;

/// The password of every village reporter the benchmark adds.
pub const PASSWORD: &str = "bench-password-2026";

/// A running product server.
pub struct Server {
    child: Child,
    pub base: String,
    pub database_url: String,
    postgres: Option<String>,
}

impl Server {
    /// Starts `tonghop serve --demo` on a free port and waits for it to answer.
    pub async fn start(dir: &Path, postgres: Option<&str>) -> anyhow::Result<Self> {
        let database_url = match postgres {
            Some(base) => {
                let mut admin = PgConnection::establish(&format!("{base}/postgres"))?;
                admin.batch_execute("DROP DATABASE IF EXISTS tonghop_bench_save WITH (FORCE)")?;
                admin.batch_execute("CREATE DATABASE tonghop_bench_save")?;
                format!("{base}/tonghop_bench_save")
            }
            None => dir.join("save.sqlite").to_string_lossy().into_owned(),
        };
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = Command::new(env!("CARGO_BIN_EXE_tonghop"))
            .args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
            .env("TONGHOP_DATABASE_URL", &database_url)
            .env("TONGHOP_DATA_DIR", dir)
            .env("TONGHOP_LOGIN_RATE_BURST", "10000")
            .env("TONGHOP_LOGIN_RATE_PER_MINUTE", "10000")
            .env("TONGHOP_POOL_SIZE", "8")
            .env("TONGHOP_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()?;
        let server = Self { child, base: format!("http://127.0.0.1:{port}"), database_url, postgres: postgres.map(str::to_owned) };
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if client.get(format!("{}/api/health", server.base)).send().await.is_ok_and(|a| a.status().is_success()) {
                return Ok(server);
            }
            anyhow::ensure!(started.elapsed() < Duration::from_secs(60), "the server did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Adds `count` villages to the demo commune, each with its reporter,
    /// logged in, with a first draft of the current month saved.
    pub async fn villages(&self, client: &reqwest::Client, count: usize) -> anyhow::Result<Vec<Village>> {
        let base = &self.base;
        let admin = login(client, base, "admin", "admin2026").await?;
        let me: Value = client.get(format!("{base}/api/v1/auth/me")).bearer_auth(&admin).send().await?.json().await?;
        let commune = me["unit"]["id"].as_i64().ok_or_else(|| anyhow::anyhow!("me: {me}"))?;
        let forms: Value = client.get(format!("{base}/api/v1/forms")).bearer_auth(&admin).send().await?.json().await?;
        let form = forms
            .as_array()
            .and_then(|f| f.iter().find(|f| f["code"] == "VILLAGE_MONTHLY"))
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("no form"))?;
        let indicators: Arc<Vec<i64>> =
            Arc::new(form["indicators"].as_array().into_iter().flatten().filter_map(|i| i["id"].as_i64()).collect());
        let period =
            tonghop_shared::MonthPeriod::containing(tonghop::clock::today(), &tonghop_shared::ReportingCalendar::default()).to_string();
        let mut villages = Vec::new();
        for n in 0..count {
            let unit: Value = post(
                client,
                base,
                &admin,
                "units",
                json!({"parent_id": commune, "kind": "village", "code": format!("BV{n:03}"), "name": format!("Thôn thử {n}")}),
            )
            .await?;
            let unit_id = unit["id"].as_i64().ok_or_else(|| anyhow::anyhow!("unit: {unit}"))?;
            let username = format!("bench.v{n:03}");
            post(client, base, &admin, "users", json!({"username": username, "display_name": format!("Thôn thử {n}"), "password": PASSWORD, "role": "reporter", "unit_id": unit_id})).await?;
            let token = login(client, base, &username, PASSWORD).await?;
            let path = format!("/api/v1/submissions/{unit_id}/{}/{period}", form["id"]);
            let values: Vec<Value> = indicators.iter().map(|id| json!({"indicator_id": id, "value": 1})).collect();
            let answer =
                client.put(format!("{base}{path}")).bearer_auth(&token).json(&json!({"version": 0, "values": values})).send().await?;
            let first: Value = answer.json().await?;
            let (Some(id), Some(version)) = (first["id"].as_i64(), first["version"].as_i64()) else {
                anyhow::bail!("first save: {first}");
            };
            villages.push(Village::new(username, token, path, id, version, indicators.clone()));
        }
        Ok(villages)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's resident set now.
    pub fn rss_mib(&self) -> f64 {
        rss_mib_of(self.pid())
    }

    pub async fn stop(mut self) -> anyhow::Result<()> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(base) = &self.postgres {
            PgConnection::establish(&format!("{base}/postgres"))?
                .batch_execute("DROP DATABASE IF EXISTS tonghop_bench_save WITH (FORCE)")?;
        }
        Ok(())
    }
}

async fn post(client: &reqwest::Client, base: &str, token: &str, what: &str, body: Value) -> anyhow::Result<Value> {
    let answer = client.post(format!("{base}/api/v1/{what}")).bearer_auth(token).json(&body).send().await?;
    let status = answer.status();
    let body: Value = answer.json().await?;
    anyhow::ensure!(status.is_success(), "POST {what}: {status} {body}");
    Ok(body)
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

/// A login's HTTP status.
pub async fn login_status(client: &reqwest::Client, base: &str, username: &str, password: &str) -> anyhow::Result<u16> {
    let answer = client.post(format!("{base}/api/v1/auth/login")).json(&json!({"username": username, "password": password})).send().await?;
    Ok(answer.status().as_u16())
}

fn status_kib(pid: u32, field: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()))
        .unwrap_or(0.0)
}

/// A line of `/proc/<pid>/status` given in kB, in MiB.
pub fn status_mib_of(pid: u32, field: &str) -> f64 {
    status_kib(pid, field) / 1024.0
}

/// Resident set of a process, in MiB.
pub fn rss_mib_of(pid: u32) -> f64 {
    status_kib(pid, "VmRSS:") / 1024.0
}

/// Peak resident set of a process so far, in MiB.
pub fn hwm_mib_of(pid: u32) -> f64 {
    status_kib(pid, "VmHWM:") / 1024.0
}
