//! Review: every transition through HTTP, the allowed and the forbidden.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tonghop_tests::{Db, TestApp, all_values, current_period, on_both_databases, spawn_app};

/// Ba Ngọc has submitted this month's form; the commune office is logged in.
struct Setup {
    app: TestApp,
    reporter: String,
    commune: String,
    path: String,
    indicators: Vec<(i64, String)>,
    version: i64,
}

async fn submitted(db: Db) -> Setup {
    let app = spawn_app(db).await;
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    let unit = app.unit_id("XP-BANGOC").await;
    let path = TestApp::submission_path(unit, form_id, &current_period());
    let reporter = app.token("thon.bangoc").await;
    let commune = app.token("vp.xuanphu").await;
    let sent = app
        .call(
            Method::POST,
            &format!("{path}/submit"),
            Some(&reporter),
            Some(json!({"version": 0, "values": all_values(&indicators, 10.0)})),
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{:?}", sent.body);
    let version = sent.body["version"].as_i64().unwrap();
    Setup { app, reporter, commune, path, indicators, version }
}

impl Setup {
    async fn post(&self, action: &str, token: &str, body: Value) -> tonghop_tests::Answer {
        self.app.call(Method::POST, &format!("{}/{action}", self.path), Some(token), Some(body)).await
    }

    fn id(&self, code: &str) -> i64 {
        self.indicators.iter().find(|(_, c)| c == code).unwrap().0
    }
}

async fn the_commune_approves_and_the_figures_are_locked(db: Db) {
    let s = submitted(db).await;

    let approved = s.post("approve", &s.commune, json!({"version": s.version})).await;
    let edit = s.app.call(Method::PUT, &s.path, Some(&s.reporter), Some(json!({"version": s.version + 1, "values": []}))).await;
    let resubmit = s.post("submit", &s.reporter, json!({"version": s.version + 1, "values": all_values(&s.indicators, 11.0)})).await;

    assert_eq!(approved.status, StatusCode::OK, "{:?}", approved.body);
    assert_eq!(approved.body["status"], "approved");
    assert_eq!(approved.body["last_review"]["action"], "approve");
    assert_eq!(approved.body["last_review"]["by"], "Văn phòng Đảng ủy xã Xuân Phú");
    assert_eq!(edit.status, StatusCode::CONFLICT);
    assert_eq!(resubmit.status, StatusCode::CONFLICT);
}

async fn a_return_carries_reasons_to_the_unit_and_the_fix_shows_old_and_new(db: Db) {
    let s = submitted(db).await;
    let cattle = s.id("CATTLE");

    let returned = s
        .post(
            "return",
            &s.commune,
            json!({"version": s.version, "reason": "Số liệu chăn nuôi chưa khớp\r\n\n\n- xem lại đàn bò ", "figure_comments": [{"indicator_id": cattle, "comment": "Đàn gia súc giảm quá nhiều"}]}),
        )
        .await;
    assert_eq!(returned.status, StatusCode::OK, "{:?}", returned.body);
    assert_eq!(returned.body["status"], "returned");

    let seen = s.app.get(&s.path, &s.reporter).await;
    assert_eq!(seen.body["last_review"]["reason"], "Số liệu chăn nuôi chưa khớp\n\n- xem lại đàn bò", "line breaks kept, the rest cleaned");
    assert_eq!(seen.body["last_review"]["figure_comments"][0]["indicator_id"], cattle);
    let due = s.app.get("/api/v1/due", &s.reporter).await;
    assert_eq!(due.body[0]["status"], "returned", "a returned form comes first");
    assert_eq!(due.body[0]["review_reason"], seen.body["last_review"]["reason"]);

    let version = seen.body["version"].as_i64().unwrap();
    let fixed = s
        .app
        .call(
            Method::PUT,
            &s.path,
            Some(&s.reporter),
            Some(json!({"version": version, "values": [{"indicator_id": cattle, "value": 245}]})),
        )
        .await;
    assert_eq!(fixed.body["status"], "returned", "still returned while being fixed");
    let resubmitted = s.post("submit", &s.reporter, json!({"version": fixed.body["version"], "values": []})).await;
    assert_eq!(resubmitted.status, StatusCode::OK, "{:?}", resubmitted.body);
    assert_eq!(resubmitted.body["status"], "submitted");

    let reviewer_view = s.app.get(&s.path, &s.commune).await;
    assert_eq!(
        reviewer_view.body["changes_since_return"],
        json!([{"indicator_id": cattle, "indicator_code": "CATTLE", "before": 10, "after": 245}])
    );
}

async fn reopening_an_approved_form_needs_a_reason_and_is_audited(db: Db) {
    let s = submitted(db).await;
    let approved = s.post("approve", &s.commune, json!({"version": s.version})).await;
    let version = approved.body["version"].as_i64().unwrap();

    let without_reason = s.post("reopen", &s.commune, json!({"version": version, "reason": "  "})).await;
    let reopened = s.post("reopen", &s.commune, json!({"version": version, "reason": "Huyện yêu cầu rà soát lại số hộ nghèo"})).await;

    assert_eq!(without_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(without_reason.fields(), ["reason"]);
    assert_eq!(reopened.status, StatusCode::OK);
    assert_eq!(reopened.body["status"], "returned");
    let history = s.app.get(&format!("{}/history", s.path), &s.commune).await;
    let statuses: Vec<(&str, Option<&str>)> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "status")
        .map(|e| (e["status_after"].as_str().unwrap(), e["reason"].as_str()))
        .collect();
    assert_eq!(statuses, [("submitted", None), ("approved", None), ("returned", Some("Huyện yêu cầu rà soát lại số hộ nghèo"))]);
}

async fn forbidden_and_out_of_order_decisions_are_refused(db: Db) {
    let s = submitted(db).await;
    let other_village = s.app.token("thon.langsung").await;
    let viewer = s.app.token("tinh.thanhhoa").await;
    let reason = json!({"version": s.version, "reason": "Sai"});

    assert_eq!(
        s.post("approve", &s.reporter, json!({"version": s.version})).await.status,
        StatusCode::FORBIDDEN,
        "a reporter approving its own"
    );
    assert_eq!(s.post("return", &other_village, reason.clone()).await.status, StatusCode::FORBIDDEN);
    assert_eq!(s.post("approve", &viewer, json!({"version": s.version})).await.status, StatusCode::FORBIDDEN);
    let stale = s.post("approve", &s.commune, json!({"version": s.version - 1})).await;
    assert_eq!(stale.code(), "version_conflict");
    let reopen_submitted = s.post("reopen", &s.commune, reason.clone()).await;
    assert_eq!(reopen_submitted.code(), "conflict", "only an approved form can be reopened");
    let no_reason = s.post("return", &s.commune, json!({"version": s.version, "reason": ""})).await;
    assert_eq!(no_reason.fields(), ["reason"]);
    let bad_comment = s
        .post(
            "return",
            &s.commune,
            json!({"version": s.version, "reason": "Sai", "figure_comments": [{"indicator_id": 999999, "comment": "?"}]}),
        )
        .await;
    assert_eq!(bad_comment.fields(), ["figure_comments[0]"]);
    assert_eq!(s.app.get(&s.path, &s.commune).await.body["status"], "submitted", "nothing changed");

    let approved = s.post("approve", &s.commune, json!({"version": s.version})).await;
    let return_approved = s.post("return", &s.commune, json!({"version": approved.body["version"], "reason": "Sai"})).await;
    assert_eq!(return_approved.code(), "conflict", "an approved form is reopened, not returned");
}

async fn another_communes_office_cannot_return_this_communes_forms(db: Db) {
    let s = submitted(db).await;
    let admin = s.app.token("admin").await;
    let province = s.app.unit_id("TH").await;
    let other = s
        .app
        .call(
            Method::POST,
            "/api/v1/units",
            Some(&admin),
            Some(json!({"parent_id": province, "kind": "commune", "code": "XB", "name": "Xã Xuân Bái"})),
        )
        .await;
    let user = json!({"username": "vp.xuanbai", "display_name": "VP Xuân Bái", "password": "xuanbai2026", "role": "commune", "unit_id": other.body["id"]});
    s.app.call(Method::POST, "/api/v1/users", Some(&admin), Some(user)).await;
    let token = s.app.login_raw("vp.xuanbai", "xuanbai2026").await.body["access_token"].as_str().unwrap().to_owned();

    let answer = s.post("return", &token, json!({"version": s.version, "reason": "Sai"})).await;

    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

async fn a_figures_history_shows_who_changed_it_from_what_to_what(db: Db) {
    let s = submitted(db).await;
    let returned = s.post("return", &s.commune, json!({"version": s.version, "reason": "Kiểm tra lại"})).await;
    let cattle = s.id("CATTLE");
    s.app
        .call(
            Method::PUT,
            &s.path,
            Some(&s.reporter),
            Some(json!({"version": returned.body["version"], "values": [{"indicator_id": cattle, "value": 12, "comment": "Đếm lại"}]})),
        )
        .await;

    let history = s.app.get(&format!("{}/history?indicator=CATTLE", s.path), &s.reporter).await;

    let values: Vec<&Value> = history.body.as_array().unwrap().iter().filter(|e| e["kind"] == "value").collect();
    assert_eq!(values.len(), 2);
    assert_eq!((values[0]["value_before"].clone(), values[0]["value_after"].clone()), (Value::Null, json!(10)));
    assert_eq!((values[1]["value_before"].clone(), values[1]["value_after"].clone()), (json!(10), json!(12)));
    assert_eq!(values[1]["comment"], "Đếm lại");
    assert_eq!(values[1]["by"], "Chi bộ Thôn Ba Ngọc");
    assert!(history.body.as_array().unwrap().iter().all(|e| e["kind"] == "status" || e["indicator_code"] == "CATTLE"));
    let statuses: Vec<&str> =
        history.body.as_array().unwrap().iter().filter(|e| e["kind"] == "status").map(|e| e["status_after"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["submitted", "returned"], "a save that keeps the status is not a status change");
    let other_village = s.app.token("thon.langsung").await;
    assert_eq!(s.app.get(&format!("{}/history", s.path), &other_village).await.status, StatusCode::FORBIDDEN);
}

on_both_databases!(
    the_commune_approves_and_the_figures_are_locked,
    a_return_carries_reasons_to_the_unit_and_the_fix_shows_old_and_new,
    reopening_an_approved_form_needs_a_reason_and_is_audited,
    forbidden_and_out_of_order_decisions_are_refused,
    another_communes_office_cannot_return_this_communes_forms,
    a_figures_history_shows_who_changed_it_from_what_to_what,
);
