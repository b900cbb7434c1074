use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tonghop_tests::{Db, TestApp, current_period, on_both_databases, spawn_app};

fn values(indicators: &[(i64, String)], overrides: &[(&str, f64)]) -> Value {
    Value::Array(
        indicators
            .iter()
            .map(|(id, code)| {
                let value = overrides.iter().find(|(c, _)| c == code).map_or(10.0, |(_, v)| *v);
                json!({"indicator_id": id, "value": value})
            })
            .collect(),
    )
}

async fn a_part_larger_than_its_whole_blocks_submission_but_not_a_draft(db: Db) {
    let app = spawn_app(db).await;
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    let token = app.token("thon.bangoc").await;
    let path = TestApp::submission_path(app.unit_id("XP-BANGOC").await, form_id, &current_period());
    let bad = values(&indicators, &[("HOUSEHOLDS", 300.0), ("POOR_HOUSEHOLDS", 301.0)]);

    let draft = app.call(Method::PUT, &path, Some(&token), Some(json!({"version": 0, "values": bad}))).await;
    let submit = app.call(Method::POST, &format!("{path}/submit"), Some(&token), Some(json!({"version": 1, "values": []}))).await;

    assert_eq!(draft.status, StatusCode::OK, "a draft keeps what was typed");
    let warning = draft.body["warnings"].as_array().unwrap().iter().find(|w| w["error"]["field"] == "values.POOR_HOUSEHOLDS").unwrap();
    assert_eq!(warning["severity"], "hard");
    assert_eq!(submit.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(submit.fields(), ["values.POOR_HOUSEHOLDS"]);
    assert_eq!(submit.body["fields"][0]["message"], "Không được lớn hơn tổng số hộ (300 hộ)");
    assert_eq!(app.get(&path, &token).await.body["status"], "draft");
}

async fn a_soft_rule_warns_and_lets_the_form_go(db: Db) {
    let app = spawn_app(db).await;
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    let token = app.token("thon.bangoc").await;
    let path = TestApp::submission_path(app.unit_id("XP-BANGOC").await, form_id, &current_period());

    let sent = app
        .call(
            Method::POST,
            &format!("{path}/submit"),
            Some(&token),
            Some(json!({"version": 0, "values": values(&indicators, &[("TRAFFIC_ACCIDENTS", 9.0)])})),
        )
        .await;

    assert_eq!(sent.status, StatusCode::OK, "{:?}", sent.body);
    let warning = sent.body["warnings"].as_array().unwrap().iter().find(|w| w["error"]["field"] == "values.TRAFFIC_ACCIDENTS").unwrap();
    assert_eq!(
        (warning["severity"].as_str(), warning["error"]["message"].as_str()),
        (Some("soft"), Some("Số vụ tai nạn cao bất thường, kiểm tra lại"))
    );
}

async fn a_figure_far_from_the_villages_own_months_is_flagged_and_its_explanation_kept(db: Db) {
    let app = spawn_app(db).await;
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    let token = app.token("thon.bangoc").await;
    let path = TestApp::submission_path(app.unit_id("XP-BANGOC").await, form_id, &current_period());
    let cattle = indicators.iter().find(|(_, c)| c == "CATTLE").unwrap().0;

    // Ba Ngọc's herd was about 250 head in the months before.
    let typo =
        app.call(Method::PUT, &path, Some(&token), Some(json!({"version": 0, "values": [{"indicator_id": cattle, "value": 2500}]}))).await;
    let explained = app
        .call(
            Method::PUT,
            &path,
            Some(&token),
            Some(json!({"version": 1, "values": [{"indicator_id": cattle, "value": 2500, "comment": "Nhập đàn bò từ trang trại mới"}]})),
        )
        .await;
    let normal =
        app.call(Method::PUT, &path, Some(&token), Some(json!({"version": 2, "values": [{"indicator_id": cattle, "value": 260}]}))).await;

    let outlier = |answer: &tonghop_tests::Answer| {
        answer.body["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["error"]["code"] == "outlier")
            .map(|w| w["error"]["message"].as_str().unwrap().to_owned())
    };
    let message = outlier(&typo).expect("flagged");
    assert!(message.starts_with("Khác xa bình quân các tháng trước"), "{message}");
    assert!(outlier(&explained).unwrap().contains("đã ghi chú lý do"));
    assert_eq!(outlier(&normal), None);
    let reviewer = app.get(&path, &app.token("vp.xuanphu").await).await;
    assert_eq!(reviewer.body["warnings"], normal.body["warnings"], "the reviewer sees the same warnings");
}

async fn only_an_administrator_manages_rules(db: Db) {
    let app = spawn_app(db).await;
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    let admin = app.token("admin").await;
    let commune = app.token("vp.xuanphu").await;
    let cattle = indicators.iter().find(|(_, c)| c == "CATTLE").unwrap().0;
    let rule = json!({"indicator_id": cattle, "kind": "range", "max_value": 5000, "severity": "soft"});

    let refused = app.call(Method::POST, "/api/v1/rules", Some(&commune), Some(rule.clone())).await;
    let created = app.call(Method::POST, "/api/v1/rules", Some(&admin), Some(rule)).await;
    let invalid = app
        .call(
            Method::POST,
            "/api/v1/rules",
            Some(&admin),
            Some(json!({"indicator_id": cattle, "kind": "not_greater_than", "severity": "hard"})),
        )
        .await;
    let listed = app.get(&format!("/api/v1/rules?form_id={form_id}"), &app.token("thon.bangoc").await).await;
    let deleted = app.call(Method::DELETE, &format!("/api/v1/rules/{}", created.body["id"]), Some(&admin), None).await;

    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert_eq!(invalid.fields(), ["other_indicator_id"]);
    assert_eq!(listed.body.as_array().unwrap().len(), 5, "the four demo rules and the new one");
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
}

on_both_databases!(
    a_part_larger_than_its_whole_blocks_submission_but_not_a_draft,
    a_soft_rule_warns_and_lets_the_form_go,
    a_figure_far_from_the_villages_own_months_is_flagged_and_its_explanation_kept,
    only_an_administrator_manages_rules,
);
