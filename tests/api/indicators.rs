use reqwest::{Method, StatusCode};
use serde_json::json;
use tonghop_tests::{Db, on_both_databases, spawn_app};

fn indicator(code: &str) -> serde_json::Value {
    json!({"code": code, "name": "Số hộ có nước sạch", "unit_of_measure": "hộ", "aggregation": "stock", "precision": 0, "higher_is_better": true})
}

async fn the_demo_has_at_least_twenty_indicators_named_in_vietnamese(db: Db) {
    let app = spawn_app(db).await;

    let answer = app.get("/api/v1/indicators", &app.token("thon.bangoc").await).await;

    let list = answer.body.as_array().unwrap();
    assert!(list.len() >= 20, "{}", list.len());
    let grain = list.iter().find(|i| i["code"] == "GRAIN_OUTPUT").unwrap();
    assert_eq!((grain["name"].as_str().unwrap(), grain["unit_of_measure"].as_str().unwrap()), ("Sản lượng lương thực có hạt", "tấn"));
    let poverty = list.iter().find(|i| i["code"] == "POVERTY_RATE").unwrap();
    assert_eq!(poverty["aggregation"], "rate");
    assert_eq!(poverty["higher_is_better"], false);
    assert!(poverty["numerator_id"].is_i64() && poverty["denominator_id"].is_i64());
}

async fn only_an_administrator_creates_indicators_and_forms(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let commune = app.token("vp.xuanphu").await;

    let refused = app.call(Method::POST, "/api/v1/indicators", Some(&commune), Some(indicator("CLEAN_WATER"))).await;
    let created = app.call(Method::POST, "/api/v1/indicators", Some(&admin), Some(indicator("CLEAN_WATER"))).await;
    let form = app
        .call(
            Method::POST,
            "/api/v1/forms",
            Some(&admin),
            Some(json!({"code": "WATER", "name": "Nước sạch", "unit_kind": "village", "frequency": "monthly", "indicator_ids": [created.body["id"]]})),
        )
        .await;

    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(form.status, StatusCode::CREATED, "{:?}", form.body);
    assert_eq!(form.body["indicators"][0]["code"], "CLEAN_WATER");
}

async fn a_bad_indicator_is_refused_field_by_field(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;

    let answer = app
        .call(
            Method::POST,
            "/api/v1/indicators",
            Some(&admin),
            Some(json!({"code": "x", "name": "", "unit_of_measure": "%", "aggregation": "rate", "precision": 7, "higher_is_better": true})),
        )
        .await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields(), ["code", "name", "precision", "numerator_id"]);
}

async fn an_administrator_reorders_a_form_but_cannot_change_its_code(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    let reversed: Vec<i64> = indicators.iter().rev().skip(1).map(|(id, _)| *id).collect();
    let body = |code: &str, ids: &[i64]| json!({"code": code, "name": "Báo cáo tháng của thôn", "unit_kind": "village", "frequency": "monthly", "indicator_ids": ids});

    let changed = app.call(Method::PUT, &format!("/api/v1/forms/{form_id}"), Some(&admin), Some(body("VILLAGE_MONTHLY", &reversed))).await;
    let recoded = app.call(Method::PUT, &format!("/api/v1/forms/{form_id}"), Some(&admin), Some(body("OTHER", &reversed))).await;
    let repeated = app
        .call(Method::PUT, &format!("/api/v1/forms/{form_id}"), Some(&admin), Some(body("VILLAGE_MONTHLY", &[reversed[0], reversed[0]])))
        .await;

    assert_eq!(changed.status, StatusCode::OK, "{:?}", changed.body);
    let ids: Vec<i64> = changed.body["indicators"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, reversed);
    assert_eq!(recoded.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(repeated.fields(), ["indicator_ids"]);
    assert_eq!(app.form("VILLAGE_MONTHLY").await.1.len(), indicators.len() - 1);
}

on_both_databases!(
    an_administrator_reorders_a_form_but_cannot_change_its_code,
    the_demo_has_at_least_twenty_indicators_named_in_vietnamese,
    only_an_administrator_creates_indicators_and_forms,
    a_bad_indicator_is_refused_field_by_field,
);
