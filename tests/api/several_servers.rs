//! Several servers on one database, as a province runs them behind a proxy:
//! started at the same moment on an empty database, each migrates (one at a
//! time), the demo is loaded once, and a login on one server is good on the
//! other with no secret configured. And a demo load that fails halfway
//! leaves nothing behind.

use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use tonghop_shared::api::{Role, UnitKind};
use tonghop_tests::{Db, EmptyDatabase, on_both_databases, spawn_app_with};

async fn servers_started_at_once_on_an_empty_database_all_come_up_with_one_demo_and_shared_tokens(db: Db) {
    let shared = EmptyDatabase::new(db);
    // Each on its own task, so the starts (migrations, demo, secret) overlap.
    let starts: Vec<_> = (0..3)
        .map(|_| {
            let url = shared.url.clone();
            tokio::spawn(async move { spawn_app_with(db, move |s| s.database_url = url).await })
        })
        .collect();
    let mut apps = Vec::new();
    for start in starts {
        apps.push(start.await.expect("every server comes up"));
    }

    // One demo: one commune, its accounts once.
    assert_eq!(apps[0].count("units WHERE code = 'XP'"), 1);
    assert_eq!(apps[0].count("users"), tonghop::demo::logins().len() as i64);
    assert_eq!(apps[0].count("server_secrets WHERE name = 'jwt'"), 1);
    assert_eq!(apps[0].count("server_secrets WHERE name = 'vapid'"), 1, "one push key for every server");

    // A session opened on one server is good on the others, and refreshes there.
    let login = apps[0].login_raw("thon.bangoc", "thon2026").await;
    assert_eq!(login.status, StatusCode::OK);
    let access = login.body["access_token"].as_str().unwrap();
    for app in &apps[1..] {
        let me = app.call(Method::GET, "/api/v1/auth/me", Some(access), None).await;
        assert_eq!(me.status, StatusCode::OK, "{:?}", me.body);
        assert_eq!(me.body["username"], "thon.bangoc");
    }
    let refresh = serde_json::json!({"refresh_token": login.body["refresh_token"]});
    let renewed = apps[2].call(Method::POST, "/api/v1/auth/refresh", None, Some(refresh)).await;
    assert_eq!(renewed.status, StatusCode::OK, "{:?}", renewed.body);
    let on_first = apps[0].call(Method::GET, "/api/v1/auth/me", renewed.body["access_token"].as_str(), None).await;
    assert_eq!(on_first.status, StatusCode::OK);
}

async fn a_demo_load_that_fails_halfway_leaves_nothing(db: Db) {
    let empty = EmptyDatabase::new(db);
    let pool = tonghop::db::connect(&empty.url, 1).unwrap();
    let mut conn = pool.get().unwrap();
    tonghop::db::migrate(&mut conn).unwrap();
    // The demo's administrator name is taken: the load fails after it has
    // written the province, the commune, its villages, mass organisations
    // and their accounts.
    let other = tonghop::units::model::insert(&mut conn, None, UnitKind::Province, "OTHER", "Tỉnh khác", None).unwrap();
    tonghop::users::model::insert(&mut conn, "admin", "Quản trị khác", "matkhau-khac-2026", Role::Admin, other.id).unwrap();

    assert!(tonghop::demo::load(&mut conn, tonghop::clock::today()).is_err());

    let mut count = |from: &str| tonghop_tests::count_rows(&mut conn, from);
    assert_eq!(count("units"), 1, "only the unit that was there");
    assert_eq!(count("users"), 1, "only the account that was there");
    assert_eq!(count("indicators"), 0);
}

/// PostgreSQL refusing this database's connections (a restart, an outage):
/// requests are answered 503 with `Retry-After` and the Vietnamese words the
/// phone shows, health says so, and all is well again once it is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_that_refuses_connections_is_a_503_with_retry_after_then_recovers() {
    let app = tonghop_tests::spawn_app(Db::Postgres).await;
    let token = app.token("thon.bangoc").await;
    let name = app.settings_database_url().rsplit('/').next().unwrap().to_owned();
    let mut admin = PgConnection::establish(&format!("{}/postgres", tonghop_tests::postgres_base())).unwrap();
    let outage = |admin: &mut PgConnection, allow: bool| {
        diesel::sql_query(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS {allow}")).execute(admin).unwrap();
        if !allow {
            diesel::sql_query(format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
                .execute(admin)
                .unwrap();
        }
    };

    outage(&mut admin, false);
    let started = std::time::Instant::now();
    let ready = app.call(Method::GET, "/api/health/ready", None, None).await;
    let ready_took = started.elapsed();
    let live = app.call(Method::GET, "/api/health/live", None, None).await;
    let health = app.call(Method::GET, "/api/health", None, None).await;
    let due = app.get("/api/v1/due", &token).await;
    outage(&mut admin, true);
    // The pool opens new connections again within its retry delay (at most
    // `db::CONNECTION_WAIT`); a proxy polls readiness until then.
    let back = std::time::Instant::now();
    let mut health_after = app.call(Method::GET, "/api/health", None, None).await;
    while health_after.status != StatusCode::OK && back.elapsed() < std::time::Duration::from_secs(10) {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        health_after = app.call(Method::GET, "/api/health", None, None).await;
    }
    eprintln!("ready again {:?} after the database was back", back.elapsed());
    let due_after = app.get("/api/v1/due", &token).await;

    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE, "{:?}", ready.body);
    // Not a timing assertion on speed: readiness waits 0.8 s for a
    // connection by design, and a proxy polling it must not hang.
    assert!(ready_took < std::time::Duration::from_secs(5), "{ready_took:?}");
    assert_eq!(live.status, StatusCode::OK, "the process is alive: {:?}", live.body);
    assert_eq!(health.status, StatusCode::SERVICE_UNAVAILABLE, "{:?}", health.body);
    assert_eq!(health.body["status"], "unavailable");
    assert_eq!(due.status, StatusCode::SERVICE_UNAVAILABLE, "{:?}", due.body);
    assert_eq!(due.code(), "unavailable");
    assert!(due.body["message"].as_str().unwrap().contains("thử lại sau"), "{:?}", due.body);
    assert_eq!(due.headers["retry-after"], "5");
    assert_eq!(health_after.status, StatusCode::OK, "{:?}", health_after.body);
    assert_eq!(due_after.status, StatusCode::OK, "{:?}", due_after.body);
}

on_both_databases!(
    servers_started_at_once_on_an_empty_database_all_come_up_with_one_demo_and_shared_tokens,
    a_demo_load_that_fails_halfway_leaves_nothing,
);
