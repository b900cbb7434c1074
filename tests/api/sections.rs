//! Activity sections through HTTP: saving as one writes, submitting, the
//! commune's decisions, and who may do what.

use reqwest::StatusCode;
use tonghop_shared::api::{ReviewAction, SubmissionStatus};
use tonghop_shared::richtext::{Block, Span};
use tonghop_tests::scenario::SectionState;
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

const PERIOD: &str = "2026-H1";

/// The Women's Union's section for the first half, nothing written yet.
async fn setup(db: Db) -> (TestApp, SectionState) {
    let app = spawn_app(db).await;
    let s = app.scenario().section("XP-PHUNU", PERIOD).not_started().await;
    (app, s)
}

const TEXT: &str = "Hội đã tổ chức **3 lớp** tập huấn cho *450* hội viên.\n\n- Thăm, tặng quà 120 hộ\n- Duy trì 12 mô hình";

async fn a_mass_organisation_saves_as_it_writes_then_submits(db: Db) {
    let (app, s) = setup(db).await;

    let first = app.save(&s.writer, &s.key, 0, "Hội đã tổ chức").await;
    let second = app.save(&s.writer, &s.key, 1, TEXT).await;
    let retried = app.save(&s.writer, &s.key, 1, TEXT).await;
    let stale = app.save(&s.writer, &s.key, 1, "Bản cũ").await;
    let submitted = app.submit(&s.writer, &s.key, 2, TEXT).await;
    let after = app.save(&s.writer, &s.key, 3, "Sửa sau khi gửi").await;

    let first = first.ok();
    assert_eq!((first.status, first.version), (SubmissionStatus::Draft, 1));
    let second = second.ok();
    assert_eq!(second.version, 2);
    let Block::Paragraph(spans) = &second.blocks[0] else { panic!("a paragraph first: {:?}", second.blocks) };
    assert_eq!(spans[1], Span { text: "3 lớp".into(), bold: true, italic: false });
    let Block::Bullets(items) = &second.blocks[1] else { panic!("bullets second: {:?}", second.blocks) };
    assert_eq!(items.len(), 2);
    assert_eq!(retried.status, StatusCode::OK, "a retry of a stored text is answered, not refused");
    assert_eq!(retried.ok().version, 2);
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.code(), "version_conflict");
    let submitted = submitted.ok();
    assert_eq!(submitted.status, SubmissionStatus::Submitted);
    assert!(submitted.submitted_at.is_some());
    assert_eq!(after.status, StatusCode::CONFLICT);
    assert_eq!(app.read(&s.office, &s.key).await.ok().body, TEXT);
}

/// A version no section can have (found by schemathesis: it overflowed the
/// retry check and answered 500) is a stale one: 409, nothing changed.
async fn the_largest_version_is_a_conflict_not_a_crash(db: Db) {
    let (app, s) = setup(db).await;
    assert_eq!(app.save(&s.writer, &s.key, 0, "Hội đã tổ chức").await.status, StatusCode::OK);

    let huge = app.save(&s.writer, &s.key, i64::MAX, "Bản lạ").await;

    assert_eq!(huge.status, StatusCode::CONFLICT, "{:?}", huge.body);
    assert_eq!(huge.code(), "version_conflict");
    assert_eq!(app.read(&s.office, &s.key).await.ok().body, "Hội đã tổ chức");
}

async fn the_commune_returns_with_a_reason_then_approves_and_may_reopen(db: Db) {
    let app = spawn_app(db).await;
    let s = app.scenario().section("XP-PHUNU", PERIOD).submitted(TEXT).await;

    let no_reason = app.send_back(&s.office, &s.key, 1, "  ").await;
    let returned = app.send_back(&s.office, &s.key, 1, "Bổ sung số hội viên mới").await;
    let fixed = app.submit(&s.writer, &s.key, 2, format!("{TEXT}\n\nKết nạp 35 hội viên mới.")).await;
    let approved = app.approve(&s.office, &s.key, 3).await;
    let locked = app.save(&s.writer, &s.key, 4, "Thay đổi").await;
    let reopened = app.reopen(&s.office, &s.key, 4, "Huyện đề nghị sửa số liệu").await;

    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_reason.fields(), vec!["reason"]);
    let returned = returned.ok();
    assert_eq!(returned.status, SubmissionStatus::Returned);
    let review = returned.last_review.expect("the return is the last review");
    assert_eq!(review.reason.as_deref(), Some("Bổ sung số hội viên mới"));
    assert_eq!(review.by, "Văn phòng Đảng ủy xã Xuân Phú");
    assert_eq!(fixed.ok().status, SubmissionStatus::Submitted);
    assert_eq!(approved.ok().status, SubmissionStatus::Approved);
    assert_eq!(locked.status, StatusCode::CONFLICT);
    let reopened = reopened.ok();
    assert_eq!(reopened.status, SubmissionStatus::Returned);
    assert_eq!(reopened.last_review.map(|r| r.action), Some(ReviewAction::Reopen));
}

async fn only_the_unit_and_the_commune_above_it_write_and_only_the_commune_decides(db: Db) {
    let app = spawn_app(db).await;
    let other_org = app.token("doantn.xuanphu").await;
    let village = app.token("thon.bangoc").await;
    let s = app.scenario().section("XP-PHUNU", PERIOD).submitted(TEXT).await;

    let by_other_org = app.save(&other_org, &s.key, 1, "Viết hộ").await;
    let read_by_village = app.read(&village, &s.key).await;
    let self_approval = app.approve(&s.writer, &s.key, 1).await;
    let list = app.sections(&s.office, PERIOD).await.ok();
    let own_list = app.sections(&other_org, PERIOD).await.ok();

    assert_eq!(by_other_org.status, StatusCode::FORBIDDEN);
    assert_eq!(read_by_village.status, StatusCode::FORBIDDEN);
    assert_eq!(self_approval.status, StatusCode::FORBIDDEN);
    let statuses: Vec<(&str, SubmissionStatus)> = list.iter().map(|s| (s.unit.code.as_str(), s.status)).collect();
    assert_eq!(statuses.len(), 5, "{statuses:?}");
    assert!(statuses.contains(&("XP-PHUNU", SubmissionStatus::Submitted)));
    assert!(statuses.contains(&("XP-DOANTN", SubmissionStatus::NotStarted)));
    let own: Vec<&str> = own_list.iter().map(|s| s.unit.code.as_str()).collect();
    assert_eq!(own, ["XP-DOANTN"]);
}

async fn markup_stays_text_and_bad_input_changes_nothing(db: Db) {
    let (app, s) = setup(db).await;

    let script = app.save(&s.writer, &s.key, 0, "<script>alert('x')</script> <b>đậm</b>").await;
    let empty_submit = app.submit(&s.writer, &s.key, 1, "   ").await;
    let too_long = app.save(&s.writer, &s.key, 1, "a".repeat(30_001)).await;
    let not_yet = app.save(&s.writer, &s.key.in_period("2027-H1"), 0, "Sớm").await;

    let script = script.ok();
    let Block::Paragraph(spans) = &script.blocks[0] else { panic!("a paragraph: {:?}", script.blocks) };
    assert_eq!(spans[0].text, "<script>alert('x')</script> <b>đậm</b>");
    assert_eq!(empty_submit.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty_submit.fields(), vec!["body"]);
    assert_eq!(too_long.fields(), vec!["body"]);
    assert_eq!(not_yet.fields(), vec!["period"]);
    let stored = app.read(&s.writer, &s.key).await.ok();
    assert_eq!((stored.version, stored.status), (1, SubmissionStatus::Draft));
}

on_both_databases!(
    a_mass_organisation_saves_as_it_writes_then_submits,
    the_largest_version_is_a_conflict_not_a_crash,
    the_commune_returns_with_a_reason_then_approves_and_may_reopen,
    only_the_unit_and_the_commune_above_it_write_and_only_the_commune_decides,
    markup_stays_text_and_bad_input_changes_nothing,
);
