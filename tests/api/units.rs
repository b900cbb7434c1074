use reqwest::{Method, StatusCode};
use serde_json::json;
use tonghop_tests::{Db, on_both_databases, spawn_app};

async fn the_commune_sees_its_tree_and_a_reporter_only_its_unit(db: Db) {
    let app = spawn_app(db).await;

    let commune = app.get("/api/v1/units", &app.token("vp.xuanphu").await).await;
    let reporter = app.get("/api/v1/units", &app.token("thon.bangoc").await).await;

    let names: Vec<&str> = commune.body.as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 12, "{names:?}");
    assert_eq!(names[0], "Xã Xuân Phú");
    assert!(names.contains(&"Thôn Đá Dựng") && names.contains(&"Hội Cựu chiến binh xã"));
    assert!(!names.contains(&"Tỉnh Thanh Hóa"));
    let own: Vec<&str> = reporter.body.as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
    assert_eq!(own, ["Thôn Ba Ngọc"]);
}

async fn the_commune_adds_a_village_with_its_name_stored_as_nfc(db: Db) {
    let app = spawn_app(db).await;
    let token = app.token("vp.xuanphu").await;
    let commune_id = app.unit_id("XP").await;

    let decomposed = "Tho\u{0302}n  Mo\u{031B}\u{0301}i ";
    let created = app
        .call(
            Method::POST,
            "/api/v1/units",
            Some(&token),
            Some(json!({"parent_id": commune_id, "kind": "village", "code": "XP-MOI", "name": decomposed})),
        )
        .await;

    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert_eq!(created.body["name"], "Thôn Mới");
    assert_eq!(created.body["depth"], 2);
    let fetched = app.get(&format!("/api/v1/units/{}", created.body["id"]), &token).await;
    assert_eq!(fetched.body["name"], "Thôn Mới");
}

async fn a_unit_with_a_bad_code_or_empty_name_is_refused_field_by_field(db: Db) {
    let app = spawn_app(db).await;
    let token = app.token("vp.xuanphu").await;
    let commune_id = app.unit_id("XP").await;

    let answer = app
        .call(
            Method::POST,
            "/api/v1/units",
            Some(&token),
            Some(json!({"parent_id": commune_id, "kind": "village", "code": "xp moi", "name": "  "})),
        )
        .await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields(), ["code", "name"]);
    let units = app.get("/api/v1/units", &token).await;
    assert_eq!(units.body.as_array().unwrap().len(), 12, "nothing was created");
}

async fn a_duplicate_unit_code_is_a_conflict(db: Db) {
    let app = spawn_app(db).await;
    let token = app.token("vp.xuanphu").await;
    let commune_id = app.unit_id("XP").await;

    let answer = app
        .call(
            Method::POST,
            "/api/v1/units",
            Some(&token),
            Some(json!({"parent_id": commune_id, "kind": "village", "code": "XP-BANGOC", "name": "Thôn Khác"})),
        )
        .await;

    assert_eq!(answer.status, StatusCode::CONFLICT);
}

async fn a_village_renamed_moved_and_deactivated_keeps_its_submissions(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;
    let village = app.unit_id("XP-BANGOC").await;
    let (form_id, _) = app.form("VILLAGE_MONTHLY").await;
    let last = tonghop_shared::MonthPeriod::containing(tonghop::clock::today(), &Default::default()).previous().to_string();
    let before = app.get(&tonghop_tests::TestApp::submission_path(village, form_id, &last), &commune).await;
    assert_eq!(before.body["status"], "submitted");

    let other = app
        .call(
            Method::POST,
            "/api/v1/units",
            Some(&commune),
            Some(json!({"parent_id": app.unit_id("XP").await, "kind": "office", "code": "XP-CUM1", "name": "Cụm thôn 1"})),
        )
        .await;
    let renamed =
        app.call(Method::PATCH, &format!("/api/v1/units/{village}"), Some(&commune), Some(json!({"name": "Thôn Ba Ngọc Mới"}))).await;
    let moved =
        app.call(Method::PATCH, &format!("/api/v1/units/{village}"), Some(&commune), Some(json!({"parent_id": other.body["id"]}))).await;
    let deactivated = app.call(Method::PATCH, &format!("/api/v1/units/{village}"), Some(&commune), Some(json!({"active": false}))).await;

    assert_eq!(renamed.status, StatusCode::OK);
    assert_eq!(moved.status, StatusCode::OK);
    assert_eq!(moved.body["depth"], 3);
    assert_eq!(deactivated.body["active"], false);
    let after = app.get(&tonghop_tests::TestApp::submission_path(village, form_id, &last), &commune).await;
    assert_eq!(after.body["status"], "submitted");
    assert_eq!(after.body["unit"]["name"], "Thôn Ba Ngọc Mới");
    assert_eq!(after.body["values"], before.body["values"]);
}

async fn a_unit_cannot_be_moved_under_itself(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    let commune = app.unit_id("XP").await;
    let village = app.unit_id("XP-BANGOC").await;

    let answer = app.call(Method::PATCH, &format!("/api/v1/units/{commune}"), Some(&admin), Some(json!({"parent_id": village}))).await;

    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.fields(), ["parent_id"]);
}

async fn renames_are_in_the_audit_log(db: Db) {
    use diesel::prelude::*;
    use tonghop::db::schema::audit_log;
    let app = spawn_app(db).await;
    let commune = app.token("vp.xuanphu").await;
    let village = app.unit_id("XP-DADUNG").await;

    app.call(Method::PATCH, &format!("/api/v1/units/{village}"), Some(&commune), Some(json!({"name": "Thôn Đá Dựng Mới"}))).await;

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
    let admin = app.token("admin").await;
    let commune = app.unit_id("XP").await;
    let reporter = app.token("thon.bangoc").await;
    let today = tonghop::clock::today();
    let item = async |period: MonthPeriod| {
        let due = app.get("/api/v1/due", &reporter).await;
        due.body
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["period"] == period.to_string())
            .expect("the current period is always listed")
            .clone()
    };
    let decree = MonthPeriod::containing(today, &ReportingCalendar::default());
    assert!(item(decree).await["period_start"].as_str().unwrap().ends_with("-15"), "Decree 09 by default");

    let changed = app
        .call(
            Method::PATCH,
            &format!("/api/v1/units/{commune}"),
            Some(&admin),
            Some(json!({"calendar": {"kind": "calendar_month", "deadline_working_days": 0}})),
        )
        .await;

    assert_eq!(changed.status, StatusCode::OK);
    assert_eq!(changed.body["calendar"]["kind"], "calendar_month");
    let months = ReportingCalendar { kind: CalendarKind::CalendarMonth, deadline_working_days: 0 };
    let due = item(MonthPeriod::containing(today, &months)).await;
    assert!(due["period_start"].as_str().unwrap().ends_with("-01"), "{due}");
    assert_eq!(due["deadline"], due["period_end"]);
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
