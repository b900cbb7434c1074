//! Backup and restore. `tonghop backup FILE` copies the SQLite database
//! while the server runs and saves go on: the copy is one moment of it, and
//! put in place of the database it serves everything back (every figure,
//! report, audit entry and session). PostgreSQL is backed up with its own
//! `pg_dump`, and a restored dump serves the same.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use tonghop_shared::Amount;
use tonghop_shared::api::{DataValue, Report, ValueInput};
use tonghop_tests::api::ValuesOf;
use tonghop_tests::{Db, EmptyDatabase, TestApp, current_period, spawn_app, spawn_app_with};

/// `tonghop [global…] backup FILE`, through the command line the binary parses.
async fn backup(database_url: &str, file: &Path) -> Result<(), String> {
    let cli = tonghop::cli::Cli::try_from_args(["tonghop", "--database-url", database_url, "backup", &file.to_string_lossy()]).unwrap();
    tonghop::cli::run(cli).await.map_err(|e| format!("{e:#}"))
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

fn count(conn: &mut SqliteConnection, sql: &str) -> i64 {
    diesel::sql_query(sql).load::<Count>(conn).unwrap()[0].n
}

/// Every table of `original` holds exactly the rows it holds in `copy`
/// (both directions of `EXCEPT`, and the counts, for repeated rows).
fn assert_same_tables(original: &Path, copy: &Path) {
    let mut conn = SqliteConnection::establish(&original.to_string_lossy()).unwrap();
    conn.batch_execute(&format!("ATTACH DATABASE '{}' AS copy", copy.display())).unwrap();
    let tables: Vec<Name> =
        diesel::sql_query("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .load(&mut conn)
            .unwrap();
    assert!(tables.iter().any(|t| t.name == "audit_log") && tables.len() > 15, "{}", tables.len());
    for Name { name } in tables {
        let missing = count(&mut conn, &format!("SELECT COUNT(*) AS n FROM (SELECT * FROM main.{name} EXCEPT SELECT * FROM copy.{name})"));
        let extra = count(&mut conn, &format!("SELECT COUNT(*) AS n FROM (SELECT * FROM copy.{name} EXCEPT SELECT * FROM main.{name})"));
        let (here, there) = (
            count(&mut conn, &format!("SELECT COUNT(*) AS n FROM main.{name}")),
            count(&mut conn, &format!("SELECT COUNT(*) AS n FROM copy.{name}")),
        );
        assert_eq!((missing, extra, here), (0, 0, there), "table {name}");
    }
}

/// What a commune office reads: every figure below the commune, and a kept report.
async fn what_the_office_reads(app: &TestApp, token: &str, report_id: i64) -> (Vec<DataValue>, Report) {
    let values = app.all_data_values(token, &ValuesOf::all().months("2020-01", "2030-12").limit(5000)).await;
    assert!(values.len() > 100);
    let report = app.report(token, report_id).await.ok();
    (values, report)
}

/// A kept report of this year, made by the commune office.
async fn keep_a_report(app: &TestApp) -> i64 {
    app.scenario().report("XP", &current_period()[..4]).drafted().await.id()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_saves_go_on_is_one_moment_and_restores_everything() {
    let app = Arc::new(spawn_app(Db::Sqlite).await);
    let url = app.settings_database_url();
    let commune = app.session("vp.xuanphu").await;
    let report_id = keep_a_report(&app).await;
    let month = app.scenario().village("XP-BANGOC").as_the_demo_left_it().await;
    let (key, village, version) = (month.key.clone(), month.reporter.clone(), month.version());
    let (form_id, cattle) = (month.form.id, month.indicator_id("CATTLE"));

    // A village saving its cattle again and again; each acknowledged save is
    // (the version it made, the figure it sent).
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::<(i64, i64)>::new()));
    let saving = {
        let (app, stop, acknowledged, key, village) = (app.clone(), stop.clone(), acknowledged.clone(), key.clone(), village.clone());
        tokio::spawn(async move {
            let mut version = version;
            let mut figure = 1000;
            while !stop.load(Ordering::Relaxed) {
                figure += 1;
                let cattle = ValueInput { indicator_id: cattle, value: Some(Amount::from_int(figure)), comment: None };
                version = app.save(&village, &key, version, vec![cattle]).await.ok().version;
                acknowledged.lock().unwrap().push((version, figure));
            }
        })
    };
    while acknowledged.lock().unwrap().len() < 5 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let dir = tempfile::tempdir().unwrap();
    let during = dir.path().join("during.sqlite");
    let before = acknowledged.lock().unwrap().len();
    backup(&url, &during).await.unwrap();
    let after = acknowledged.lock().unwrap().len();
    while acknowledged.lock().unwrap().len() < after + 3 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    stop.store(true, Ordering::Relaxed);
    saving.await.unwrap();

    // The copy made while saves went on is one moment: a save acknowledged
    // before the backup began is in it, and its figure is the one sent with
    // the version it holds.
    let acknowledged = acknowledged.lock().unwrap().clone();
    let mut copy = SqliteConnection::establish(&during.to_string_lossy()).unwrap();
    #[derive(QueryableByName)]
    struct Saved {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        version: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        value: i64,
    }
    let saved: Saved = diesel::sql_query(format!(
        "SELECT s.version, v.value FROM submissions s JOIN submission_values v ON v.submission_id = s.id \
         JOIN units u ON u.id = s.unit_id WHERE u.code = 'XP-BANGOC' AND s.form_id = {form_id} AND s.period = '{}' AND v.indicator_id = {cattle}",
        current_period()
    ))
    .get_result(&mut copy)
    .unwrap();
    assert!(saved.version >= acknowledged[before - 1].0, "the copy holds the saves acknowledged before it began");
    assert!(saved.version <= acknowledged[after].0, "and none acknowledged well after it ended");
    let figure = acknowledged.iter().find(|(v, _)| *v == saved.version).map(|(_, f)| *f);
    assert_eq!(Some(saved.value), figure.map(|f| f * 10_000), "the figure of that version (stored in ten-thousandths)");

    // A copy made once saves stopped holds every row of every table.
    let quiet = dir.path().join("quiet.sqlite");
    backup(&url, &quiet).await.unwrap();
    assert_same_tables(Path::new(&url), &quiet);
    assert!(backup(&url, &quiet).await.unwrap_err().contains("already exists"), "never overwritten");

    // Restored as the README says (the copy becomes the database file), it
    // serves everything back, and a session from before still works.
    let read_before = what_the_office_reads(&app, &commune, report_id).await;
    let restored_dir = tempfile::tempdir().unwrap();
    let restored = restored_dir.path().join("tonghop.sqlite");
    std::fs::copy(&quiet, &restored).unwrap();
    let restored_url = restored.to_string_lossy().into_owned();
    let served = spawn_app_with(Db::Sqlite, move |s| s.database_url = restored_url).await;
    let read_after = what_the_office_reads(&served, &commune, report_id).await;
    assert_eq!(read_before, read_after);
    let figure = served.read(&village, &key).await.ok();
    assert_eq!(figure.version, acknowledged.last().unwrap().0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_backup_command_sends_postgresql_to_pg_dump() {
    let app = spawn_app(Db::Postgres).await;
    let dir = tempfile::tempdir().unwrap();

    let error = backup(&app.settings_database_url(), &dir.path().join("x.sqlite")).await.unwrap_err();

    assert!(error.contains("pg_dump"), "{error}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

fn run(program: &str, args: &[&str]) {
    let output = std::process::Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// The README's steps: `pg_dump --format=custom`, then `pg_restore` into an
/// empty database; a server on it serves what the first one did, and the
/// audit log came along whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgresql_dump_restored_into_an_empty_database_serves_everything() {
    let app = spawn_app(Db::Postgres).await;
    let commune = app.session("vp.xuanphu").await;
    let report_id = keep_a_report(&app).await;
    let read_before = what_the_office_reads(&app, &commune, report_id).await;
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("tonghop.dump");

    run("pg_dump", &["--format=custom", &format!("--file={}", dump.display()), &app.settings_database_url()]);
    let empty = EmptyDatabase::new(Db::Postgres);
    run("pg_restore", &["--no-owner", &format!("--dbname={}", empty.url), &dump.to_string_lossy()]);
    let restored_url = empty.url.clone();
    let served = spawn_app_with(Db::Postgres, move |s| s.database_url = restored_url).await;

    assert_eq!(what_the_office_reads(&served, &commune, report_id).await, read_before);
    let audit = |pool: &tonghop::db::DbPool| -> Vec<(i64, String, i64)> {
        use tonghop::db::schema::audit_log::dsl as a;
        a::audit_log.select((a::id, a::action, a::entity_id)).order(a::id).load(&mut *pool.get().unwrap()).unwrap()
    };
    let entries = audit(&app.pool);
    assert!(!entries.is_empty());
    assert_eq!(audit(&served.pool), entries);
}
