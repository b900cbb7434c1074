//! A village without a phone phones its figures in: the commune office opens
//! the village's month, chooses «Nhập thay», types, saves and sends them;
//! the village's history says the office entered them, and the village sees
//! its month sent.

use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, current_period, spawn_app};

use crate::monthly_form::{FIGURES, log_in};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_enters_and_sends_a_villages_month_and_the_history_says_who() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let browser = Browser::start().await;
    let period = current_period();

    // Ba Ngọc has sent nothing this month: the office reads it, read-only.
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.css("[data-testid='unit-card'][data-unit='XP-BANGOC']").await.click().await.unwrap();
    browser.testid("enter-for-unit").await;
    assert!(browser.testid("value-CATTLE").await.attr("readonly").await.unwrap().is_some(), "nothing is typed by accident");
    browser.screenshot("entering-for-offered").await;

    // «Nhập thay Thôn Ba Ngọc»: the figures open for typing, marked as the office's.
    browser.tap("enter-for-unit").await;
    browser.wait_for_testid_text("entering-for", "Văn phòng đang nhập thay Thôn Ba Ngọc").await;
    assert!(browser.testid("value-CATTLE").await.attr("readonly").await.unwrap().is_none(), "the office types the figures");
    for (code, figure) in FIGURES {
        let input = browser.scroll_to(&format!("value-{code}")).await;
        input.clear().await.unwrap();
        input.send_keys(figure).await.unwrap();
    }
    browser.tap("save-draft").await;
    browser.wait_for_text("Đã lưu nháp").await;
    browser.tap("submit").await;
    browser.testid("confirm-submit").await.click().await.unwrap();
    browser.wait_for_testid_text("status", "Đã gửi").await;
    browser.screenshot("entering-for-sent").await;

    // The figure's history: the office's name, marked as entered for the unit.
    browser.tap("history-CATTLE").await;
    let entry = browser.wait_for_testid_text("history-entry", "nhập thay đơn vị").await;
    assert!(entry.contains("Văn phòng"), "who entered it: {entry}");
    browser.screenshot("entering-for-history").await;

    // The office's review panel is there as for any month sent.
    browser.testid("approve").await;
    browser.log_out().await;

    // The village sees its month sent, with its figures.
    log_in(&browser, &app.address, "thon.bangoc", "thon2026").await;
    browser.css(&format!("[data-testid='due-item'][data-period='{period}'] a")).await.click().await.unwrap();
    browser.wait_for_testid_text("status", "Đã gửi").await;
    let cattle = browser.testid("value-CATTLE").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(cattle, "250");
    browser.close().await;
}
