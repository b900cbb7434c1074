//! "Tình hình nộp": the commune sees which village has sent which month,
//! with the totals per month; a village whose form was returned sees the
//! notice on its home screen, and the notice opens the form.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use tonghop_shared::MonthPeriod;
use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, current_period, spawn_app};

use crate::monthly_form::log_in;

const REASON: &str = "Thiếu số liệu chăn nuôi";

/// Waits until the page's address contains `part`.
async fn wait_for_url(browser: &Browser, part: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let url = browser.client.current_url().await.unwrap().to_string();
        if url.contains(part) {
            return;
        }
        assert!(Instant::now() < deadline, "the address never contained {part}: {url}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commune_sees_who_has_sent_each_month_and_a_village_is_told_of_its_return() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let period = current_period();
    let last = period.parse::<MonthPeriod>().unwrap().previous().to_string();

    // Ba Ngọc sends this month; the commune returns it with a reason.
    let returned = app.scenario().village("XP-BANGOC").every_figure(10).returned(REASON).await;
    let form_id = returned.key.form_id;

    // The commune opens "Tình hình nộp": six villages, Phú Xuân missing last month.
    let browser = Browser::start().await;
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    // Its overview starts with the months waiting for review.
    browser.css("[data-testid='notice-group'][data-kind='submitted'] [data-testid='notice-head']").await;
    browser.screenshot("completeness-overview-notices").await;
    browser.css("nav.tabs a[href='/completeness']").await.click().await.unwrap();
    browser.testid("completeness-row").await;
    let rows = browser.client.find_all(Locator::Css("[data-testid='completeness-row']")).await.unwrap();
    assert_eq!(rows.len(), 6, "one row per village");
    let phu_xuan = browser.testid(&format!("cell-XP-PHUXUAN-{last}")).await;
    let status = phu_xuan.attr("data-status").await.unwrap();
    assert!(status.as_deref().is_some_and(|s| s != "submitted" && s != "approved"), "Phú Xuân has not sent {last}: {status:?}");
    let bangoc = browser.testid(&format!("cell-XP-BANGOC-{period}")).await;
    assert_eq!(bangoc.attr("data-status").await.unwrap().as_deref(), Some("returned"));
    let total = browser.wait_for_testid_text(&format!("total-{last}"), "5/6").await;
    assert!(total.contains("83,3%"), "{total}");
    browser.screenshot("completeness-commune").await;
    browser.scroll_to(&format!("cell-XP-PHUXUAN-{last}")).await;
    browser.screenshot("completeness-cells").await;
    browser.client.execute("window.scrollTo(0, document.body.scrollHeight);", vec![]).await.unwrap();
    browser.screenshot("completeness-legend").await;

    // A cell opens that village's form for that month.
    browser.tap(&format!("cell-XP-BANGOC-{period}")).await;
    wait_for_url(&browser, "/form/").await;
    wait_for_url(&browser, &format!("/{form_id}/{period}")).await;
    browser.log_out().await;

    // Ba Ngọc sees the return above its due list, with the reason.
    log_in(&browser, &app.address, "thon.bangoc", "thon2026").await;
    let notice = browser.css("[data-testid='notice-item'][data-kind='returned']").await;
    let text = notice.text().await.unwrap();
    assert!(text.contains(REASON), "the notice gives the reason: {text}");
    browser.testid("due-item").await;
    browser.screenshot("completeness-village-notice").await;
    browser.css("[data-testid='notice-item'][data-kind='returned'] a").await.click().await.unwrap();
    wait_for_url(&browser, &format!("/{form_id}/{period}")).await;
    assert_eq!(browser.csp_violations().await, Vec::<String>::new(), "the Content-Security-Policy refused something");
    browser.close().await;
}
