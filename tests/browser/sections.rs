//! Activity sections at phone width: the Women's Union writes its six-month
//! section with the toolbar, the text is saved as it types and survives a
//! reload, it sends it; the commune returns it with a reason, the union
//! corrects and resends it, the commune approves it.

use fantoccini::Locator;
use fantoccini::key::Key;
use reqwest::Method;
use serde_json::json;
use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, spawn_app};

use crate::monthly_form::log_in;

const PERIOD: &str = "2026-H1";
const REASON: &str = "Đề nghị bổ sung kết quả tháng 6";
const WRITTEN: &str = "Hội đã tổ chức **3 lớp tập huấn** cho hội viên.\n\nKết quả:\n- Thăm 120 hộ khó khăn\n- Tặng 50 suất quà";
const ADDED: &str = "Tháng 6: ra mắt 2 tổ phụ nữ tiết kiệm.";

/// Waits until the text is saved on the server.
async fn wait_saved(browser: &Browser) {
    browser.wait_for_testid_text("section-save-state", "Đã lưu lúc").await;
}

async fn value_of(browser: &Browser, id: &str) -> String {
    browser.testid(id).await.prop("value").await.unwrap().unwrap_or_default()
}

async fn submit(browser: &Browser) {
    browser.tap("section-submit").await;
    browser.testid("section-confirm-submit").await.click().await.unwrap();
    browser.wait_for_testid_text("section-status", "Đã gửi").await;
}

/// The commune opens the list for the period and the union's section.
async fn commune_opens_the_union(browser: &Browser, address: &str, status: &str) {
    browser.goto(&format!("{address}/sections/{PERIOD}")).await;
    browser.wait_for_testid_text("section-row-XP-PHUNU", status).await;
    browser.css("[data-testid='section-row-XP-PHUNU'] a").await.click().await.unwrap();
    browser.wait_for_testid_text("section-preview", "3 lớp tập huấn").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mass_organisation_writes_and_sends_its_section_and_the_commune_returns_then_approves_it() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let union = app.unit_id("XP-PHUNU").await;
    let browser = Browser::start().await;
    let section_url = format!("{}/section/{union}/{PERIOD}", app.address);

    // The union finds «Báo cáo hoạt động» on its home page.
    log_in(&browser, &app.address, "phunu.xuanphu", "doanthe2026").await;
    browser.wait_for_testid_text("section-entry", "Báo cáo hoạt động").await;
    browser.screenshot("sections-union-home").await;
    browser.testid("section-entry").await.find(Locator::Css("a")).await.unwrap().click().await.unwrap();
    browser.testid("section-text").await;
    browser.goto(&section_url).await;
    browser.wait_for_testid_text("period", "6 tháng đầu năm 2026").await;

    // It writes with the toolbar: a bold part, then a bulleted list.
    let text = browser.testid("section-text").await;
    text.send_keys("Hội đã tổ chức ").await.unwrap();
    browser.testid("section-bold").await.click().await.unwrap();
    text.send_keys("3 lớp tập huấn").await.unwrap();
    text.send_keys(&format!("{} cho hội viên.\n\nKết quả:\n", char::from(Key::End))).await.unwrap();
    browser.testid("section-bullet").await.click().await.unwrap();
    text.send_keys("Thăm 120 hộ khó khăn\n").await.unwrap();
    browser.testid("section-bullet").await.click().await.unwrap();
    text.send_keys("Tặng 50 suất quà").await.unwrap();
    assert_eq!(value_of(&browser, "section-text").await, WRITTEN);
    wait_saved(&browser).await;
    assert_eq!(browser.css("[data-testid='section-preview'] strong").await.text().await.unwrap(), "3 lớp tập huấn");
    let items = browser.client.find_all(Locator::Css("[data-testid='section-preview'] li")).await.unwrap();
    assert_eq!(items.len(), 2, "two bullets in the preview");
    browser.screenshot("sections-union-writing").await;
    browser.scroll_to("section-preview").await;
    browser.screenshot("sections-union-preview").await;

    // Saved on the server: a reload shows the text again.
    browser.reload().await;
    browser.wait_for_testid_text("section-save-state", "Đã lưu lúc").await;
    assert_eq!(value_of(&browser, "section-text").await, WRITTEN);

    // It sends it: read-only, «Đã gửi».
    browser.tap("section-submit").await;
    browser.screenshot("sections-union-confirm").await;
    browser.testid("section-confirm-submit").await.click().await.unwrap();
    browser.wait_for_testid_text("section-status", "Đã gửi").await;
    assert!(browser.client.find(Locator::Css("[data-testid='section-text']")).await.is_err(), "no editing once sent");
    browser.wait_for_testid_text("section-preview", "3 lớp tập huấn").await;
    browser.screenshot("sections-union-sent").await;
    browser.log_out().await;

    // The commune: «Đoàn thể» in the navigation, the union «Đã gửi».
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.css("a.tab[href='/sections']").await;
    commune_opens_the_union(&browser, &app.address, "Đã gửi").await;
    browser.screenshot("sections-commune-section").await;
    browser.client.back().await.unwrap();
    browser.testid("section-row-XP-PHUNU").await;
    browser.screenshot("sections-commune-list").await;
    browser.client.forward().await.unwrap();

    // A return needs a reason.
    browser.tap("section-return").await;
    browser.tap("section-return-confirm").await;
    browser.wait_for_testid_text("section-reason-error", "Cần ghi rõ lý do").await;
    browser.testid("section-reason").await.send_keys(REASON).await.unwrap();
    browser.screenshot("sections-commune-return").await;
    browser.tap("section-return-confirm").await;
    browser.wait_for_testid_text("section-status", "Bị trả lại").await;
    browser.log_out().await;

    // The union sees why, adds a paragraph and sends it again.
    log_in(&browser, &app.address, "phunu.xuanphu", "doanthe2026").await;
    browser.testid("section-entry").await;
    browser.goto(&section_url).await;
    browser.wait_for_testid_text("section-review-reason", REASON).await;
    browser.screenshot("sections-union-returned").await;
    let text = browser.testid("section-text").await;
    text.click().await.unwrap();
    browser
        .client
        .execute(
            "const t = document.querySelector(\"[data-testid='section-text']\"); t.setSelectionRange(t.value.length, t.value.length);",
            vec![],
        )
        .await
        .unwrap();
    text.send_keys(&format!("\n\n{ADDED}")).await.unwrap();
    wait_saved(&browser).await;
    assert_eq!(value_of(&browser, "section-text").await, format!("{WRITTEN}\n\n{ADDED}"));
    submit(&browser).await;
    browser.log_out().await;

    // The commune approves it; an approved section can be reopened.
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.css("a.tab[href='/sections']").await;
    commune_opens_the_union(&browser, &app.address, "Đã gửi").await;
    browser.wait_for_testid_text("section-preview", ADDED).await;
    browser.tap("section-approve").await;
    browser.testid("section-approve-confirm").await.click().await.unwrap();
    browser.wait_for_testid_text("section-status", "Đã duyệt").await;
    browser.testid("section-reopen").await;
    browser.screenshot("sections-commune-approved").await;
    browser.goto(&format!("{}/sections/{PERIOD}", app.address)).await;
    browser.wait_for_testid_text("section-row-XP-PHUNU", "Đã duyệt").await;
    browser.screenshot("sections-commune-list-approved").await;
    assert_eq!(browser.csp_violations().await, Vec::<String>::new(), "the Content-Security-Policy refused something");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_is_retried_and_a_change_made_elsewhere_is_shown_next_to_the_writers_text() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let union = app.unit_id("XP-PHUNU").await;
    let path = format!("/api/v1/sections/{union}/{PERIOD}");
    let browser = Browser::start().await;
    log_in(&browser, &app.address, "phunu.xuanphu", "doanthe2026").await;
    browser.testid("section-entry").await;
    browser.goto(&format!("{}/section/{union}/{PERIOD}", app.address)).await;
    let text = browser.testid("section-text").await;
    text.send_keys("Bản đầu.").await.unwrap();
    wait_saved(&browser).await;

    // The connection drops: the page says so and tries again by itself.
    app.stop_server().await;
    text.send_keys(" Viết khi mất mạng.").await.unwrap();
    browser.wait_for_testid_text("section-save-state", "Chưa lưu được — sẽ thử lại").await;
    browser.screenshot("sections-offline").await;
    app.restart_server().await;
    wait_saved(&browser).await;
    let token = app.token("phunu.xuanphu").await;
    let stored = app.get(&path, &token).await;
    assert_eq!(stored.body["body"], "Bản đầu. Viết khi mất mạng.");

    // Someone saves from another phone; the next save here is refused as
    // stale, and both texts are shown until the writer chooses.
    let version = stored.body["version"].as_i64().unwrap();
    let other = app.call(Method::PUT, &path, Some(&token), Some(json!({"version": version, "body": "Bản sửa trên máy khác."}))).await;
    assert_eq!(other.status, 200);
    text.send_keys(" Thêm ý.").await.unwrap();
    browser.wait_for_testid_text("section-conflict", "Bản sửa trên máy khác.").await;
    assert_eq!(value_of(&browser, "section-text").await, "Bản đầu. Viết khi mất mạng. Thêm ý.");
    browser.scroll_to("section-conflict").await;
    browser.screenshot("sections-conflict").await;
    browser.tap("section-keep-mine").await;
    wait_saved(&browser).await;
    assert_eq!(app.get(&path, &token).await.body["body"], "Bản đầu. Viết khi mất mạng. Thêm ý.");

    // A long text scrolls inside its box, the toolbar stays in reach.
    let long: String = (1..=25).map(|i| format!("\n- Hoạt động thứ {i} của hội trong sáu tháng đầu năm")).collect();
    browser.testid("section-text").await.send_keys(&long).await.unwrap();
    wait_saved(&browser).await;
    browser.scroll_to("section-bold").await;
    browser.screenshot("sections-long-text").await;
    assert_eq!(browser.csp_violations().await, Vec::<String>::new(), "the Content-Security-Policy refused something");
    browser.close().await;
}
