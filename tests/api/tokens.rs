//! Personal access tokens: shown once, read-only, expiring, revocable, and
//! rate-limited, like the logins.

use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::json;
use tonghop::auth::rate_limit::RateLimitStore;
use tonghop_shared::api::{AccessTokenStatus, NewUnit, UnitKind, UnitPatch};
use tonghop_tests::scenario::FormFigures;
use tonghop_tests::{Answer, Db, on_both_databases, spawn_app, spawn_app_with};

fn retry_after(answer: &Answer) -> i64 {
    answer.headers["retry-after"].to_str().unwrap().parse().unwrap()
}

async fn a_new_token_is_shown_once_and_listed_without_it(db: Db) {
    let app = spawn_app(db).await;
    let session = app.session("tinh.thanhhoa").await;

    let created = app.create_access_token(&session, "Tổng hợp tháng của huyện", 90).await.created();

    let token = &created.token;
    assert!(token.starts_with("thp_") && token.len() >= 40, "{token}");
    let listed = &created.access_token;
    assert_eq!(listed.name, "Tổng hợp tháng của huyện");
    assert_eq!(listed.status, AccessTokenStatus::Active);
    assert_eq!(listed.prefix, &token[..10]);
    let list = app.access_tokens(&session).await;
    let list_text = list.body.to_string();
    let list = list.ok();
    assert_eq!(list.len(), 1);
    assert_eq!(&list[0], listed);
    assert!(!list_text.contains(token.as_str()), "the list never holds the token");
    let secret_part = &token[10..];
    assert!(!list_text.contains(secret_part));
    use tonghop::db::schema::access_tokens;
    let mut conn = app.pool.get().unwrap();
    let stored: Vec<String> = access_tokens::table.select(access_tokens::token_hash).load(&mut conn).unwrap();
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].contains(secret_part) && stored[0].len() == 64, "stored as a SHA-256 hash");
}

async fn a_token_needs_a_name_and_a_lifetime_of_at_most_a_year(db: Db) {
    let app = spawn_app(db).await;
    let session = app.session("tinh.thanhhoa").await;

    let answer = app.create_access_token(&session, "  ", 366).await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields(), ["name", "expires_in_days"]);
    let list = app.access_tokens(&session).await.ok();
    assert!(list.is_empty(), "{list:?}");
}

async fn a_token_reads_what_its_owner_reads_and_records_its_use(db: Db) {
    let app = spawn_app(db).await;
    let (token, _) = app.access_token("tinh.thanhhoa").await;
    let session = app.session("tinh.thanhhoa").await;

    let me = app.me(&token).await.ok();
    let units_with_token = app.units(&token).await.ok();
    let units_in_session = app.units(&session).await.ok();

    assert_eq!(me.username, "tinh.thanhhoa");
    assert_eq!(units_with_token, units_in_session);
    let list = app.access_tokens(&session).await.ok();
    assert!(list[0].last_used_at.is_some(), "{list:?}");
}

async fn a_token_cannot_write_anything(db: Db) {
    let app = spawn_app(db).await;
    let (token, token_id) = app.access_token("vp.xuanphu").await;
    let ba_ngoc = app.scenario().village("XP-BANGOC").as_the_demo_left_it().await;
    let session = ba_ngoc.office.clone();
    let commune_id = app.unit("XP").await.id;
    let units_before = app.units(&session).await.ok();

    let new_unit =
        NewUnit { parent_id: Some(commune_id), kind: UnitKind::Village, code: "XP-MOI".into(), name: "Thôn Mới".into(), calendar: None };
    let post = app.create_unit(&token, &new_unit).await;
    let put = app.save(&token, &ba_ngoc.key, 0, ba_ngoc.form.every_figure(3)).await;
    let patch = app.change_unit(&token, commune_id, &UnitPatch { name: Some("Đổi tên".into()), ..UnitPatch::default() }).await;
    let delete = app.revoke_access_token(&token, token_id).await;

    for (what, answer) in [("POST", &*post), ("PUT", &*put), ("PATCH", &*patch), ("DELETE", &*delete)] {
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{what}: {:?}", answer.body);
        assert_eq!(answer.code(), "read_only_token", "{what}");
    }
    assert_eq!(app.units(&session).await.ok(), units_before, "no unit created or renamed");
    assert_eq!(app.read(&session, &ba_ngoc.key).await.ok(), ba_ngoc.submission, "no figure stored");
    assert_eq!(app.me(&token).await.status, StatusCode::OK, "the token was not revoked by itself");
}

async fn a_token_cannot_create_tokens(db: Db) {
    let app = spawn_app(db).await;
    let (token, _) = app.access_token("tinh.thanhhoa").await;

    let answer = app.create_access_token(&token, "Mã con", 30).await;

    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.code(), "read_only_token");
    assert_eq!(app.access_tokens(&token).await.ok().len(), 1);
}

async fn a_revoked_token_is_refused(db: Db) {
    let app = spawn_app(db).await;
    let (token, id) = app.access_token("tinh.thanhhoa").await;
    let session = app.session("tinh.thanhhoa").await;
    assert_eq!(app.me(&token).await.status, StatusCode::OK);

    let revoked = app.revoke_access_token(&session, id).await;
    let again = app.revoke_access_token(&session, id).await;
    let used = app.me(&token).await;

    revoked.no_content();
    assert_eq!(again.status, StatusCode::NO_CONTENT, "revoking twice changes nothing");
    assert_eq!(used.status, StatusCode::UNAUTHORIZED);
    assert_eq!(used.code(), "access_token_revoked");
    assert!(used.error().message.contains("thu hồi"));
    assert_eq!(app.access_tokens(&session).await.ok()[0].status, AccessTokenStatus::Revoked);
}

async fn an_expired_token_is_refused(db: Db) {
    let app = spawn_app(db).await;
    let (token, id) = app.access_token("tinh.thanhhoa").await;
    assert_eq!(app.me(&token).await.status, StatusCode::OK);
    use tonghop::db::schema::access_tokens;
    let an_hour_ago = chrono::Utc::now().naive_utc() - chrono::Duration::hours(1);
    diesel::update(access_tokens::table.find(id))
        .set(access_tokens::expires_at.eq(an_hour_ago))
        .execute(&mut app.pool.get().unwrap())
        .unwrap();

    let used = app.units(&token).await;

    assert_eq!(used.status, StatusCode::UNAUTHORIZED);
    assert_eq!(used.code(), "access_token_expired");
    assert!(used.error().message.contains("hết hạn"));
    let list = app.access_tokens(&app.session("tinh.thanhhoa").await).await.ok();
    assert_eq!(list[0].status, AccessTokenStatus::Expired);
}

async fn a_token_of_a_deactivated_user_and_an_unknown_token_are_refused(db: Db) {
    let app = spawn_app(db).await;
    let (token, _) = app.access_token("tinh.thanhhoa").await;
    let user_id = app.me(&token).await.ok().id;
    app.deactivate_user(&app.session("admin").await, user_id).await.ok();

    let inactive = app.me(&token).await;
    let unknown = app.me("thp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await;

    assert_eq!(inactive.status, StatusCode::UNAUTHORIZED);
    assert_eq!(inactive.code(), "access_token_user_inactive");
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.code(), "access_token_unknown");
}

async fn another_users_token_cannot_be_revoked(db: Db) {
    let app = spawn_app(db).await;
    let (token, id) = app.access_token("tinh.thanhhoa").await;
    let other = app.session("vp.xuanphu").await;

    let answer = app.revoke_access_token(&other, id).await;

    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let listed = app.access_tokens(&other).await.ok();
    assert!(listed.is_empty(), "nor listed: {listed:?}");
    assert_eq!(app.me(&token).await.status, StatusCode::OK, "still works");
}

/// The limits behave alike wherever they count (the sharing itself is in
/// `shared_limits.rs`).
const STORES: [RateLimitStore; 2] = [RateLimitStore::Memory, RateLimitStore::Database];

async fn logins_from_one_address_are_rate_limited(db: Db) {
    for store in STORES {
        logins_from_one_address_are_rate_limited_in(db, store).await;
    }
}

async fn logins_from_one_address_are_rate_limited_in(db: Db, store: RateLimitStore) {
    let app = spawn_app_with(db, |s| {
        s.login_rate_per_minute = 1;
        s.login_rate_burst = 3;
        s.rate_limit_store = store;
    })
    .await;

    let mut answers = Vec::new();
    for username in ["thon.bangoc", "thon.langsung", "ai.do", "vp.xuanphu"] {
        answers.push(app.login(username, "doan-mo").await);
    }

    assert!(answers[..3].iter().all(|a| a.status == StatusCode::UNAUTHORIZED), "{answers:?}");
    let limited = &answers[3];
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.code(), "rate_limited");
    assert!((1..=60).contains(&retry_after(limited)), "{:?}", limited.headers);
    assert!(limited.error().message.contains("Thử lại sau"));
}

/// Behind a trusted proxy (the test itself, on 127.0.0.1), the client is the
/// right-most forwarded address that is not the proxy: what a client writes
/// to the left, or a `Forwarded:` header, or garbage, never escapes the limit.
async fn behind_a_trusted_proxy_the_client_cannot_choose_its_address(db: Db) {
    for store in STORES {
        behind_a_trusted_proxy_the_client_cannot_choose_its_address_in(db, store).await;
    }
}

async fn behind_a_trusted_proxy_the_client_cannot_choose_its_address_in(db: Db, store: RateLimitStore) {
    let app = spawn_app_with(db, |s| {
        s.login_rate_per_minute = 1;
        s.login_rate_burst = 2;
        s.trusted_proxies = vec!["127.0.0.1".into(), "::1".into()];
        s.rate_limit_store = store;
    })
    .await;
    let client = reqwest::Client::new();
    // A new name each time: the per-name lock never comes into it.
    let names = std::sync::atomic::AtomicU32::new(0);
    let login = |forwarded: Vec<(&'static str, String)>| {
        let name = format!("ai.do.{}", names.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        let mut request = client.post(format!("{}/api/v1/auth/login", app.address)).json(&json!({"username": name, "password": "doan-mo"}));
        for (name, value) in forwarded {
            request = request.header(name, value);
        }
        async move { request.send().await.unwrap().status() }
    };

    // One client, a new made-up address on the left every time: limited.
    let mut statuses = Vec::new();
    for i in 0..3 {
        statuses.push(login(vec![("x-forwarded-for", format!("10.9.9.{i}, 203.0.113.8"))]).await);
    }
    assert_eq!(statuses, [StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS]);
    // «unknown» on the left changes nothing; a client-sent Forwarded is not read.
    assert_eq!(login(vec![("x-forwarded-for", "unknown, 203.0.113.8".into())]).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        login(vec![("forwarded", "for=198.51.100.1".into()), ("x-forwarded-for", "203.0.113.8".into())]).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another client behind the same proxy has its own allowance.
    assert_eq!(login(vec![("x-forwarded-for", "203.0.113.9".into())]).await, StatusCode::UNAUTHORIZED);
    // Garbage where the client should be: counted as the proxy, never unlimited.
    let garbage: Vec<StatusCode> = {
        let mut out = Vec::new();
        for _ in 0..3 {
            out.push(login(vec![("x-forwarded-for", "unknown".into())]).await);
        }
        out
    };
    assert_eq!(garbage.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{garbage:?}");
}

async fn requests_with_one_token_are_rate_limited(db: Db) {
    for store in STORES {
        requests_with_one_token_are_rate_limited_in(db, store).await;
    }
}

async fn requests_with_one_token_are_rate_limited_in(db: Db, store: RateLimitStore) {
    let app = spawn_app_with(db, |s| {
        s.token_rate_per_second = 1;
        s.token_rate_burst = 3;
        s.rate_limit_store = store;
    })
    .await;
    let (token, _) = app.access_token("tinh.thanhhoa").await;
    let (other, _) = app.access_token("vp.xuanphu").await;

    let mut answers = Vec::new();
    for _ in 0..4 {
        answers.push(app.me(&token).await);
    }

    assert!(answers[..3].iter().all(|a| a.status == StatusCode::OK), "{answers:?}");
    let limited = &answers[3];
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.code(), "rate_limited");
    assert_eq!(retry_after(limited), 1);
    assert_eq!(app.me(&other).await.status, StatusCode::OK, "another token has its own limit");
}

on_both_databases!(
    a_new_token_is_shown_once_and_listed_without_it,
    a_token_needs_a_name_and_a_lifetime_of_at_most_a_year,
    a_token_reads_what_its_owner_reads_and_records_its_use,
    a_token_cannot_write_anything,
    a_token_cannot_create_tokens,
    a_revoked_token_is_refused,
    an_expired_token_is_refused,
    a_token_of_a_deactivated_user_and_an_unknown_token_are_refused,
    another_users_token_cannot_be_revoked,
    logins_from_one_address_are_rate_limited,
    behind_a_trusted_proxy_the_client_cannot_choose_its_address,
    requests_with_one_token_are_rate_limited,
);
