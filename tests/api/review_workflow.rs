//! The one review workflow, as figures and sections both go through it:
//! decisions at once on one section, retries only from the same user, and
//! the commune's own figures approved by another commune office account.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tonghop_tests::{Answer, Db, TestApp, current_period, on_both_databases, spawn_app};

const PERIOD: &str = "2026-H1";

async fn section_path(app: &TestApp, unit: &str) -> String {
    format!("/api/v1/sections/{}/{PERIOD}", app.unit_id(unit).await)
}

async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> Answer {
    app.call(Method::POST, path, Some(token), Some(body)).await
}

fn section_reviews(app: &TestApp, section_path: &str) -> i64 {
    use diesel::prelude::*;
    use tonghop::db::schema::{section_reviews, sections};
    let unit_id: i64 = section_path.split('/').nth(4).unwrap().parse().unwrap();
    let mut conn = app.pool.get().unwrap();
    section_reviews::table
        .inner_join(sections::table)
        .filter(sections::unit_id.eq(unit_id))
        .filter(sections::period.eq(PERIOD))
        .count()
        .get_result(&mut conn)
        .unwrap()
}

/// The commune office approves while an administrator returns, at the same
/// moment, from the same version: one decision stands, the other is told the
/// section changed under it.
async fn two_reviewers_deciding_on_one_section_at_once_exactly_one_wins(db: Db) {
    let app = spawn_app(db).await;
    let (commune, admin) = (app.token("vp.xuanphu").await, app.token("admin").await);
    for (unit, writer) in [("XP-PHUNU", "phunu.xuanphu"), ("XP-NONGDAN", "nongdan.xuanphu"), ("XP-CCB", "ccb.xuanphu")] {
        let path = section_path(&app, unit).await;
        let sent = post(
            &app,
            &format!("{path}/submit"),
            &app.token(writer).await,
            json!({"version": 0, "body": "Hội đã tổ chức 3 lớp tập huấn."}),
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "{:?}", sent.body);

        let (approve_path, return_path) = (format!("{path}/approve"), format!("{path}/return"));
        let (approve, give_back) = tokio::join!(
            post(&app, &approve_path, &commune, json!({"version": 1})),
            post(&app, &return_path, &admin, json!({"version": 1, "reason": "Bổ sung số liệu"})),
        );

        let statuses = [approve.status, give_back.status];
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{unit}: {statuses:?}");
        let loser = if approve.status == StatusCode::OK { &give_back } else { &approve };
        assert_eq!(loser.status, StatusCode::CONFLICT, "{unit}: {:?}", loser.body);
        let stored = app.get(&path, &commune).await;
        assert_eq!(stored.body["version"], 2, "{unit}: one decision moved it once");
        let winner = if approve.status == StatusCode::OK { "approved" } else { "returned" };
        assert_eq!(stored.body["status"], winner);
        assert_eq!(section_reviews(&app, &path), 1, "{unit}: one decision kept");
    }
}

/// A phone that lost the answer sends its text again: a success with no
/// second write. The same text from someone else at the old version is a
/// change made from a stale version.
async fn the_same_section_text_from_another_user_is_not_a_retry(db: Db) {
    let app = spawn_app(db).await;
    let (union, commune) = (app.token("phunu.xuanphu").await, app.token("vp.xuanphu").await);
    let path = section_path(&app, "XP-PHUNU").await;
    let body = json!({"version": 0, "body": "Hội đã tổ chức 3 lớp tập huấn."});
    let first = app.call(Method::PUT, &path, Some(&union), Some(body.clone())).await;
    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);

    let retry = app.call(Method::PUT, &path, Some(&union), Some(body.clone())).await;
    let from_another = app.call(Method::PUT, &path, Some(&commune), Some(body)).await;

    assert_eq!((retry.status, retry.body["version"].as_i64()), (StatusCode::OK, Some(1)), "{:?}", retry.body);
    assert_eq!(from_another.status, StatusCode::CONFLICT, "{:?}", from_another.body);
    assert_eq!(from_another.code(), "version_conflict");
}

/// The commune's own figures (budget revenue): the account that submitted
/// them is told why it cannot approve them, and another account of the
/// commune office approves them, with no administrator.
async fn the_communes_own_figures_are_approved_by_another_commune_office_account(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let xp = app.unit_id("XP").await;
    let indicators = app.get("/api/v1/indicators", &admin).await;
    let budget = indicators.body.as_array().unwrap().iter().find(|i| i["code"] == "BUDGET_REVENUE").unwrap()["id"].clone();
    let form = json!({"code": "COMMUNE_MONTHLY", "name": "Báo cáo tháng của xã", "unit_kind": "commune", "frequency": "monthly", "indicator_ids": [budget]});
    let form = post(&app, "/api/v1/forms", &admin, form).await;
    assert_eq!(form.status, StatusCode::CREATED, "{:?}", form.body);
    let account = json!({"username": "ubnd.xuanphu", "display_name": "Văn phòng UBND xã Xuân Phú", "password": "ubnd-xuanphu", "role": "commune", "unit_id": xp});
    assert_eq!(post(&app, "/api/v1/users", &admin, account).await.status, StatusCode::CREATED);
    let (office, other_office) = (
        app.token("vp.xuanphu").await,
        app.login_raw("ubnd.xuanphu", "ubnd-xuanphu").await.body["access_token"].as_str().unwrap().to_owned(),
    );
    let path = TestApp::submission_path(xp, form.body["id"].as_i64().unwrap(), &current_period());
    let sent =
        post(&app, &format!("{path}/submit"), &office, json!({"version": 0, "values": [{"indicator_id": budget, "value": 2657}]})).await;
    assert_eq!(sent.status, StatusCode::OK, "{:?}", sent.body);
    let version = sent.body["version"].as_i64().unwrap();

    let by_itself = post(&app, &format!("{path}/approve"), &office, json!({"version": version})).await;
    let by_the_other = post(&app, &format!("{path}/approve"), &other_office, json!({"version": version})).await;

    assert_eq!(by_itself.status, StatusCode::FORBIDDEN);
    assert!(by_itself.body["message"].as_str().unwrap().contains("tài khoản khác của văn phòng xã"), "says why: {:?}", by_itself.body);
    assert_eq!(by_the_other.status, StatusCode::OK, "{:?}", by_the_other.body);
    assert_eq!(by_the_other.body["status"], "approved");
    assert_eq!(by_the_other.body["last_review"]["by"], "Văn phòng UBND xã Xuân Phú");
    let village = app.token("thon.bangoc").await;
    let by_a_village = post(&app, &format!("{path}/reopen"), &village, json!({"version": version + 1, "reason": "Sai"})).await;
    assert_eq!(by_a_village.status, StatusCode::FORBIDDEN);
    assert!(by_a_village.body["message"].as_str().unwrap().contains("văn phòng xã"), "{:?}", by_a_village.body);
}

on_both_databases!(
    two_reviewers_deciding_on_one_section_at_once_exactly_one_wins,
    the_same_section_text_from_another_user_is_not_a_retry,
    the_communes_own_figures_are_approved_by_another_commune_office_account,
);
