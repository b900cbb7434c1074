//! Public holidays are data: an administrator keeps those in force
//! everywhere, a commune office adds its own for its villages, and every
//! deadline counts them out.

use chrono::Datelike;
use reqwest::StatusCode;
use tonghop_shared::api::{NewHoliday, Role};
use tonghop_shared::calendar::add_working_days;
use tonghop_shared::{Holidays, MonthPeriod};
use tonghop_tests::{Db, TestApp, current_period, on_both_databases, spawn_app};

/// This month's deadline of Ba Ngọc's village form, as its due list says.
async fn deadline(app: &TestApp, token: &str) -> chrono::NaiveDate {
    let period: MonthPeriod = current_period().parse().unwrap();
    let due = app.due(token).await.ok();
    due.iter().find(|d| d.period == period && d.form_code == "VILLAGE_MONTHLY").expect("this month is due").deadline
}

fn holiday(day: chrono::NaiveDate, name: &str, everywhere: bool) -> NewHoliday {
    NewHoliday { day, name: name.into(), everywhere }
}

async fn a_holiday_on_the_deadline_moves_it_to_the_next_working_day(db: Db) {
    let app = spawn_app(db).await;
    let (admin, office, village) = (app.session("admin").await, app.session("vp.xuanphu").await, app.session("thon.bangoc").await);
    let before = deadline(&app, &village).await;

    let added = app.add_holiday(&admin, &holiday(before, "Ngày nghỉ bù", true)).await.created();
    let after = deadline(&app, &village).await;
    let listed = app.holidays(&village, before.year()).await.ok();
    let days = Holidays::new(listed.iter().map(|h| h.day).collect());

    assert!(listed.iter().any(|h| h.id == added.id && h.unit.is_none() && !h.editable), "the village sees it, and may not remove it");
    assert_eq!(after, add_working_days(before, 1, &days), "the next working day after the holiday");
    assert!(after > before);
    let sent = app.scenario().village("XP-LANGSUNG").every_figure(1).submitted().await;
    assert_eq!(sent.submission.deadline, after, "the submission says the same deadline");
    assert_eq!(
        app.delete_holiday(&office, added.id).await.status,
        StatusCode::FORBIDDEN,
        "the commune does not remove the country's holiday"
    );
    assert_eq!(app.delete_holiday(&admin, added.id).await.status, StatusCode::NO_CONTENT);
    assert_eq!(deadline(&app, &village).await, before);
}

async fn a_communes_own_holiday_holds_for_its_villages_only(db: Db) {
    let app = spawn_app(db).await;
    let office = app.session("vp.xuanphu").await;
    let village = app.session("thon.bangoc").await;
    let other = app.scenario().another_commune("XD", "Xã Xuân Dương").await;
    let neighbour = app.scenario().an_account("XD", Role::Commune, "vp.xuanduong", "Văn phòng xã Xuân Dương", "xuanduong2026").await;
    let before = deadline(&app, &village).await;

    let local = app.add_holiday(&office, &holiday(before, "Lễ hội truyền thống của xã", false)).await.created();

    assert_eq!(local.unit.as_ref().map(|u| u.id), Some(app.unit("XP").await.id));
    assert!(deadline(&app, &village).await > before, "the commune's villages count it out");
    let theirs = app.holidays(&neighbour, before.year()).await.ok();
    assert!(theirs.iter().all(|h| h.id != local.id), "another commune ({}) does not have it", other.name);
    let ours = app.holidays(&office, before.year()).await.ok();
    assert!(ours.iter().any(|h| h.id == local.id && h.editable), "the commune office may remove its own");
    assert_eq!(app.delete_holiday(&office, local.id).await.status, StatusCode::NO_CONTENT);
}

async fn bad_holidays_are_refused_with_the_field_and_change_nothing(db: Db) {
    let app = spawn_app(db).await;
    let (admin, office, village) = (app.session("admin").await, app.session("vp.xuanphu").await, app.session("thon.bangoc").await);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let count = app.holidays(&office, 2026).await.ok().len();

    let unnamed = app.add_holiday(&office, &holiday(day, "   ", false)).await;
    let long = app.add_holiday(&office, &holiday(day, &"Lễ".repeat(101), false)).await;
    let by_village = app.add_holiday(&village, &holiday(day, "Ngày nghỉ", false)).await;
    let everywhere_by_commune = app.add_holiday(&office, &holiday(day, "Ngày nghỉ", true)).await;
    let far = app.add_holiday(&admin, &holiday(chrono::NaiveDate::from_ymd_opt(2300, 1, 1).unwrap(), "Xa", true)).await;
    let first = app.add_holiday(&office, &holiday(day, "Ngày hội", false)).await.created();
    let twice = app.add_holiday(&office, &holiday(day, "Ngày hội", false)).await;
    let bad_year = app.holidays(&office, 1800).await;

    assert_eq!((unnamed.status, unnamed.fields()), (StatusCode::UNPROCESSABLE_ENTITY, vec!["name".to_owned()]));
    assert!(unnamed.error().fields[0].message.contains("tên"), "{:?}", unnamed.error());
    assert_eq!(long.fields(), ["name"]);
    assert_eq!(by_village.status, StatusCode::FORBIDDEN);
    assert_eq!(everywhere_by_commune.status, StatusCode::FORBIDDEN);
    assert_eq!(far.fields(), ["day"]);
    assert_eq!(twice.fields(), ["day"]);
    assert_eq!(bad_year.fields(), ["year"]);
    assert_eq!(app.holidays(&office, 2026).await.ok().len(), count + 1, "only the one good holiday was added");
    assert_eq!(first.name, "Ngày hội");
}

on_both_databases!(
    a_holiday_on_the_deadline_moves_it_to_the_next_working_day,
    a_communes_own_holiday_holds_for_its_villages_only,
    bad_holidays_are_refused_with_the_field_and_change_nothing,
);
