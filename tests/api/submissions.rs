use diesel::prelude::*;
use reqwest::StatusCode;
use tonghop_shared::api::{SubmissionInput, SubmissionStatus, ValueInput};
use tonghop_tests::api::Reported;
use tonghop_tests::scenario::{FormFigures, Month, SubmissionFigures, amount};
use tonghop_tests::{Db, TestApp, current_period, on_both_databases, spawn_app};

/// Ba Ngọc's reporter and this month's village form, nothing entered yet.
async fn ba_ngoc(app: &TestApp) -> Month {
    app.scenario().village("XP-BANGOC").not_started().await
}

async fn a_reporter_sees_this_months_form_due(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;

    let due = app.due(&v.reporter).await.ok();

    let current = due.iter().find(|d| d.period.to_string() == current_period()).expect("current period due");
    assert_eq!(current.status, SubmissionStatus::NotStarted);
    assert_eq!(current.form_name, "Báo cáo tháng của thôn");
    assert!(current.deadline > current.period_end);
}

async fn a_reporter_saves_a_draft_then_submits(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;

    let empty = app.read(&v.reporter, &v.key).await.ok();
    assert_eq!((empty.status, empty.version), (SubmissionStatus::NotStarted, 0));
    let draft = app.save(&v.reporter, &v.key, 0, v.form.figure("GRAIN_OUTPUT", 1936.5)).await.ok();
    assert_eq!((draft.status, draft.version), (SubmissionStatus::Draft, 1));
    let every_other = v.form.every_figure(12).split_off(1);
    let submitted = app.submit(&v.reporter, &v.key, 1, every_other).await.ok();

    assert_eq!(submitted.status, SubmissionStatus::Submitted);
    assert_eq!(submitted.version, 2);
    assert!(!submitted.late);
    assert_eq!(submitted.submitted_by.as_deref(), Some("Chi bộ Thôn Ba Ngọc"));
    assert_eq!(submitted.value_of("GRAIN_OUTPUT"), Some(amount(1936.5)), "the draft's figure was kept");
    let due = app.due(&v.reporter).await.ok();
    assert_eq!(due.iter().find(|d| d.period.to_string() == current_period()).unwrap().status, SubmissionStatus::Submitted);
}

async fn invalid_figures_are_refused_by_field_and_nothing_is_saved(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    let figure = |indicator_id: i64, value: f64| ValueInput { indicator_id, value: Some(amount(value)), comment: None };

    let answer = app
        .save(
            &v.reporter,
            &v.key,
            0,
            vec![
                figure(v.indicator_id("GRAIN_OUTPUT"), 12.5),
                figure(v.indicator_id("CATTLE"), -3.0),
                figure(v.indicator_id("POULTRY"), 10.5),
                figure(999_999, 1.0),
            ],
        )
        .await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.code(), "validation_failed");
    assert_eq!(answer.fields(), ["values.CATTLE", "values.POULTRY", "values[3].indicator_id"]);
    let messages: Vec<String> = answer.error().fields.into_iter().map(|f| f.message).collect();
    assert_eq!(messages[0], "Số liệu không được âm");
    assert_eq!(messages[1], "Chỉ nhập số nguyên (con)");
    assert_eq!(app.read(&v.reporter, &v.key).await.ok().status, SubmissionStatus::NotStarted, "nothing half-saved");
}

async fn submitting_with_missing_figures_names_each_one(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;

    let answer = app.submit(&v.reporter, &v.key, 0, v.form.figure("CATTLE", 250)).await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields().len(), v.form.indicators.len() - 1);
    assert!(answer.fields().contains(&"values.GRAIN_OUTPUT".to_owned()));
    assert_eq!(app.read(&v.reporter, &v.key).await.ok().status, SubmissionStatus::NotStarted);
}

async fn a_save_from_a_stale_version_is_a_409_and_changes_nothing(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    app.save(&v.reporter, &v.key, 0, v.form.figure("CATTLE", 250)).await.ok();
    app.save(&v.reporter, &v.key, 1, v.form.figure("CATTLE", 260)).await.ok();

    let stale = app.save(&v.reporter, &v.key, 1, v.form.figure("CATTLE", 999)).await;

    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.code(), "version_conflict");
    let stored = app.read(&v.reporter, &v.key).await.ok();
    assert_eq!(stored.version, 2);
    assert_eq!(stored.value_of("CATTLE"), Some(amount(260)));
}

async fn two_phones_saving_the_same_version_at_once_do_not_both_win(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    app.save(&v.reporter, &v.key, 0, v.form.figure("CATTLE", 250)).await.ok();

    let (a, b) = tokio::join!(
        app.save(&v.reporter, &v.key, 1, v.form.figure("CATTLE", 300)),
        app.save(&v.reporter, &v.key, 1, v.form.figure("CATTLE", 400)),
    );

    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let stored = app.read(&v.reporter, &v.key).await.ok();
    assert_eq!(stored.version, 2);
    let winner = if a.status == StatusCode::OK { 300 } else { 400 };
    assert_eq!(stored.value_of("CATTLE"), Some(amount(winner)));
}

/// A phone resending one save many times at once (a weak line): every copy
/// is answered 200 and one version is stored, on PostgreSQL as on SQLite.
async fn copies_of_one_save_sent_at_once_are_all_answered_and_stored_once(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    let client = reqwest::Client::new();
    let request = SubmissionInput { version: 0, values: v.form.every_figure(3) };
    for round in 0..2 {
        let copies: Vec<_> = (0..12)
            .map(|_| {
                let (client, url, token, request) =
                    (client.clone(), format!("{}{}", app.address, v.key.path()), v.reporter.clone(), request.clone());
                tokio::spawn(async move { client.put(url).bearer_auth(token).json(&request).send().await.unwrap().status() })
            })
            .collect();
        let mut statuses = Vec::new();
        for copy in copies {
            statuses.push(copy.await.unwrap());
        }
        assert!(statuses.iter().all(|s| *s == StatusCode::OK), "round {round}: {statuses:?}");
        assert_eq!(app.read(&v.reporter, &v.key).await.ok().version, 1, "one version however many copies");
    }
}

/// Two phones saving the same version with figures in opposite orders at
/// once: one wins, the other is told of the conflict (409), never a 500
/// (on PostgreSQL the two used to lock the figures' rows crosswise: a deadlock).
async fn figures_saved_in_opposite_orders_at_once_are_a_conflict_never_a_deadlock(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    app.save(&v.reporter, &v.key, 0, v.form.every_figure(1)).await.ok();
    for round in 0..10 {
        let version = app.read(&v.reporter, &v.key).await.ok().version;
        let forward = v.form.every_figure(10 + round);
        let mut backward = v.form.every_figure(20 + round);
        backward.reverse();
        let (a, b) = tokio::join!(app.save(&v.reporter, &v.key, version, forward), app.save(&v.reporter, &v.key, version, backward));
        let mut statuses = [a.status.as_u16(), b.status.as_u16()];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "round {round}: {:?} {:?}", a.body, b.body);
    }
}

async fn a_retried_submit_is_answered_once_and_creates_nothing_new(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;

    let first = app.submit(&v.reporter, &v.key, 0, v.form.every_figure(7)).await;
    let retry = app.submit(&v.reporter, &v.key, 0, v.form.every_figure(7)).await;

    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(retry.status, StatusCode::OK, "{:?}", retry.body);
    assert_eq!(retry.body, first.body);
    use tonghop::db::schema::submissions;
    let unit = first.ok().unit.id;
    let mut conn = app.pool.get().unwrap();
    let rows: i64 = submissions::table
        .filter(submissions::unit_id.eq(unit))
        .filter(submissions::period.eq(current_period()))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(rows, 1);
}

async fn a_submitted_form_cannot_be_changed(db: Db) {
    let app = spawn_app(db).await;
    let v = app.scenario().village("XP-BANGOC").every_figure(7).submitted().await;

    let edit = app.save(&v.reporter, &v.key, 1, v.form.figure("CATTLE", 1)).await;

    assert_eq!(edit.status, StatusCode::CONFLICT);
    assert_eq!(edit.code(), "conflict");
}

async fn future_and_malformed_periods_are_refused(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    let next = current_period().parse::<tonghop_shared::MonthPeriod>().unwrap().next().to_string();

    let future = app.save(&v.reporter, &v.key.in_period(&next), 0, v.form.figure("CATTLE", 1)).await;
    let malformed = app.read(&v.reporter, &v.key.in_period("2026-13")).await;

    assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(future.fields(), ["period"]);
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(malformed.fields(), ["period"]);
}

async fn every_change_to_a_value_is_audited(db: Db) {
    use tonghop::db::schema::audit_log;
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;

    app.save(&v.reporter, &v.key, 0, v.form.figure("CATTLE", 250)).await.ok();
    let saved = app.save(&v.reporter, &v.key, 1, v.form.figure("CATTLE", 260)).await.ok();

    let id = saved.id.expect("a saved submission has an id");
    let mut conn = app.pool.get().unwrap();
    let entries: Vec<(Option<String>, Option<String>)> = audit_log::table
        .filter(audit_log::entity.eq("value"))
        .filter(audit_log::entity_id.eq(id))
        .order(audit_log::id)
        .select((audit_log::before_json, audit_log::after_json))
        .load(&mut conn)
        .unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].0, None);
    assert!(entries[1].0.as_deref().unwrap().contains("250") && entries[1].1.as_deref().unwrap().contains("260"));
}

/// A save of the whole form, some figures new, some changed, some as
/// stored, one cleared and one with a note: each is stored as sent, and the
/// audit log has one entry for each that changed, none for the others.
async fn a_save_of_many_figures_stores_each_and_audits_only_those_that_changed(db: Db) {
    use tonghop::db::schema::audit_log;
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    let codes: Vec<String> = v.form.indicators.iter().map(|i| i.code.clone()).collect();
    assert!(codes.len() >= 5, "{codes:?}");
    let half: Vec<ValueInput> = v.form.every_figure(10).into_iter().take(codes.len() / 2).collect();
    let first = app.save(&v.reporter, &v.key, 0, half.clone()).await.ok();

    let mut all = v.form.every_figure(20);
    all[0].value = half[0].value; // as stored
    all[1].value = None; // cleared
    all[2].comment = Some("Cả thôn góp sức".into());
    let saved = app.save(&v.reporter, &v.key, first.version, all.clone()).await.ok();

    for (sent, stored) in all.iter().zip(&v.form.indicators) {
        assert_eq!(saved.value_of(&stored.code), sent.value, "{}", stored.code);
    }
    assert_eq!(saved.values[2].comment.as_deref(), Some("Cả thôn góp sức"));
    let id = saved.id.unwrap();
    let mut conn = app.pool.get().unwrap();
    let entries: Vec<(Option<String>, Option<String>, Option<i64>)> = audit_log::table
        .filter(audit_log::entity.eq("value"))
        .filter(audit_log::entity_id.eq(id))
        .order(audit_log::id)
        .select((audit_log::before_json, audit_log::after_json, audit_log::user_id))
        .load(&mut conn)
        .unwrap();
    assert_eq!(entries.len(), half.len() + codes.len() - 1, "every figure of both saves but the one left as stored");
    let reporter: i64 = {
        use tonghop::db::schema::users;
        users::table.filter(users::username.eq("thon.bangoc")).select(users::id).first(&mut conn).unwrap()
    };
    assert!(entries.iter().all(|e| e.2 == Some(reporter)), "each entry names its author");
    let second = &entries[half.len()..];
    let json = |text: &Option<String>| serde_json::from_str::<serde_json::Value>(text.as_deref().unwrap()).unwrap();
    let audited: Vec<String> = second.iter().map(|e| json(&e.1)["indicator_code"].as_str().unwrap().to_owned()).collect();
    assert_eq!(audited, codes[1..], "in the form's order, the unchanged first figure left out");
    let (before, after) = (json(&second[0].0), json(&second[0].1));
    assert_eq!((before["value"].as_f64(), after["value"].is_null()), (Some(10.0), true), "the cleared figure: {before} -> {after}");
    assert_eq!(json(&second[1].1)["comment"], "Cả thôn góp sức");
    assert!(second[half.len() - 1].0.is_none(), "a figure not saved before has no before");

    let again = app.save(&v.reporter, &v.key, saved.version, all).await.ok();
    assert_eq!(again.version, saved.version, "the same figures again are a retry");
    assert_eq!(app.count(&format!("audit_log WHERE entity = 'value' AND entity_id = {id}")), entries.len() as i64, "and audit nothing");
}

async fn the_commune_sees_every_villages_submission_and_figures(db: Db) {
    let app = spawn_app(db).await;
    let v = app.scenario().village("XP-BANGOC").every_figure(42).submitted().await;

    let rows = app.submissions(&v.office, v.key.form_id, &current_period()).await.ok();

    assert_eq!(rows.len(), 6, "every village, sent or not");
    let ba_ngoc = rows.iter().find(|r| r.unit.code == "XP-BANGOC").unwrap();
    assert_eq!(ba_ngoc.status, SubmissionStatus::Submitted);
    assert!(ba_ngoc.values.iter().all(|x| x.value == Some(amount(42))));
    assert_eq!(rows.iter().filter(|r| r.status == SubmissionStatus::NotStarted).count(), 5);
}

async fn last_month_shows_the_village_that_has_not_sent(db: Db) {
    let app = spawn_app(db).await;
    let form = app.form_named("VILLAGE_MONTHLY").await;
    let last = current_period().parse::<tonghop_shared::MonthPeriod>().unwrap().previous();

    let list = app.submissions(&app.token("vp.xuanphu").await, form.id, &last.to_string()).await.ok();

    let missing: Vec<&str> = list.iter().filter(|r| r.status != SubmissionStatus::Submitted).map(|r| r.unit.name.as_str()).collect();
    assert_eq!(missing, ["Thôn Phú Xuân"]);
    let phu_xuan_due = app.due(&app.token("thon.phuxuan").await).await.ok();
    assert_eq!(phu_xuan_due.iter().filter(|d| d.period == last).count(), 1, "still due");
}

on_both_databases!(
    a_reporter_sees_this_months_form_due,
    a_reporter_saves_a_draft_then_submits,
    invalid_figures_are_refused_by_field_and_nothing_is_saved,
    submitting_with_missing_figures_names_each_one,
    a_save_from_a_stale_version_is_a_409_and_changes_nothing,
    two_phones_saving_the_same_version_at_once_do_not_both_win,
    copies_of_one_save_sent_at_once_are_all_answered_and_stored_once,
    figures_saved_in_opposite_orders_at_once_are_a_conflict_never_a_deadlock,
    a_retried_submit_is_answered_once_and_creates_nothing_new,
    a_submitted_form_cannot_be_changed,
    future_and_malformed_periods_are_refused,
    every_change_to_a_value_is_audited,
    a_save_of_many_figures_stores_each_and_audits_only_those_that_changed,
    the_commune_sees_every_villages_submission_and_figures,
    last_month_shows_the_village_that_has_not_sent,
);
