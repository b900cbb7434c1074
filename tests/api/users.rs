use reqwest::{Method, StatusCode};
use serde_json::json;
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

async fn the_commune_creates_a_reporter_who_can_log_in(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;
    let village = app.unit_id("XP-LANGBAI").await;

    let created = app
        .call(
            Method::POST,
            "/api/v1/users",
            Some(&commune),
            Some(json!({"username": "Truong.LangBai", "display_name": "Trưởng thôn Làng Bài", "password": "matkhau-moi", "role": "reporter", "unit_id": village})),
        )
        .await;

    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert_eq!(created.body["username"], "truong.langbai");
    assert_eq!(app.login_raw("truong.langbai", "matkhau-moi").await.status, StatusCode::OK);
}

async fn the_commune_cannot_create_an_administrator_or_a_user_elsewhere(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;
    let village = app.unit_id("XP-LANGBAI").await;
    let province = app.unit_id("TH").await;
    let body = |role: &str, unit: i64| json!({"username": "nguoi.moi", "display_name": "Người mới", "password": "matkhau-moi", "role": role, "unit_id": unit});

    let admin = app.call(Method::POST, "/api/v1/users", Some(&commune), Some(body("admin", village))).await;
    let elsewhere = app.call(Method::POST, "/api/v1/users", Some(&commune), Some(body("reporter", province))).await;

    assert_eq!(admin.status, StatusCode::FORBIDDEN);
    assert_eq!(elsewhere.status, StatusCode::FORBIDDEN);
}

async fn a_bad_new_user_is_refused_field_by_field(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let village = app.unit_id("XP-LANGBAI").await;

    let answer = app
        .call(
            Method::POST,
            "/api/v1/users",
            Some(&admin),
            Some(json!({"username": "Thôn", "display_name": "", "password": "short", "role": "reporter", "unit_id": village})),
        )
        .await;
    let duplicate = app
        .call(
            Method::POST,
            "/api/v1/users",
            Some(&admin),
            Some(
                json!({"username": "thon.bangoc", "display_name": "X", "password": "matkhau-moi", "role": "reporter", "unit_id": village}),
            ),
        )
        .await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields(), ["username", "display_name", "password"]);
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
}

async fn reporters_and_viewers_cannot_list_users(db: Db) {
    let app = spawn_app(db).await;

    let reporter = app.get("/api/v1/users", &app.token("thon.bangoc").await).await;
    let viewer = app.get("/api/v1/users", &app.token("tinh.thanhhoa").await).await;
    let commune = app.get("/api/v1/users", &app.token("vp.xuanphu").await).await;

    assert_eq!(reporter.status, StatusCode::FORBIDDEN);
    assert_eq!(viewer.status, StatusCode::FORBIDDEN);
    assert_eq!(commune.status, StatusCode::OK);
    let names: Vec<&str> = commune.body.as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert!(names.contains(&"thon.bangoc") && !names.contains(&"admin"), "{names:?}");
}

/// A new administrator made by `by`: (id, access token).
async fn a_new_administrator(app: &TestApp, by: &str, username: &str) -> (i64, String) {
    let own_unit = app.get("/api/v1/auth/me", by).await.body["unit"]["id"].as_i64().unwrap();
    let body =
        json!({"username": username, "display_name": "Quản trị", "password": "matkhau-quantri", "role": "admin", "unit_id": own_unit});
    let created = app.call(Method::POST, "/api/v1/users", Some(by), Some(body)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    let login = app.login_raw(username, "matkhau-quantri").await;
    (created.body["id"].as_i64().unwrap(), login.body["access_token"].as_str().unwrap().to_owned())
}

async fn me(app: &TestApp, token: &str) -> i64 {
    app.get("/api/v1/auth/me", token).await.body["id"].as_i64().unwrap()
}

async fn deactivate(app: &TestApp, token: &str, id: i64) -> reqwest::StatusCode {
    app.call(Method::PATCH, &format!("/api/v1/users/{id}"), Some(token), Some(json!({"active": false}))).await.status
}

fn active_admins(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use tonghop::db::schema::users::dsl as u;
    u::users.filter(u::role.eq("admin")).filter(u::active).count().get_result(&mut app.pool.get().unwrap()).unwrap()
}

async fn the_last_active_administrator_cannot_be_deactivated(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let own_id = me(&app, &admin).await;

    let alone = app.call(Method::PATCH, &format!("/api/v1/users/{own_id}"), Some(&admin), Some(json!({"active": false}))).await;

    assert_eq!(alone.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", alone.body);
    assert_eq!(alone.fields(), ["active"]);
    assert!(alone.body["fields"][0]["message"].as_str().unwrap().contains("quản trị viên cuối cùng"), "{:?}", alone.body);
    assert_eq!(active_admins(&app), 1);
    let (second, second_token) = a_new_administrator(&app, &admin, "quantri.hai").await;
    assert_eq!(deactivate(&app, &admin, own_id).await, StatusCode::OK, "another administrator remains");
    assert_eq!(deactivate(&app, &second_token, second).await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(active_admins(&app), 1);
}

/// Two administrators deactivating each other at the same moment: on
/// PostgreSQL both would see the other still active without the lock.
async fn two_administrators_deactivating_each_other_at_once_leave_one(db: Db) {
    let app = spawn_app(db).await;
    let mut survivor = app.token("admin").await;
    let mut survivor_id = me(&app, &survivor).await;
    for round in 0..4 {
        let (other_id, other) = a_new_administrator(&app, &survivor, &format!("quantri.{round}")).await;
        assert_eq!(active_admins(&app), 2);

        let (a, b) = tokio::join!(deactivate(&app, &survivor, other_id), deactivate(&app, &other, survivor_id));

        assert_eq!([a, b].iter().filter(|s| **s == StatusCode::OK).count(), 1, "round {round}: {a} and {b}");
        assert_eq!(active_admins(&app), 1, "round {round}");
        if b == StatusCode::OK {
            (survivor, survivor_id) = (other, other_id);
        }
    }
}

on_both_databases!(
    the_last_active_administrator_cannot_be_deactivated,
    two_administrators_deactivating_each_other_at_once_leave_one,
    the_commune_creates_a_reporter_who_can_log_in,
    the_commune_cannot_create_an_administrator_or_a_user_elsewhere,
    a_bad_new_user_is_refused_field_by_field,
    reporters_and_viewers_cannot_list_users,
);
