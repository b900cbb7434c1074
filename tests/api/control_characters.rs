//! Control characters in text are refused at the edge with a 422 on the
//! field, the same on both databases (PostgreSQL cannot store a NUL: it
//! answered 500 where SQLite stored it), and nothing is stored.

use diesel::prelude::*;
use reqwest::StatusCode;
use tonghop_shared::api::{NewUnit, UnitKind, UnitPatch, ValueInput};
use tonghop_tests::api::ValuesOf;
use tonghop_tests::scenario::amount;
use tonghop_tests::{Answer, Db, TestApp, on_both_databases, spawn_app};

/// The answer is the API's field error on exactly `fields`.
fn assert_refused(answer: &Answer, fields: &[&str]) {
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", answer.body);
    assert_eq!(answer.code(), "validation_failed", "{:?}", answer.body);
    assert_eq!(answer.fields(), fields, "{:?}", answer.body);
    for field in answer.error().fields {
        assert_eq!(field.code, "control_character");
        assert_eq!(field.message, "Không được chứa ký tự điều khiển");
    }
}

async fn still_answers(app: &TestApp) {
    let health = app.health().await;
    assert_eq!(health.status, StatusCode::OK, "the server still answers");
}

async fn a_nul_in_the_login_username_is_refused_on_the_field(db: Db) {
    let app = spawn_app(db).await;

    let nul = app.login("ad\u{0}min", "admin2026").await;
    let both = app.login("ad\u{0}min", "x\u{1b}").await;

    assert_refused(&nul, &["username"]);
    assert_refused(&both, &["password", "username"]);
    assert_eq!(app.login("admin", "admin2026").await.status, StatusCode::OK, "no lock, no failure counted");
}

async fn a_section_body_with_a_control_character_is_refused_and_nothing_is_stored(db: Db) {
    let app = spawn_app(db).await;
    let s = app.scenario().section("XP-PHUNU", "2026-H1").not_started().await;

    let saved = app.save(&s.writer, &s.key, 0, "Hội đã\u{1} tổ chức").await;
    let submitted = app.submit(&s.writer, &s.key, 0, "a\u{0}b").await;
    let kept = app.save(&s.writer, &s.key, 0, "Dòng 1\n\tDòng 2\r\n").await;

    assert_refused(&saved, &["body"]);
    assert_refused(&submitted, &["body"]);
    assert_eq!(kept.status, StatusCode::OK, "tab and line ends are text: {:?}", kept.body);
    assert_eq!(kept.ok().version, 1, "the refused saves stored nothing");
    still_answers(&app).await;
}

async fn a_unit_name_with_a_nul_is_refused_and_no_unit_is_made(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let (xp, village) = (app.unit("XP").await.id, app.unit("XP-BANGOC").await.id);

    let unit =
        NewUnit { parent_id: Some(xp), kind: UnitKind::Village, code: "XP-MOI".into(), name: "Thôn\u{0} Mới".into(), calendar: None };
    let created = app.create_unit(&commune, &unit).await;
    let renamed = app.change_unit(&commune, village, &UnitPatch { name: Some("\u{1f}".into()), ..UnitPatch::default() }).await;

    assert_refused(&created, &["name"]);
    assert_refused(&renamed, &["name"]);
    let units = app.units(&commune).await.ok();
    assert!(!units.iter().any(|u| u.code == "XP-MOI"));
    assert_eq!(units.iter().find(|u| u.id == village).unwrap().name, "Thôn Ba Ngọc");
}

async fn a_figure_comment_with_a_nul_is_refused_on_its_path_and_nothing_is_stored(db: Db) {
    let app = spawn_app(db).await;
    let v = app.scenario().village("XP-BANGOC").not_started().await;
    let figure = |n: usize, value: i32, comment: &str| ValueInput {
        indicator_id: v.form.indicators[n].id,
        value: Some(amount(value)),
        comment: Some(comment.to_owned()),
    };
    let values = vec![figure(0, 1, "đúng"), figure(1, 2, "sai\u{0}")];
    let count = || {
        use tonghop::db::schema::submission_values;
        let mut conn = app.pool.get().unwrap();
        submission_values::table.count().get_result::<i64>(&mut conn).unwrap()
    };
    let before = count();

    let answer = app.save(&v.reporter, &v.key, 0, values).await;

    assert_refused(&answer, &["values[1].comment"]);
    assert_eq!(count(), before);
    still_answers(&app).await;
}

async fn a_query_parameter_with_a_nul_is_refused_on_its_name(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;

    let values = app.data_values(&commune, &ValuesOf::all().indicator("GRAIN\u{0}OUTPUT")).await;
    let csv = app.file(&ValuesOf::all().format("csv").indicator("\u{1}").path(), &commune).await;
    let fine = app.data_values(&commune, &ValuesOf::all().indicator("GRAIN_OUTPUT").limit(1)).await;

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
