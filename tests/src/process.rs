//! The real `tonghop` program as a process, as an operator runs it:
//! `tonghop serve --bind 127.0.0.1:<port>` with a `tonghop.toml`, stopped by
//! a signal. For what only a process shows: the signal handling, the exit
//! status, several servers started at once, a proxy in front.
//!
//! The binary is `TONGHOP_BIN`, else `target/<profile>/tonghop` beside the
//! test executable; `cargo xtask test` builds it and sets the variable.

use std::fs::File;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Value, json};

use crate::Answer;

/// How long a server may take to answer its health check after starting:
/// migrations and the demo on an empty database, on a busy two-core machine.
const READY_WAIT: Duration = Duration::from_secs(90);

/// The `tonghop` binary the tests run.
pub fn tonghop_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("TONGHOP_BIN") {
        let path = PathBuf::from(path);
        assert!(path.is_file(), "TONGHOP_BIN={} is not a file", path.display());
        return path;
    }
    // The test runs as target/<profile>/deps/api-<hash>.
    let exe = std::env::current_exe().expect("path of the test executable");
    let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile>/deps");
    let path = profile_dir.join(format!("tonghop{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} not found: run `cargo build -p tonghop-backend --bin tonghop` first (`cargo xtask test` builds it), \
         or set TONGHOP_BIN to the binary",
        path.display()
    );
    path
}

/// A port nothing listens on right now, and never handed out before by this
/// test process (two servers spawned one after the other get two ports).
pub fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap();
    loop {
        let port = TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().unwrap().port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

/// How to start one server.
#[derive(Debug, Clone, Default)]
pub struct ServerConfig {
    /// `database_url` of its `tonghop.toml`.
    pub database_url: String,
    /// `serve --demo`: load the demo commune (once per database).
    pub demo: bool,
    /// More lines of `tonghop.toml`, e.g. `trusted_proxies = ["127.0.0.1"]`.
    pub extra_toml: String,
}

/// A running `tonghop serve`. Killed when dropped; its output is printed
/// when the test fails.
pub struct ServerProcess {
    /// `http://127.0.0.1:<port>`.
    pub address: String,
    /// The port it listens on.
    pub port: u16,
    child: Child,
    exit: Option<ExitStatus>,
    dir: tempfile::TempDir,
}

impl ServerProcess {
    /// Starts a server on a free port and returns at once; [`Self::ready`]
    /// waits until it answers.
    pub fn spawn(config: &ServerConfig) -> ServerProcess {
        let port = free_port();
        let dir = tempfile::tempdir().expect("temp dir");
        let config_path = dir.path().join("tonghop.toml");
        let toml = format!(
            "database_url = {:?}\ndata_dir = {:?}\n{}\n",
            config.database_url,
            dir.path().join("data").to_string_lossy(),
            config.extra_toml
        );
        std::fs::write(&config_path, toml).expect("write tonghop.toml");
        let mut command = Command::new(tonghop_binary());
        command.arg("--config").arg(&config_path).args(["serve", "--bind", &format!("127.0.0.1:{port}")]);
        if config.demo {
            command.arg("--demo");
        }
        // Only the file speaks: the test's own TONGHOP_* variables (the
        // PostgreSQL of the tests, the binary) are not settings.
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("TONGHOP_") {
                command.env_remove(name);
            }
        }
        let child = command
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(File::create(dir.path().join("stdout.log")).expect("stdout file"))
            .stderr(File::create(dir.path().join("stderr.log")).expect("stderr file"))
            .spawn()
            .expect("start tonghop");
        ServerProcess { address: format!("http://127.0.0.1:{port}"), port, child, exit: None, dir }
    }

    /// Starts a server and waits until it answers.
    pub async fn start(config: &ServerConfig) -> ServerProcess {
        let mut server = Self::spawn(config);
        server.ready().await;
        server
    }

    /// Waits until `GET /api/health` answers 200 (bounded); fails if it
    /// exits or takes too long (its output is printed when it is dropped).
    pub async fn ready(&mut self) {
        let client = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().unwrap();
        let deadline = Instant::now() + READY_WAIT;
        loop {
            if let Ok(answer) = client.get(format!("{}/api/health", self.address)).send().await
                && answer.status().is_success()
            {
                return;
            }
            if let Some(status) = self.child.try_wait().expect("process status") {
                self.exit = Some(status);
                panic!("tonghop on port {} exited while starting ({status}); its output follows", self.port);
            }
            assert!(Instant::now() < deadline, "tonghop on port {} did not answer within {READY_WAIT:?}; its output follows", self.port);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// A client of this server.
    pub fn api(&self) -> Api {
        Api::new(&self.address)
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM: what systemd and container runtimes send to stop it.
    pub fn terminate(&self) {
        signal(self.pid(), "TERM");
    }

    /// Sends SIGKILL: a crash, a power cut of the process.
    pub fn kill(&self) {
        signal(self.pid(), "KILL");
    }

    /// Waits up to `bound` for the process to exit; fails if it has not.
    pub async fn wait_exit(&mut self, bound: Duration) -> ExitStatus {
        let deadline = Instant::now() + bound;
        loop {
            if let Some(status) = self.exit {
                return status;
            }
            if let Some(status) = self.child.try_wait().expect("process status") {
                self.exit = Some(status);
                return status;
            }
            assert!(Instant::now() < deadline, "tonghop on port {} still running {bound:?} later; its output follows", self.port);
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// What it printed: stdout, then stderr (its log).
    pub fn output(&self) -> String {
        let read = |name: &str| std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default();
        format!("--- stdout of tonghop :{} ---\n{}--- stderr ---\n{}", self.port, read("stdout.log"), read("stderr.log"))
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if self.exit.is_none() && self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if std::thread::panicking() {
            eprintln!("{}", self.output());
        }
    }
}

/// `kill -<name> <pid>`, so the tests need no crate for signals.
pub fn signal(pid: u32, name: &str) {
    let status = Command::new("kill").arg(format!("-{name}")).arg(pid.to_string()).status().expect("run kill");
    assert!(status.success(), "kill -{name} {pid} failed");
}

/// A client of a server, or of the proxy in front of servers, by address;
/// each has its own connections (a phone of its own).
#[derive(Clone)]
pub struct Api {
    /// `http://127.0.0.1:<port>`.
    pub address: String,
    client: reqwest::Client,
    headers: HeaderMap,
}

impl Api {
    /// A client of `address`.
    pub fn new(address: &str) -> Api {
        let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
        Api { address: address.to_owned(), client, headers: HeaderMap::new() }
    }

    /// The same, sending `name: value` with every request (an
    /// `X-Forwarded-For` a client behind another proxy brings along).
    pub fn with_header(mut self, name: &'static str, value: &str) -> Api {
        self.headers.insert(HeaderName::from_static(name), HeaderValue::from_str(value).unwrap());
        self
    }

    /// Sends a request; an error when no answer came (refused, cut).
    pub async fn try_call(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> reqwest::Result<Answer> {
        let mut request = self.client.request(method, format!("{}{path}", self.address)).headers(self.headers.clone());
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await?;
        let (status, headers) = (response.status(), response.headers().clone());
        let text = response.text().await?;
        let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        Ok(Answer { status, body, headers })
    }

    /// Sends a request that must be answered.
    pub async fn call(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Answer {
        let what = format!("{method} {}{path}", self.address);
        self.try_call(method, path, token, body).await.unwrap_or_else(|e| panic!("{what}: no answer: {e}"))
    }

    /// `POST /api/v1/auth/login`.
    pub async fn login(&self, username: &str, password: &str) -> Answer {
        self.call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": username, "password": password}))).await
    }

    /// Logs in a demo user: the login's answer (access and refresh token).
    pub async fn demo_login(&self, username: &str) -> Value {
        let password = tonghop::demo::logins().into_iter().find(|l| l.username == username).expect("demo login").password;
        let answer = self.login(username, password).await;
        assert_eq!(answer.status, reqwest::StatusCode::OK, "login of {username} at {}: {:?}", self.address, answer.body);
        answer.body
    }
}
