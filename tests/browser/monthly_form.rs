use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, spawn_app};

const FIGURES: &[(&str, &str)] = &[
    ("GRAIN_OUTPUT", "1936"),
    ("SOWN_AREA", "45,7"),
    ("AFFORESTATION", "2,5"),
    ("CATTLE", "250"),
    ("POULTRY", "9500"),
    ("HOUSEHOLDS", "310"),
    ("POOR_HOUSEHOLDS", "5"),
    ("NEAR_POOR_HOUSEHOLDS", "6"),
    ("POPULATION", "1180"),
    ("INSURED_PEOPLE", "1000"),
    ("NEW_PARTY_MEMBERS", "1"),
    ("TRAFFIC_ACCIDENTS", "0"),
    ("PUBLIC_ORDER_INCIDENTS", "0"),
];

async fn log_in(browser: &Browser, address: &str, username: &str, password: &str) {
    browser.client.goto(address).await.unwrap();
    browser.testid("login-username").await.send_keys(username).await.unwrap();
    browser.testid("login-password").await.send_keys(password).await.unwrap();
    browser.testid("login-submit").await.click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_village_fills_in_and_submits_its_month_and_the_commune_sees_the_figures() {
    assert!(
        tonghop::web::assets::app_is_built(),
        "the web app is not built into the server: run `cargo xtask test` (or `cargo xtask build-frontend` first)"
    );
    let app = spawn_app(Db::Sqlite).await;
    let browser = Browser::start().await;

    // A reporter logs in and opens this month's form.
    log_in(&browser, &app.address, "thon.bangoc", "thon2026").await;
    browser.wait_for_text("Thôn Ba Ngọc").await;
    browser.testid("due-item").await.click().await.unwrap();
    browser.testid("value-GRAIN_OUTPUT").await;
    browser.screenshot("form-empty").await;

    // A dot used as a decimal point is explained next to the field.
    let sown = browser.testid("value-SOWN_AREA").await;
    sown.send_keys("45.7").await.unwrap();
    let error = browser.testid("error-SOWN_AREA").await;
    assert!(error.text().await.unwrap().contains("45,7"), "{}", error.text().await.unwrap());
    sown.clear().await.unwrap();

    for (code, figure) in FIGURES {
        let input = browser.testid(&format!("value-{code}")).await;
        input.clear().await.unwrap();
        input.send_keys(figure).await.unwrap();
    }
    browser.testid("save-draft").await.click().await.unwrap();
    browser.wait_for_text("Đã lưu nháp").await;
    browser.testid("submit").await.click().await.unwrap();
    browser.testid("confirm-submit").await.click().await.unwrap();
    browser.wait_for_text("Đã gửi").await;
    browser.screenshot("form-submitted").await;
    browser.testid("logout").await.click().await.unwrap();

    // The commune office sees the village's figures, written the Vietnamese way.
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.wait_for_text("Thôn Ba Ngọc").await;
    browser.testid("unit-card").await;
    browser.wait_for_text("1.936").await;
    browser.wait_for_text("45,7").await;
    browser.screenshot("commune-overview").await;
    browser.close().await;
}
