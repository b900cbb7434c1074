//! Configuration: built-in defaults, then an optional TOML file, then
//! `TONGHOP_*` environment variables, then command-line flags.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// Everything the server can be told.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    /// `postgres://user@host/db`, or an SQLite file path. Empty means
    /// `<data_dir>/tonghop.sqlite`.
    pub database_url: String,
    /// Address and port to listen on.
    pub bind: String,
    /// Where the SQLite database and the generated signing secret live.
    pub data_dir: PathBuf,
    /// Secret for signing access tokens. Empty means: generate one on first
    /// start and keep it in `<data_dir>/jwt-secret`.
    pub jwt_secret: String,
    /// Lifetime of an access token, in minutes.
    pub access_token_minutes: i64,
    /// Lifetime of a refresh token, in days.
    pub refresh_token_days: i64,
    /// Seconds after its use during which a refresh token may be presented
    /// again (a retry on a weak connection) without ending every session.
    pub refresh_retry_grace_secs: i64,
    /// How SQLite syncs a commit: `full` (every acknowledged save is on disk)
    /// or `normal` (a power cut loses the last ones); see `db::SqliteSync`.
    pub sqlite_synchronous: crate::db::SqliteSync,
    /// Database connections kept open.
    pub pool_size: u32,
    /// Logins allowed per minute from one client address, on top of the
    /// per-username lock (which stops guessing one password; this stops
    /// trying one password on many names).
    pub login_rate_per_minute: u32,
    /// Logins one client address may make at once before the per-minute rate
    /// applies (a commune office behind one address logging in together).
    pub login_rate_burst: u32,
    /// Requests per second allowed with one personal access token.
    pub token_rate_per_second: u32,
    /// Requests one personal access token may make at once before the
    /// per-second rate applies.
    pub token_rate_burst: u32,
    /// Where the login and token rate limits count: `memory` (this process;
    /// one server) or `database` (shared by every server on the database).
    pub rate_limit_store: RateLimitStore,
    /// The reverse proxies in front of this server (addresses or networks,
    /// `127.0.0.1`, `10.0.0.0/8`, `::1`): for a request from one of them the
    /// client is the right-most `X-Forwarded-For` address that is not one of
    /// them (`auth::client_address`). Empty: the connection's own address.
    pub trusted_proxies: Vec<String>,
    /// Older form of [`Self::trusted_proxies`]: `true` trusts a proxy on
    /// this machine (`127.0.0.1`, `::1`) when no list is given.
    pub trust_forwarded_for: bool,
    /// Who runs this server, for the push services (RFC 8292's contact):
    /// `mailto:it@xa.example.vn` or an `https://` page. Set it in a
    /// deployment: a push service may refuse pushes without a real one.
    pub push_subject: String,
    /// Accept `http://` push endpoints (a local push service, in tests);
    /// browsers' push services are all `https://`.
    pub push_allow_http: bool,
    /// How often, in milliseconds, each server reads the notification queue.
    pub push_poll_ms: u64,
    /// The hour (Vietnam time, 0 to 23) from which each day's deadline
    /// reminders go out; 24 or more: none are sent by this server.
    pub push_reminder_hour: u32,
    /// Password hashes (logins, new passwords) computed at once, each taking
    /// 9 MiB while it runs; 0: one per core.
    pub password_hashes_at_once: usize,
    /// Milliseconds a login waits for a free hashing slot before it is
    /// answered 503 with `Retry-After` (many logins at once).
    pub password_wait_ms: u64,
    /// Log filter, e.g. `info` or `tonghop=debug,info`.
    pub log: String,
}

/// Where the login and token rate limits count (`auth::rate_limit`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RateLimitStore {
    /// In this process: one server.
    #[default]
    Memory,
    /// In the database: shared by every server on it.
    Database,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: String::new(),
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            jwt_secret: String::new(),
            access_token_minutes: 15,
            refresh_token_days: 30,
            refresh_retry_grace_secs: 30,
            sqlite_synchronous: crate::db::SqliteSync::Full,
            pool_size: 8,
            login_rate_per_minute: 30,
            login_rate_burst: 30,
            token_rate_per_second: 10,
            token_rate_burst: 60,
            rate_limit_store: RateLimitStore::Memory,
            trusted_proxies: Vec::new(),
            trust_forwarded_for: false,
            push_subject: "mailto:admin@localhost".into(),
            push_allow_http: false,
            push_poll_ms: 2000,
            push_reminder_hour: 7,
            password_hashes_at_once: 0,
            password_wait_ms: 5000,
            log: "info".into(),
        }
    }
}

impl Settings {
    /// Reads defaults, then `file` (or `tonghop.toml` in the working directory
    /// when it exists), then `TONGHOP_*` variables.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match file {
            Some(path) => {
                anyhow::ensure!(path.exists(), "config file {} not found", path.display());
                figment = figment.merge(Toml::file(path));
            }
            None => figment = figment.merge(Toml::file("tonghop.toml")),
        }
        let settings: Settings = figment.merge(Env::prefixed("TONGHOP_")).extract()?;
        Ok(settings)
    }

    /// The bound on password hashes at once (`auth::password::Slots`).
    pub fn password_slots(&self) -> crate::auth::password::Slots {
        let count = match self.password_hashes_at_once {
            0 => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            n => n,
        };
        crate::auth::password::Slots::new(count, std::time::Duration::from_millis(self.password_wait_ms))
    }

    /// The database URL, with the default SQLite file filled in.
    pub fn effective_database_url(&self) -> String {
        if self.database_url.is_empty() {
            self.data_dir.join("tonghop.sqlite").to_string_lossy().into_owned()
        } else {
            self.database_url.clone()
        }
    }
}
