use tonghop_tests::browser::Browser;
use tonghop_tests::{Db, spawn_app};

/// A full month of Thôn Ba Ngọc's figures, as typed.
pub(crate) const FIGURES: &[(&str, &str)] = &[
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

/// Opens the app and logs in.
pub(crate) async fn log_in(browser: &Browser, address: &str, username: &str, password: &str) {
    browser.goto(address).await;
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
    browser.log_out().await;

    // The commune office sees the village's figures, written the Vietnamese way.
    log_in(&browser, &app.address, "vp.xuanphu", "xuanphu2026").await;
    browser.wait_for_text("Thôn Ba Ngọc").await;
    browser.testid("unit-card").await;
    browser.wait_for_text("1.936").await;
    browser.wait_for_text("45,7").await;
    browser.screenshot("commune-overview").await;
    assert_eq!(browser.csp_violations().await, Vec::<String>::new(), "the Content-Security-Policy refused something");
    // The policy is there and refusals are seen: an inline script is not run.
    let ran: bool = browser
        .client
        .execute(
            "const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); \
             await new Promise((r) => setTimeout(r, 100)); return window.__ran === true;",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(!ran, "an inline script ran");
    assert!(browser.csp_violations().await.iter().any(|v| v.starts_with("script-src")), "{:?}", browser.csp_violations().await);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_a_village_typed_survives_a_lost_connection_a_wrong_password_and_an_expired_session() {
    use diesel::prelude::*;
    use tonghop::db::schema::users;
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let browser = Browser::start().await;

    // A wrong password is said plainly.
    log_in(&browser, &app.address, "thon.bangoc", "sai-mat-khau").await;
    browser.wait_for_text("Tên đăng nhập hoặc mật khẩu không đúng").await;
    let password = browser.testid("login-password").await;
    password.clear().await.unwrap();
    password.send_keys("thon2026").await.unwrap();
    browser.testid("login-submit").await.click().await.unwrap();
    browser.testid("due-item").await.click().await.unwrap();
    browser.testid("value-CATTLE").await.send_keys("250").await.unwrap();

    // The server goes away: the save waits on the phone, the figure stays.
    app.stop_server().await;
    browser.testid("save-draft").await.click().await.unwrap();
    browser.wait_for_testid_text("pending-save", "Chờ gửi").await;
    browser.screenshot("form-offline").await;
    assert_eq!(browser.testid("value-CATTLE").await.prop("value").await.unwrap().as_deref(), Some("250"));

    // Back, even a reload of the page keeps the typed figure, and the
    // waiting save is delivered by itself.
    app.restart_server().await;
    browser.reload().await;
    browser.wait_for_text("Tổng đàn gia súc").await;
    assert_eq!(
        browser.testid("value-CATTLE").await.prop("value").await.unwrap().as_deref(),
        Some("250"),
        "typed figure restored after reload"
    );
    wait_for_cattle(&app, &browser, 250).await;
    browser.testid("value-CATTLE").await.clear().await.unwrap();
    browser.testid("value-CATTLE").await.send_keys("251").await.unwrap();

    // The session ends (the account is suspended): back to the login screen.
    let mut conn = app.pool.get().unwrap();
    diesel::update(users::table.filter(users::username.eq("thon.bangoc"))).set(users::active.eq(false)).execute(&mut conn).unwrap();
    browser.testid("save-draft").await.click().await.unwrap();
    browser.testid("login-username").await;
    browser.screenshot("session-expired").await;

    // Logged in again, the figure is still there and saves.
    diesel::update(users::table.filter(users::username.eq("thon.bangoc"))).set(users::active.eq(true)).execute(&mut conn).unwrap();
    browser.testid("login-username").await.send_keys("thon.bangoc").await.unwrap();
    browser.testid("login-password").await.send_keys("thon2026").await.unwrap();
    browser.testid("login-submit").await.click().await.unwrap();
    // The save that waited behind the login is delivered by itself.
    wait_for_cattle(&app, &browser, 251).await;
    assert_eq!(browser.testid("value-CATTLE").await.prop("value").await.unwrap().as_deref(), Some("251"));
    assert_eq!(browser.csp_violations().await, Vec::<String>::new(), "the Content-Security-Policy refused something");
    browser.close().await;
}

/// Waits until the server holds `cattle` for the form open in the browser
/// (a save the outbox delivers by itself).
async fn wait_for_cattle(app: &tonghop_tests::TestApp, browser: &Browser, cattle: i64) {
    let token = app.token("thon.bangoc").await;
    let path = browser.client.current_url().await.unwrap().path().replace("/form/", "/api/v1/submissions/");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let sub = app.get(&path, &token).await.body;
        let stored = sub["values"].as_array().unwrap().iter().find(|v| v["indicator_code"] == "CATTLE").map(|v| v["value"].clone());
        if stored == Some(serde_json::json!(cattle)) {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "the waiting save never arrived: {sub}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}
