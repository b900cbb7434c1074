use reqwest::{Method, StatusCode};
use serde_json::json;
use tonghop_tests::{Db, TestApp, all_values, current_period, on_both_databases, spawn_app};

fn previous(period: &str, n: usize) -> String {
    let mut p: tonghop_shared::MonthPeriod = period.parse().unwrap();
    for _ in 0..n {
        p = p.previous();
    }
    p.to_string()
}

async fn the_commune_sees_units_by_period_with_totals(db: Db) {
    let app = spawn_app(db).await;
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    let reporter = app.token("thon.bangoc").await;
    let path = TestApp::submission_path(app.unit_id("XP-BANGOC").await, form_id, &current_period());
    app.call(Method::POST, &format!("{path}/submit"), Some(&reporter), Some(json!({"version": 0, "values": all_values(&indicators, 1.0)})))
        .await;
    let from = previous(&current_period(), 2);

    let answer = app.get(&format!("/api/v1/completeness?form_id={form_id}&from={from}"), &app.token("vp.xuanphu").await).await;

    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    assert_eq!(answer.body["periods"], json!([from, previous(&current_period(), 1), current_period()]));
    let rows = answer.body["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let phu_xuan = rows.iter().find(|r| r["unit"]["code"] == "XP-PHUXUAN").unwrap();
    assert_eq!(phu_xuan["cells"][1]["status"], "not_started");
    assert_eq!(phu_xuan["cells"][0]["status"], "submitted");
    let totals = answer.body["totals"].as_array().unwrap();
    assert_eq!(
        (totals[0]["expected"].as_u64(), totals[0]["received"].as_u64(), totals[0]["on_time"].as_u64()),
        (Some(6), Some(6), Some(6))
    );
    assert_eq!((totals[1]["received"].as_u64(), totals[1]["received_percent"].as_f64()), (Some(5), Some(83.3)));
    assert_eq!((totals[2]["received"].as_u64(), totals[2]["received_percent"].as_f64()), (Some(1), Some(16.7)));
}

async fn a_bad_range_is_refused_by_field(db: Db) {
    let app = spawn_app(db).await;
    let (form_id, _) = app.form("VILLAGE_MONTHLY").await;
    let token = app.token("vp.xuanphu").await;

    let reversed = app.get(&format!("/api/v1/completeness?form_id={form_id}&from=2026-06&to=2026-01"), &token).await;
    let malformed = app.get(&format!("/api/v1/completeness?form_id={form_id}&to=June"), &token).await;

    assert_eq!(reversed.fields(), ["from"]);
    assert_eq!(malformed.fields(), ["to"]);
}

async fn a_unit_is_told_of_its_return_and_the_commune_of_new_submissions(db: Db) {
    let app = spawn_app(db).await;
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    let reporter = app.token("thon.bangoc").await;
    let commune = app.token("vp.xuanphu").await;
    let path = TestApp::submission_path(app.unit_id("XP-BANGOC").await, form_id, &current_period());
    let sent = app
        .call(Method::POST, &format!("{path}/submit"), Some(&reporter), Some(json!({"version": 0, "values": all_values(&indicators, 1.0)})))
        .await;

    let waiting = app.get("/api/v1/notices", &commune).await;
    let submitted: Vec<&str> =
        waiting.body.as_array().unwrap().iter().filter(|n| n["kind"] == "submitted").map(|n| n["unit"]["code"].as_str().unwrap()).collect();
    assert!(submitted.contains(&"XP-BANGOC"), "{submitted:?}");

    app.call(
        Method::POST,
        &format!("{path}/return"),
        Some(&commune),
        Some(json!({"version": sent.body["version"], "reason": "Thiếu số liệu chăn nuôi"})),
    )
    .await;
    let told = app.get("/api/v1/notices", &reporter).await;

    let first = &told.body[0];
    assert_eq!(first["kind"], "returned");
    assert!(first["message"].as_str().unwrap().ends_with("Thiếu số liệu chăn nuôi"), "{first}");
    // Phú Xuân has not sent last month: overdue once its deadline has passed.
    let last: tonghop_shared::MonthPeriod = previous(&current_period(), 1).parse().unwrap();
    let past_deadline = tonghop::clock::today() > last.deadline(&Default::default());
    let phu_xuan = app.get("/api/v1/notices", &app.token("thon.phuxuan").await).await;
    let overdue: Vec<&str> =
        phu_xuan.body.as_array().unwrap().iter().filter(|n| n["kind"] == "overdue").map(|n| n["period"].as_str().unwrap()).collect();
    assert_eq!(overdue, if past_deadline { vec![last.to_string()] } else { vec![] }.iter().map(String::as_str).collect::<Vec<_>>());
}

on_both_databases!(
    the_commune_sees_units_by_period_with_totals,
    a_bad_range_is_refused_by_field,
    a_unit_is_told_of_its_return_and_the_commune_of_new_submissions,
);
