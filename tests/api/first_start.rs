//! An empty database gets its first unit and administrator from the command
//! line, who then logs in through the API: on a fresh SQLite file and a fresh
//! PostgreSQL database.

use std::net::TcpListener;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tonghop::cli::{Cli, run};
use tonghop::config::Settings;
use tonghop_tests::{Db, postgres_base};

/// A database nobody has touched: its URL, and what to drop afterwards.
struct Fresh {
    url: String,
    dir: tempfile::TempDir,
    pg_name: Option<String>,
}

impl Fresh {
    fn new(db: Db) -> Self {
        let dir = tempfile::tempdir().unwrap();
        match db {
            Db::Sqlite => Fresh { url: dir.path().join("empty.sqlite").to_string_lossy().into_owned(), dir, pg_name: None },
            Db::Postgres => {
                let name = format!("tonghop_first_start_{}_{}", std::process::id(), chrono::Utc::now().timestamp_nanos_opt().unwrap());
                let mut admin = PgConnection::establish(&format!("{}/postgres", postgres_base())).expect("PostgreSQL");
                admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
                Fresh { url: format!("{}/{name}", postgres_base()), dir, pg_name: Some(name) }
            }
        }
    }

    /// Runs `tonghop <args>` on this database; the error as the terminal shows it.
    async fn tonghop(&self, args: &[&str]) -> Result<(), String> {
        let dir = self.dir.path().to_string_lossy().into_owned();
        let mut all = vec!["tonghop", "--database-url", &self.url, "--data-dir", &dir];
        all.extend_from_slice(args);
        run(Cli::try_from_args(all).expect("arguments the binary accepts")).await.map_err(|e| format!("{e:#}"))
    }
}

impl Drop for Fresh {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_name
            && let Ok(mut admin) = PgConnection::establish(&format!("{}/postgres", postgres_base()))
        {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

async fn an_empty_database_gets_its_first_unit_and_administrator_from_the_command_line(db: Db) {
    let fresh = Fresh::new(db);
    fresh.tonghop(&["migrate"]).await.unwrap();
    let admin =
        ["create-user", "--username", "quantri", "--display-name", "Quản trị", "--password", "mat-khau-dai-2026", "--role", "admin"];

    let no_unit = fresh.tonghop(&[&admin[..], &["--unit", "XP"]].concat()).await.unwrap_err();
    assert!(no_unit.contains("tonghop create-unit"), "says what to do first: {no_unit}");
    fresh.tonghop(&["create-unit", "--code", "XP", "--name", "Xã Xuân Phú", "--kind", "commune"]).await.unwrap();
    fresh.tonghop(&[&admin[..], &["--unit", "XP"]].concat()).await.unwrap();
    let again = fresh.tonghop(&["create-unit", "--code", "XP", "--name", "Xã khác"]).await.unwrap_err();
    assert!(again.contains("đã được dùng"), "{again}");

    let settings = Settings { database_url: fresh.url.clone(), data_dir: fresh.dir.path().to_path_buf(), ..Settings::default() };
    let state = tonghop::cli::prepare(&settings).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let server = tonghop::startup::Application::build(state, listener).unwrap();
    let address = format!("http://127.0.0.1:{}", server.port());
    let handle = server.handle();
    tokio::spawn(server.run_until_stopped());
    let client = reqwest::Client::new();
    let login = client
        .post(format!("{address}/api/v1/auth/login"))
        .json(&json!({"username": "quantri", "password": "mat-khau-dai-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    let token = login.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned();
    let units = client.get(format!("{address}/api/v1/units")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(units.status(), StatusCode::OK);
    let units: Value = units.json().await.unwrap();
    assert_eq!(units.as_array().unwrap().len(), 1, "{units}");
    assert_eq!(units[0]["code"], "XP");
    let village = client
        .post(format!("{address}/api/v1/units"))
        .bearer_auth(&token)
        .json(&json!({"code": "XP-BANGOC", "name": "Thôn Ba Ngọc", "kind": "village", "parent_id": units[0]["id"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(village.status(), StatusCode::CREATED, "the administrator carries on through the API");
    handle.stop(true).await;
}

tonghop_tests::on_both_databases!(an_empty_database_gets_its_first_unit_and_administrator_from_the_command_line);
