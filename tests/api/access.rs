//! The role-and-unit matrix: for each endpoint that touches a unit's data,
//! who may and who may not.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tonghop_tests::{Db, TestApp, current_period, on_both_databases, spawn_app};

/// Adds a second commune (Xã Xuân Bái) with one village and an office login.
async fn second_commune(app: &TestApp) -> (String, i64) {
    let admin = app.token("admin").await;
    let province = app.unit_id("TH").await;
    let commune = app
        .call(
            Method::POST,
            "/api/v1/units",
            Some(&admin),
            Some(json!({"parent_id": province, "kind": "commune", "code": "XB", "name": "Xã Xuân Bái"})),
        )
        .await;
    let village = app
        .call(
            Method::POST,
            "/api/v1/units",
            Some(&admin),
            Some(json!({"parent_id": commune.body["id"], "kind": "village", "code": "XB-THON1", "name": "Thôn 1"})),
        )
        .await;
    let user = json!({"username": "vp.xuanbai", "display_name": "Văn phòng xã Xuân Bái", "password": "xuanbai2026", "role": "commune", "unit_id": commune.body["id"]});
    assert_eq!(app.call(Method::POST, "/api/v1/users", Some(&admin), Some(user)).await.status, StatusCode::CREATED);
    let token = app.login_raw("vp.xuanbai", "xuanbai2026").await.body["access_token"].as_str().unwrap().to_owned();
    (token, village.body["id"].as_i64().unwrap())
}

struct Callers {
    tokens: Vec<(&'static str, String)>,
}

impl Callers {
    async fn new(app: &TestApp) -> Self {
        let mut tokens = Vec::new();
        for name in ["admin", "vp.xuanphu", "tinh.thanhhoa", "thon.bangoc", "thon.langsung"] {
            tokens.push((name, app.token(name).await));
        }
        let (other, _) = second_commune(app).await;
        tokens.push(("vp.xuanbai", other));
        Self { tokens }
    }

    fn token(&self, name: &str) -> &str {
        &self.tokens.iter().find(|(n, _)| *n == name).unwrap().1
    }
}

/// Checks one request for every caller: `allowed` get a success, the rest 403.
async fn check(
    app: &TestApp,
    callers: &Callers,
    what: &str,
    allowed: &[&str],
    mut request: impl AsyncFnMut(&str) -> (Method, String, Option<Value>),
) {
    for (name, token) in &callers.tokens {
        let (method, path, body) = request(name).await;
        let answer = app.call(method, &path, Some(token), body).await;
        if allowed.contains(name) {
            assert!(answer.status.is_success(), "{what}: {name} should be allowed, got {} {:?}", answer.status, answer.body);
        } else {
            assert_eq!(answer.status, StatusCode::FORBIDDEN, "{what}: {name} should be refused, got {:?}", answer.body);
            assert_eq!(answer.code(), "forbidden");
        }
    }
}

async fn each_role_reaches_exactly_its_own_units(db: Db) {
    let app = spawn_app(db).await;
    let callers = Callers::new(&app).await;
    let (form_id, indicators) = app.form("VILLAGE_MONTHLY").await;
    let ba_ngoc = app.unit_id("XP-BANGOC").await;
    let commune = app.unit_id("XP").await;
    let path = TestApp::submission_path(ba_ngoc, form_id, &current_period());
    let admin = callers.token("admin").to_owned();
    let version = async || app.get(&path, &admin).await.body["version"].as_i64().unwrap();
    let values = json!([{"indicator_id": indicators[0].0, "value": 1}]);

    let readers = ["admin", "vp.xuanphu", "tinh.thanhhoa", "thon.bangoc"];
    let writers = ["admin", "vp.xuanphu", "thon.bangoc"];
    let managers = ["admin", "vp.xuanphu"];

    check(&app, &callers, "read a submission", &readers, async |_| (Method::GET, path.clone(), None)).await;
    check(&app, &callers, "read a unit", &readers, async |_| (Method::GET, format!("/api/v1/units/{ba_ngoc}"), None)).await;
    check(&app, &callers, "save a draft", &writers, async |_| {
        (Method::PUT, path.clone(), Some(json!({"version": version().await, "values": values})))
    })
    .await;
    check(&app, &callers, "rename a village", &managers, async |name| {
        (Method::PATCH, format!("/api/v1/units/{ba_ngoc}"), Some(json!({"name": format!("Thôn Ba Ngọc ({name})")})))
    })
    .await;
    check(&app, &callers, "add a village", &managers, async |name| {
        let code = format!("XP-NEW-{}", name.replace('.', "-").to_uppercase());
        (Method::POST, "/api/v1/units".into(), Some(json!({"parent_id": commune, "kind": "village", "code": code, "name": "Thôn mới"})))
    })
    .await;
    check(&app, &callers, "rename its own commune", &["admin"], async |_| {
        (Method::PATCH, format!("/api/v1/units/{commune}"), Some(json!({"name": "Xã Xuân Phú"})))
    })
    .await;
    check(&app, &callers, "create a reporter account", &managers, async |name| {
        let username = format!("moi.{}", name.replace('.', "-"));
        (
            Method::POST,
            "/api/v1/users".into(),
            Some(json!({"username": username, "display_name": "Mới", "password": "matkhau-moi", "role": "reporter", "unit_id": ba_ngoc})),
        )
    })
    .await;
    check(&app, &callers, "create an indicator", &["admin"], async |name| {
        let code = format!("NEW_{}", name.replace('.', "_").to_uppercase());
        (Method::POST, "/api/v1/indicators".into(), Some(json!({"code": code, "name": "Mới", "unit_of_measure": "hộ", "aggregation": "flow", "precision": 0, "higher_is_better": true})))
    })
    .await;
    let reporter_id = app.get("/api/v1/auth/me", callers.token("thon.bangoc")).await.body["id"].as_i64().unwrap();
    check(&app, &callers, "rename a reporter account", &managers, async |name| {
        (Method::PATCH, format!("/api/v1/users/{reporter_id}"), Some(json!({"display_name": format!("Chi bộ ({name})")})))
    })
    .await;
    let grain = indicators[0].0;
    check(&app, &callers, "change an indicator", &["admin"], async |_| {
        let body = json!({"code": "GRAIN_OUTPUT", "name": "Sản lượng lương thực có hạt", "unit_of_measure": "tấn", "aggregation": "flow", "precision": 1, "higher_is_better": true});
        (Method::PUT, format!("/api/v1/indicators/{grain}"), Some(body))
    })
    .await;
    check(&app, &callers, "create a form", &["admin"], async |name| {
        let code = format!("FORM_{}", name.replace('.', "_").to_uppercase());
        (
            Method::POST,
            "/api/v1/forms".into(),
            Some(json!({"code": code, "name": "Biểu mới", "unit_kind": "village", "frequency": "monthly", "indicator_ids": [grain]})),
        )
    })
    .await;
    let ids: Vec<i64> = indicators.iter().map(|(id, _)| *id).collect();
    check(&app, &callers, "change a form", &["admin"], async |_| {
        let body = json!({"code": "VILLAGE_MONTHLY", "name": "Báo cáo tháng của thôn", "unit_kind": "village", "frequency": "monthly", "indicator_ids": ids});
        (Method::PUT, format!("/api/v1/forms/{form_id}"), Some(body))
    })
    .await;
    // Submitting can succeed once; the other writers then meet a submitted
    // form (409), which still shows they got past the access check.
    let all: Vec<Value> = indicators.iter().map(|(id, _)| json!({"indicator_id": id, "value": 3})).collect();
    let mut submitted = false;
    for (name, token) in &callers.tokens {
        let answer =
            app.call(Method::POST, &format!("{path}/submit"), Some(token), Some(json!({"version": version().await, "values": all}))).await;
        if !writers.contains(name) {
            assert_eq!(answer.status, StatusCode::FORBIDDEN, "submit by {name}: {:?}", answer.body);
        } else if submitted {
            assert_eq!(answer.code(), "conflict", "submit by {name} after it was submitted: {:?}", answer.body);
        } else {
            assert_eq!(answer.status, StatusCode::OK, "submit by {name}: {:?}", answer.body);
            submitted = true;
        }
    }
    assert!(submitted);
}

async fn another_communes_office_sees_none_of_this_commune(db: Db) {
    let app = spawn_app(db).await;
    let (other, own_village) = second_commune(&app).await;
    let (form_id, _) = app.form("VILLAGE_MONTHLY").await;

    let units = app.get("/api/v1/units", &other).await;
    let list = app.get(&format!("/api/v1/submissions?form_id={form_id}"), &other).await;

    let codes: Vec<&str> = units.body.as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["XB", "XB-THON1"]);
    let listed: Vec<i64> = list.body.as_array().unwrap().iter().map(|s| s["unit"]["id"].as_i64().unwrap()).collect();
    assert_eq!(listed, [own_village]);
    let table = app.get(&format!("/api/v1/completeness?form_id={form_id}"), &other).await;
    let rows: Vec<i64> = table.body["rows"].as_array().unwrap().iter().map(|r| r["unit"]["id"].as_i64().unwrap()).collect();
    assert_eq!(rows, [own_village]);
    let notices = app.get("/api/v1/notices", &other).await;
    assert!(notices.body.as_array().unwrap().iter().all(|n| n["unit"]["id"] == own_village), "{:?}", notices.body);
}

async fn a_viewer_reads_the_whole_province_but_writes_nothing(db: Db) {
    let app = spawn_app(db).await;
    let viewer = app.token("tinh.thanhhoa").await;
    let (form_id, _) = app.form("VILLAGE_MONTHLY").await;

    let list = app.get(&format!("/api/v1/submissions?form_id={form_id}"), &viewer).await;
    let due = app.get("/api/v1/due", &viewer).await;

    assert_eq!(list.body.as_array().unwrap().len(), 6);
    assert_eq!(due.status, StatusCode::OK);
    assert_eq!(due.body, json!([]), "a province reports no village form");
}

on_both_databases!(
    each_role_reaches_exactly_its_own_units,
    another_communes_office_sees_none_of_this_commune,
    a_viewer_reads_the_whole_province_but_writes_nothing,
);
