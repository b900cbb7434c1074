//! `tonghop backup FILE`: a consistent copy of the embedded database, made
//! while servers keep running on it.
//!
//! SQLite's `VACUUM INTO` writes the database as one read transaction sees
//! it: every commit before it, none after, whatever writers do meanwhile
//! (the write-ahead log lets them go on). The copy is then synced to disk,
//! checked (`PRAGMA quick_check`) and only then reported made. A copy is a
//! complete database file, restored by putting it where the server's
//! database is while no server runs (README, "Backup and restore").
//!
//! PostgreSQL has its own tools for this (`pg_dump`, `pg_restore`), which
//! also copy what lives beside tonghop's tables; the command says so
//! rather than doing half of their job.

use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::db::{DbConn, DbPool};

/// What a backup made.
#[derive(Debug)]
pub struct Backup {
    /// Size of the copy, in bytes.
    pub bytes: u64,
}

/// Copies the database behind `pool` into a new file at `target`.
/// Refuses a `target` that exists (a backup never overwrites anything) and
/// a PostgreSQL database.
pub fn sqlite_backup(pool: &DbPool, target: &Path) -> anyhow::Result<Backup> {
    anyhow::ensure!(!target.exists(), "{} already exists; a backup never overwrites a file", target.display());
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        anyhow::ensure!(parent.is_dir(), "folder {} does not exist", parent.display());
    }
    let mut conn = pool.get()?;
    let DbConn::Sqlite(sqlite) = &mut *conn else {
        anyhow::bail!(
            "this is a PostgreSQL database: back it up with `pg_dump --format=custom --file=FILE URL` \
             and restore it with `pg_restore --dbname=URL FILE` (README, \"Backup and restore\")"
        );
    };
    let path = target.to_str().ok_or_else(|| anyhow::anyhow!("{} is not a UTF-8 path", target.display()))?;
    diesel::sql_query("VACUUM INTO ?").bind::<diesel::sql_types::Text, _>(path).execute(sqlite)?;
    sync(target)?;
    check(target)?;
    Ok(Backup { bytes: std::fs::metadata(target)?.len() })
}

/// `VACUUM INTO` leaves the new file to the operating system's cache: on
/// disk only once synced, with the folder entry that names it.
fn sync(target: &Path) -> anyhow::Result<()> {
    std::fs::File::open(target)?.sync_all()?;
    if let Some(parent) = target.parent() {
        let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
        std::fs::File::open(parent)?.sync_all()?;
    }
    Ok(())
}

/// Opens the copy on its own and asks SQLite whether it is sound.
fn check(target: &Path) -> anyhow::Result<()> {
    #[derive(QueryableByName)]
    struct Check {
        #[diesel(sql_type = diesel::sql_types::Text)]
        quick_check: String,
    }
    let mut copy = SqliteConnection::establish(&target.to_string_lossy())?;
    copy.batch_execute("PRAGMA query_only = ON")?;
    let rows: Vec<Check> = diesel::sql_query("PRAGMA quick_check").load(&mut copy)?;
    let verdict: Vec<&str> = rows.iter().map(|r| r.quick_check.as_str()).collect();
    anyhow::ensure!(verdict == ["ok"], "the copy at {} failed its check: {}", target.display(), verdict.join("; "));
    Ok(())
}
