//! «Mã truy cập API»: an upper-level user creates a token for a script on
//! the phone, sees it once, and revokes it; the API then refuses it.

use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, spawn_app};

use crate::monthly_form::log_in;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_creates_a_token_sees_it_once_and_revokes_it() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let browser = Browser::start().await;
    log_in(&browser, &app.address, "tinh.thanhhoa", "tinh2026").await;
    browser.testid("user-name").await;
    browser.tap("menu").await;
    browser.css(".app-header .menu a[href='/tokens']").await.click().await.unwrap();
    browser.wait_for_text("Chưa có mã truy cập nào").await;
    browser.screenshot("tokens-empty").await;

    // Create: the token is shown with the warning and a copy button.
    browser.testid("token-name").await.send_keys("Tổng hợp tháng của huyện").await.unwrap();
    browser.testid("token-days").await.select_by_value("30").await.unwrap();
    browser.tap("token-create").await;
    let secret = browser.testid("token-secret").await.prop("value").await.unwrap().unwrap_or_default();
    assert!(secret.starts_with("thp_"), "{secret}");
    browser.wait_for_testid_text("token-new", "Mã chỉ hiện một lần").await;
    browser.tap("token-copy").await;
    browser.testid("token-copied").await;
    browser.wait_for_testid_text("token-list", "Đang dùng").await;
    browser.screenshot("tokens-created").await;
    assert_eq!(app.get("/api/v1/units", &secret).await.status, reqwest::StatusCode::OK, "the token works");

    // Once put away it is gone for good: neither the page nor a reload shows it.
    browser.tap("token-done").await;
    browser.reload().await;
    browser.wait_for_testid_text("token-list", &secret[..10]).await;
    let page = browser.css("body").await.text().await.unwrap();
    assert!(!page.contains(&secret[10..]), "the token is shown only once");

    // Revoke, after a confirmation.
    browser.tap("token-revoke").await;
    browser.testid("confirm-revoke").await;
    browser.screenshot("tokens-confirm-revoke").await;
    browser.tap("confirm-revoke").await;
    browser.wait_for_testid_text("token-status", "Đã thu hồi").await;
    browser.screenshot("tokens-revoked").await;
    assert_eq!(app.get("/api/v1/units", &secret).await.status, reqwest::StatusCode::UNAUTHORIZED, "the revoked token is refused");
    browser.close().await;
}
