//! Web Push: a return reaches the village's phone with its reason, figures
//! that arrive reach the commune office's, a deadline near reminds the
//! village once, whatever the number of servers. Every push goes to a local
//! push service (`tonghop_tests::push`) that checks the VAPID signature and
//! decrypts the payload as a browser would; nothing leaves the machine.

use chrono::Days;
use tonghop_shared::api::{PushSubscriptionInput, PushSubscriptionKeys, SubmissionStatus};
use tonghop_tests::push::PushService;
use tonghop_tests::scenario::FormFigures;
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app_with};

/// A server that accepts the local push service's `http://` endpoints.
async fn app_with_push(db: Db) -> TestApp {
    spawn_app_with(db, |s| s.push_allow_http = true).await
}

/// The six months now: `2026-H2`.
fn current_half() -> String {
    let today = tonghop::clock::today();
    format!("{}-H{}", chrono::Datelike::year(&today), if chrono::Datelike::month(&today) <= 6 { 1 } else { 2 })
}

/// Queues the reminders of `day`, as a server's daily run does.
fn remind_on(app: &TestApp, day: chrono::NaiveDate) -> usize {
    let mut conn = app.pool.get().unwrap();
    tonghop::notifications::reminders::queue_due(&mut conn, day).unwrap()
}

async fn a_submission_reaches_the_office_and_a_return_reaches_the_village_with_its_reason(db: Db) {
    let push = PushService::start().await;
    let app = app_with_push(db).await;
    let (village, office) = (app.session("thon.bangoc").await, app.session("vp.xuanphu").await);
    let key = app.push_key().await.ok();
    let (village_phone, subscription) = push.subscribe();
    app.subscribe_push(&village, &subscription).await.no_content();
    let (office_phone, subscription) = push.subscribe();
    app.subscribe_push(&office, &subscription).await.no_content();

    let sent = app.scenario().village("XP-BANGOC").every_figure(10).submitted().await;
    let url = format!("/form/{}/{}/{}", sent.key.unit_id, sent.key.form_id, sent.key.period);
    let month = sent.key.period.parse::<tonghop_shared::MonthPeriod>().unwrap().label_vi().to_lowercase();
    let arrived = push.wait_for(office_phone, 1).await;
    assert_eq!(arrived[0].payload["title"], "Thôn Ba Ngọc đã gửi");
    assert_eq!(arrived[0].payload["body"], format!("Báo cáo {month}: chờ duyệt."));
    assert_eq!(arrived[0].payload["url"], url);
    assert_eq!(arrived[0].vapid_key, key.public_key, "signed with the key browsers subscribe with");
    assert!(arrived[0].ttl > 0);

    let reason = "Số trâu bò tăng gấp đôi so với tháng trước, đề nghị thôn kiểm tra lại";
    let returned = app.send_back(&sent.office, &sent.key, sent.version(), reason).await.ok();
    assert_eq!(returned.status, SubmissionStatus::Returned);
    let told = push.wait_for(village_phone, 1).await;
    assert_eq!(told[0].payload["title"], format!("Báo cáo {month} bị trả lại"));
    assert_eq!(told[0].payload["body"], reason);
    assert_eq!(told[0].payload["url"], url);
    assert_eq!(told[0].payload["tag"], arrived[0].payload["tag"], "one notification per month on a phone");

    // Nobody hears of what they did themselves.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(push.received(village_phone).len(), 1, "the village is not told of its own submission");
    assert_eq!(push.received(office_phone).len(), 1, "the office is not told of its own return");
    push.assert_nothing_refused();
}

async fn a_section_sent_reaches_the_office_and_its_return_the_organisation(db: Db) {
    let push = PushService::start().await;
    let app = app_with_push(db).await;
    let office = app.session("vp.xuanphu").await;
    let (office_phone, subscription) = push.subscribe();
    app.subscribe_push(&office, &subscription).await.no_content();
    let section = app.scenario().section("XP-PHUNU", &current_half()).not_started().await;
    let writer = section.writer.clone();
    let (writer_phone, subscription) = push.subscribe();
    app.subscribe_push(&writer, &subscription).await.no_content();

    let sent = app.submit(&writer, &section.key, section.version(), "Hội tổ chức 3 buổi sinh hoạt chuyên đề.").await.ok();
    let arrived = push.wait_for(office_phone, 1).await;
    assert!(arrived[0].payload["body"].as_str().unwrap().starts_with("Phần báo cáo "), "{:?}", arrived[0].payload);
    assert_eq!(arrived[0].payload["url"], format!("/section/{}/{}", section.key.unit_id, section.key.period));

    app.send_back(&office, &section.key, sent.version, "Cần ghi số hội viên tham gia").await.ok();
    let told = push.wait_for(writer_phone, 1).await;
    assert!(told[0].payload["title"].as_str().unwrap().ends_with("bị trả lại"));
    assert_eq!(told[0].payload["body"], "Cần ghi số hội viên tham gia");
}

async fn a_subscription_is_refused_field_by_field_and_nothing_is_kept(db: Db) {
    // The default: only https endpoints, as every browser's push service has.
    let app = spawn_app_with(db, |_| {}).await;
    let village = app.session("thon.bangoc").await;
    let good = PushService::start().await.subscribe().1;
    let refused = app.subscribe_push(&village, &good).await;
    assert_eq!(refused.status, reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.fields(), ["endpoint"], "http:// is refused unless configured: {:?}", refused.body);

    let bad = PushSubscriptionInput {
        endpoint: "không phải url".into(),
        keys: PushSubscriptionKeys { p256dh: "AAAA".into(), auth: "c2hvcnQ".into() },
    };
    let refused = app.subscribe_push(&village, &bad).await;
    assert_eq!(refused.fields(), ["endpoint", "keys.p256dh", "keys.auth"]);
    assert!(refused.error().fields.iter().all(|f| !f.message.is_empty()));

    for local in ["https://127.0.0.1:8080/push", "https://localhost/push", "https://10.1.2.3/x", "https://db.internal/x"] {
        let inside = PushSubscriptionInput { endpoint: local.into(), ..good.clone() };
        assert_eq!(
            app.subscribe_push(&village, &inside).await.fields(),
            ["endpoint"],
            "{local} is a machine of the network, not a push service"
        );
    }
    let long = PushSubscriptionInput { endpoint: format!("https://push.example.com/{}", "a".repeat(3000)), ..good.clone() };
    assert_eq!(app.subscribe_push(&village, &long).await.fields(), ["endpoint"]);
    // A point that is not on the curve.
    let mut off_curve = good.clone();
    off_curve.endpoint = "https://push.example.com/x".into();
    off_curve.keys.p256dh = format!("BA{}", "A".repeat(85));
    assert_eq!(app.subscribe_push(&village, &off_curve).await.fields(), ["keys.p256dh"]);

    assert_eq!(app.count("push_subscriptions"), 0);
}

async fn a_browser_that_unsubscribed_is_forgotten_and_a_new_user_takes_the_phone_over(db: Db) {
    let push = PushService::start().await;
    let app = app_with_push(db).await;
    let (village, office) = (app.session("thon.bangoc").await, app.session("vp.xuanphu").await);
    let (phone, subscription) = push.subscribe();
    app.subscribe_push(&village, &subscription).await.no_content();
    app.subscribe_push(&village, &subscription).await.no_content();
    assert_eq!(app.count("push_subscriptions"), 1, "the same browser twice is one subscription");

    // Another user logs in on the same phone and turns notifications on.
    app.subscribe_push(&office, &subscription).await.no_content();
    assert_eq!(app.count("push_subscriptions s JOIN users u ON u.id = s.user_id WHERE u.username = 'vp.xuanphu'"), 1);
    let sent = app.scenario().village("XP-BANGOC").every_figure(10).submitted().await;
    assert_eq!(push.wait_for(phone, 1).await[0].payload["title"], "Thôn Ba Ngọc đã gửi", "the phone is the office's now");

    // The browser unsubscribed: its push service answers 410; the server forgets it.
    push.answer_with(phone, 410);
    let returned = app.send_back(&sent.office, &sent.key, sent.version(), "Xem lại").await.ok();
    app.submit(&village, &sent.key, returned.version, sent.form.figures(11.0, &[])).await.ok();
    for _ in 0..100 {
        if app.count("push_subscriptions") == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(app.count("push_subscriptions"), 0, "a 410 forgets the subscription");

    // Turned off in the app: nothing more is queued for it.
    let (second, subscription) = push.subscribe();
    app.subscribe_push(&office, &subscription).await.no_content();
    app.unsubscribe_push(&office, &subscription.endpoint).await.no_content();
    app.unsubscribe_push(&office, &subscription.endpoint).await.no_content();
    assert_eq!(app.count("push_subscriptions"), 0);
    assert!(push.received(second).is_empty());
}

async fn a_deadline_near_reminds_the_village_once_from_the_days_its_commune_set(db: Db) {
    let push = PushService::start().await;
    let app = app_with_push(db).await;
    let (village, office) = (app.session("thon.bangoc").await, app.session("vp.xuanphu").await);
    let commune = app.unit("XP").await.id;
    let (phone, subscription) = push.subscribe();
    app.subscribe_push(&village, &subscription).await.no_content();
    let due = app.due(&village).await.ok();
    let item = due.iter().find(|d| !d.status.received() && !d.overdue).expect("a month due and not yet sent");
    let deadline = item.deadline;

    // The default: two days before.
    assert_eq!(remind_on(&app, deadline - Days::new(3)), 0, "three days before: not yet");
    assert_eq!(remind_on(&app, deadline - Days::new(2)), 1);
    assert_eq!(remind_on(&app, deadline - Days::new(1)), 0, "once per month and form");
    let reminder = push.wait_for(phone, 1).await;
    assert_eq!(reminder[0].payload["title"], "Sắp đến hạn gửi báo cáo");
    let body = reminder[0].payload["body"].as_str().unwrap();
    assert!(body.contains(&format!("hạn {}, còn 2 ngày", deadline.format("%d/%m/%Y"))), "{body}");
    assert!(body.contains("Thôn Ba Ngọc"), "{body}");
    assert_eq!(reminder[0].payload["url"], format!("/form/{}/{}/{}", item.unit.id, item.form_id, item.period));

    // The commune turns reminders off: nothing for the next month either.
    app.set_reminders(&office, commune, None).await.ok();
    let next = item.period.next();
    let next_deadline = deadline + Days::new(31);
    assert_eq!(remind_on(&app, next_deadline - Days::new(1)), 0, "reminders off ({next})");
    // Five days before, set by the commune.
    app.set_reminders(&office, commune, Some(5)).await.ok();
    let queued = remind_on(&app, next_deadline - Days::new(5));
    assert!(queued <= 1, "{queued}");
    // A month sent is never reminded of.
    let sent = app.scenario().village("XP-BANGOC").in_month(&item.period.to_string()).every_figure(3).submitted().await;
    assert_eq!(sent.submission.status, SubmissionStatus::Submitted);
    assert_eq!(remind_on(&app, deadline), 0);
    push.assert_nothing_refused();
}

async fn the_reminder_setting_is_the_communes_and_the_villages_take_it(db: Db) {
    let app = app_with_push(db).await;
    let (village, office) = (app.session("thon.bangoc").await, app.session("vp.xuanphu").await);
    let (commune, own) = (app.unit("XP").await.id, app.unit("XP-BANGOC").await.id);

    let default = app.reminders(&village, own).await.ok();
    assert_eq!((default.days_before, default.set_by.is_none(), default.editable), (Some(2), true, false));
    let set = app.set_reminders(&office, commune, Some(3)).await.ok();
    assert_eq!((set.days_before, set.editable), (Some(3), true));
    let inherited = app.reminders(&village, own).await.ok();
    assert_eq!(inherited.days_before, Some(3));
    assert_eq!(inherited.set_by.map(|u| u.code), Some("XP".to_owned()));

    let refused = app.set_reminders(&village, own, Some(1)).await;
    assert_eq!(refused.status, reqwest::StatusCode::FORBIDDEN);
    let refused = app.set_reminders(&office, commune, Some(16)).await;
    assert_eq!(refused.fields(), ["days_before"]);
    assert_eq!(app.reminders(&office, commune).await.ok().days_before, Some(3), "a refusal changes nothing");
    assert_eq!(app.set_reminders(&office, commune, None).await.ok().days_before, None);
}

on_both_databases!(
    a_submission_reaches_the_office_and_a_return_reaches_the_village_with_its_reason,
    a_section_sent_reaches_the_office_and_its_return_the_organisation,
    a_subscription_is_refused_field_by_field_and_nothing_is_kept,
    a_browser_that_unsubscribed_is_forgotten_and_a_new_user_takes_the_phone_over,
    a_deadline_near_reminds_the_village_once_from_the_days_its_commune_set,
    the_reminder_setting_is_the_communes_and_the_villages_take_it,
);

/// Two servers on one PostgreSQL database: both read the queue and both run
/// the day's reminders, and each push arrives once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_database_send_each_push_once() {
    let push = PushService::start().await;
    let first = app_with_push(Db::Postgres).await;
    let url = first.settings_database_url();
    let second = spawn_app_with(Db::Postgres, move |s| {
        s.database_url = url;
        s.push_allow_http = true;
    })
    .await;
    assert_eq!(first.push_key().await.ok(), second.push_key().await.ok(), "one key for every server");
    let village = first.session("thon.bangoc").await;
    let (phone, subscription) = push.subscribe();
    first.subscribe_push(&village, &subscription).await.no_content();
    let deadline = first.due(&village).await.ok().into_iter().find(|d| !d.status.received() && !d.overdue).unwrap().deadline;

    // Both servers' daily runs at once, on their own connections.
    let day = deadline - Days::new(1);
    let runs: Vec<_> = [first.pool.clone(), second.pool.clone(), first.pool.clone(), second.pool.clone()]
        .into_iter()
        .map(|pool| std::thread::spawn(move || tonghop::notifications::reminders::queue_due(&mut pool.get().unwrap(), day).unwrap()))
        .collect();
    let queued: usize = runs.into_iter().map(|r| r.join().unwrap()).sum();
    assert_eq!(queued, 1, "one reminder queued, whoever ran first");

    // Both poll every 200 ms; give them time to race.
    push.wait_for(phone, 1).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(push.received(phone).len(), 1, "sent by one server");
    push.assert_nothing_refused();
}
