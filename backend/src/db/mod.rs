//! The database: one connection type for SQLite and PostgreSQL, its pool, its
//! migrations, and the one way to run a write transaction.
//!
//! Invariant: every query in the crate is written once against [`DbConn`] and
//! behaves the same on both databases. Anything backend-specific is confined
//! to this module.

pub mod raw;
pub mod schema;

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{CustomizeConnection, HandleError, ManageConnection, Pool, PooledConnection, R2D2Connection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

/// A connection to either database. Which one is decided by the URL's scheme
/// ([`DatabaseKind::of_url`], in [`Connector`]), never by trying both: a
/// `postgres://` URL whose server refuses must fail with PostgreSQL's own
/// words, not open an SQLite file of that name.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    /// A `postgres://` URL.
    Postgres(PgConnection),
    /// Anything else: a file path (`sqlite://` prefix allowed).
    Sqlite(SqliteConnection),
}

/// The pool shared by request handlers.
pub type DbPool = Pool<Connector>;
/// A connection taken from the pool.
pub type PooledConn = PooledConnection<Connector>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Which database a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseKind {
    /// Embedded, one file.
    Sqlite,
    /// A server.
    Postgres,
}

impl DatabaseKind {
    /// From a database URL.
    pub fn of_url(url: &str) -> Self {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") { Self::Postgres } else { Self::Sqlite }
    }

    /// `sqlite` or `postgres`, as `/api/health` reports it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// Makes every SQLite connection wait for locks instead of failing, write
/// through a write-ahead log (readers never block the writer), and enforce
/// foreign keys, which SQLite leaves off by default; and sync as
/// [`SqliteSync`] says.
#[derive(Debug, Clone, Copy)]
struct SqlitePragmas(SqliteSync);

/// How SQLite syncs a commit (`sqlite_synchronous`, printed at start).
///
/// `full` (the default): a commit returns once the log is on disk, so a save
/// the server acknowledged survives a power cut. With `normal` (the usual
/// WAL choice) a simulated cut lost the last acknowledged saves every time
/// (485 of 5,743 over ten cuts); with `full`, none. Commune offices lose
/// power. What `full` costs is measured by `cargo bench --bench save`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SqliteSync {
    /// Every commit synced before it is acknowledged.
    #[default]
    Full,
    /// Synced at checkpoints only: faster, and a power cut loses the saves
    /// since the last one. For a machine whose power cannot fail.
    Normal,
}

impl SqliteSync {
    /// As `PRAGMA synchronous` and the start-up line write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Full => "FULL",
            Self::Normal => "NORMAL",
        }
    }
}

impl CustomizeConnection<DbConn, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConn) -> Result<(), diesel::r2d2::Error> {
        if let DbConn::Sqlite(c) = conn {
            c.batch_execute(&format!(
                "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = {}; PRAGMA foreign_keys = ON;
                 PRAGMA cache_size = -1024;",
                self.0.as_str()
            ))
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// How long a request waits for a database connection before it is answered
/// 503 with `Retry-After` (`ApiError::Unavailable`). Short: a phone on a
/// weak line would rather be told at once and send again by itself than
/// wait; the trade-off is that a server whose every connection stays busy
/// this long turns work away instead of queueing it.
pub const CONNECTION_WAIT: Duration = Duration::from_secs(3);

/// Opens connections for the pool, to the one database the URL's scheme
/// names. (diesel's `ConnectionManager` for a `MultiConnection` tries each
/// backend in turn and reports only the last one's error: "Invalid
/// connection url for multiconnection" where PostgreSQL had said why.)
#[derive(Debug)]
pub struct Connector {
    url: String,
    kind: DatabaseKind,
}

impl Connector {
    /// For `url`: `postgres://` or `postgresql://` is PostgreSQL; a path,
    /// with or without `sqlite://`, is an SQLite file. Any other scheme is
    /// refused, rather than taken for a file name.
    pub fn new(url: &str) -> anyhow::Result<Self> {
        let kind = DatabaseKind::of_url(url);
        if kind == DatabaseKind::Sqlite
            && let Some((scheme, _)) = url.split_once("://")
            && scheme != "sqlite"
        {
            anyhow::bail!("database URL scheme `{scheme}://` is not supported: use postgres://… or an SQLite file path");
        }
        let url = url.strip_prefix("sqlite://").unwrap_or(url).to_owned();
        Ok(Self { url, kind })
    }
}

impl ManageConnection for Connector {
    type Connection = DbConn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConn, Self::Error> {
        let conn = match self.kind {
            DatabaseKind::Postgres => PgConnection::establish(&self.url).map(DbConn::Postgres),
            DatabaseKind::Sqlite => SqliteConnection::establish(&self.url).map(DbConn::Sqlite),
        };
        conn.map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        std::thread::panicking() || conn.is_broken()
    }
}

/// Logs why a connection could not be opened, in the database's own words
/// (`connection refused`, `database "x" is not currently accepting
/// connections`), once per failed attempt.
#[derive(Debug)]
struct LogConnectionErrors;

impl HandleError<diesel::r2d2::Error> for LogConnectionErrors {
    fn handle_error(&self, error: diesel::r2d2::Error) {
        tracing::warn!(error = %error, "cannot open a database connection");
    }
}

/// Opens a pool on `url` (a `postgres://` URL or an SQLite file path),
/// SQLite syncing every commit.
pub fn connect(url: &str, max_size: u32) -> anyhow::Result<DbPool> {
    connect_with(url, max_size, SqliteSync::Full)
}

/// [`connect`], with SQLite syncing as `sync` says (PostgreSQL ignores it:
/// its own `synchronous_commit` decides).
pub fn connect_with(url: &str, max_size: u32, sync: SqliteSync) -> anyhow::Result<DbPool> {
    let pool = Pool::builder()
        .max_size(max_size)
        .connection_timeout(CONNECTION_WAIT)
        .connection_customizer(Box::new(SqlitePragmas(sync)))
        .error_handler(Box::new(LogConnectionErrors))
        .build(Connector::new(url)?)?;
    Ok(pool)
}

/// Brings the schema up to date. Safe to run on every start, and by several
/// servers starting at the same moment: one migrates while the others wait,
/// then find nothing pending. On PostgreSQL a session advisory lock is held
/// around the run; on SQLite the run is one exclusive transaction (each
/// migration a savepoint in it), which the others wait for.
pub fn migrate(conn: &mut DbConn) -> anyhow::Result<usize> {
    let applied = match conn {
        DbConn::Postgres(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({LOCK_SPACE}, {MIGRATIONS_LOCK})"))?;
            let run = c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|applied| applied.len()).map_err(|e| anyhow::anyhow!(e));
            let unlocked = c.batch_execute(&format!("SELECT pg_advisory_unlock({LOCK_SPACE}, {MIGRATIONS_LOCK})"));
            let applied = run?;
            unlocked?;
            applied
        }
        DbConn::Sqlite(c) => c
            .exclusive_transaction(|c| {
                c.run_pending_migrations(SQLITE_MIGRATIONS).map(|applied| applied.len()).map_err(MigrationError::Run)
            })
            .map_err(|e| anyhow::anyhow!("{e}"))?,
    };
    Ok(applied)
}

/// The first key of every advisory lock tonghop takes on PostgreSQL.
const LOCK_SPACE: i32 = 7101;
/// The second key of the migrations' lock (the others are [`Serialized`]).
const MIGRATIONS_LOCK: i32 = 0;

/// Why migrating in a transaction failed.
#[derive(Debug)]
enum MigrationError {
    Run(Box<dyn std::error::Error + Send + Sync>),
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for MigrationError {
    fn from(e: diesel::result::Error) -> Self {
        MigrationError::Database(e)
    }
}

impl std::fmt::Display for MigrationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MigrationError::Run(e) => write!(f, "migrating the database: {e}"),
            MigrationError::Database(e) => write!(f, "migrating the database: {e}"),
        }
    }
}

/// Runs `f` in a transaction that holds the write lock from its first
/// statement. On SQLite a plain (deferred) transaction that reads and then
/// writes fails at once if another writer got in between; `BEGIN IMMEDIATE`
/// waits its turn instead. PostgreSQL uses an ordinary transaction: conflicts
/// there are caught by version checks and unique constraints.
///
/// Inside another write transaction, `f` simply runs in it (PostgreSQL: a
/// savepoint), so a larger whole can be made of smaller ones.
pub fn write_transaction<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Postgres(_) => conn.transaction(f),
        DbConn::Sqlite(_) => {
            match conn.batch_execute("BEGIN IMMEDIATE") {
                Ok(()) => {}
                // Called inside another write transaction (the demo's load
                // is one, through the services it calls): `f` becomes part
                // of it, and the outer one commits or rolls back.
                Err(e) if e.to_string().contains("within a transaction") => return f(conn),
                Err(e) => return Err(e.into()),
            }
            match f(conn) {
                Ok(value) => match conn.batch_execute("COMMIT") {
                    Ok(()) => Ok(value),
                    Err(e) => {
                        let _ = conn.batch_execute("ROLLBACK");
                        Err(e.into())
                    }
                },
                Err(e) => {
                    conn.batch_execute("ROLLBACK")?;
                    Err(e)
                }
            }
        }
    }
}

/// Something only one write transaction at a time may decide on, when what
/// decides is a count over several rows that no version guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serialized {
    /// Which accounts are active administrators: the last one stays.
    ActiveAdministrators = 1,
    /// Whether the demo commune is there: loaded once, by one server.
    DemoLoad = 2,
    /// One unit's submission of one form for one period ([`serialize_one`]).
    Submission = 3,
    /// One unit's activity section for one period ([`serialize_one`]).
    Section = 4,
}

/// Waits until no other write transaction holds `what`, and holds it until
/// this one ends. Call it inside [`write_transaction`], before reading what
/// the decision depends on. On SQLite `BEGIN IMMEDIATE` already lets one
/// writer in at a time; on PostgreSQL, where two transactions at READ
/// COMMITTED would each see the other's row unchanged, it is a
/// transaction-scoped advisory lock.
pub fn serialize(conn: &mut DbConn, what: Serialized) -> QueryResult<()> {
    match conn {
        DbConn::Postgres(c) => c.batch_execute(&format!("SELECT pg_advisory_xact_lock({LOCK_SPACE}, {})", what as i32)),
        DbConn::Sqlite(_) => Ok(()),
    }
}

/// Like [`serialize`], for one thing of a kind: `key` names it (`12/1/2026-06`).
/// Saves of one submission then run one after the other on PostgreSQL as
/// they do on SQLite: the second sees what the first stored (a resent copy
/// is then answered as the retry it is, not refused), and no two of them
/// lock its figures in different orders (a deadlock answered 500). The
/// lock key is the kind in the top byte and a 56-bit FNV-1a hash of `key`
/// below: the same on every server, whatever its Rust version; two keys
/// sharing a hash only wait for each other.
pub fn serialize_one(conn: &mut DbConn, what: Serialized, key: &str) -> QueryResult<()> {
    match conn {
        DbConn::Postgres(c) => c.batch_execute(&format!("SELECT pg_advisory_xact_lock({})", one_key(what, key))),
        DbConn::Sqlite(_) => Ok(()),
    }
}

/// The single 64-bit advisory key of `key` of kind `what`.
fn one_key(what: Serialized, key: &str) -> i64 {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    (((what as u64) << 56) | (hash & 0x00ff_ffff_ffff_ffff)) as i64
}

/// A name read back from a text column where a query selects columns one
/// by one (a row type says `#[diesel(deserialize_as = String)]` instead): a
/// name this program did not write is an error of the read, like a column
/// of the wrong type, never a panic.
pub fn stored<T>(text: &str) -> QueryResult<T>
where
    T: std::str::FromStr,
    T::Err: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    text.parse().map_err(|e: T::Err| diesel::result::Error::DeserializationError(e.into()))
}

/// A value as the JSON text a column keeps (an outline, a snapshot of
/// figures, an audit entry's before and after). Writing JSON fails only for
/// a map with keys that are not strings, which no stored type has; if one
/// ever did, the write fails as a database error would.
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> QueryResult<String> {
    serde_json::to_string(value).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
}

/// The value a JSON column keeps: text this program did not write is an
/// error of the read, not a panic.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> QueryResult<T> {
    serde_json::from_str(text).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}

/// The current time as stored: UTC, to the microsecond (PostgreSQL keeps no
/// more), without an offset.
pub fn now() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    now.with_nanosecond_truncated()
}

trait TruncateNanos {
    fn with_nanosecond_truncated(self) -> Self;
}

impl TruncateNanos for chrono::NaiveDateTime {
    fn with_nanosecond_truncated(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(self.nanosecond() / 1000 * 1000).unwrap_or(self)
    }
}
