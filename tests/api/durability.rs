//! Acknowledged means on disk: every SQLite connection the server uses syncs
//! each commit (`synchronous = FULL`) unless told `sqlite_synchronous =
//! "normal"`; a simulated power cut lost acknowledged saves only with
//! `NORMAL` (see `db::SqliteSync`; its cost: `cargo bench --bench save`).

use diesel::prelude::*;
use tonghop::db::SqliteSync;
use tonghop_tests::{Db, spawn_app_with};

#[derive(QueryableByName)]
struct Synchronous {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    synchronous: i32,
}

async fn synchronous_of_every_connection(sync: Option<SqliteSync>) -> Vec<i32> {
    let app = spawn_app_with(Db::Sqlite, |s| {
        if let Some(sync) = sync {
            s.sqlite_synchronous = sync;
        }
    })
    .await;
    // Every connection of the pool at once, so none is checked twice.
    let mut held = Vec::new();
    let mut seen = Vec::new();
    for _ in 0..app.pool.max_size() {
        let mut conn = app.pool.get().unwrap();
        seen.push(diesel::sql_query("PRAGMA synchronous").get_result::<Synchronous>(&mut *conn).unwrap().synchronous);
        held.push(conn);
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_sqlite_connection_syncs_each_commit_by_default() {
    // SQLite's numbers: 1 NORMAL, 2 FULL.
    assert_eq!(synchronous_of_every_connection(None).await, [2, 2, 2, 2]);
    assert_eq!(synchronous_of_every_connection(Some(SqliteSync::Normal)).await, [1, 1, 1, 1]);
}
