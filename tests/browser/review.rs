//! The commune returns a village's month with a reason and a comment on one
//! figure; the village corrects it and sends it again; the commune sees
//! what changed and approves it.

use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, current_period, spawn_app};

use crate::monthly_form::{FIGURES, log_in};

const REASON: &str = "Số gia súc tăng bất thường so với kỳ trước";
const REASON_MORE: &str = "Đề nghị thôn kiểm tra lại.";
const COMMENT: &str = "Đếm lại đàn bò ở xóm Trên";
const BANGOC_CARD: &str = "[data-testid='unit-card'][data-unit='XP-BANGOC'] a.card-link";

async fn send_report(browser: &Browser) {
    browser.testid("submit").await.click().await.unwrap();
    browser.testid("confirm-submit").await.click().await.unwrap();
    browser.wait_for_testid_text("status", "Đã gửi").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commune_returns_a_month_with_reasons_the_village_corrects_it_and_the_commune_approves() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let browser = Browser::start().await;
    let period = current_period();
    let due_item = format!("[data-testid='due-item'][data-period='{period}'] a");

    // The village fills in and sends this month.
    log_in(&browser, &app.address, "thon.bangoc", "thon2026").await;
    browser.css(&due_item).await.click().await.unwrap();
    for (code, figure) in FIGURES {
        let input = browser.testid(&format!("value-{code}")).await;
        input.clear().await.unwrap();
        input.send_keys(figure).await.unwrap();
    }
    send_report(&browser).await;
    browser.log_out().await;

    // The commune opens Ba Ngọc's card: figures read-only, "Trả lại" and "Duyệt".
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.css(BANGOC_CARD).await.click().await.unwrap();
    browser.testid("approve").await;
    assert!(browser.testid("value-CATTLE").await.attr("readonly").await.unwrap().is_some(), "the commune does not type figures");
    browser.screenshot("review-commune-submitted").await;

    // A return needs a reason: said under the field, nothing sent.
    browser.testid("return").await.click().await.unwrap();
    browser.screenshot("review-return-opened").await;
    browser.testid("confirm-return").await.click().await.unwrap();
    browser.wait_for_testid_text("error-reason", "Cần ghi rõ lý do").await;
    browser.screenshot("review-return-no-reason").await;
    browser.testid("return-reason").await.send_keys(&format!("{REASON}\n{REASON_MORE}")).await.unwrap();
    browser.tap("return-comment-toggle-CATTLE").await;
    browser.testid("return-comment-CATTLE").await.send_keys(COMMENT).await.unwrap();
    browser.screenshot("review-return-panel").await;
    browser.testid("confirm-return").await.click().await.unwrap();
    browser.wait_for_testid_text("status", "Bị trả lại").await;
    browser.screenshot("review-commune-returned").await;
    browser.log_out().await;

    // The village sees the form first on its list, with the reason's first line.
    log_in(&browser, &app.address, "thon.bangoc", "thon2026").await;
    let first = browser.testid("due-item").await;
    assert_eq!(first.attr("data-period").await.unwrap().as_deref(), Some(period.as_str()), "a returned form comes first");
    // (The server keeps a reason on one line, so the card shows it all,
    // cut to the card's width.)
    browser.wait_for_testid_text("due-reason", REASON).await;
    browser.screenshot("review-village-due").await;

    // On the form: the reason, who and when; the comment under the cattle figure.
    browser.css(&due_item).await.click().await.unwrap();
    let notice = browser.wait_for_testid_text("review-reason", REASON).await;
    assert!(notice.contains(REASON_MORE) && notice.contains("Văn phòng Đảng ủy xã Xuân Phú"), "reason in full and who: {notice}");
    browser.wait_for_testid_text("review-comment-CATTLE", COMMENT).await;
    browser.screenshot("review-village-returned").await;
    browser.scroll_to("review-comment-CATTLE").await;
    browser.screenshot("review-village-comment").await;

    // It corrects the figure and sends the month again.
    let cattle = browser.testid("value-CATTLE").await;
    cattle.clear().await.unwrap();
    cattle.send_keys("260").await.unwrap();
    send_report(&browser).await;
    browser.screenshot("review-village-resent").await;
    browser.log_out().await;

    // The commune sees what changed since the return, and its history.
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.css(BANGOC_CARD).await;
    browser.wait_for_text("1 số liệu đã sửa sau khi trả lại").await;
    browser.screenshot("review-overview-resent").await;
    browser.css(BANGOC_CARD).await.click().await.unwrap();
    browser.wait_for_testid_text("change-CATTLE", "250 → 260").await;
    browser.wait_for_testid_text("changes-summary", "1 số liệu đã sửa sau khi trả lại").await;
    browser.tap("history-CATTLE").await;
    browser.testid("history-entry").await;
    let entries = browser.client.find_all(fantoccini::Locator::Css("[data-testid='history-entry']")).await.unwrap();
    let mut texts = Vec::new();
    for entry in &entries {
        texts.push(entry.text().await.unwrap());
    }
    let all = texts.join("\n");
    assert!(all.contains("250 → 260"), "history of CATTLE: {all}");
    assert!(all.contains(REASON), "the return and its reason are in the history: {all}");
    browser.screenshot("review-commune-changes").await;

    // It approves: locked, "Đã duyệt".
    browser.testid("approve").await.click().await.unwrap();
    browser.screenshot("review-approve-dialog").await;
    browser.testid("confirm-approve").await.click().await.unwrap();
    browser.wait_for_testid_text("status", "Đã duyệt").await;
    browser.testid("reopen").await;
    browser.screenshot("review-commune-approved").await;

    // The overview shows it approved.
    browser.css("a.back").await.click().await.unwrap();
    let status = browser.css("[data-testid='unit-card'][data-unit='XP-BANGOC'] [data-testid='status']").await;
    assert_eq!(status.attr("data-status").await.unwrap().as_deref(), Some("approved"));
    browser.screenshot("review-overview-approved").await;

    // Reopening an approved month needs a reason too, and sends it back.
    browser.css(BANGOC_CARD).await.click().await.unwrap();
    browser.testid("reopen").await.click().await.unwrap();
    browser.tap("confirm-reopen").await;
    browser.wait_for_testid_text("error-reason", "Cần ghi rõ lý do").await;
    browser.testid("reopen-reason").await.send_keys("Huyện yêu cầu đối chiếu lại số hộ nghèo").await.unwrap();
    browser.screenshot("review-reopen-panel").await;
    browser.tap("confirm-reopen").await;
    browser.wait_for_testid_text("status", "Bị trả lại").await;
    browser.wait_for_testid_text("review-reason", "Huyện yêu cầu đối chiếu lại số hộ nghèo").await;
    browser.screenshot("review-commune-reopened").await;
    browser.close().await;
}
