//! «Ngày nghỉ lễ»: the commune office opens the list from the menu, sees the
//! year's holidays with their weekdays, adds its commune's own day (a day
//! left empty is refused at the field) and removes it again, and sets how
//! many days before a deadline its villages are reminded.

use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, spawn_app};

use crate::monthly_form::log_in;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_keeps_its_communes_holidays_from_the_menu() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let browser = Browser::start().await;
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.testid("user-name").await;
    browser.tap("menu").await;
    browser.css(".app-header .menu a[href='/holidays']").await.click().await.unwrap();
    browser.testid("holiday-list").await;
    browser.tap("holidays-prev").await;
    browser.tap("holidays-next").await;
    browser.tap("holidays-next").await;
    browser.tap("holidays-prev").await;
    let year = browser.wait_for_testid_text("holidays-year", "Năm ").await;
    let year: i32 = year.trim_start_matches("Năm ").trim().parse().unwrap();
    // The country's days are there, kept by the administrator.
    browser.wait_for_testid_text("holiday-list", "Ngày Quốc tế Lao động").await;
    assert!(
        browser.client.find(fantoccini::Locator::Css("[data-testid='holiday-delete']")).await.is_err(),
        "the office removes none of them"
    );

    // No day chosen: said at the field, nothing sent.
    browser.testid("holiday-name").await.send_keys("Lễ hội làng Xuân Phú").await.unwrap();
    browser.tap("holiday-add").await;
    browser.wait_for_testid_text("holiday-error-day", "Chọn ngày nghỉ").await;

    // The commune's own day: listed with its weekday, removable by the office.
    let day = format!("{year}-10-15");
    let input = browser.testid("holiday-day").await;
    let arg = serde_json::to_value(&input).unwrap();
    browser
        .client
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            vec![arg, day.clone().into()],
        )
        .await
        .unwrap();
    browser.tap("holiday-add").await;
    let row = format!("[data-testid='holiday-row'][data-day='{day}']");
    let text = browser.css(&row).await.text().await.unwrap();
    assert!(text.contains("Lễ hội làng Xuân Phú") && text.contains("Xã Xuân Phú") && text.contains(&format!("15/10/{year}")), "{text}");
    browser.screenshot("holidays-added").await;
    browser.css(&format!("{row} [data-testid='holiday-delete']")).await.click().await.unwrap();
    let gone = async {
        for _ in 0..50 {
            if browser.client.find(fantoccini::Locator::Css(&row)).await.is_err() {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        false
    };
    assert!(gone.await, "the removed day is still listed");

    // Under the days: how long before a deadline the commune's villages are reminded.
    let select = browser.scroll_to("reminder-days").await;
    assert_eq!(select.prop("value").await.unwrap().as_deref(), Some("2"), "two days before, by default");
    browser.css("[data-testid='reminder-days'] option[value='5']").await.click().await.unwrap();
    let commune = app.unit("XP").await.id;
    let office = app.session("vp.xuanphu").await;
    let mut set = None;
    for _ in 0..50 {
        set = app.reminders(&office, commune).await.ok().days_before;
        if set == Some(5) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(set, Some(5), "the choice is the commune's setting");
    let village = app.session("thon.bangoc").await;
    assert_eq!(app.reminders(&village, app.unit("XP-BANGOC").await.id).await.ok().days_before, Some(5), "and its villages'");
    browser.close().await;
}
