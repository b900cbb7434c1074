//! Activity sections through HTTP: saving as one writes, submitting, the
//! commune's decisions, and who may do what.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tonghop_tests::{Answer, Db, TestApp, on_both_databases, spawn_app};

const PERIOD: &str = "2026-H1";

struct Setup {
    app: TestApp,
    writer: String,
    commune: String,
    path: String,
}

async fn setup(db: Db) -> Setup {
    let app = spawn_app(db).await;
    let writer = app.token("phunu.xuanphu").await;
    let commune = app.token("vp.xuanphu").await;
    let path = format!("/api/v1/sections/{}/{PERIOD}", app.unit_id("XP-PHUNU").await);
    Setup { app, writer, commune, path }
}

impl Setup {
    async fn save(&self, token: &str, version: i64, body: &str) -> Answer {
        self.app.call(Method::PUT, &self.path, Some(token), Some(json!({"version": version, "body": body}))).await
    }

    async fn post(&self, action: &str, token: &str, body: Value) -> Answer {
        self.app.call(Method::POST, &format!("{}/{action}", self.path), Some(token), Some(body)).await
    }
}

const TEXT: &str = "Hội đã tổ chức **3 lớp** tập huấn cho *450* hội viên.\n\n- Thăm, tặng quà 120 hộ\n- Duy trì 12 mô hình";

async fn a_mass_organisation_saves_as_it_writes_then_submits(db: Db) {
    let s = setup(db).await;

    let first = s.save(&s.writer, 0, "Hội đã tổ chức").await;
    let second = s.save(&s.writer, 1, TEXT).await;
    let retried = s.save(&s.writer, 1, TEXT).await;
    let stale = s.save(&s.writer, 1, "Bản cũ").await;
    let submitted = s.post("submit", &s.writer, json!({"version": 2, "body": TEXT})).await;
    let after = s.save(&s.writer, 3, "Sửa sau khi gửi").await;

    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
    assert_eq!((first.body["status"].as_str(), first.body["version"].as_i64()), (Some("draft"), Some(1)));
    assert_eq!(second.body["version"], 2);
    assert_eq!(second.body["blocks"][0]["kind"], "paragraph");
    assert_eq!(second.body["blocks"][0]["items"][1], json!({"text": "3 lớp", "bold": true, "italic": false}));
    assert_eq!(second.body["blocks"][1]["kind"], "bullets");
    assert_eq!(second.body["blocks"][1]["items"].as_array().unwrap().len(), 2);
    assert_eq!(retried.status, StatusCode::OK, "a retry of a stored text is answered, not refused");
    assert_eq!(retried.body["version"], 2);
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.code(), "version_conflict");
    assert_eq!(submitted.status, StatusCode::OK, "{:?}", submitted.body);
    assert_eq!(submitted.body["status"], "submitted");
    assert!(submitted.body["submitted_at"].is_string());
    assert_eq!(after.status, StatusCode::CONFLICT);
    assert_eq!(s.app.get(&s.path, &s.commune).await.body["body"], TEXT);
}

/// A version no section can have (found by schemathesis: it overflowed the
/// retry check and answered 500) is a stale one: 409, nothing changed.
async fn the_largest_version_is_a_conflict_not_a_crash(db: Db) {
    let s = setup(db).await;
    assert_eq!(s.save(&s.writer, 0, "Hội đã tổ chức").await.status, StatusCode::OK);

    let huge = s.save(&s.writer, i64::MAX, "Bản lạ").await;

    assert_eq!(huge.status, StatusCode::CONFLICT, "{:?}", huge.body);
    assert_eq!(huge.code(), "version_conflict");
    assert_eq!(s.app.get(&s.path, &s.commune).await.body["body"], "Hội đã tổ chức");
}

async fn the_commune_returns_with_a_reason_then_approves_and_may_reopen(db: Db) {
    let s = setup(db).await;
    s.post("submit", &s.writer, json!({"version": 0, "body": TEXT})).await;

    let no_reason = s.post("return", &s.commune, json!({"version": 1, "reason": "  "})).await;
    let returned = s.post("return", &s.commune, json!({"version": 1, "reason": "Bổ sung số hội viên mới"})).await;
    let fixed = s.post("submit", &s.writer, json!({"version": 2, "body": format!("{TEXT}\n\nKết nạp 35 hội viên mới.")})).await;
    let approved = s.post("approve", &s.commune, json!({"version": 3})).await;
    let locked = s.save(&s.writer, 4, "Thay đổi").await;
    let reopened = s.post("reopen", &s.commune, json!({"version": 4, "reason": "Huyện đề nghị sửa số liệu"})).await;

    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_reason.fields(), vec!["reason"]);
    assert_eq!(returned.body["status"], "returned");
    assert_eq!(returned.body["last_review"]["reason"], "Bổ sung số hội viên mới");
    assert_eq!(returned.body["last_review"]["by"], "Văn phòng Đảng ủy xã Xuân Phú");
    assert_eq!(fixed.body["status"], "submitted", "{:?}", fixed.body);
    assert_eq!(approved.body["status"], "approved", "{:?}", approved.body);
    assert_eq!(locked.status, StatusCode::CONFLICT);
    assert_eq!(reopened.body["status"], "returned");
    assert_eq!(reopened.body["last_review"]["action"], "reopen");
}

async fn only_the_unit_and_the_commune_above_it_write_and_only_the_commune_decides(db: Db) {
    let s = setup(db).await;
    let other_org = s.app.token("doantn.xuanphu").await;
    let village = s.app.token("thon.bangoc").await;
    s.post("submit", &s.writer, json!({"version": 0, "body": TEXT})).await;

    let by_other_org = s.save(&other_org, 1, "Viết hộ").await;
    let read_by_village = s.app.get(&s.path, &village).await;
    let self_approval = s.post("approve", &s.writer, json!({"version": 1})).await;
    let list = s.app.get(&format!("/api/v1/sections?period={PERIOD}"), &s.commune).await;
    let own_list = s.app.get(&format!("/api/v1/sections?period={PERIOD}"), &other_org).await;

    assert_eq!(by_other_org.status, StatusCode::FORBIDDEN);
    assert_eq!(read_by_village.status, StatusCode::FORBIDDEN);
    assert_eq!(self_approval.status, StatusCode::FORBIDDEN);
    let statuses: Vec<(&str, &str)> =
        list.body.as_array().unwrap().iter().map(|s| (s["unit"]["code"].as_str().unwrap(), s["status"].as_str().unwrap())).collect();
    assert_eq!(statuses.len(), 5, "{statuses:?}");
    assert!(statuses.contains(&("XP-PHUNU", "submitted")));
    assert!(statuses.contains(&("XP-DOANTN", "not_started")));
    let own: Vec<&str> = own_list.body.as_array().unwrap().iter().map(|s| s["unit"]["code"].as_str().unwrap()).collect();
    assert_eq!(own, ["XP-DOANTN"]);
}

async fn markup_stays_text_and_bad_input_changes_nothing(db: Db) {
    let s = setup(db).await;
    let future = format!("/api/v1/sections/{}/2027-H1", s.app.unit_id("XP-PHUNU").await);

    let script = s.save(&s.writer, 0, "<script>alert('x')</script> <b>đậm</b>").await;
    let empty_submit = s.post("submit", &s.writer, json!({"version": 1, "body": "   "})).await;
    let too_long = s.save(&s.writer, 1, &"a".repeat(30_001)).await;
    let not_yet = s.app.call(Method::PUT, &future, Some(&s.writer), Some(json!({"version": 0, "body": "Sớm"}))).await;

    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(script.body["blocks"][0]["items"][0]["text"], "<script>alert('x')</script> <b>đậm</b>");
    assert_eq!(empty_submit.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty_submit.fields(), vec!["body"]);
    assert_eq!(too_long.fields(), vec!["body"]);
    assert_eq!(not_yet.fields(), vec!["period"]);
    let stored = s.app.get(&s.path, &s.writer).await;
    assert_eq!((stored.body["version"].as_i64(), stored.body["status"].as_str()), (Some(1), Some("draft")));
}

on_both_databases!(
    a_mass_organisation_saves_as_it_writes_then_submits,
    the_largest_version_is_a_conflict_not_a_crash,
    the_commune_returns_with_a_reason_then_approves_and_may_reopen,
    only_the_unit_and_the_commune_above_it_write_and_only_the_commune_decides,
    markup_stays_text_and_bad_input_changes_nothing,
);
