use reqwest::{Method, StatusCode};
use serde_json::json;
use tonghop_shared::api::Role;
use tonghop_tests::{Db, on_both_databases, spawn_app, spawn_app_with};

async fn a_user_logs_in_and_learns_their_role_and_unit(db: Db) {
    let app = spawn_app(db).await;

    let session = app.login("thon.bangoc", "thon2026").await.ok();

    assert_eq!(session.token_type, "Bearer");
    assert_eq!(session.expires_in, 900);
    assert!(session.refresh_token.len() >= 40);
    assert_eq!(session.user.role, Role::Reporter);
    assert_eq!(session.user.unit.name, "Thôn Ba Ngọc");
    let me = app.me(&session.access_token).await.ok();
    assert_eq!(me.username, "thon.bangoc");
}

async fn a_wrong_password_and_an_unknown_user_get_the_same_answer(db: Db) {
    let app = spawn_app(db).await;

    let wrong_password = app.login("thon.bangoc", "not-the-password").await;
    let unknown_user = app.login("thon.khongco", "not-the-password").await;

    assert_eq!(wrong_password.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_user.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_password.body, unknown_user.body);
    assert_eq!(wrong_password.code(), "invalid_credentials");
}

async fn repeated_failures_lock_the_username_even_against_the_right_password(db: Db) {
    let app = spawn_app(db).await;

    for _ in 0..5 {
        assert_eq!(app.login("thon.bangoc", "guess").await.status, StatusCode::UNAUTHORIZED);
    }
    let locked = app.login("thon.bangoc", "thon2026").await;
    let locked_unknown = {
        for _ in 0..5 {
            let _ = app.login("ai.do", "guess").await;
        }
        app.login("ai.do", "guess").await
    };

    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(locked.code(), "too_many_attempts");
    let retry_after: i64 = locked.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(locked_unknown.status, StatusCode::TOO_MANY_REQUESTS, "unknown names lock the same way");
    assert_eq!(app.login("thon.langsung", "thon2026").await.status, StatusCode::OK, "other users are not affected");
}

/// Twenty guesses at once, across two servers on one database: five
/// passwords are checked, the rest are refused as locked, and the stored
/// count is exactly the checked ones.
async fn guesses_sent_all_at_once_on_two_servers_are_held_to_five(db: Db) {
    let first = spawn_app(db).await;
    let url = first.settings_database_url();
    let second = spawn_app_with(db, move |s| s.database_url = url).await;

    let client = reqwest::Client::new();
    let guesses: Vec<_> = (0..20)
        .map(|i| {
            let address = if i % 2 == 0 { first.address.clone() } else { second.address.clone() };
            let client = client.clone();
            tokio::spawn(async move {
                let body = json!({"username": "thon.bangoc", "password": "guess"});
                client.post(format!("{address}/api/v1/auth/login")).json(&body).send().await.unwrap().status()
            })
        })
        .collect();
    let mut answers = Vec::new();
    for guess in guesses {
        answers.push(guess.await.unwrap());
    }

    let checked = answers.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let locked = answers.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, locked), (5, 15), "{answers:?}");
    assert_eq!(second.login("thon.bangoc", "thon2026").await.status, StatusCode::TOO_MANY_REQUESTS, "locked on both");
    let mut conn = first.pool.get().unwrap();
    #[derive(diesel::QueryableByName)]
    struct Failures {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        failures: i32,
    }
    let stored: Vec<Failures> = tonghop::db::raw::load(
        &mut conn,
        "SELECT failures FROM login_throttle WHERE username = ?",
        &[tonghop::db::raw::Bind::Text("thon.bangoc".into())],
    )
    .unwrap();
    assert_eq!(stored[0].failures, 5, "every checked guess counted, none lost");
}

/// Logins sent at once: sixteen, against one hashing slot that a login may
/// wait for 1 ms. Those that found it busy are told so (503 `busy`, with
/// `Retry-After`, in Vietnamese) and counted as no attempt; the others log
/// in; once the burst is over a login goes through.
async fn a_login_that_waits_too_long_for_a_hashing_slot_is_told_to_retry(db: Db) {
    let app = spawn_app_with(db, |s| {
        s.password_hashes_at_once = 1;
        s.password_wait_ms = 1;
    })
    .await;

    let client = reqwest::Client::new();
    let logins: Vec<_> = (0..16)
        .map(|_| {
            let (client, address) = (client.clone(), app.address.clone());
            tokio::spawn(async move {
                let body = json!({"username": "thon.bangoc", "password": "thon2026"});
                let answer = client.post(format!("{address}/api/v1/auth/login")).json(&body).send().await.unwrap();
                let retry_after = answer.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
                (answer.status(), retry_after, answer.json::<serde_json::Value>().await.unwrap())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for login in logins {
        answers.push(login.await.unwrap());
    }

    let statuses: Vec<_> = answers.iter().map(|a| a.0).collect();
    assert!(statuses.iter().all(|s| *s == StatusCode::OK || *s == StatusCode::SERVICE_UNAVAILABLE), "{statuses:?}");
    assert!(statuses.contains(&StatusCode::OK), "the slot's holder logs in: {statuses:?}");
    let busy: Vec<_> = answers.iter().filter(|a| a.0 == StatusCode::SERVICE_UNAVAILABLE).collect();
    assert!(!busy.is_empty(), "a 1 ms wait behind a 9 MiB hash runs out: {statuses:?}");
    for (_, retry_after, body) in &busy {
        assert_eq!(body["code"], "busy");
        assert_eq!(retry_after.as_deref(), Some("1"));
        assert_eq!(body["message"], "Máy chủ đang bận vì nhiều người đăng nhập cùng lúc. Thử lại sau 1 giây");
    }
    assert_eq!(app.count("login_throttle WHERE failures > 0"), 0, "a busy answer counts as no attempt");
    let sessions = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(app.count("refresh_tokens"), sessions as i64, "a session for each login that went through, none for the others");
    app.login("thon.bangoc", "thon2026").await.ok();
}

/// Twenty-five logins at once with the default bound (one hash per core,
/// five seconds' patience): they take turns, and all log in.
async fn logins_at_once_take_turns_and_all_get_in(db: Db) {
    let app = spawn_app(db).await;
    let client = reqwest::Client::new();
    let users = ["thon.bangoc", "thon.langsung", "thon.dadung"];
    let logins: Vec<_> = (0..25)
        .map(|n| {
            let (client, address) = (client.clone(), app.address.clone());
            let body = json!({"username": users[n % users.len()], "password": "thon2026"});
            tokio::spawn(async move { client.post(format!("{address}/api/v1/auth/login")).json(&body).send().await.unwrap().status() })
        })
        .collect();
    let mut statuses = Vec::new();
    for login in logins {
        statuses.push(login.await.unwrap());
    }
    assert!(statuses.iter().all(|s| *s == StatusCode::OK), "{statuses:?}");
}

async fn a_login_with_missing_fields_names_them(db: Db) {
    let app = spawn_app(db).await;

    let answer = app.login(" ", "").await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields(), ["username", "password"]);
}

async fn malformed_json_is_a_400_and_a_missing_field_a_422_on_it(db: Db) {
    let app = spawn_app(db).await;

    let broken = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", app.address))
        .header("content-type", "application/json")
        .body("{\"username\": \"thon.bangoc\",")
        .send()
        .await
        .unwrap();
    let missing = app.call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": "thon.bangoc"}))).await;
    let wrong_type = app.call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": 7, "password": "x"}))).await;

    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);
    let broken: serde_json::Value = broken.json().await.unwrap();
    assert_eq!(broken["code"], "bad_request");
    assert!(broken["message"].as_str().unwrap().starts_with("Yêu cầu không hợp lệ"), "{broken}");
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", missing.body);
    assert_eq!(missing.fields(), ["password"]);
    assert_eq!(missing.error().fields[0].message, "Thiếu thông tin này");
    assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong_type.fields(), ["username"]);
    assert!(wrong_type.error().fields[0].message.starts_with("Sai kiểu dữ liệu"));
}

async fn requests_without_a_valid_token_are_refused(db: Db) {
    let app = spawn_app(db).await;

    let none = app.call(Method::GET, "/api/v1/auth/me", None, None).await;
    let garbage = app.me("not.a.token").await;

    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert_eq!(garbage.status, StatusCode::UNAUTHORIZED);
    assert_eq!(garbage.code(), "unauthorized");
    assert_eq!(none.headers["www-authenticate"], "Bearer");
}

async fn an_expired_access_token_is_refused(db: Db) {
    let app = spawn_app_with(db, |s| s.access_token_minutes = -1).await;

    let token = app.token("thon.bangoc").await;

    assert_eq!(app.me(&token).await.status, StatusCode::UNAUTHORIZED);
}

async fn a_refresh_token_gives_a_new_pair_once(db: Db) {
    let app = spawn_app_with(db, |s| s.refresh_retry_grace_secs = 0).await;
    let first = app.login("thon.bangoc", "thon2026").await.ok().refresh_token;

    let refreshed = app.refresh(&first).await.ok();
    let second = refreshed.refresh_token;
    assert_ne!(first, second);
    assert_eq!(app.me(&refreshed.access_token).await.status, StatusCode::OK);

    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let reused = app.refresh(&first).await;
    assert_eq!(reused.status, StatusCode::UNAUTHORIZED);
    let after_theft = app.refresh(&second).await;
    assert_eq!(after_theft.status, StatusCode::UNAUTHORIZED, "a reused token ends every session of its user");
}

async fn a_refresh_retried_at_once_is_tolerated(db: Db) {
    let app = spawn_app(db).await;
    let token = app.login("thon.bangoc", "thon2026").await.ok().refresh_token;

    let first = app.refresh(&token).await;
    let retry = app.refresh(&token).await;

    let from_first = first.ok().refresh_token;
    assert_eq!(retry.status, StatusCode::OK);
    let again = app.refresh(&from_first).await;
    assert_eq!(again.status, StatusCode::OK, "the first answer's token still works");
}

async fn logging_out_ends_the_refresh_token(db: Db) {
    let app = spawn_app(db).await;
    let token = app.login("thon.bangoc", "thon2026").await.ok().refresh_token;

    let out = app.log_out(&token).await;
    let refreshed = app.refresh(&token).await;

    out.no_content();
    assert_eq!(refreshed.status, StatusCode::UNAUTHORIZED);
}

async fn a_deactivated_user_is_refused_at_once(db: Db) {
    let app = spawn_app(db).await;
    let reporter = app.session("thon.bangoc").await;
    let commune = app.session("vp.xuanphu").await;
    let id = app.me(&reporter).await.ok().id;

    let patched = app.deactivate_user(&commune, id).await;

    assert_eq!(patched.status, StatusCode::OK);
    assert_eq!(app.me(&reporter).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.login("thon.bangoc", "thon2026").await.status, StatusCode::UNAUTHORIZED);
}

async fn token_answers_are_kept_by_no_cache(db: Db) {
    let app = spawn_app(db).await;
    let login = app.login("admin", "admin2026").await;
    let refreshed = app.refresh(&login.body_as().refresh_token).await;
    let created = app.create_access_token(&refreshed.body_as().access_token, "Tập lệnh", 30).await;
    let me = app.me(&login.body_as().access_token).await;

    for (what, answer) in [("login", &*login), ("refresh", &*refreshed), ("a new access token", &*created)] {
        assert!(answer.status.is_success(), "{what}: {:?}", answer.body);
        assert_eq!(answer.headers.get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"), "{what}");
        assert_eq!(answer.headers.get("pragma").map(|v| v.to_str().unwrap()), Some("no-cache"), "{what}");
    }
    assert!(me.headers.get("cache-control").is_none_or(|v| v != "no-store"), "other answers keep their caching");
}

on_both_databases!(
    token_answers_are_kept_by_no_cache,
    a_user_logs_in_and_learns_their_role_and_unit,
    a_wrong_password_and_an_unknown_user_get_the_same_answer,
    repeated_failures_lock_the_username_even_against_the_right_password,
    guesses_sent_all_at_once_on_two_servers_are_held_to_five,
    a_login_that_waits_too_long_for_a_hashing_slot_is_told_to_retry,
    logins_at_once_take_turns_and_all_get_in,
    a_login_with_missing_fields_names_them,
    malformed_json_is_a_400_and_a_missing_field_a_422_on_it,
    requests_without_a_valid_token_are_refused,
    an_expired_access_token_is_refused,
    a_refresh_token_gives_a_new_pair_once,
    a_refresh_retried_at_once_is_tolerated,
    logging_out_ends_the_refresh_token,
    a_deactivated_user_is_refused_at_once,
);
