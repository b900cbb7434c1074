//! Notifications from the menu: a village secretary turns them on, the
//! subscription reaches the server, a return from the commune arrives at
//! the phone's push service with its reason (checked and decrypted by the
//! local push service), and turning them off, or logging out, forgets the
//! subscription.
//!
//! Headless Chromium has no push service to reach (Google's, over the
//! internet): the page's `PushManager.subscribe` is replaced by one that
//! answers a subscription of the local push service, and the permission
//! prompt by a yes. Everything else is the app's: the menu, push.js
//! imported on opening it, the service worker's registration, the calls to
//! the server.

use tonghop_tests::browser::Browser;
use tonghop_tests::push::PushService;
use tonghop_tests::{Db, spawn_app_with};

use crate::monthly_form::log_in;

/// What the page's push manager answers, for the subscription `json`.
const FAKE_PUSH: &str = r#"
const subscription = JSON.parse(arguments[0]);
let current = null;
PushManager.prototype.getSubscription = async function () { return current; };
PushManager.prototype.subscribe = async function (options) {
  const key = options.applicationServerKey;
  current = {
    endpoint: subscription.endpoint,
    options: { applicationServerKey: key.buffer ? key.buffer.slice(0) : key },
    toJSON: () => subscription,
    unsubscribe: async () => { current = null; return true; },
  };
  window.subscribedWith = Array.from(new Uint8Array(current.options.applicationServerKey)).length;
  return current;
};
Object.defineProperty(Notification, 'permission', { get: () => 'granted', configurable: true });
Notification.requestPermission = async () => 'granted';
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_village_turns_notifications_on_from_the_menu_and_its_return_arrives() {
    assert!(tonghop::web::assets::app_is_built(), "the web app is not built into the server: run `cargo xtask test`");
    let push = PushService::start().await;
    let app = spawn_app_with(Db::Sqlite, |s| s.push_allow_http = true).await;
    let browser = Browser::start().await;
    log_in(&browser, &app.address, "thon.bangoc", "thon2026").await;
    browser.testid("user-name").await;
    let (phone, subscription) = push.subscribe();
    browser.client.execute(FAKE_PUSH, vec![serde_json::to_value(serde_json::to_string(&subscription).unwrap()).unwrap()]).await.unwrap();

    browser.tap("menu").await;
    browser.wait_for_testid_text("push-toggle", "Bật thông báo").await;
    browser.screenshot("push-menu-off").await;
    browser.tap("push-toggle").await;
    browser.wait_for_testid_text("push-status", "Đã bật").await;
    browser.wait_for_testid_text("push-toggle", "Tắt thông báo").await;
    let key_length = browser.client.execute("return window.subscribedWith", vec![]).await.unwrap();
    assert_eq!(key_length, 65, "subscribed with the server's VAPID key as bytes");
    assert_eq!(app.count("push_subscriptions"), 1, "the server keeps this browser's subscription");
    browser.screenshot("push-menu-on").await;

    // The commune returns the month: the phone hears of it, with the reason.
    let sent = app.scenario().village("XP-BANGOC").every_figure(10).submitted().await;
    app.send_back(&sent.office, &sent.key, sent.version(), "Thiếu số hộ nghèo, đề nghị bổ sung").await.ok();
    let told = push.wait_for(phone, 1).await;
    assert_eq!(told[0].payload["body"], "Thiếu số hộ nghèo, đề nghị bổ sung");

    // Off again: the browser unsubscribes and the server forgets it.
    browser.tap("push-toggle").await;
    browser.wait_for_testid_text("push-status", "Đã tắt").await;
    browser.wait_for_testid_text("push-toggle", "Bật thông báo").await;
    assert_eq!(app.count("push_subscriptions"), 0);

    // On again, then logging out: the server forgets this phone.
    browser.tap("push-toggle").await;
    browser.wait_for_testid_text("push-toggle", "Tắt thông báo").await;
    assert_eq!(app.count("push_subscriptions"), 1);
    browser.tap("menu").await; // closes the open menu
    browser.log_out().await;
    assert_eq!(app.count("push_subscriptions"), 0, "logging out turns notifications off on this phone");
    assert!(browser.csp_violations().await.is_empty(), "push.js is imported under the page's policy");
    browser.close().await;
}
