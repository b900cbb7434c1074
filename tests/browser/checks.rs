//! The form checks figures while the village types, with the rules the
//! server uses: a part larger than its whole is an error at the field, a
//! figure far from the village's own history is a warning that asks for a
//! comment; the comment travels with the figures and the commune reads it.

use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, current_period, spawn_app};

use crate::monthly_form::{FIGURES, log_in};

const NOTE: &str = "Nhập đàn bò từ trang trại mới";
const BANGOC_CARD: &str = "[data-testid='unit-card'][data-unit='XP-BANGOC'] a.card-link";

async fn type_figure(browser: &Browser, code: &str, figure: &str) {
    let input = browser.scroll_to(&format!("value-{code}")).await;
    input.clear().await.unwrap();
    input.send_keys(figure).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rules_are_checked_while_typing_an_outlier_asks_for_a_comment_and_the_commune_reads_it() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let browser = Browser::start().await;
    let due_item = format!("[data-testid='due-item'][data-period='{}'] a", current_period());

    log_in(&browser, &app.address, "thon.bangoc", "thon2026").await;
    browser.css(&due_item).await.click().await.unwrap();
    browser.testid("value-GRAIN_OUTPUT").await;

    // More poor households than households: said at the field while typing.
    type_figure(&browser, "HOUSEHOLDS", "300").await;
    type_figure(&browser, "POOR_HOUSEHOLDS", "301").await;
    browser.wait_for_testid_text("error-POOR_HOUSEHOLDS", "Không được lớn hơn tổng số hộ (300 hộ)").await;
    browser.scroll_to("error-POOR_HOUSEHOLDS").await;
    browser.screenshot("checks-hard-rule").await;

    // The comment box stays closed until asked for.
    assert!(browser.client.find(fantoccini::Locator::Css("[data-testid='comment-GRAIN_OUTPUT']")).await.is_err());
    browser.tap("comment-toggle-GRAIN_OUTPUT").await;
    browser.testid("comment-GRAIN_OUTPUT").await;
    let focused = async {
        for _ in 0..50 {
            let active = browser.client.execute("return document.activeElement.dataset.testid || ''", vec![]).await.unwrap();
            if active == "comment-GRAIN_OUTPUT" {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        false
    };
    assert!(focused.await, "the opened comment box has the cursor");

    // A hard rule blocks sending, before anything goes to the server.
    for (code, figure) in FIGURES.iter().filter(|(c, _)| !matches!(*c, "HOUSEHOLDS" | "POOR_HOUSEHOLDS")) {
        type_figure(&browser, code, figure).await;
    }
    browser.tap("submit").await;
    browser.wait_for_text("không hợp lý").await;
    assert!(browser.client.find(fantoccini::Locator::Css("[data-testid='confirm-submit']")).await.is_err());
    browser.screenshot("checks-submit-blocked").await;

    // Fixed: the error goes away as the figure is typed.
    type_figure(&browser, "POOR_HOUSEHOLDS", "5").await;
    let gone = async {
        for _ in 0..50 {
            if browser.client.find(fantoccini::Locator::Css("[data-testid='error-POOR_HOUSEHOLDS']")).await.is_err() {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        false
    };
    assert!(gone.await, "the error stays after the figure was fixed");

    // Ten times the village's herd: the server warns after the save, and the
    // comment box opens so the village can explain.
    type_figure(&browser, "CATTLE", "2500").await;
    browser.tap("save-draft").await;
    browser.wait_for_text("Đã lưu nháp").await;
    let warning = browser.wait_for_testid_text("warning-CATTLE", "Khác xa").await;
    assert!(warning.contains("ghi chú lý do"), "{warning}");
    let note = browser.scroll_to("comment-CATTLE").await;
    browser.screenshot("checks-outlier-warning").await;
    note.send_keys(NOTE).await.unwrap();
    browser.screenshot("checks-outlier-comment").await;

    // The comment is kept on the phone like the figures: a reload loses nothing.
    browser.reload().await;
    browser.wait_for_text("chưa lưu").await;
    let kept = async {
        for _ in 0..50 {
            let value = browser.testid("comment-CATTLE").await.prop("value").await.unwrap().unwrap_or_default();
            if value == NOTE {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        false
    };
    assert!(kept.await, "the comment typed before the reload is gone");

    // Sent with the figures; the sent report shows the comment.
    browser.tap("submit").await;
    browser.testid("confirm-submit").await.click().await.unwrap();
    browser.wait_for_testid_text("status", "Đã gửi").await;
    browser.wait_for_testid_text("comment-CATTLE", NOTE).await;
    browser.wait_for_testid_text("warning-CATTLE", "đơn vị đã ghi chú lý do").await;
    browser.scroll_to("comment-CATTLE").await;
    browser.screenshot("checks-submitted").await;
    browser.log_out().await;

    // The commune office reads the figure, the warning and the explanation.
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.css(BANGOC_CARD).await.click().await.unwrap();
    browser.testid("approve").await;
    browser.wait_for_testid_text("comment-CATTLE", NOTE).await;
    browser.wait_for_testid_text("warning-CATTLE", "Khác xa").await;
    browser.scroll_to("comment-CATTLE").await;
    browser.screenshot("checks-commune").await;
    browser.close().await;
}
