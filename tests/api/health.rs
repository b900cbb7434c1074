use reqwest::{Method, StatusCode};
use tonghop_tests::{Db, on_both_databases, spawn_app};

async fn health_names_the_database_it_runs_on(db: Db) {
    let app = spawn_app(db).await;

    let answer = app.call(Method::GET, "/api/health", None, None).await;

    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body["status"], "ok");
    assert_eq!(answer.body["database"], if db == Db::Sqlite { "sqlite" } else { "postgres" });
    for path in ["/api/health/live", "/api/health/ready"] {
        let answer = app.call(Method::GET, path, None, None).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert_eq!(answer.body["status"], "ok", "{path}");
    }
}

async fn unknown_api_paths_answer_404_in_the_error_shape(db: Db) {
    let app = spawn_app(db).await;

    let answer = app.call(Method::GET, "/api/v1/nothing-here", None, None).await;

    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.code(), "not_found");
}

async fn app_routes_serve_the_single_page_app(db: Db) {
    let app = spawn_app(db).await;

    let answer = reqwest::get(format!("{}/forms/1/2026-06", app.address)).await.unwrap();

    assert_eq!(answer.status(), StatusCode::OK);
    assert!(answer.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(answer.text().await.unwrap().to_lowercase().starts_with("<!doctype html"));
}

on_both_databases!(
    health_names_the_database_it_runs_on,
    unknown_api_paths_answer_404_in_the_error_shape,
    app_routes_serve_the_single_page_app
);
