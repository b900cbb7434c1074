//! The village phone on a weak or absent connection.
//!
//! The browser reaches the server through [`Link`], a relay that counts the
//! bytes and requests crossing it and can be cut, so "offline" means what it
//! means on a phone: nothing gets through, for the page and for its service
//! worker alike, while the server keeps running and can be asked what it
//! received. Slow 3G is DevTools' emulation (400 ms round trip, 400 kbit/s,
//! CPU slowed 4x); its times and byte counts are printed, never asserted.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use serde_json::json;
use tonghop::db::schema::{audit_log, submissions, users};
use tonghop_tests::browser::Browser;
use tonghop_tests::network::Link;
use tonghop_tests::{Db, TestApp, spawn_app};

use crate::monthly_form::FIGURES;

/// The address's path (`/api/v1/due`) without its query.
fn path_only(path: &str) -> &str {
    path.split('?').next().unwrap_or(path)
}

/// A file of the app rather than an API call.
fn is_app_file(path: &str) -> bool {
    !path.starts_with("/api/")
}

/// Waits (up to a minute: slow 3G with a slow CPU) for an element.
async fn wait_long(browser: &Browser, testid: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let selector = format!("[data-testid='{testid}']");
    while browser.client.find(fantoccini::Locator::Css(&selector)).await.is_err() {
        if Instant::now() > deadline {
            let shot = browser.screenshot(&format!("offline-missing-{testid}")).await;
            let text = browser.client.find(fantoccini::Locator::Css("body")).await.unwrap().text().await.unwrap_or_default();
            panic!("{selector} never appeared (screenshot {}); the page shows:\n{text}", shot.display());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until a service worker controls the page and its install is done.
async fn wait_for_service_worker(browser: &Browser) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ready = browser
            .client
            .execute("return !!(navigator.serviceWorker && navigator.serviceWorker.controller && navigator.serviceWorker.controller.state === 'activated');", vec![])
            .await
            .unwrap();
        if ready == json!(true) {
            return;
        }
        assert!(Instant::now() < deadline, "no service worker took control of the page");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Logs in on the login form already on screen.
async fn log_in_here(browser: &Browser, username: &str, password: &str) {
    browser.testid("login-username").await.send_keys(username).await.unwrap();
    browser.testid("login-password").await.send_keys(password).await.unwrap();
    browser.testid("login-submit").await.click().await.unwrap();
}

/// Cuts or restores the phone's connection: the relay, and what the page
/// believes (`navigator.onLine` and the `online` event the app listens to).
async fn connection(browser: &Browser, link: &Link, up: bool) {
    link.set_up(up);
    browser.emulate_offline(!up).await;
}

/// What the server holds of the form at `form_url` (`…/form/{unit}/{form}/{period}`):
/// status, version, and how many times it was submitted (audit entries).
fn stored(app: &TestApp, form_url: &str) -> Option<(String, i64, i64)> {
    let parts: Vec<&str> = form_url.trim_end_matches('/').rsplit('/').take(3).collect();
    let (period, form_id, unit_id) = (parts[0].to_owned(), parts[1].parse::<i64>().unwrap(), parts[2].parse::<i64>().unwrap());
    let mut conn = app.pool.get().unwrap();
    let (id, status, version): (i64, String, i64) = submissions::table
        .filter(submissions::unit_id.eq(unit_id))
        .filter(submissions::form_id.eq(form_id))
        .filter(submissions::period.eq(&period))
        .select((submissions::id, submissions::status, submissions::version))
        .first(&mut conn)
        .optional()
        .unwrap()?;
    Some((status, version, submits(&mut conn, "submission", id)))
}

/// How many times the audit log saw `entity` `id` submitted.
fn submits(conn: &mut tonghop::db::DbConn, entity: &str, id: i64) -> i64 {
    audit_log::table
        .filter(audit_log::entity.eq(entity))
        .filter(audit_log::entity_id.eq(id))
        .filter(audit_log::action.eq("submit"))
        .count()
        .get_result(conn)
        .unwrap()
}

/// A server, a phone's connection to it, and the phone's browser, logged in
/// as `username` through that connection.
async fn phone_logged_in(username: &str, password: &str) -> (TestApp, Link, Browser) {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let link = Link::start(&app.address).await;
    let browser = Browser::start().await;
    browser.goto(&link.address).await;
    log_in_here(&browser, username, password).await;
    (app, link, browser)
}

/// Waits (up to 30 s) until `is_submitted` says the server holds it as submitted.
async fn wait_until(what: &str, is_submitted: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !is_submitted() {
        assert!(Instant::now() < deadline, "the waiting {what} never arrived");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Waits (up to 30 s) until the server holds the form as submitted.
async fn wait_until_submitted(app: &TestApp, form_url: &str) {
    wait_until("submit", || stored(app, form_url).is_some_and(|s| s.0 == "submitted")).await;
}

/// Types the month's figures and submits, with the confirmation.
async fn fill_in_and_submit(browser: &Browser) {
    for (code, figure) in FIGURES {
        let input = browser.testid(&format!("value-{code}")).await;
        input.clear().await.unwrap();
        input.send_keys(figure).await.unwrap();
    }
    browser.tap("submit").await;
    browser.tap("confirm-submit").await;
}

/// Closes the tab and opens the app again in a new one, at `url`, still
/// offline (DevTools' emulation belongs to a tab: the new one is told too).
async fn close_and_reopen_offline(browser: &Browser, url: &str) {
    let fresh = browser.client.new_window(true).await.unwrap();
    browser.client.close_window().await.unwrap();
    browser.client.switch_to_window(fresh.handle).await.unwrap();
    browser.emulate_offline(true).await;
    browser.goto(url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phone_app_loads_once_opens_offline_and_sends_a_submit_made_offline_exactly_once() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let app = spawn_app(Db::Sqlite).await;
    let link = Link::start(&app.address).await;
    let browser = Browser::start().await;

    // First visit on slow 3G: everything from the address to a usable login form.
    browser.emulate_slow_3g(true).await;
    let started = Instant::now();
    browser.goto(&link.address).await;
    wait_long(&browser, "login-username").await;
    let first = (started.elapsed(), link.bytes_down(), link.paths());
    wait_for_service_worker(&browser).await;
    let installed = link.bytes_down();

    // Repeat visit on slow 3G: nothing of the app crosses the network again.
    link.reset();
    let started = Instant::now();
    browser.goto(&link.address).await;
    wait_long(&browser, "login-username").await;
    let repeat = (started.elapsed(), link.bytes_down(), link.paths());
    println!(
        "slow 3G (400 ms, 400 kbit/s, CPU x4): first visit {:.1} s to a usable login form, {} B ({} B once the service worker installed); repeat visit {:.1} s, {} B",
        first.0.as_secs_f64(),
        first.1,
        installed,
        repeat.0.as_secs_f64(),
        repeat.1
    );
    println!("  first visit fetched: {:?}", first.2);
    println!("  repeat visit fetched: {:?}", repeat.2);
    let refetched: Vec<&String> = repeat.2.iter().filter(|p| is_app_file(path_only(p)) && path_only(p) != "/sw.js").collect();
    assert!(refetched.is_empty(), "a repeat visit fetched files of the app again: {refetched:?}");

    // Log in and open the month's form, then save a figure: the figures the
    // phone last saw are what it shows offline.
    link.reset();
    log_in_here(&browser, "thon.bangoc", "thon2026").await;
    wait_long(&browser, "due-item").await;
    browser.testid("due-item").await.click().await.unwrap();
    wait_long(&browser, "value-CATTLE").await;
    println!("slow 3G: login to an open monthly form transferred {} B more: {:?}", link.bytes_down(), link.paths());
    browser.emulate_slow_3g(false).await;
    let form_url = browser.client.current_url().await.unwrap().to_string();
    browser.testid("value-CATTLE").await.send_keys("250").await.unwrap();
    browser.tap("save-draft").await;
    browser.wait_for_text("Đã lưu nháp").await;

    // Offline, a reload opens the app and the last opened form with its figures.
    connection(&browser, &link, false).await;
    browser.goto(&form_url).await;
    wait_long(&browser, "value-CATTLE").await;
    assert_eq!(browser.testid("value-CATTLE").await.prop("value").await.unwrap().as_deref(), Some("250"));
    browser.screenshot("offline-form").await;
    // And the due list.
    browser.goto(&link.address).await;
    wait_long(&browser, "due-item").await;

    // Offline, the village fills in the month and submits: it waits on the phone.
    link.reset();
    browser.goto(&form_url).await;
    wait_long(&browser, "value-CATTLE").await;
    fill_in_and_submit(&browser).await;
    browser.wait_for_testid_text("pending-submit", "Chờ gửi").await;
    browser.screenshot("offline-submit-waiting").await;
    assert!(link.paths().is_empty(), "nothing crosses a cut connection: {:?}", link.paths());
    assert_eq!(stored(&app, &form_url).map(|s| s.0), Some("draft".to_owned()));

    // The tab is closed and opened again, still offline: the submit still waits.
    close_and_reopen_offline(&browser, &link.address).await;
    browser.wait_for_testid_text("due-pending", "Chờ gửi báo cáo").await;
    browser.goto(&form_url).await;
    browser.wait_for_testid_text("pending-submit", "Chờ gửi").await;

    // Back online: delivered by itself, once.
    let back = Instant::now();
    connection(&browser, &link, true).await;
    wait_until_submitted(&app, &form_url).await;
    println!("delivered {:.1} s after the connection returned", back.elapsed().as_secs_f64());
    browser.wait_for_text("Đã tự gửi báo cáo cho xã").await;
    // Give a duplicate every chance to arrive: the app retries every 20 s.
    tokio::time::sleep(Duration::from_secs(21)).await;
    let (status, _, submits) = stored(&app, &form_url).expect("the submission");
    assert_eq!(status, "submitted");
    assert_eq!(submits, 1, "the server received the submission exactly once");
    browser.screenshot("offline-submit-delivered").await;
    browser.close().await;
}

/// How the session stands when the connection returns.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Session {
    /// The access token expired while offline; the refresh token holds.
    AccessExpired,
    /// Both are over: the queue waits for the next login.
    RefreshExpired,
}

async fn a_submit_made_offline_outlives(session: Session) {
    let (app, link, browser) = phone_logged_in("thon.bangoc", "thon2026").await;
    browser.testid("due-item").await.click().await.unwrap();
    browser.testid("value-CATTLE").await;
    wait_for_service_worker(&browser).await;
    let form_url = browser.client.current_url().await.unwrap().to_string();

    connection(&browser, &link, false).await;
    fill_in_and_submit(&browser).await;
    browser.wait_for_testid_text("pending-submit", "Chờ gửi").await;

    // Meanwhile the session runs out.
    let mut conn = app.pool.get().unwrap();
    let user_id: i64 = users::table.filter(users::username.eq("thon.bangoc")).select(users::id).first(&mut conn).unwrap();
    let stored_tokens = browser.client.execute("return JSON.parse(localStorage.getItem('tonghop.tokens'));", vec![]).await.unwrap();
    let refresh = match session {
        Session::AccessExpired => stored_tokens["refresh_token"].as_str().unwrap().to_owned(),
        Session::RefreshExpired => "expired-refresh-token".to_owned(),
    };
    let tokens = json!({"access_token": app.expired_access_token(user_id), "refresh_token": refresh});
    browser.client.execute("localStorage.setItem('tonghop.tokens', JSON.stringify(arguments[0]));", vec![tokens]).await.unwrap();
    close_and_reopen_offline(&browser, &form_url).await;
    browser.wait_for_testid_text("pending-submit", "Chờ gửi").await;

    link.reset();
    let back = Instant::now();
    connection(&browser, &link, true).await;
    if session == Session::RefreshExpired {
        // The login screen, with the submit still waiting behind it.
        wait_long(&browser, "login-username").await;
        assert_ne!(stored(&app, &form_url).map(|s| s.0).as_deref(), Some("submitted"), "nothing is sent without a session");
        let waiting = browser.client.execute("return localStorage.getItem('tonghop.outbox');", vec![]).await.unwrap();
        assert!(waiting.as_str().is_some_and(|q| q.contains("\"submit\":true")), "the queue is kept: {waiting}");
        log_in_here(&browser, "thon.bangoc", "thon2026").await;
    }
    wait_until_submitted(&app, &form_url).await;
    println!("{session:?}: delivered {:.1} s after the connection returned", back.elapsed().as_secs_f64());
    // The form says so, and nothing waits any more.
    browser.wait_for_text("Đã gửi").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(browser.client.find(fantoccini::Locator::Css("[data-testid='pending-submit']")).await.is_err());
    let (status, _, submits) = stored(&app, &form_url).expect("the submission");
    assert_eq!(status, "submitted");
    assert_eq!(submits, 1, "the server received the submission exactly once");
    let refreshed = link.paths().iter().any(|p| p == "/api/v1/auth/refresh");
    assert!(refreshed || session == Session::RefreshExpired, "the expired access token was renewed first: {:?}", link.paths());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submit_made_offline_is_delivered_after_the_access_token_expired_meanwhile() {
    a_submit_made_offline_outlives(Session::AccessExpired).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submit_made_offline_waits_for_the_next_login_when_the_whole_session_expired() {
    a_submit_made_offline_outlives(Session::RefreshExpired).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_made_offline_that_meets_a_change_made_elsewhere_keeps_both() {
    let (app, link, browser) = phone_logged_in("thon.bangoc", "thon2026").await;
    browser.testid("due-item").await.click().await.unwrap();
    browser.testid("value-CATTLE").await.send_keys("250").await.unwrap();
    browser.tap("save-draft").await;
    browser.wait_for_text("Đã lưu nháp").await;
    let form_url = browser.client.current_url().await.unwrap().to_string();

    // Offline, the phone changes the figure and saves: it waits.
    connection(&browser, &link, false).await;
    let cattle = browser.testid("value-CATTLE").await;
    cattle.clear().await.unwrap();
    cattle.send_keys("260").await.unwrap();
    browser.tap("save-draft").await;
    browser.wait_for_testid_text("pending-save", "Chờ gửi").await;

    // Meanwhile another phone of the village saves 300 over the same version.
    let (_, version, _) = stored(&app, &form_url).expect("the draft");
    let token = app.token("thon.bangoc").await;
    let path = browser.client.current_url().await.unwrap().path().replace("/form/", "/api/v1/submissions/");
    let (_, indicators) = app.form("VILLAGE_MONTHLY").await;
    let cattle_id = indicators.iter().find(|(_, code)| code == "CATTLE").map(|(id, _)| *id).unwrap();
    let elsewhere = app
        .call(
            reqwest::Method::PUT,
            &path,
            Some(&token),
            Some(json!({"version": version, "values": [{"indicator_id": cattle_id, "value": 300}]})),
        )
        .await;
    assert_eq!(elsewhere.status, 200, "{:?}", elsewhere.body);

    // Back online: the delivery is refused as a conflict, said on the form;
    // what the phone typed stays, and the server's figure is shown beside it.
    connection(&browser, &link, true).await;
    browser.wait_for_text("Số liệu đã được thay đổi ở nơi khác").await;
    assert!(browser.client.find(fantoccini::Locator::Css("[data-testid='pending-save']")).await.is_err(), "no longer «Chờ gửi»");
    assert_eq!(browser.testid("value-CATTLE").await.prop("value").await.unwrap().as_deref(), Some("260"));
    browser.screenshot("offline-conflict").await;
    browser.tap("reload").await;
    browser.wait_for_text("Bản mới nhất trên máy chủ: 300").await;
    assert_eq!(browser.testid("value-CATTLE").await.prop("value").await.unwrap().as_deref(), Some("260"));
    let (_, after, _) = stored(&app, &form_url).unwrap();
    assert_eq!(after, version + 1, "only the other phone's save was stored");
    // The user keeps their figure: saved on top of the newer version.
    browser.tap("save-draft").await;
    browser.wait_for_text("Đã lưu nháp").await;
    assert_eq!(stored(&app, &form_url).unwrap().1, version + 2);
    browser.close().await;
}

/// The section of `unit` for `period`: status, and how many times it was submitted.
fn stored_section(app: &TestApp, unit: &str, period: &str) -> Option<(String, i64)> {
    use tonghop::db::schema::{sections, units};
    let mut conn = app.pool.get().unwrap();
    let unit_id: i64 = units::table.filter(units::code.eq(unit)).select(units::id).first(&mut conn).unwrap();
    let (id, status): (i64, String) = sections::table
        .filter(sections::unit_id.eq(unit_id))
        .filter(sections::period.eq(period))
        .select((sections::id, sections::status))
        .first(&mut conn)
        .optional()
        .unwrap()?;
    Some((status, submits(&mut conn, "section", id)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_section_sent_offline_waits_on_the_phone_and_reaches_the_commune_once() {
    let (app, link, browser) = phone_logged_in("phunu.xuanphu", "doanthe2026").await;
    browser.wait_for_testid_text("section-entry", "Báo cáo hoạt động").await;
    browser.testid("section-entry").await.find(fantoccini::Locator::Css("a")).await.unwrap().click().await.unwrap();
    browser.testid("section-text").await;
    wait_for_service_worker(&browser).await;
    let section_url = browser.client.current_url().await.unwrap().to_string();
    let period = section_url.trim_end_matches('/').rsplit('/').next().unwrap().to_owned();

    // Offline, the union writes and sends its section: it waits, with its text.
    connection(&browser, &link, false).await;
    browser.testid("section-text").await.send_keys("Hội đã tổ chức 3 lớp tập huấn cho hội viên.").await.unwrap();
    // «Gửi xã» tapped at once: the tap takes the focus from the text, whose
    // blur starts a save. The tap is not lost: the question opens, and its
    // button waits («Đang lưu…») until that save is over (here: failed).
    browser.tap("section-submit").await;
    browser.wait_for_testid_text("section-confirm-submit", "Gửi xã").await;
    browser.testid("section-confirm-submit").await.click().await.unwrap();
    browser.wait_for_testid_text("section-pending-submit", "Chờ gửi").await;
    browser.wait_for_testid_text("section-preview", "3 lớp tập huấn").await;
    browser.screenshot("offline-section-waiting").await;

    // Closed and opened again offline: still waiting.
    close_and_reopen_offline(&browser, &section_url).await;
    browser.wait_for_testid_text("section-pending-submit", "Chờ gửi").await;
    assert_ne!(stored_section(&app, "XP-PHUNU", &period).map(|s| s.0).as_deref(), Some("submitted"));

    // Back online: delivered by itself, once.
    connection(&browser, &link, true).await;
    wait_until("section", || stored_section(&app, "XP-PHUNU", &period).is_some_and(|s| s.0 == "submitted")).await;
    browser.wait_for_testid_text("section-status", "Đã gửi").await;
    tokio::time::sleep(Duration::from_secs(21)).await;
    assert_eq!(stored_section(&app, "XP-PHUNU", &period).map(|s| s.1), Some(1), "the commune received the section once");
    browser.close().await;
}
