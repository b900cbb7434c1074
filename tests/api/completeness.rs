use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{NoticeKind, SubmissionStatus};
use tonghop_tests::scenario::amount;
use tonghop_tests::{Db, current_period, on_both_databases, spawn_app};

fn previous(period: &str, n: usize) -> MonthPeriod {
    let mut p: MonthPeriod = period.parse().unwrap();
    for _ in 0..n {
        p = p.previous();
    }
    p
}

async fn the_commune_sees_units_by_period_with_totals(db: Db) {
    let app = spawn_app(db).await;
    let sent = app.scenario().village("XP-BANGOC").every_figure(1).submitted().await;
    let from = previous(&current_period(), 2);

    let table = app.completeness(&sent.office, sent.key.form_id, Some(&from.to_string()), None).await.ok();

    assert_eq!(table.periods, [from, previous(&current_period(), 1), previous(&current_period(), 0)]);
    assert_eq!(table.rows.len(), 6);
    let phu_xuan = table.rows.iter().find(|r| r.unit.code == "XP-PHUXUAN").unwrap();
    assert_eq!(phu_xuan.cells[1].status, SubmissionStatus::NotStarted);
    assert_eq!(phu_xuan.cells[0].status, SubmissionStatus::Submitted);
    let totals = &table.totals;
    assert_eq!((totals[0].expected, totals[0].received, totals[0].on_time), (6, 6, 6));
    assert_eq!((totals[1].received, totals[1].received_percent), (5, amount(83.3)));
    assert_eq!((totals[2].received, totals[2].received_percent), (1, amount(16.7)));
}

async fn a_bad_range_is_refused_by_field(db: Db) {
    let app = spawn_app(db).await;
    let form = app.form_named("VILLAGE_MONTHLY").await;
    let token = app.token("vp.xuanphu").await;

    let reversed = app.completeness(&token, form.id, Some("2026-06"), Some("2026-01")).await;
    let malformed = app.completeness(&token, form.id, None, Some("June")).await;

    assert_eq!(reversed.fields(), ["from"]);
    assert_eq!(malformed.fields(), ["to"]);
}

async fn a_unit_is_told_of_its_return_and_the_commune_of_new_submissions(db: Db) {
    let app = spawn_app(db).await;
    let sent = app.scenario().village("XP-BANGOC").every_figure(1).submitted().await;

    let waiting = app.notices(&sent.office).await.ok();
    let submitted: Vec<&str> = waiting.iter().filter(|n| n.kind == NoticeKind::Submitted).map(|n| n.unit.code.as_str()).collect();
    assert!(submitted.contains(&"XP-BANGOC"), "{submitted:?}");

    app.send_back(&sent.office, &sent.key, sent.version(), "Thiếu số liệu chăn nuôi").await.ok();
    let told = app.notices(&sent.reporter).await.ok();

    let first = &told[0];
    assert_eq!(first.kind, NoticeKind::Returned);
    assert!(first.message.ends_with("Thiếu số liệu chăn nuôi"), "{first:?}");
    // Phú Xuân has not sent last month: overdue once its deadline has passed.
    let last = previous(&current_period(), 1);
    let phu_xuan_token = app.token("thon.phuxuan").await;
    let mut holidays = app.holidays(&phu_xuan_token, last.year()).await.ok();
    holidays.extend(app.holidays(&phu_xuan_token, last.year() + 1).await.ok());
    let holidays = tonghop_shared::Holidays::new(holidays.iter().map(|h| h.day).collect());
    let past_deadline = tonghop::clock::today() > last.deadline(&Default::default(), &holidays);
    let phu_xuan = app.notices(&phu_xuan_token).await.ok();
    let overdue: Vec<MonthPeriod> = phu_xuan.iter().filter(|n| n.kind == NoticeKind::Overdue).map(|n| n.period).collect();
    assert_eq!(overdue, if past_deadline { vec![last] } else { vec![] });
}

on_both_databases!(
    the_commune_sees_units_by_period_with_totals,
    a_bad_range_is_refused_by_field,
    a_unit_is_told_of_its_return_and_the_commune_of_new_submissions,
);
