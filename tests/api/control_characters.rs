//! Control characters in text are refused at the edge with a 422 on the
//! field, the same on both databases (PostgreSQL cannot store a NUL: it
//! answered 500 where SQLite stored it), and nothing is stored.

use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use tonghop_tests::{Answer, Db, TestApp, current_period, on_both_databases, spawn_app};

/// The answer is the API's field error on exactly `fields`.
fn assert_refused(answer: &Answer, fields: &[&str]) {
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", answer.body);
    assert_eq!(answer.code(), "validation_failed", "{:?}", answer.body);
    assert_eq!(answer.fields(), fields, "{:?}", answer.body);
    for field in answer.body["fields"].as_array().unwrap() {
        assert_eq!(field["code"], "control_character");
        assert_eq!(field["message"], "Không được chứa ký tự điều khiển");
    }
}

async fn still_answers(app: &TestApp) {
    let health = app.call(Method::GET, "/api/health", None, None).await;
    assert_eq!(health.status, StatusCode::OK, "the server still answers");
}

async fn a_nul_in_the_login_username_is_refused_on_the_field(db: Db) {
    let app = spawn_app(db).await;

    let nul = app.login_raw("ad\u{0}min", "admin2026").await;
    let both = app.login_raw("ad\u{0}min", "x\u{1b}").await;

    assert_refused(&nul, &["username"]);
    assert_refused(&both, &["password", "username"]);
    assert_eq!(app.login_raw("admin", "admin2026").await.status, StatusCode::OK, "no lock, no failure counted");
}

async fn a_section_body_with_a_control_character_is_refused_and_nothing_is_stored(db: Db) {
    let app = spawn_app(db).await;
    let writer = app.token("phunu.xuanphu").await;
    let path = format!("/api/v1/sections/{}/2026-H1", app.unit_id("XP-PHUNU").await);

    let saved = app.call(Method::PUT, &path, Some(&writer), Some(json!({"version": 0, "body": "Hội đã\u{1} tổ chức"}))).await;
    let submitted = app.call(Method::POST, &format!("{path}/submit"), Some(&writer), Some(json!({"version": 0, "body": "a\u{0}b"}))).await;
    let kept = app.call(Method::PUT, &path, Some(&writer), Some(json!({"version": 0, "body": "Dòng 1\n\tDòng 2\r\n"}))).await;

    assert_refused(&saved, &["body"]);
    assert_refused(&submitted, &["body"]);
    assert_eq!(kept.status, StatusCode::OK, "tab and line ends are text: {:?}", kept.body);
    assert_eq!(kept.body["version"], 1, "the refused saves stored nothing");
    still_answers(&app).await;
}

async fn a_unit_name_with_a_nul_is_refused_and_no_unit_is_made(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;
    let (xp, village) = (app.unit_id("XP").await, app.unit_id("XP-BANGOC").await);

    let created = app
        .call(
            Method::POST,
            "/api/v1/units",
            Some(&commune),
            Some(json!({"parent_id": xp, "kind": "village", "code": "XP-MOI", "name": "Thôn\u{0} Mới"})),
        )
        .await;
    let renamed = app.call(Method::PATCH, &format!("/api/v1/units/{village}"), Some(&commune), Some(json!({"name": "\u{1f}"}))).await;

    assert_refused(&created, &["name"]);
    assert_refused(&renamed, &["name"]);
    let units = app.get("/api/v1/units", &commune).await;
    let units = units.body.as_array().unwrap();
    assert!(!units.iter().any(|u| u["code"] == "XP-MOI"));
    assert_eq!(units.iter().find(|u| u["id"] == village).unwrap()["name"], "Thôn Ba Ngọc");
}

async fn a_figure_comment_with_a_nul_is_refused_on_its_path_and_nothing_is_stored(db: Db) {
    let app = spawn_app(db).await;
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    let token = app.token("thon.bangoc").await;
    let path = TestApp::submission_path(app.unit_id("XP-BANGOC").await, form_id, &current_period());
    let values = json!([
        {"indicator_id": indicators[0].0, "value": 1, "comment": "đúng"},
        {"indicator_id": indicators[1].0, "value": 2, "comment": "sai\u{0}"},
    ]);
    let count = || {
        use tonghop::db::schema::submission_values;
        let mut conn = app.pool.get().unwrap();
        submission_values::table.count().get_result::<i64>(&mut conn).unwrap()
    };
    let before = count();

    let answer = app.call(Method::PUT, &path, Some(&token), Some(json!({"version": 0, "values": values}))).await;

    assert_refused(&answer, &["values[1].comment"]);
    assert_eq!(count(), before);
    still_answers(&app).await;
}

async fn a_query_parameter_with_a_nul_is_refused_on_its_name(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;

    let values = app.get("/api/v1/data/values?indicator=GRAIN%00OUTPUT", &commune).await;
    let csv = app.get("/api/v1/data/values?format=csv&indicator=%01", &commune).await;
    let fine = app.get("/api/v1/data/values?indicator=GRAIN_OUTPUT&limit=1", &commune).await;

    assert_refused(&values, &["indicator"]);
    assert_refused(&csv, &["indicator"]);
    assert_eq!(fine.status, StatusCode::OK, "{:?}", fine.body);
}

on_both_databases!(
    a_nul_in_the_login_username_is_refused_on_the_field,
    a_section_body_with_a_control_character_is_refused_and_nothing_is_stored,
    a_unit_name_with_a_nul_is_refused_and_no_unit_is_made,
    a_figure_comment_with_a_nul_is_refused_on_its_path_and_nothing_is_stored,
    a_query_parameter_with_a_nul_is_refused_on_its_name,
);
