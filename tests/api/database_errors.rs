//! What the database's own failures become at the API's edge: a deadlock and
//! a serialisation failure on PostgreSQL are a 409 saying to send again
//! (nothing was stored), never a 500; and which database a URL means is
//! decided by its scheme, so a PostgreSQL that refuses is reported in its
//! own words, never replaced by an SQLite file of that name.

use std::sync::{Arc, Barrier};

use actix_web::ResponseError;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use tonghop::db::DbConn;
use tonghop::error::ApiError;
use tonghop_tests::{Db, EmptyDatabase};

/// A pool of two on a new PostgreSQL database holding `t(id, v)` with rows 1 and 2.
fn two_rows() -> (EmptyDatabase, tonghop::db::DbPool) {
    let database = EmptyDatabase::new(Db::Postgres);
    let pool = tonghop::db::connect(&database.url, 2).unwrap();
    pool.get()
        .unwrap()
        .batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL); INSERT INTO t VALUES (1, 0), (2, 0);")
        .unwrap();
    (database, pool)
}

fn update(conn: &mut DbConn, id: i32) -> QueryResult<usize> {
    diesel::sql_query(format!("UPDATE t SET v = v + 1 WHERE id = {id}")).execute(conn)
}

fn assert_send_again(error: diesel::result::Error) {
    let api = ApiError::from(error);
    assert_eq!(api.status_code().as_u16(), 409, "{api:?}");
    let body = actix_web::rt::System::new().block_on(actix_web::body::to_bytes(api.error_response().into_body())).unwrap();
    let body: tonghop_shared::api::ErrorBody = serde_json::from_slice(&body).unwrap();
    assert_eq!(body.code, "concurrent_change");
    assert!(body.message.contains("gửi lại"), "{body:?}");
}

#[test]
fn a_deadlock_is_a_409_to_send_again() {
    let (_database, pool) = two_rows();
    // Two transactions each lock one row, then wait for the other's.
    let both_hold_one = Arc::new(Barrier::new(2));
    let crossed: Vec<_> = [(1, 2), (2, 1)]
        .into_iter()
        .map(|(first, then)| {
            let (pool, both_hold_one) = (pool.clone(), both_hold_one.clone());
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                conn.transaction(|conn| {
                    update(conn, first)?;
                    both_hold_one.wait();
                    update(conn, then)
                })
            })
        })
        .collect();
    let results: Vec<QueryResult<usize>> = crossed.into_iter().map(|t| t.join().unwrap()).collect();

    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "PostgreSQL ends one of the two: {results:?}");
    let error = results.into_iter().find_map(Result::err).unwrap();
    assert!(error.to_string().starts_with("deadlock detected"), "{error}");
    assert_send_again(error);
}

#[test]
fn a_serialisation_failure_is_a_409_to_send_again() {
    let (_database, pool) = two_rows();
    let (mut one, mut two) = (pool.get().unwrap(), pool.get().unwrap());
    one.batch_execute("BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT v FROM t;").unwrap();
    two.batch_execute("BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT v FROM t;").unwrap();
    update(&mut one, 1).unwrap();
    one.batch_execute("COMMIT").unwrap();

    let error = update(&mut two, 1).unwrap_err();
    let _ = two.batch_execute("ROLLBACK");

    assert!(matches!(error, diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::SerializationFailure, _)), "{error:?}");
    assert_send_again(error);
}

#[test]
fn a_postgres_url_whose_server_refuses_is_reported_in_its_words() {
    // Nothing listens on port 1: PostgreSQL's client says so.
    let error = tonghop::db::connect("postgres://postgres@127.0.0.1:1/tonghop", 1).unwrap_err().to_string();

    assert!(error.contains("127.0.0.1") && error.contains("refused"), "{error}");
    assert!(!error.contains("multiconnection"), "{error}");
}

#[test]
fn a_database_url_of_another_scheme_is_refused_not_taken_for_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("mysql://{}/tonghop", dir.path().display());

    let error = tonghop::db::connect(&url, 1).unwrap_err().to_string();

    assert!(error.contains("mysql://") && error.contains("not supported"), "{error}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no file was made");
}

#[test]
fn an_sqlite_url_may_name_its_scheme() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("named.sqlite");

    let pool = tonghop::db::connect(&format!("sqlite://{}", path.display()), 1).unwrap();
    pool.get().unwrap().batch_execute("CREATE TABLE t (id INTEGER)").unwrap();

    assert!(path.exists());
}

/// A stored name this program did not write (a hand edit, a newer
/// version's value) fails the read that meets it as a 500, logged, as a
/// column of the wrong type would (it was a panic of the thread reading
/// it). Reads that do not meet it go on.
async fn a_stored_name_the_program_does_not_know_fails_its_read_not_the_server(db: Db) {
    let app = tonghop_tests::spawn_app(db).await;
    let admin = app.session("admin").await;
    let village = app.session("thon.bangoc").await;
    // Last month: every demo village has sent it.
    let last_month: tonghop_shared::MonthPeriod = tonghop_tests::current_period().parse().unwrap();
    let dadung = app.scenario().village("XP-DADUNG").in_month(&last_month.previous().to_string()).as_the_demo_left_it().await;
    let mut conn = app.pool.get().unwrap();
    diesel::sql_query(format!("UPDATE submissions SET status = 'misplaced' WHERE unit_id = {}", dadung.key.unit_id))
        .execute(&mut conn)
        .unwrap();
    diesel::sql_query("UPDATE units SET kind = 'hamlet' WHERE code = 'XP-LANGSUNG'").execute(&mut conn).unwrap();

    let units = app.units(&admin).await;
    let submission = app.read(&admin, &dadung.key).await;

    assert_eq!(units.status.as_u16(), 500, "{:?}", units.body);
    assert_eq!(units.code(), "internal");
    assert_eq!(submission.status.as_u16(), 500, "{:?}", submission.body);
    assert_eq!(app.due(&village).await.status.as_u16(), 200, "the server goes on");
    assert_eq!(app.health().await.status.as_u16(), 200);
}

tonghop_tests::on_both_databases!(a_stored_name_the_program_does_not_know_fails_its_read_not_the_server);
