use reqwest::{Method, StatusCode};
use serde_json::json;
use tonghop_tests::{Db, on_both_databases, spawn_app};

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

on_both_databases!(
    the_commune_creates_a_reporter_who_can_log_in,
    the_commune_cannot_create_an_administrator_or_a_user_elsewhere,
    a_bad_new_user_is_refused_field_by_field,
    reporters_and_viewers_cannot_list_users,
);
