//! Review: every transition through HTTP, the allowed and the forbidden.

use reqwest::StatusCode;
use tonghop_shared::api::{FigureComment, HistoryKind, ReviewAction, Role, SubmissionStatus, ValueChange, ValueInput};
use tonghop_tests::scenario::{FormFigures, Month, amount};
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

/// Ba Ngọc has submitted this month's form, every figure 10; the commune
/// office is logged in.
async fn submitted(db: Db) -> (TestApp, Month) {
    let app = spawn_app(db).await;
    let sent = app.scenario().village("XP-BANGOC").every_figure(10).submitted().await;
    (app, sent)
}

async fn the_commune_approves_and_the_figures_are_locked(db: Db) {
    let (app, s) = submitted(db).await;

    let approved = app.approve(&s.office, &s.key, s.version()).await;
    let edit = app.save(&s.reporter, &s.key, s.version() + 1, vec![]).await;
    let resubmit = app.submit(&s.reporter, &s.key, s.version() + 1, s.form.every_figure(11)).await;

    let approved = approved.ok();
    assert_eq!(approved.status, SubmissionStatus::Approved);
    let review = approved.last_review.expect("the approval is the last review");
    assert_eq!(review.action, ReviewAction::Approve);
    assert_eq!(review.by, "Văn phòng Đảng ủy xã Xuân Phú");
    assert_eq!(edit.status, StatusCode::CONFLICT);
    assert_eq!(resubmit.status, StatusCode::CONFLICT);
}

async fn a_return_carries_reasons_to_the_unit_and_the_fix_shows_old_and_new(db: Db) {
    let (app, s) = submitted(db).await;
    let cattle = s.indicator_id("CATTLE");
    let comments = vec![FigureComment { indicator_id: cattle, comment: "Đàn gia súc giảm quá nhiều".into() }];

    let reason = "Số liệu chăn nuôi chưa khớp\r\n\n\n- xem lại đàn bò ";
    let returned = app.send_back_with_comments(&s.office, &s.key, s.version(), reason, comments).await.ok();
    assert_eq!(returned.status, SubmissionStatus::Returned);

    let seen = app.read(&s.reporter, &s.key).await.ok();
    let review = seen.last_review.clone().expect("the return is the last review");
    assert_eq!(review.reason.as_deref(), Some("Số liệu chăn nuôi chưa khớp\n\n- xem lại đàn bò"), "line breaks kept, the rest cleaned");
    assert_eq!(review.figure_comments[0].indicator_id, cattle);
    let due = app.due(&s.reporter).await.ok();
    assert_eq!(due[0].status, SubmissionStatus::Returned, "a returned form comes first");
    assert_eq!(due[0].review_reason, review.reason);

    let fixed = app.save(&s.reporter, &s.key, seen.version, s.form.figure("CATTLE", 245)).await.ok();
    assert_eq!(fixed.status, SubmissionStatus::Returned, "still returned while being fixed");
    let resubmitted = app.submit(&s.reporter, &s.key, fixed.version, vec![]).await.ok();
    assert_eq!(resubmitted.status, SubmissionStatus::Submitted);

    let reviewer_view = app.read(&s.office, &s.key).await.ok();
    assert_eq!(
        reviewer_view.changes_since_return,
        [ValueChange { indicator_id: cattle, indicator_code: "CATTLE".into(), before: Some(amount(10)), after: Some(amount(245)) }]
    );
}

async fn reopening_an_approved_form_needs_a_reason_and_is_audited(db: Db) {
    let (app, s) = submitted(db).await;
    let version = app.approve(&s.office, &s.key, s.version()).await.ok().version;

    let without_reason = app.reopen(&s.office, &s.key, version, "  ").await;
    let reopened = app.reopen(&s.office, &s.key, version, "Huyện yêu cầu rà soát lại số hộ nghèo").await;

    assert_eq!(without_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(without_reason.fields(), ["reason"]);
    assert_eq!(reopened.ok().status, SubmissionStatus::Returned);
    let history = app.history(&s.office, &s.key, None).await.ok();
    let statuses: Vec<(Option<&str>, Option<&str>)> =
        history.iter().filter(|e| e.kind == HistoryKind::Status).map(|e| (e.status_after.as_deref(), e.reason.as_deref())).collect();
    assert_eq!(
        statuses,
        [(Some("submitted"), None), (Some("approved"), None), (Some("returned"), Some("Huyện yêu cầu rà soát lại số hộ nghèo"))]
    );
}

async fn forbidden_and_out_of_order_decisions_are_refused(db: Db) {
    let (app, s) = submitted(db).await;
    let other_village = app.token("thon.langsung").await;
    let viewer = app.token("tinh.thanhhoa").await;

    assert_eq!(app.approve(&s.reporter, &s.key, s.version()).await.status, StatusCode::FORBIDDEN, "a reporter approving its own");
    assert_eq!(app.send_back(&other_village, &s.key, s.version(), "Sai").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.approve(&viewer, &s.key, s.version()).await.status, StatusCode::FORBIDDEN);
    let stale = app.approve(&s.office, &s.key, s.version() - 1).await;
    assert_eq!(stale.code(), "version_conflict");
    let reopen_submitted = app.reopen(&s.office, &s.key, s.version(), "Sai").await;
    assert_eq!(reopen_submitted.code(), "conflict", "only an approved form can be reopened");
    let no_reason = app.send_back(&s.office, &s.key, s.version(), "").await;
    assert_eq!(no_reason.fields(), ["reason"]);
    let unknown_figure = vec![FigureComment { indicator_id: 999_999, comment: "?".into() }];
    let bad_comment = app.send_back_with_comments(&s.office, &s.key, s.version(), "Sai", unknown_figure).await;
    assert_eq!(bad_comment.fields(), ["figure_comments[0]"]);
    assert_eq!(app.read(&s.office, &s.key).await.ok().status, SubmissionStatus::Submitted, "nothing changed");

    let approved = app.approve(&s.office, &s.key, s.version()).await.ok();
    let return_approved = app.send_back(&s.office, &s.key, approved.version, "Sai").await;
    assert_eq!(return_approved.code(), "conflict", "an approved form is reopened, not returned");
}

async fn another_communes_office_cannot_return_this_communes_forms(db: Db) {
    let (app, s) = submitted(db).await;
    app.scenario().another_commune("XB", "Xã Xuân Bái").await;
    let other_office = app.scenario().an_account("XB", Role::Commune, "vp.xuanbai", "VP Xuân Bái", "xuanbai2026").await;

    let answer = app.send_back(&other_office, &s.key, s.version(), "Sai").await;

    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

async fn a_figures_history_shows_who_changed_it_from_what_to_what(db: Db) {
    let (app, s) = submitted(db).await;
    let returned = app.send_back(&s.office, &s.key, s.version(), "Kiểm tra lại").await.ok();
    let recount = ValueInput { indicator_id: s.indicator_id("CATTLE"), value: Some(amount(12)), comment: Some("Đếm lại".into()) };
    app.save(&s.reporter, &s.key, returned.version, vec![recount]).await.ok();

    let history = app.history(&s.reporter, &s.key, Some("CATTLE")).await.ok();

    let values: Vec<_> = history.iter().filter(|e| e.kind == HistoryKind::Value).collect();
    assert_eq!(values.len(), 2);
    assert_eq!((values[0].value_before, values[0].value_after), (None, Some(amount(10))));
    assert_eq!((values[1].value_before, values[1].value_after), (Some(amount(10)), Some(amount(12))));
    assert_eq!(values[1].comment.as_deref(), Some("Đếm lại"));
    assert_eq!(values[1].by.as_deref(), Some("Chi bộ Thôn Ba Ngọc"));
    assert!(history.iter().all(|e| e.kind == HistoryKind::Status || e.indicator_code.as_deref() == Some("CATTLE")));
    let statuses: Vec<Option<&str>> = history.iter().filter(|e| e.kind == HistoryKind::Status).map(|e| e.status_after.as_deref()).collect();
    assert_eq!(statuses, [Some("submitted"), Some("returned")], "a save that keeps the status is not a status change");
    let other_village = app.token("thon.langsung").await;
    assert_eq!(app.history(&other_village, &s.key, None).await.status, StatusCode::FORBIDDEN);
}

on_both_databases!(
    the_commune_approves_and_the_figures_are_locked,
    a_return_carries_reasons_to_the_unit_and_the_fix_shows_old_and_new,
    reopening_an_approved_form_needs_a_reason_and_is_audited,
    forbidden_and_out_of_order_decisions_are_refused,
    another_communes_office_cannot_return_this_communes_forms,
    a_figures_history_shows_who_changed_it_from_what_to_what,
);
