//! "Kế hoạch": the commune office types its annual plan the Vietnamese way,
//! saves it, finds it again after a reload, and is told in Vietnamese what is
//! wrong with a bad figure.

use chrono::Datelike;
use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, spawn_app};

use crate::monthly_form::log_in;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commune_sets_a_plan_finds_it_after_a_reload_and_sees_why_a_bad_one_is_refused() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let browser = Browser::start().await;
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.css("nav.tabs a[href='/plans']").await.click().await.unwrap();
    browser.testid("plan-row-GRAIN_OUTPUT").await;
    browser.screenshot("plans-top").await;

    // 1.936,5 tonnes, a resolution target.
    let input = browser.scroll_to("plan-value-GRAIN_OUTPUT").await;
    input.clear().await.unwrap();
    input.send_keys("1.936,5").await.unwrap();
    let resolution = browser.testid("plan-resolution-GRAIN_OUTPUT").await;
    if !resolution.is_selected().await.unwrap() {
        resolution.click().await.unwrap();
    }
    browser.tap("plan-save-GRAIN_OUTPUT").await;
    browser.wait_for_testid_text("plan-state-GRAIN_OUTPUT", "Đã lưu").await;
    browser.screenshot("plans-saved").await;

    // The server has it, and so does the page after a reload.
    let commune = app.token("vp.xuanphu").await;
    let (xp, year) = (app.unit_id("XP").await, tonghop::clock::today().year());
    let plans = app.get(&format!("/api/v1/plans?unit_id={xp}&year={year}"), &commune).await;
    let grain_id =
        app.get("/api/v1/indicators", &commune).await.body.as_array().unwrap().iter().find(|i| i["code"] == "GRAIN_OUTPUT").unwrap()["id"]
            .clone();
    let stored = plans.body.as_array().unwrap().iter().find(|p| p["indicator_id"] == grain_id).expect("the grain plan").clone();
    assert_eq!((stored["value"].as_f64(), stored["resolution_target"].as_bool()), (Some(1936.5), Some(true)), "{stored}");
    browser.reload().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let value = browser.testid("plan-value-GRAIN_OUTPUT").await.prop("value").await.unwrap().unwrap_or_default();
        if value == "1.936,5" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "after a reload the plan reads «{value}»");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(browser.testid("plan-resolution-GRAIN_OUTPUT").await.is_selected().await.unwrap());

    // A dot as the decimal point is explained, and nothing is sent.
    let input = browser.scroll_to("plan-value-GRAIN_OUTPUT").await;
    input.clear().await.unwrap();
    input.send_keys("45.7").await.unwrap();
    browser.tap("plan-save-GRAIN_OUTPUT").await;
    let error = browser.wait_for_testid_text("plan-error-GRAIN_OUTPUT", "Dấu chấm").await;
    assert!(error.contains("45,7"), "{error}");
    // Two decimals where the indicator keeps one.
    input.clear().await.unwrap();
    input.send_keys("12,25").await.unwrap();
    browser.tap("plan-save-GRAIN_OUTPUT").await;
    browser.wait_for_testid_text("plan-error-GRAIN_OUTPUT", "chữ số sau dấu phẩy").await;
    browser.scroll_to("plan-row-GRAIN_OUTPUT").await;
    browser.screenshot("plans-error").await;
    let again = app.get(&format!("/api/v1/plans?unit_id={xp}&year={year}"), &commune).await;
    assert!(again.body.as_array().unwrap().iter().any(|p| p["indicator_id"] == grain_id && p["value"].as_f64() == Some(1936.5)));

    // The import section offers the templates and a file to send.
    browser.scroll_to("import").await;
    browser.testid("template-plans-csv").await;
    browser.testid("template-values-xlsx").await;
    browser.screenshot("plans-import").await;
    browser.close().await;
}

/// Waits until the plan input of `code` reads `value`.
async fn wait_for_plan(browser: &Browser, code: &str, value: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let shown = browser.testid(&format!("plan-value-{code}")).await.prop("value").await.unwrap().unwrap_or_default();
        if shown == value {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "the plan of {code} reads «{shown}», not «{value}»");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plans_file_with_a_bad_cell_is_refused_row_by_row_and_a_good_one_is_imported() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let year = tonghop::clock::today().year();
    let dir = tempfile::tempdir().unwrap();
    let header = "unit_code,indicator_code,year,value,resolution_target,year_end_only";
    let bad = dir.path().join("ke-hoach-sai.csv");
    std::fs::write(&bad, format!("{header}\nXP,CATTLE,{year},1.800,x,\nXP,POULTRY,{year},abc,,\n")).unwrap();
    let good = dir.path().join("ke-hoach.csv");
    std::fs::write(&good, format!("{header}\nXP,CATTLE,{year},1.800,x,\n")).unwrap();

    let browser = Browser::start().await;
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.css("nav.tabs a[href='/plans']").await.click().await.unwrap();
    browser.testid("plan-row-CATTLE").await;

    // One bad cell: nothing is stored, and the page names its row and column.
    browser.testid("import-file").await.send_keys(&bad.display().to_string()).await.unwrap();
    browser.wait_for_testid_text("import-file-name", "ke-hoach-sai.csv").await;
    browser.tap("import-send").await;
    let refused = browser.wait_for_testid_text("import-result", "Dòng 3, cột value").await;
    assert!(refused.contains("Ký tự «a»"), "the cell's own reason: {refused}");
    browser.scroll_to("import-result").await;
    browser.screenshot("plans-import-refused").await;
    assert_ne!(browser.testid("plan-value-CATTLE").await.prop("value").await.unwrap().as_deref(), Some("1.800"));

    // The corrected file is imported and the list shows the new plan.
    browser.testid("import-file").await.send_keys(&good.display().to_string()).await.unwrap();
    browser.wait_for_testid_text("import-file-name", "ke-hoach.csv").await;
    browser.tap("import-send").await;
    browser.wait_for_testid_text("import-result", "Đã nhập 1 dòng").await;
    browser.screenshot("plans-import-done").await;
    wait_for_plan(&browser, "CATTLE", "1.800").await;
    browser.close().await;
}
