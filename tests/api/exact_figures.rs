//! Figures are exact from the JSON text to the report: read without a float,
//! entered with the decimals an indicator allows, reported with the decimals
//! it shows, on both databases.

use std::io::{Cursor, Read};

use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tonghop_shared::api::ImportKind;
use tonghop_tests::api::{CSV, DraftOf, Reported, RowOf, TotalsOf};
use tonghop_tests::scenario::amount;
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

/// A body written as JSON text, so its numbers reach the server as written
/// (the harness keeps numbers as text, like the server).
fn body(text: &str) -> Option<Value> {
    Some(serde_json::from_str(text).expect("JSON"))
}

/// Whether a figure of `indicator_id` is stored as exactly `scaled`.
fn stored(app: &TestApp, indicator_id: i64, scaled: i64) -> bool {
    use tonghop::db::schema::submission_values::dsl as v;
    let mut conn = app.pool.get().unwrap();
    let found =
        v::submission_values.filter(v::indicator_id.eq(indicator_id)).filter(v::value.eq(scaled)).count().get_result::<i64>(&mut conn);
    found.unwrap() > 0
}

async fn a_figure_no_float_could_hold_is_refused_and_one_within_its_decimals_is_stored_exactly(db: Db) {
    let app = spawn_app(db).await;
    let v = app.scenario().village("XP-BANGOC").not_started().await;
    let grain = v.indicator_id("GRAIN_OUTPUT");
    // Written as text: these figures are the point, and no `Amount` holds the first.
    let (path, token) = (v.key.path(), v.reporter.clone());

    // One decimal allowed; through an f64 this became 1000000000000 and was stored.
    let refused = app
        .call(
            Method::PUT,
            &path,
            Some(&token),
            body(&format!(r#"{{"version":0,"values":[{{"indicator_id":{grain},"value":999999999999.9999}}]}}"#)),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", refused.body);
    assert_eq!(refused.fields(), ["values.GRAIN_OUTPUT"]);
    assert!(!stored(&app, grain, 10_000_000_000_000_000), "not rounded up and stored");

    let saved = app
        .call(
            Method::PUT,
            &path,
            Some(&token),
            body(&format!(r#"{{"version":0,"values":[{{"indicator_id":{grain},"value":999999999999.9}}]}}"#)),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
    assert!(stored(&app, grain, 9_999_999_999_999_000), "stored to the last decimal");

    // More decimals than a figure holds: refused on that figure, in Vietnamese.
    let too_fine = app
        .call(Method::PUT, &path, Some(&token), body(&format!(r#"{{"version":1,"values":[{{"indicator_id":{grain},"value":1.23456}}]}}"#)))
        .await;
    assert_eq!(too_fine.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", too_fine.body);
    assert_eq!(too_fine.fields(), ["values.GRAIN_OUTPUT"]);
    assert!(!too_fine.error().fields[0].message.is_ascii(), "{:?}", too_fine.body);
    assert!(stored(&app, grain, 9_999_999_999_999_000), "nothing changed");
}

fn document_text(bytes: Vec<u8>) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a DOCX is a ZIP");
    let mut xml = String::new();
    archive.by_name("word/document.xml").expect("the document part").read_to_string(&mut xml).expect("UTF-8");
    xml
}

/// The sample report: "trồng mới trên 85ha ..., bằng 103% CK", last year 82,5 ha.
async fn last_years_half_hectare_imports_and_the_report_shows_it_beside_a_whole_percent(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let xp = app.unit("XP").await.id;
    let csv = "unit_code,indicator_code,period,value\nXP,AFFORESTATION,2023-H1,\"82,5\"\nXP,AFFORESTATION,2024-H1,85\n";

    app.import(&commune, ImportKind::Values, CSV, csv).await.ok();

    let totals = app.totals(&commune, &TotalsOf::approved(xp, "2024-H1")).await.ok();
    let row = totals.row("AFFORESTATION");
    assert_eq!((row.actual, row.last_year.base), (Some(amount(85)), Some(amount(82.5))), "{row:?}");
    assert_eq!(row.last_year.percent, Some(amount(103)), "85 / 82,5 = 103,03%, shown in whole percent");
    let xml = document_text(app.report_draft(&commune, &DraftOf::new(xp, "2024-H1")).await.ok());
    assert!(xml.contains("82,5"), "the appendix keeps last year's 82,5 ha");
    assert!(xml.contains("103%") && !xml.contains("103,0%"), "the percentage in whole percent");
    assert!(xml.contains("bằng 103% cùng kỳ"), "the sentence as the report writes it");

    let too_fine =
        app.import(&commune, ImportKind::Values, CSV, "unit_code,indicator_code,period,value\nXP,AFFORESTATION,2022-H1,\"82,55\"\n").await;
    assert_eq!(too_fine.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", too_fine.body);
}

on_both_databases!(
    a_figure_no_float_could_hold_is_refused_and_one_within_its_decimals_is_stored_exactly,
    last_years_half_hectare_imports_and_the_report_shows_it_beside_a_whole_percent,
);
