//! "Chỉ tiêu": the commune sees its figures against the plan and last year,
//! the count of resolution targets on track, unapproved figures marked
//! «Tạm tính» when it asks for them, and one indicator's months and villages.

use chrono::Datelike;
use fantoccini::Locator;
use reqwest::{Method, StatusCode};
use serde_json::json;
use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{Breakdown, SubmissionStatus, TotalRow, TotalsTable};
use tonghop_tests::api::SubmissionKey;
use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, TestApp, current_period, spawn_app};

use crate::monthly_form::log_in;

/// The village codes of the demo commune.
async fn villages(app: &TestApp) -> Vec<(i64, String)> {
    let admin = app.token("admin").await;
    let units = app.get("/api/v1/units", &admin).await;
    let list = units.body.as_array().unwrap().iter().filter(|u| u["kind"] == "village");
    list.map(|u| (u["id"].as_i64().unwrap(), u["code"].as_str().unwrap().to_owned())).collect()
}

/// Approves every village month of `year` still waiting for review, but the
/// latest month, which stays submitted (provisional).
async fn approve_all_but_latest(app: &TestApp, token: &str, year: i32) {
    let form_id = app.form_named("VILLAGE_MONTHLY").await.id;
    let latest = current_period().parse::<MonthPeriod>().unwrap().previous();
    for (unit_id, _) in villages(app).await {
        let mut period = latest.previous();
        while period.year() == year {
            let key = SubmissionKey { unit_id, form_id, period: period.to_string() };
            let seen = app.read(token, &key).await.ok();
            if seen.status == SubmissionStatus::Submitted {
                app.approve(token, &key, seen.version).await.ok();
            }
            period = period.previous();
        }
    }
}

/// The table the server computes, to compare the page with.
async fn table(app: &TestApp, token: &str, unit_id: i64, year: i32, provisional: bool) -> TotalsTable {
    let path = format!("/api/v1/totals?unit_id={unit_id}&period={year}&include_provisional={provisional}");
    let answer = app.get(&path, token).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    serde_json::from_value(answer.body).unwrap()
}

fn grain(table: &TotalsTable) -> TotalRow {
    table.rows.iter().find(|r| r.indicator.code == "GRAIN_OUTPUT").expect("a grain row").clone()
}

/// `331,5 tấn` as the page writes it.
fn tonnes(row: &TotalRow) -> String {
    format!("{} tấn", row.actual.expect("a grain figure").format_vi_trimmed(1))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commune_sees_its_targets_against_the_plan_and_one_indicator_by_month_and_village() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let year = tonghop::clock::today().year();
    let commune = app.token("vp.xuanphu").await;
    let xp = app.unit_id("XP").await;

    // The grain output is a resolution target of 650 tonnes for the year.
    let indicators = app.get("/api/v1/indicators", &commune).await;
    let grain_id = indicators.body.as_array().unwrap().iter().find(|i| i["code"] == "GRAIN_OUTPUT").unwrap()["id"].as_i64().unwrap();
    let plan = json!({"unit_id": xp, "indicator_id": grain_id, "year": year, "value": 650, "resolution_target": true});
    let put = app.call(Method::PUT, "/api/v1/plans", Some(&commune), Some(plan)).await;
    assert_eq!(put.status, StatusCode::OK, "{:?}", put.body);
    approve_all_but_latest(&app, &commune, year).await;
    let approved = table(&app, &commune, xp, year, false).await;
    let with_provisional = table(&app, &commune, xp, year, true).await;
    let row = grain(&approved);
    assert!(row.resolution_target && row.plan.base.is_some(), "{row:?}");

    // The page shows what the server computed, written the Vietnamese way.
    let browser = Browser::start().await;
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.css("nav.tabs a[href='/dashboard']").await.click().await.unwrap();
    browser.wait_for_testid_text("totals-summary", &approved.summary.sentence).await;
    let card = browser.wait_for_testid_text("total-row-GRAIN_OUTPUT", &tonnes(&row)).await;
    assert!(card.contains("Sản lượng lương thực có hạt") && card.contains("Chỉ tiêu NQ"), "{card}");
    assert!(card.contains("650 tấn"), "the plan: {card}");
    let percent = format!("{}%", row.plan.percent.expect("a percentage of the plan").format_vi_trimmed(1));
    assert!(card.contains(&percent), "% KH {percent}: {card}");
    assert!(card.contains(row.status.label_vi()), "the status in words: {card}");
    assert!(!card.contains("Tạm tính"), "only approved figures: {card}");
    browser.screenshot("dashboard-top").await;
    browser.scroll_to("total-row-GRAIN_OUTPUT").await;
    browser.screenshot("dashboard-row").await;

    // Counting unapproved figures marks the rows that include them.
    browser.tap("include-provisional").await;
    let provisional_row = grain(&with_provisional);
    let card = browser.wait_for_testid_text("total-row-GRAIN_OUTPUT", &tonnes(&provisional_row)).await;
    assert_eq!(card.contains("Tạm tính"), provisional_row.provisional, "{card}");
    browser.wait_for_testid_text("totals-summary", &with_provisional.summary.sentence).await;
    browser.scroll_to("total-row-GRAIN_OUTPUT").await;
    browser.screenshot("dashboard-provisional").await;

    // The grain card opens its months and its villages.
    browser.tap("total-row-GRAIN_OUTPUT").await;
    let legend = browser.wait_for_testid_text("trend-legend", &format!("Năm {year}")).await;
    assert!(legend.contains(&format!("Năm {}", year - 1)), "{legend}");
    let bars = browser.client.find_all(Locator::Css("[data-testid='trend-chart'] rect")).await.unwrap();
    assert!(!bars.is_empty(), "the chart has bars");
    let width = browser.testid("trend-chart").await.rectangle().await.unwrap().2;
    assert!(width <= 360.0, "the chart fits the phone: {width}");
    browser.screenshot("dashboard-detail").await;

    let path = format!("/api/v1/totals/breakdown?unit_id={xp}&period={year}&indicator_id={grain_id}&include_provisional=true");
    let breakdown: Breakdown = serde_json::from_value(app.get(&path, &commune).await.body).unwrap();
    let bangoc = breakdown.children.iter().find(|c| c.unit.code == "XP-BANGOC").unwrap();
    let bangoc_row = bangoc.rows.iter().find(|r| r.indicator.id == grain_id).unwrap();
    let shown = browser.wait_for_testid_text("breakdown-row-XP-BANGOC", &tonnes(bangoc_row)).await;
    assert!(shown.contains("Thôn Ba Ngọc") && shown.contains("% KH") && shown.contains("% CK"), "{shown}");
    browser.scroll_to("breakdown-row-XP-BANGOC").await;
    browser.screenshot("dashboard-breakdown").await;

    // Back to every indicator, with the same period.
    browser.tap("back-to-dashboard").await;
    browser.testid("total-row-GRAIN_OUTPUT").await;
    assert_eq!(browser.csp_violations().await, Vec::<String>::new(), "the Content-Security-Policy refused something");
    browser.close().await;
}
