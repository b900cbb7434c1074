//! What a figure is compared with, as the API says it: the warning after a
//! save, and the references the app checks the figure against while it is
//! typed (the unit's recent months, its same month last year, its
//! neighbours this month).

use tonghop_shared::api::{NewUnit, Submission, UnitKind, ValueInput};
use tonghop_tests::scenario::amount;
use tonghop_tests::{Db, on_both_databases, spawn_app};

fn outlier(submission: &Submission, code: &str) -> Option<String> {
    let field = format!("values.{code}");
    submission.warnings.iter().find(|w| w.error.code == "outlier" && w.error.field == field).map(|w| w.error.message.clone())
}

async fn a_harvest_forty_times_the_months_before_is_flagged_when_there_is_no_last_year(db: Db) {
    let app = spawn_app(db).await;
    let v = app.scenario().village("XP-BANGOC").not_started().await;
    let grain = v.indicator_id("GRAIN_OUTPUT");
    let typed = |value: i32| vec![ValueInput { indicator_id: grain, value: Some(amount(value)), comment: None }];

    let typo = app.save(&v.reporter, &v.key, 0, typed(1936)).await.ok();
    let fixed = app.save(&v.reporter, &v.key, 1, typed(45)).await.ok();

    let reference = typo.references.iter().find(|r| r.indicator_id == grain).expect("the app is told what grain is compared with");
    let recent = reference.history.previous_mean.expect("Ba Ngọc has months before this one");
    assert!(reference.history.last_year.is_none(), "the demo has no same month last year");
    let message = outlier(&typo, "GRAIN_OUTPUT").expect("1.936 t against a few dozen a month is flagged");
    assert!(message.contains("bình quân các tháng trước"), "{message}");
    assert!(amount(1936) > recent, "{recent:?}");
    assert_eq!(outlier(&fixed, "GRAIN_OUTPUT"), None);
    let office = app.read(&v.office, &v.key).await.ok();
    assert_eq!(office.references, fixed.references, "the commune's view compares with the same figures");
}

async fn a_new_village_is_compared_with_its_neighbours_this_month(db: Db) {
    let app = spawn_app(db).await;
    for (village, herd) in [("XP-BANGOC", 290.0), ("XP-LANGSUNG", 300.0), ("XP-DADUNG", 310.0)] {
        app.scenario().village(village).every_figure(200).figures(&[("CATTLE", herd)]).submitted().await;
    }
    let office = app.session("vp.xuanphu").await;
    let commune = app.unit("XP").await;
    let new =
        NewUnit { parent_id: Some(commune.id), kind: UnitKind::Village, code: "XP-MOI".into(), name: "Thôn Mới".into(), calendar: None };
    app.create_unit(&office, &new).await.created();
    let v = app.scenario().village("XP-MOI").by("vp.xuanphu").not_started().await;
    let cattle = v.indicator_id("CATTLE");
    let typed = |value: i32| vec![ValueInput { indicator_id: cattle, value: Some(amount(value)), comment: None }];

    let big = app.save(&office, &v.key, 0, typed(1500)).await.ok();
    let typo = app.save(&office, &v.key, 1, typed(25_000)).await.ok();

    let reference = typo.references.iter().find(|r| r.indicator_id == cattle).expect("compared with the neighbours");
    assert_eq!(reference.history.previous_mean, None);
    assert_eq!(reference.history.peers_median, Some(amount(300)), "the median of 290, 300 and 310 head");
    assert_eq!(outlier(&big, "CATTLE"), None, "five times the median village is a big village, not a typo");
    let message = outlier(&typo, "CATTLE").expect("eighty times the median village is flagged");
    assert!(message.contains("các thôn khác cùng tháng"), "{message}");
}

on_both_databases!(
    a_harvest_forty_times_the_months_before_is_flagged_when_there_is_no_last_year,
    a_new_village_is_compared_with_its_neighbours_this_month,
);
