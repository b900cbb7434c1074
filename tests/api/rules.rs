use reqwest::StatusCode;
use tonghop_shared::Amount;
use tonghop_shared::api::{Submission, SubmissionStatus, ValueInput};
use tonghop_shared::rules::{RuleInput, RuleKind, Severity};
use tonghop_tests::scenario::{FormFigures, Month, amount};
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

/// Ba Ngọc's reporter and this month's village form, nothing entered yet.
async fn ba_ngoc(app: &TestApp) -> Month {
    app.scenario().village("XP-BANGOC").not_started().await
}

async fn a_part_larger_than_its_whole_blocks_submission_but_not_a_draft(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    let bad = v.form.figures(10.0, &[("HOUSEHOLDS", 300.0), ("POOR_HOUSEHOLDS", 301.0)]);

    let draft = app.save(&v.reporter, &v.key, 0, bad).await;
    let submit = app.submit(&v.reporter, &v.key, 1, vec![]).await;

    assert_eq!(draft.status, StatusCode::OK, "a draft keeps what was typed");
    let draft = draft.ok();
    let warning = draft.warnings.iter().find(|w| w.error.field == "values.POOR_HOUSEHOLDS").unwrap();
    assert_eq!(warning.severity, Severity::Hard);
    assert_eq!(submit.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(submit.fields(), ["values.POOR_HOUSEHOLDS"]);
    assert_eq!(submit.error().fields[0].message, "Không được lớn hơn tổng số hộ (300 hộ)");
    assert_eq!(app.read(&v.reporter, &v.key).await.ok().status, SubmissionStatus::Draft);
}

async fn a_soft_rule_warns_and_lets_the_form_go(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;

    let sent = app.submit(&v.reporter, &v.key, 0, v.form.figures(10.0, &[("TRAFFIC_ACCIDENTS", 9.0)])).await.ok();

    let warning = sent.warnings.iter().find(|w| w.error.field == "values.TRAFFIC_ACCIDENTS").unwrap();
    assert_eq!((warning.severity, warning.error.message.as_str()), (Severity::Soft, "Số vụ tai nạn cao bất thường, kiểm tra lại"));
}

async fn a_figure_far_from_the_villages_own_months_is_flagged_and_its_explanation_kept(db: Db) {
    let app = spawn_app(db).await;
    let v = ba_ngoc(&app).await;
    let cattle = |value: i32, comment: Option<&str>| {
        vec![ValueInput { indicator_id: v.indicator_id("CATTLE"), value: Some(amount(value)), comment: comment.map(str::to_owned) }]
    };

    // Ba Ngọc's herd was about 250 head in the months before.
    let typo = app.save(&v.reporter, &v.key, 0, cattle(2500, None)).await.ok();
    let explained = app.save(&v.reporter, &v.key, 1, cattle(2500, Some("Nhập đàn bò từ trang trại mới"))).await.ok();
    let normal = app.save(&v.reporter, &v.key, 2, cattle(260, None)).await.ok();

    let outlier = |submission: &Submission| submission.warnings.iter().find(|w| w.error.code == "outlier").map(|w| w.error.message.clone());
    let message = outlier(&typo).expect("flagged");
    assert!(message.starts_with("Khác xa bình quân các tháng trước"), "{message}");
    assert!(outlier(&explained).unwrap().contains("đã ghi chú lý do"));
    assert_eq!(outlier(&normal), None);
    let reviewer = app.read(&v.office, &v.key).await.ok();
    assert_eq!(reviewer.warnings, normal.warnings, "the reviewer sees the same warnings");
}

async fn only_an_administrator_manages_rules(db: Db) {
    let app = spawn_app(db).await;
    let form = app.form_named("VILLAGE_MONTHLY").await;
    let admin = app.session("admin").await;
    let commune = app.session("vp.xuanphu").await;
    let cattle = form.indicator_id("CATTLE");
    let rule = |kind: RuleKind, max_value: Option<Amount>, severity: Severity| RuleInput {
        indicator_id: cattle,
        kind,
        other_indicator_id: None,
        min_value: None,
        max_value,
        severity,
        message: None,
    };
    let range = rule(RuleKind::Range, Some(amount(5000)), Severity::Soft);

    let refused = app.create_rule(&commune, &range).await;
    let created = app.create_rule(&admin, &range).await;
    let invalid = app.create_rule(&admin, &rule(RuleKind::NotGreaterThan, None, Severity::Hard)).await;
    let listed = app.rules(&app.session("thon.bangoc").await, form.id).await.ok();
    let created = created.created();
    let deleted = app.delete_rule(&admin, created.id).await;

    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(invalid.fields(), ["other_indicator_id"]);
    assert_eq!(listed.len(), 5, "the four demo rules and the new one");
    deleted.no_content();
}

on_both_databases!(
    a_part_larger_than_its_whole_blocks_submission_but_not_a_draft,
    a_soft_rule_warns_and_lets_the_form_go,
    a_figure_far_from_the_villages_own_months_is_flagged_and_its_explanation_kept,
    only_an_administrator_manages_rules,
);
