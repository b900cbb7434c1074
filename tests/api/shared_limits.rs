//! Rate limits counted in the database (`rate_limit_store = "database"`) are
//! one allowance for every server on it: two servers let through what one
//! would, for logins from one address and for requests with one token. The
//! same two servers counting in memory let through twice as much, which is
//! why a deployment of several servers sets the store.

use reqwest::StatusCode;
use tonghop::auth::rate_limit::RateLimitStore;
use tonghop::config::Settings;
use tonghop_tests::{Answer, Db, EmptyDatabase, TestApp, on_both_databases, spawn_app_with};

/// Two servers on one new database, both with `limits` applied.
async fn two_servers(db: Db, limits: impl Fn(&mut Settings) + Copy) -> (EmptyDatabase, TestApp, TestApp) {
    let shared = EmptyDatabase::new(db);
    let url = shared.url.clone();
    let first = spawn_app_with(db, |s| {
        s.database_url = url.clone();
        limits(s);
    })
    .await;
    let second = spawn_app_with(db, |s| {
        s.database_url = url;
        limits(s);
    })
    .await;
    (shared, first, second)
}

fn statuses(answers: &[Answer]) -> Vec<u16> {
    answers.iter().map(|a| a.status.as_u16()).collect()
}

/// Wrong passwords for names that do not exist (so the per-name lock never
/// comes into it), alternating between the servers.
async fn logins_alternating(first: &TestApp, second: &TestApp, n: usize) -> Vec<Answer> {
    let mut answers = Vec::new();
    for i in 0..n {
        let app = if i % 2 == 0 { first } else { second };
        answers.push(app.login_raw(&format!("khong.co.{i}"), "doan-mo").await);
    }
    answers
}

async fn login_limits_in_the_database_hold_across_two_servers(db: Db) {
    let limits = |s: &mut Settings| {
        s.login_rate_per_minute = 1;
        s.login_rate_burst = 4;
        s.rate_limit_store = RateLimitStore::Database;
    };
    let (_shared, first, second) = two_servers(db, limits).await;

    let answers = logins_alternating(&first, &second, 8).await;

    assert_eq!(statuses(&answers), [401, 401, 401, 401, 429, 429, 429, 429], "{answers:?}");
    for limited in &answers[4..] {
        assert_eq!(limited.code(), "rate_limited");
        let wait: i64 = limited.headers["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&wait), "{:?}", limited.headers);
    }
}

async fn login_limits_in_memory_are_each_servers_own(db: Db) {
    let limits = |s: &mut Settings| {
        s.login_rate_per_minute = 1;
        s.login_rate_burst = 4;
        s.rate_limit_store = RateLimitStore::Memory;
    };
    let (_shared, first, second) = two_servers(db, limits).await;

    let answers = logins_alternating(&first, &second, 10).await;

    // Each server lets its own four through: eight in all.
    assert_eq!(statuses(&answers), [401, 401, 401, 401, 401, 401, 401, 401, 429, 429], "{answers:?}");
}

async fn token_limits_in_the_database_hold_across_two_servers(db: Db) {
    let limits = |s: &mut Settings| {
        s.token_rate_per_second = 1;
        s.token_rate_burst = 3;
        s.rate_limit_store = RateLimitStore::Database;
    };
    let (_shared, first, second) = two_servers(db, limits).await;
    let (token, _) = first.access_token("tinh.thanhhoa").await;

    let mut answers = Vec::new();
    for i in 0..6 {
        let app = if i % 2 == 0 { &first } else { &second };
        answers.push(app.get("/api/v1/auth/me", &token).await);
    }

    assert_eq!(statuses(&answers), [200, 200, 200, 429, 429, 429], "{answers:?}");
    assert_eq!(answers[3].code(), "rate_limited");
    assert_eq!(answers[3].headers["retry-after"], "1");
}

/// Many logins at the same moment through both servers: the database counts
/// them one after the other, so no more than the burst get through.
async fn simultaneous_logins_through_two_servers_get_no_more_than_the_burst(db: Db) {
    let limits = |s: &mut Settings| {
        s.login_rate_per_minute = 1;
        s.login_rate_burst = 5;
        s.rate_limit_store = RateLimitStore::Database;
    };
    let (_shared, first, second) = two_servers(db, limits).await;
    let (first, second) = (std::sync::Arc::new(first), std::sync::Arc::new(second));

    let sends: Vec<_> = (0..20)
        .map(|i| {
            let app = if i % 2 == 0 { first.clone() } else { second.clone() };
            tokio::spawn(async move { app.login_raw(&format!("khong.co.{i}"), "doan-mo").await.status })
        })
        .collect();
    let mut counted = 0;
    let mut limited = 0;
    for send in sends {
        match send.await.unwrap() {
            StatusCode::UNAUTHORIZED => counted += 1,
            StatusCode::TOO_MANY_REQUESTS => limited += 1,
            other => panic!("unexpected {other}"),
        }
    }

    assert_eq!((counted, limited), (5, 15));
}

on_both_databases!(
    login_limits_in_the_database_hold_across_two_servers,
    login_limits_in_memory_are_each_servers_own,
    token_limits_in_the_database_hold_across_two_servers,
    simultaneous_logins_through_two_servers_get_no_more_than_the_burst,
);
