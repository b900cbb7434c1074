//! The test harness: starts the real tonghop server on a free port with a
//! fresh database (SQLite file or a new PostgreSQL database) and the demo
//! commune loaded, and offers one helper per API call.
//!
//! PostgreSQL comes from `TONGHOP_TEST_POSTGRES` (default
//! `postgres://postgres@127.0.0.1:5432`); a test that cannot reach it fails.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and tools fail loudly: that is their job")]

pub mod api;
pub mod browser;
pub mod network;
pub mod process;
pub mod push;
pub mod python;
pub mod scenario;

use std::net::TcpListener;
use std::path::PathBuf;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tonghop::config::Settings;
use tonghop::db::DbPool;
use tonghop::startup::Application;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    /// An SQLite file in a fresh temporary directory.
    Sqlite,
    /// A fresh database on the PostgreSQL server.
    Postgres,
}

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub address: String,
    /// Direct access to the database, for asserting what was stored.
    pub pool: DbPool,
    /// Which database.
    pub db: Db,
    client: reqwest::Client,
    settings: Settings,
    server: std::sync::Mutex<Option<actix_web::dev::ServerHandle>>,
    /// Access tokens by username, for the typed helpers ([`TestApp::session`]).
    sessions: std::sync::Mutex<std::collections::HashMap<String, String>>,
    _dir: tempfile::TempDir,
    /// Its own database (dropped with it); unused when the test pointed the
    /// server at another one.
    _database: EmptyDatabase,
}

/// The PostgreSQL server used by tests.
pub fn postgres_base() -> String {
    std::env::var("TONGHOP_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

fn unique_name() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("tonghop_test_{}_{}_{}", std::process::id(), nanos, n)
}

/// Starts a server on `db` with the demo commune loaded.
pub async fn spawn_app(db: Db) -> TestApp {
    spawn_app_with(db, |_| {}).await
}

/// Starts a server on `db`, letting the test adjust the settings first.
pub async fn spawn_app_with(db: Db, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut settings = Settings { data_dir: dir.path().to_path_buf(), pool_size: 4, ..Settings::default() };
    // Every test logs in from 127.0.0.1: one address doing the work of a
    // whole commune. The test of the limit itself sets a low one.
    settings.login_rate_burst = 10_000;
    // Reminders are queued by the tests that want them, on the day they
    // name (`notifications::reminders::queue_due`), never by the clock; the
    // queue is read often, so a push arrives within a test's patience.
    settings.push_reminder_hour = 24;
    settings.push_poll_ms = 200;
    let database = EmptyDatabase::new(db);
    settings.database_url = database.url.clone();
    adjust(&mut settings);
    settings.bind = "127.0.0.1:0".into();
    let (pool, handle, port) = start_server(&settings, true);
    let address = format!("http://127.0.0.1:{port}");
    settings.bind = format!("127.0.0.1:{port}");
    let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(30)).build().unwrap();
    TestApp {
        address,
        pool,
        db,
        client,
        settings,
        server: std::sync::Mutex::new(Some(handle)),
        sessions: Default::default(),
        _dir: dir,
        _database: database,
    }
}

/// Prepares the database (and the demo, the first time) and starts a server
/// on `settings.bind`.
fn start_server(settings: &Settings, load_demo: bool) -> (DbPool, actix_web::dev::ServerHandle, u16) {
    let state = tonghop::cli::prepare(settings).expect("server state");
    let pool = state.pool.clone();
    if load_demo {
        let mut conn = pool.get().expect("connection");
        tonghop::demo::load(&mut conn, tonghop::clock::today()).expect("demo data");
    }
    let listener = TcpListener::bind(&settings.bind).expect("port to listen on");
    let app = Application::build(state, listener).expect("server");
    let (handle, port) = (app.handle(), app.port());
    tokio::spawn(app.run_until_stopped());
    (pool, handle, port)
}

/// An answer: status and JSON body (`Value::Null` when empty).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Answer {
    /// The error `code` of an error answer.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    /// The error body of a refusal, typed; fails the test on a success.
    #[track_caller]
    pub fn error(&self) -> tonghop_shared::api::ErrorBody {
        assert!(!self.status.is_success(), "expected a refusal, got {}: {}", self.status, self.body);
        serde_json::from_value(self.body.clone()).unwrap_or_else(|e| panic!("not an error body: {e}: {}", self.body))
    }

    /// The fields named in a validation error.
    pub fn fields(&self) -> Vec<String> {
        self.body["fields"].as_array().map(|a| a.iter().map(|f| f["field"].as_str().unwrap_or("").to_owned()).collect()).unwrap_or_default()
    }
}

impl TestApp {
    /// Stops the server, as a dropped mobile connection would look to the
    /// app: nothing answers on its port.
    pub async fn stop_server(&self) {
        let handle = self.server.lock().unwrap().take();
        if let Some(handle) = handle {
            handle.stop(false).await;
        }
    }

    /// How many rows `from` holds: `COUNT(*)` over a table, or a table with
    /// joins and a condition (`push_subscriptions WHERE …`), read on this
    /// server's database.
    pub fn count(&self, from: &str) -> i64 {
        count_rows(&mut self.pool.get().expect("connection"), from)
    }

    /// The database this server runs on, for a second server on the same one.
    pub fn settings_database_url(&self) -> String {
        self.settings.database_url.clone()
    }

    /// An access token for `user_id`, signed with this server's secret, that
    /// expired an hour ago: what a phone holds after a night offline.
    pub fn expired_access_token(&self, user_id: i64) -> String {
        let mut conn = self.pool.get().expect("connection");
        let secret =
            tonghop::auth::tokens::load_or_create_secret(&self.settings.jwt_secret, &mut conn, &self.settings.data_dir).expect("secret");
        let keys = tonghop::auth::tokens::TokenKeys::new(&secret, -3600, 60).expect("keys");
        keys.issue_access(user_id).expect("token")
    }

    /// Starts the server again on the same port and database.
    pub async fn restart_server(&self) {
        let (_, handle, _) = start_server(&self.settings, false);
        *self.server.lock().unwrap() = Some(handle);
    }

    /// Sends a request with an optional bearer token and JSON body.
    pub async fn call(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Answer {
        let mut request = self.client.request(method, format!("{}{path}", self.address));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body read");
        let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        Answer { status, body, headers }
    }

    /// POSTs raw bytes (a file) with a content type and a token.
    pub async fn post_file(&self, path: &str, token: &str, content_type: &str, bytes: Vec<u8>) -> Answer {
        let request =
            self.client.post(format!("{}{path}", self.address)).bearer_auth(token).header("Content-Type", content_type).body(bytes);
        let response = request.send().await.expect("request sent");
        let (status, headers) = (response.status(), response.headers().clone());
        let text = response.text().await.expect("body read");
        let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        Answer { status, body, headers }
    }

    /// GETs a file: status, headers and the raw bytes.
    pub async fn download(&self, path: &str, token: &str) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
        let response = self.client.get(format!("{}{path}", self.address)).bearer_auth(token).send().await.expect("request sent");
        let (status, headers) = (response.status(), response.headers().clone());
        (status, headers, response.bytes().await.expect("body read").to_vec())
    }

    /// GET with a token.
    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.call(Method::GET, path, Some(token), None).await
    }

    /// `POST /api/v1/auth/login`, as the answer came: for the tests of the
    /// wire (access, several servers, shared limits); the others call
    /// [`TestApp::login`].
    pub async fn login_raw(&self, username: &str, password: &str) -> Answer {
        self.login(username, password).await.answer
    }

    /// Logs in a demo user (a new session each time) and returns the access token.
    pub async fn token(&self, username: &str) -> String {
        let password = tonghop::demo::logins().into_iter().find(|l| l.username == username).expect("demo login").password;
        let answer = self.login(username, password).await;
        assert_eq!(answer.status, StatusCode::OK, "login of {username}: {:?}", answer.body);
        answer.ok().access_token
    }

    /// Id of a unit by code, read through the admin's view; kept for the
    /// wire tests and the browser tests (the others read [`TestApp::unit`]).
    pub async fn unit_id(&self, code: &str) -> i64 {
        self.unit(code).await.id
    }

    /// The demo form for a kind of unit: (id, indicators as (id, code));
    /// kept for the wire tests and the browser tests (the others read
    /// [`TestApp::form_named`]).
    pub async fn form(&self, code: &str) -> (i64, Vec<(i64, String)>) {
        let form = self.form_named(code).await;
        (form.id, form.indicators.into_iter().map(|i| (i.id, i.code)).collect())
    }

    /// Path of a submission (what [`api::SubmissionKey`] names).
    pub fn submission_path(unit_id: i64, form_id: i64, period: &str) -> String {
        format!("/api/v1/submissions/{unit_id}/{form_id}/{period}")
    }

    /// Where the built web app would be (for browser tests).
    pub fn dist_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../frontend/dist")
    }
}

/// A database no server has touched yet: an SQLite path in a fresh folder,
/// or a new PostgreSQL database (dropped with this value).
pub struct EmptyDatabase {
    /// What `database_url` should be.
    pub url: String,
    _dir: tempfile::TempDir,
    pg_database: Option<String>,
}

impl EmptyDatabase {
    /// A new empty database on `db`.
    pub fn new(db: Db) -> EmptyDatabase {
        let dir = tempfile::tempdir().expect("temp dir");
        let (url, pg_database) = match db {
            Db::Sqlite => (dir.path().join("test.sqlite").to_string_lossy().into_owned(), None),
            Db::Postgres => {
                let name = unique_name();
                let mut admin = PgConnection::establish(&format!("{}/postgres", postgres_base()))
                    .unwrap_or_else(|e| panic!("PostgreSQL at {} is required for this test: {e}", postgres_base()));
                admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("create test database");
                (format!("{}/{name}", postgres_base()), Some(name))
            }
        };
        EmptyDatabase { url, _dir: dir, pg_database }
    }
}

impl Drop for EmptyDatabase {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_database
            && let Ok(mut admin) = PgConnection::establish(&format!("{}/postgres", postgres_base()))
        {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// The current reporting month under the demo commune's calendar.
pub fn current_period() -> String {
    let calendar = tonghop_shared::ReportingCalendar::default();
    tonghop_shared::MonthPeriod::containing(tonghop::clock::today(), &calendar).to_string()
}

/// Declares each listed `async fn name(db: Db)` as two tests, `sqlite::name`
/// and `postgres::name`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::Db::Sqlite).await
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::Db::Postgres).await
                }
            )+
        }
    };
}

/// How many rows `from` holds (see [`TestApp::count`]), on any connection.
pub fn count_rows(conn: &mut tonghop::db::DbConn, from: &str) -> i64 {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let rows: Vec<Count> = tonghop::db::raw::load(conn, &format!("SELECT COUNT(*) AS n FROM {from}"), &[]).expect("a count");
    rows[0].n
}
