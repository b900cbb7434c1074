//! A client generated from the committed `openapi/openapi.json` alone pulls
//! the same totals, completeness and figures as a plain HTTP reader.
//!
//! Upper levels pull data with scripts, so the document must be good enough
//! for a generator, not only for Swagger UI. The generator is
//! openapi-python-client (PyPI, pinned in `tests/client/requirements.txt`):
//! well kept, reads OpenAPI 3.1 (which utoipa writes), and Python is what
//! such scripts are written in. It runs with `--fail-on-warning`, so an
//! operation it cannot generate (a dangling `$ref`, an unnamed schema it
//! cannot type) fails this test; `tests/client/generator.yml` only maps the
//! file media types (CSV, XLSX, DOCX) to bytes. The first run creates
//! `target/client-venv` (python3 with venv; about 40 s), again only when the
//! requirements change; after that generating takes 3 s and the pull 4 s on
//! an idle machine (up to 15 s and 8 s while the machine builds).

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tonghop_tests::python::{self, repo, run};
use tonghop_tests::{Db, TestApp, current_period, on_both_databases, spawn_app};

const USER: &str = "tinh.thanhhoa";
const PAGE_SIZE: usize = 150;

fn client_dir() -> PathBuf {
    repo().join("tests/client")
}

/// The virtual environment with the pinned generator.
fn venv() -> PathBuf {
    python::venv("client-venv", "tests/client/requirements.txt")
}

/// What `tests/client/pull.py` prints, run with a client generated into a
/// fresh directory from the committed document.
fn pull_with_generated_client(app: &TestApp, unit_id: i64, year: &str, form_id: i64, from: &str, to: &str) -> Value {
    let venv = venv();
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    run(Command::new(venv.join("bin/openapi-python-client"))
        .args(["generate", "--meta", "none", "--fail-on-warning", "--path"])
        .arg(repo().join("openapi/openapi.json"))
        .arg("--config")
        .arg(client_dir().join("generator.yml"))
        .arg("--output-path")
        .arg(dir.path().join("tonghop_api_client")));
    let generated = started.elapsed();
    let password = tonghop::demo::logins().into_iter().find(|l| l.username == USER).expect("demo login").password;
    let stdout = run(Command::new(venv.join("bin/python"))
        .arg(client_dir().join("pull.py"))
        .args([&app.address, USER, password, &unit_id.to_string(), year, &form_id.to_string(), from, to, &PAGE_SIZE.to_string()])
        .env("PYTHONPATH", dir.path())
        .env("PYTHONDONTWRITEBYTECODE", "1"));
    eprintln!("generated the client in {generated:?}, pulled in {:?}", started.elapsed() - generated);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("pull.py printed no JSON ({e}): {stdout}"))
}

fn comparison(c: &Value) -> Value {
    json!({"base": c["base"], "percent": c["percent"], "change": c["change"]})
}

/// The same figures as `pull.py` picks, read here over plain HTTP.
async fn pull_over_http(app: &TestApp, unit_id: i64, year: &str, form_id: i64, from: &str, to: &str) -> Value {
    let token = app.token(USER).await;
    let table = app.get(&format!("/api/v1/totals?unit_id={unit_id}&period={year}"), &token).await;
    assert_eq!(table.status, StatusCode::OK, "{:?}", table.body);
    let rows: Vec<Value> = table.body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            json!({"code": r["indicator"]["code"], "actual": r["actual"], "plan": comparison(&r["plan"]),
                "last_year": comparison(&r["last_year"]), "status": r["status"]})
        })
        .collect();

    let sheet = app.get(&format!("/api/v1/completeness?form_id={form_id}&from={from}&to={to}"), &token).await;
    assert_eq!(sheet.status, StatusCode::OK, "{:?}", sheet.body);
    let totals: Vec<Value> = sheet.body["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            json!({"period": t["period"], "deadline": t["deadline"], "expected": t["expected"],
                "received": t["received"], "received_percent": t["received_percent"]})
        })
        .collect();
    let cells: Vec<Value> = sheet.body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let statuses: Vec<Value> = r["cells"].as_array().unwrap().iter().map(|c| c["status"].clone()).collect();
            json!({"unit_id": r["unit"]["id"], "statuses": statuses})
        })
        .collect();

    let (mut figures, mut pages, mut cursor) = (Vec::new(), 0, String::new());
    loop {
        let path = format!("/api/v1/data/values?unit_id={unit_id}&from={from}&to={to}&limit={PAGE_SIZE}{cursor}");
        let page = app.get(&path, &token).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {:?}", page.body);
        pages += 1;
        figures.extend(page.body["items"].as_array().unwrap().iter().map(|v| {
            json!({"unit_id": v["unit_id"], "indicator_code": v["indicator_code"], "period": v["period"],
                "value": v["value"], "status": v["status"]})
        }));
        match page.body["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }

    json!({
        "token_type": "Bearer",
        "totals": {"unit_id": unit_id, "period": year, "rows": rows, "sentence": table.body["summary"]["sentence"]},
        "completeness": {"periods": sheet.body["periods"], "totals": totals, "cells": cells},
        "values": {"pages": pages, "rows": figures},
    })
}

/// Equal as JSON, numbers compared by value (`5` and `5.0` are the same figure).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

async fn a_client_generated_from_the_committed_document_pulls_totals_completeness_and_figures(db: Db) {
    let app = spawn_app(db).await;
    let (unit_id, (form_id, _)) = (app.unit_id("XP").await, app.form("VILLAGE_MONTHLY").await);
    let to = current_period();
    let year = to[..4].to_owned();
    let from = format!("{year}-01");

    let by_client = tokio::task::block_in_place(|| pull_with_generated_client(&app, unit_id, &year, form_id, &from, &to));
    let by_http = pull_over_http(&app, unit_id, &year, form_id, &from, &to).await;

    eprintln!(
        "{db:?}: {} totals rows, {} units in completeness, {} figures in {} pages",
        by_client["totals"]["rows"].as_array().map_or(0, Vec::len),
        by_client["completeness"]["cells"].as_array().map_or(0, Vec::len),
        by_client["values"]["rows"].as_array().map_or(0, Vec::len),
        by_client["values"]["pages"]
    );
    assert!(by_client["values"]["pages"].as_i64().unwrap() > 1, "the walk should span pages: {}", by_client["values"]["pages"]);
    assert!(!by_client["values"]["rows"].as_array().unwrap().is_empty());
    assert!(!by_client["completeness"]["cells"].as_array().unwrap().is_empty());
    for part in ["token_type", "totals", "completeness", "values"] {
        assert!(
            same(&by_client[part], &by_http[part]),
            "{part} differs.\ngenerated client: {}\nplain HTTP:       {}",
            by_client[part],
            by_http[part]
        );
    }
}

on_both_databases!(a_client_generated_from_the_committed_document_pulls_totals_completeness_and_figures);
