use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tonghop_tests::{Db, TestApp, all_values, current_period, on_both_databases, spawn_app};

struct Village {
    token: String,
    path: String,
    indicators: Vec<(i64, String)>,
}

/// Ba Ngọc's reporter and the path of this month's village form.
async fn ba_ngoc(app: &TestApp) -> Village {
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    let unit = app.unit_id("XP-BANGOC").await;
    Village { token: app.token("thon.bangoc").await, path: TestApp::submission_path(unit, form_id, &current_period()), indicators }
}

fn body(version: i64, values: Value) -> Option<Value> {
    Some(json!({"version": version, "values": values}))
}

fn one(indicators: &[(i64, String)], code: &str, value: Value) -> Value {
    let id = indicators.iter().find(|(_, c)| c == code).unwrap().0;
    json!([{"indicator_id": id, "value": value}])
}

async fn a_reporter_sees_this_months_form_due(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;

    let due = app.get("/api/v1/due", &v.token).await;

    assert_eq!(due.status, StatusCode::OK);
    let current = due.body.as_array().unwrap().iter().find(|d| d["period"] == current_period()).expect("current period due");
    assert_eq!(current["status"], "not_started");
    assert_eq!(current["form_name"], "Báo cáo tháng của thôn");
    assert!(current["deadline"].as_str().unwrap() > current["period_end"].as_str().unwrap());
}

async fn a_reporter_saves_a_draft_then_submits(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;

    let empty = app.get(&v.path, &v.token).await;
    assert_eq!((empty.body["status"].as_str(), empty.body["version"].as_i64()), (Some("not_started"), Some(0)));
    let draft = app.call(Method::PUT, &v.path, Some(&v.token), body(0, one(&v.indicators, "GRAIN_OUTPUT", json!(1936.5)))).await;
    assert_eq!(draft.status, StatusCode::OK, "{:?}", draft.body);
    assert_eq!((draft.body["status"].as_str(), draft.body["version"].as_i64()), (Some("draft"), Some(1)));
    let submitted =
        app.call(Method::POST, &format!("{}/submit", v.path), Some(&v.token), body(1, all_values(&v.indicators[1..], 12.0))).await;

    assert_eq!(submitted.status, StatusCode::OK, "{:?}", submitted.body);
    assert_eq!(submitted.body["status"], "submitted");
    assert_eq!(submitted.body["version"], 2);
    assert_eq!(submitted.body["late"], false);
    assert_eq!(submitted.body["submitted_by"], "Chi bộ Thôn Ba Ngọc");
    let grain = submitted.body["values"].as_array().unwrap().iter().find(|x| x["indicator_code"] == "GRAIN_OUTPUT").unwrap();
    assert_eq!(grain["value"], 1936.5, "the draft's figure was kept");
    let due = app.get("/api/v1/due", &v.token).await;
    assert_eq!(due.body.as_array().unwrap().iter().find(|d| d["period"] == current_period()).unwrap()["status"], "submitted");
}

async fn invalid_figures_are_refused_by_field_and_nothing_is_saved(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    let id = |code: &str| v.indicators.iter().find(|(_, c)| c == code).unwrap().0;

    let answer = app
        .call(
            Method::PUT,
            &v.path,
            Some(&v.token),
            body(
                0,
                json!([
                    {"indicator_id": id("GRAIN_OUTPUT"), "value": 12.5},
                    {"indicator_id": id("CATTLE"), "value": -3},
                    {"indicator_id": id("POULTRY"), "value": 10.5},
                    {"indicator_id": 999_999, "value": 1}
                ]),
            ),
        )
        .await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.code(), "validation_failed");
    assert_eq!(answer.fields(), ["values.CATTLE", "values.POULTRY", "values[3].indicator_id"]);
    let messages: Vec<&str> = answer.body["fields"].as_array().unwrap().iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert_eq!(messages[0], "Số liệu không được âm");
    assert_eq!(messages[1], "Chỉ nhập số nguyên (con)");
    assert_eq!(app.get(&v.path, &v.token).await.body["status"], "not_started", "nothing half-saved");
}

async fn submitting_with_missing_figures_names_each_one(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;

    let answer =
        app.call(Method::POST, &format!("{}/submit", v.path), Some(&v.token), body(0, one(&v.indicators, "CATTLE", json!(250)))).await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields().len(), v.indicators.len() - 1);
    assert!(answer.fields().contains(&"values.GRAIN_OUTPUT".to_owned()));
    assert_eq!(app.get(&v.path, &v.token).await.body["status"], "not_started");
}

async fn a_save_from_a_stale_version_is_a_409_and_changes_nothing(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    app.call(Method::PUT, &v.path, Some(&v.token), body(0, one(&v.indicators, "CATTLE", json!(250)))).await;
    app.call(Method::PUT, &v.path, Some(&v.token), body(1, one(&v.indicators, "CATTLE", json!(260)))).await;

    let stale = app.call(Method::PUT, &v.path, Some(&v.token), body(1, one(&v.indicators, "CATTLE", json!(999)))).await;

    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.code(), "version_conflict");
    let stored = app.get(&v.path, &v.token).await;
    assert_eq!(stored.body["version"], 2);
    let cattle = stored.body["values"].as_array().unwrap().iter().find(|x| x["indicator_code"] == "CATTLE").unwrap();
    assert_eq!(cattle["value"], 260);
}

async fn two_phones_saving_the_same_version_at_once_do_not_both_win(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    app.call(Method::PUT, &v.path, Some(&v.token), body(0, one(&v.indicators, "CATTLE", json!(250)))).await;

    let (a, b) = tokio::join!(
        app.call(Method::PUT, &v.path, Some(&v.token), body(1, one(&v.indicators, "CATTLE", json!(300)))),
        app.call(Method::PUT, &v.path, Some(&v.token), body(1, one(&v.indicators, "CATTLE", json!(400)))),
    );

    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let stored = app.get(&v.path, &v.token).await;
    assert_eq!(stored.body["version"], 2);
    let winner = if a.status == StatusCode::OK { 300 } else { 400 };
    let cattle = stored.body["values"].as_array().unwrap().iter().find(|x| x["indicator_code"] == "CATTLE").unwrap();
    assert_eq!(cattle["value"], winner);
}

/// A phone resending one save many times at once (a weak line): every copy
/// is answered 200 and one version is stored, on PostgreSQL as on SQLite.
async fn copies_of_one_save_sent_at_once_are_all_answered_and_stored_once(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    let client = reqwest::Client::new();
    let request = body(0, all_values(&v.indicators, 3.0)).unwrap();
    for round in 0..2 {
        let copies: Vec<_> = (0..12)
            .map(|_| {
                let (client, url, token, request) =
                    (client.clone(), format!("{}{}", app.address, v.path), v.token.clone(), request.clone());
                tokio::spawn(async move { client.put(url).bearer_auth(token).json(&request).send().await.unwrap().status() })
            })
            .collect();
        let mut statuses = Vec::new();
        for copy in copies {
            statuses.push(copy.await.unwrap());
        }
        assert!(statuses.iter().all(|s| *s == StatusCode::OK), "round {round}: {statuses:?}");
        assert_eq!(app.get(&v.path, &v.token).await.body["version"], 1, "one version however many copies");
    }
}

/// Two phones saving the same version with figures in opposite orders at
/// once: one wins, the other is told of the conflict (409), never a 500
/// (on PostgreSQL the two used to lock the figures' rows crosswise: a deadlock).
async fn figures_saved_in_opposite_orders_at_once_are_a_conflict_never_a_deadlock(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    app.call(Method::PUT, &v.path, Some(&v.token), body(0, all_values(&v.indicators, 1.0))).await;
    for round in 0..10 {
        let version = app.get(&v.path, &v.token).await.body["version"].as_i64().unwrap();
        let forward = all_values(&v.indicators, f64::from(10 + round));
        let mut backward = forward.clone();
        backward.as_array_mut().unwrap().reverse();
        for value in backward.as_array_mut().unwrap() {
            value["value"] = json!(20 + round);
        }
        let (a, b) = tokio::join!(
            app.call(Method::PUT, &v.path, Some(&v.token), body(version, forward)),
            app.call(Method::PUT, &v.path, Some(&v.token), body(version, backward)),
        );
        let mut statuses = [a.status.as_u16(), b.status.as_u16()];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "round {round}: {:?} {:?}", a.body, b.body);
    }
}

async fn a_retried_submit_is_answered_once_and_creates_nothing_new(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    let request = body(0, all_values(&v.indicators, 7.0));

    let first = app.call(Method::POST, &format!("{}/submit", v.path), Some(&v.token), request.clone()).await;
    let retry = app.call(Method::POST, &format!("{}/submit", v.path), Some(&v.token), request).await;

    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(retry.status, StatusCode::OK, "{:?}", retry.body);
    assert_eq!(retry.body, first.body);
    use tonghop::db::schema::submissions;
    let unit = first.body["unit"]["id"].as_i64().unwrap();
    let mut conn = app.pool.get().unwrap();
    let rows: i64 = submissions::table
        .filter(submissions::unit_id.eq(unit))
        .filter(submissions::period.eq(current_period()))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(rows, 1);
}

async fn a_submitted_form_cannot_be_changed(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    app.call(Method::POST, &format!("{}/submit", v.path), Some(&v.token), body(0, all_values(&v.indicators, 7.0))).await;

    let edit = app.call(Method::PUT, &v.path, Some(&v.token), body(1, one(&v.indicators, "CATTLE", json!(1)))).await;

    assert_eq!(edit.status, StatusCode::CONFLICT);
    assert_eq!(edit.code(), "conflict");
}

async fn future_and_malformed_periods_are_refused(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    let next = current_period().parse::<tonghop_shared::MonthPeriod>().unwrap().next().to_string();
    let future_path = v.path.replace(&current_period(), &next);

    let future = app.call(Method::PUT, &future_path, Some(&v.token), body(0, one(&v.indicators, "CATTLE", json!(1)))).await;
    let malformed = app.get(&v.path.replace(&current_period(), "2026-13"), &v.token).await;

    assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(future.fields(), ["period"]);
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(malformed.fields(), ["period"]);
}

async fn every_change_to_a_value_is_audited(db: Db) {
    use tonghop::db::schema::audit_log;
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;

    app.call(Method::PUT, &v.path, Some(&v.token), body(0, one(&v.indicators, "CATTLE", json!(250)))).await;
    let saved = app.call(Method::PUT, &v.path, Some(&v.token), body(1, one(&v.indicators, "CATTLE", json!(260)))).await;

    let id = saved.body["id"].as_i64().unwrap();
    let mut conn = app.pool.get().unwrap();
    let entries: Vec<(Option<String>, Option<String>)> = audit_log::table
        .filter(audit_log::entity.eq("value"))
        .filter(audit_log::entity_id.eq(id))
        .order(audit_log::id)
        .select((audit_log::before_json, audit_log::after_json))
        .load(&mut conn)
        .unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].0, None);
    assert!(entries[1].0.as_deref().unwrap().contains("250") && entries[1].1.as_deref().unwrap().contains("260"));
}

async fn the_commune_sees_every_villages_submission_and_figures(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    app.call(Method::POST, &format!("{}/submit", v.path), Some(&v.token), body(0, all_values(&v.indicators, 42.0))).await;
    let (form_id, _) = app.form("VILLAGE_MONTHLY").await;

    let list = app.get(&format!("/api/v1/submissions?form_id={form_id}&period={}", current_period()), &app.token("vp.xuanphu").await).await;

    assert_eq!(list.status, StatusCode::OK);
    let rows = list.body.as_array().unwrap();
    assert_eq!(rows.len(), 6, "every village, sent or not");
    let ba_ngoc = rows.iter().find(|r| r["unit"]["code"] == "XP-BANGOC").unwrap();
    assert_eq!(ba_ngoc["status"], "submitted");
    assert!(ba_ngoc["values"].as_array().unwrap().iter().all(|x| x["value"] == 42));
    assert_eq!(rows.iter().filter(|r| r["status"] == "not_started").count(), 5);
}

async fn last_month_shows_the_village_that_has_not_sent(db: Db) {
    let app = spawn_app(db).await;
    let (form_id, _) = app.form("VILLAGE_MONTHLY").await;
    let last = current_period().parse::<tonghop_shared::MonthPeriod>().unwrap().previous().to_string();

    let list = app.get(&format!("/api/v1/submissions?form_id={form_id}&period={last}"), &app.token("vp.xuanphu").await).await;

    let missing: Vec<&str> =
        list.body.as_array().unwrap().iter().filter(|r| r["status"] != "submitted").map(|r| r["unit"]["name"].as_str().unwrap()).collect();
    assert_eq!(missing, ["Thôn Phú Xuân"]);
    let phu_xuan_due = app.get("/api/v1/due", &app.token("thon.phuxuan").await).await;
    assert_eq!(phu_xuan_due.body.as_array().unwrap().iter().filter(|d| d["period"] == last).count(), 1, "still due");
}

on_both_databases!(
    a_reporter_sees_this_months_form_due,
    a_reporter_saves_a_draft_then_submits,
    invalid_figures_are_refused_by_field_and_nothing_is_saved,
    submitting_with_missing_figures_names_each_one,
    a_save_from_a_stale_version_is_a_409_and_changes_nothing,
    two_phones_saving_the_same_version_at_once_do_not_both_win,
    copies_of_one_save_sent_at_once_are_all_answered_and_stored_once,
    figures_saved_in_opposite_orders_at_once_are_a_conflict_never_a_deadlock,
    a_retried_submit_is_answered_once_and_creates_nothing_new,
    a_submitted_form_cannot_be_changed,
    future_and_malformed_periods_are_refused,
    every_change_to_a_value_is_audited,
    the_commune_sees_every_villages_submission_and_figures,
    last_month_shows_the_village_that_has_not_sent,
);
