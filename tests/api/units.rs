use reqwest::StatusCode;
use tonghop_shared::api::{NewUnit, SubmissionStatus, UnitKind, UnitPatch};
use tonghop_tests::{Db, on_both_databases, spawn_app};

/// A new unit of `kind` under the unit `parent_id`.
fn new_unit(parent_id: i64, kind: UnitKind, code: &str, name: &str) -> NewUnit {
    NewUnit { parent_id: Some(parent_id), kind, code: code.into(), name: name.into(), calendar: None }
}

async fn the_commune_sees_its_tree_and_a_reporter_only_its_unit(db: Db) {
    let app = spawn_app(db).await;

    let commune = app.units(&app.session("vp.xuanphu").await).await.ok();
    let reporter = app.units(&app.session("thon.bangoc").await).await.ok();

    let names: Vec<&str> = commune.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names.len(), 12, "{names:?}");
    assert_eq!(names[0], "Xã Xuân Phú");
    assert!(names.contains(&"Thôn Đá Dựng") && names.contains(&"Hội Cựu chiến binh xã"));
    assert!(!names.contains(&"Tỉnh Thanh Hóa"));
    let own: Vec<&str> = reporter.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(own, ["Thôn Ba Ngọc"]);
}

async fn the_commune_adds_a_village_with_its_name_stored_as_nfc(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    let commune_id = app.unit("XP").await.id;

    let decomposed = "Tho\u{0302}n  Mo\u{031B}\u{0301}i ";
    let created = app.create_unit(&token, &new_unit(commune_id, UnitKind::Village, "XP-MOI", decomposed)).await.created();

    assert_eq!(created.name, "Thôn Mới");
    assert_eq!(created.depth, 2);
    let fetched = app.unit_by_id(&token, created.id).await.ok();
    assert_eq!(fetched.name, "Thôn Mới");
}

async fn a_unit_with_a_bad_code_or_empty_name_is_refused_field_by_field(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    let commune_id = app.unit("XP").await.id;

    let answer = app.create_unit(&token, &new_unit(commune_id, UnitKind::Village, "xp moi", "  ")).await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields(), ["code", "name"]);
    let units = app.units(&token).await.ok();
    assert_eq!(units.len(), 12, "nothing was created");
}

async fn a_duplicate_unit_code_is_a_conflict(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    let commune_id = app.unit("XP").await.id;

    let answer = app.create_unit(&token, &new_unit(commune_id, UnitKind::Village, "XP-BANGOC", "Thôn Khác")).await;

    assert_eq!(answer.status, StatusCode::CONFLICT);
}

async fn a_village_renamed_moved_and_deactivated_keeps_its_submissions(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let last = tonghop_shared::MonthPeriod::containing(tonghop::clock::today(), &Default::default()).previous().to_string();
    let month = app.scenario().village("XP-BANGOC").in_month(&last).as_the_demo_left_it().await;
    let (village, before) = (month.key.unit_id, month.submission);
    assert_eq!(before.status, SubmissionStatus::Submitted);

    let other = app.create_unit(&commune, &new_unit(app.unit("XP").await.id, UnitKind::Office, "XP-CUM1", "Cụm thôn 1")).await.created();
    let renamed = app.change_unit(&commune, village, &UnitPatch { name: Some("Thôn Ba Ngọc Mới".into()), ..UnitPatch::default() }).await;
    let moved = app.change_unit(&commune, village, &UnitPatch { parent_id: Some(other.id), ..UnitPatch::default() }).await;
    let deactivated = app.change_unit(&commune, village, &UnitPatch { active: Some(false), ..UnitPatch::default() }).await;

    assert_eq!(renamed.status, StatusCode::OK);
    assert_eq!(moved.ok().depth, 3);
    assert!(!deactivated.ok().active);
    let after = app.read(&commune, &month.key).await.ok();
    assert_eq!(after.status, SubmissionStatus::Submitted);
    assert_eq!(after.unit.name, "Thôn Ba Ngọc Mới");
    assert_eq!(after.values, before.values);
}

async fn a_unit_cannot_be_moved_under_itself(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.session("admin").await;
    let commune = app.unit("XP").await.id;
    let village = app.unit("XP-BANGOC").await.id;

    let answer = app.change_unit(&admin, commune, &UnitPatch { parent_id: Some(village), ..UnitPatch::default() }).await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields(), ["parent_id"]);
}

async fn renames_are_in_the_audit_log(db: Db) {
    use diesel::prelude::*;
    use tonghop::db::schema::audit_log;
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let village = app.unit("XP-DADUNG").await.id;

    app.change_unit(&commune, village, &UnitPatch { name: Some("Thôn Đá Dựng Mới".into()), ..UnitPatch::default() }).await.ok();

    let mut conn = app.pool.get().unwrap();
    let (before, after): (Option<String>, Option<String>) = audit_log::table
        .filter(audit_log::entity.eq("unit"))
        .filter(audit_log::entity_id.eq(village))
        .filter(audit_log::action.eq("update"))
        .select((audit_log::before_json, audit_log::after_json))
        .first(&mut conn)
        .unwrap();
    assert!(before.unwrap().contains("Thôn Đá Dựng\""));
    assert!(after.unwrap().contains("Thôn Đá Dựng Mới"));
}

async fn a_commune_on_calendar_months_gives_its_villages_calendar_month_periods(db: Db) {
    use tonghop_shared::{CalendarKind, MonthPeriod, ReportingCalendar};
    let app = spawn_app(db).await;
    let admin = app.session("admin").await;
    let commune = app.unit("XP").await.id;
    let reporter = app.session("thon.bangoc").await;
    let today = tonghop::clock::today();
    let item = async |period: MonthPeriod| {
        let due = app.due(&reporter).await.ok();
        due.into_iter().find(|d| d.period == period).expect("the current period is always listed")
    };
    let decree = MonthPeriod::containing(today, &ReportingCalendar::default());
    assert!(item(decree).await.period_start.to_string().ends_with("-15"), "Decree 09 by default");
    let password = tonghop::demo::logins().into_iter().find(|l| l.username == "thon.bangoc").unwrap().password;
    assert_eq!(app.login("thon.bangoc", password).await.ok().user.calendar, ReportingCalendar::default());

    let calendar = ReportingCalendar { kind: CalendarKind::CalendarMonth, deadline_working_days: 0 };
    let changed = app.change_unit(&admin, commune, &UnitPatch { calendar: Some(calendar), ..UnitPatch::default() }).await;

    assert_eq!(changed.ok().calendar.map(|c| c.kind), Some(CalendarKind::CalendarMonth));
    let months = ReportingCalendar { kind: CalendarKind::CalendarMonth, deadline_working_days: 0 };
    let due = item(MonthPeriod::containing(today, &months)).await;
    assert!(due.period_start.to_string().ends_with("-01"), "{due:?}");
    assert_eq!(due.deadline, due.period_end);
    // The phone counts periods by the calendar the login and `me` tell it,
    // the commune's, which its village inherits.
    assert_eq!(app.login("thon.bangoc", password).await.ok().user.calendar, months);
    assert_eq!(app.me(&reporter).await.ok().calendar, months);
}

on_both_databases!(
    a_commune_on_calendar_months_gives_its_villages_calendar_month_periods,
    the_commune_sees_its_tree_and_a_reporter_only_its_unit,
    the_commune_adds_a_village_with_its_name_stored_as_nfc,
    a_unit_with_a_bad_code_or_empty_name_is_refused_field_by_field,
    a_duplicate_unit_code_is_a_conflict,
    a_village_renamed_moved_and_deactivated_keeps_its_submissions,
    a_unit_cannot_be_moved_under_itself,
    renames_are_in_the_audit_log,
);
