//! What the generated requests of `spec_conformance.rs` found, each kind
//! pinned by a plain test: the document lists the extractors' 400, the
//! bearer's 401 and the constraints the server enforces; the server takes
//! `1031.0` for an integer, answers 405 with `Allow` to a method a path does
//! not take, and refuses a body that is not an object.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tonghop_tests::{Db, on_both_databases, spawn_app};

fn document() -> Value {
    serde_json::from_str(&std::fs::read_to_string(tonghop_tests::python::repo().join("openapi/openapi.json")).unwrap()).unwrap()
}

fn responses<'a>(api: &'a Value, method: &str, path: &str) -> Vec<&'a str> {
    api["paths"][path][method]["responses"].as_object().unwrap_or_else(|| panic!("{method} {path}")).keys().map(String::as_str).collect()
}

#[test]
fn every_operation_lists_the_answers_of_its_extractors_and_its_bearer() {
    let api = document();
    for (path, item) in api["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let listed = responses(&api, method, path);
            let params = op["parameters"].as_array().map_or(&[][..], Vec::as_slice);
            if !params.is_empty() || op.get("requestBody").is_some() {
                assert!(listed.contains(&"400"), "{method} {path} does not list 400: {listed:?}");
            }
            if params.iter().any(|p| p["in"] == "path") {
                assert!(listed.contains(&"404"), "{method} {path} does not list 404: {listed:?}");
            }
            if op["security"].as_array().is_some_and(|s| !s.is_empty()) {
                assert!(listed.contains(&"401"), "{method} {path} does not list 401: {listed:?}");
            }
        }
    }
}

#[test]
fn the_document_states_the_constraints_the_server_enforces() {
    let api = document();
    let schemas = &api["components"]["schemas"];
    let param = |path: &str, name: &str| {
        api["paths"][path]["get"]["parameters"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap()["schema"].clone()
    };

    assert_eq!(
        (param("/api/v1/plans", "year")["minimum"].as_i64(), param("/api/v1/plans", "year")["maximum"].as_i64()),
        (Some(2000), Some(2100))
    );
    assert_eq!(param("/api/v1/totals", "period")["$ref"], "#/components/schemas/ReportPeriod");
    assert!(param("/api/v1/sections/{unit_id}/{period}", "period")["$ref"].is_string());
    assert!(param("/api/v1/completeness", "from")["pattern"].is_string());
    assert_eq!(param("/api/v1/data/values", "limit")["minimum"], 1);
    assert_eq!(schemas["NewAccessToken"]["properties"]["expires_in_days"]["maximum"], 365);
    assert!(schemas["NewUser"]["properties"]["username"]["pattern"].is_string());
    assert_eq!(schemas["OutlineEntry"]["properties"]["level"]["maximum"], 3);
}

async fn values_that_do_not_parse_are_400_as_the_document_says(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let api = document();

    let too_large = app.get("/api/v1/units/9223372036854775808", &admin).await;
    let no_year = app.get(&format!("/api/v1/plans?unit_id={}", app.unit_id("XP").await), &admin).await;
    let no_bearer = app.call(Method::GET, "/api/v1/report-templates", None, None).await;

    assert_eq!(too_large.status, StatusCode::BAD_REQUEST);
    assert!(responses(&api, "get", "/api/v1/units/{id}").contains(&"400"));
    assert_eq!(no_year.status, StatusCode::BAD_REQUEST);
    assert!(responses(&api, "get", "/api/v1/plans").contains(&"400"));
    assert_eq!(no_bearer.status, StatusCode::UNAUTHORIZED);
    assert!(responses(&api, "get", "/api/v1/report-templates").contains(&"401"));
}

async fn an_integer_may_be_written_with_a_zero_fraction(db: Db) {
    let app = spawn_app(db).await;
    let session = app.token("vp.xuanphu").await;

    let created =
        app.call(Method::POST, "/api/v1/me/tokens", Some(&session), Some(json!({"name": "Huyện", "expires_in_days": 90.0}))).await;
    let fraction =
        app.call(Method::POST, "/api/v1/me/tokens", Some(&session), Some(json!({"name": "Huyện", "expires_in_days": 90.5}))).await;

    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert_eq!(fraction.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", fraction.body);
    assert_eq!(fraction.fields(), ["expires_in_days"]);
}

async fn a_method_a_path_does_not_take_is_405_with_allow(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let unit = format!("/api/v1/units/{}", app.unit_id("XP").await);

    let delete = app.call(Method::DELETE, &unit, Some(&admin), None).await;
    let put_draft = app.call(Method::PUT, "/api/v1/reports/draft.docx", Some(&admin), Some(json!({}))).await;
    let unknown = app.call(Method::GET, "/api/v1/no-such-thing", Some(&admin), None).await;

    assert_eq!(delete.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(delete.headers["allow"], "GET, PATCH");
    assert_eq!(delete.code(), "method_not_allowed");
    assert_eq!(put_draft.status, StatusCode::METHOD_NOT_ALLOWED, "a literal path is not another route's {{id}}");
    assert_eq!(put_draft.headers["allow"], "GET");
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

async fn a_body_that_is_not_an_object_is_refused(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let unit = format!("/api/v1/units/{}", app.unit_id("XP").await);
    let before = app.get(&unit, &admin).await;

    let array = app.call(Method::PATCH, &unit, Some(&admin), Some(json!([]))).await;
    let positional = app.call(Method::PATCH, &unit, Some(&admin), Some(json!(["Xã khác"]))).await;
    let after = app.get(&unit, &admin).await;

    assert_eq!(array.status, StatusCode::BAD_REQUEST, "{:?}", array.body);
    assert_eq!(positional.status, StatusCode::BAD_REQUEST, "{:?}", positional.body);
    assert_eq!(after.body, before.body);
}

on_both_databases!(
    values_that_do_not_parse_are_400_as_the_document_says,
    an_integer_may_be_written_with_a_zero_fraction,
    a_method_a_path_does_not_take_is_405_with_allow,
    a_body_that_is_not_an_object_is_refused,
);
