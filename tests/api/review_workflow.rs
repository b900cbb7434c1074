//! The one review workflow, as figures and sections both go through it:
//! decisions at once on one section, retries only from the same user, and
//! the commune's own figures approved by another commune office account.

use reqwest::StatusCode;
use tonghop_shared::api::{ReviewAction, Role, SubmissionStatus};
use tonghop_tests::api::SectionKey;
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

const PERIOD: &str = "2026-H1";

fn section_reviews(app: &TestApp, section: &SectionKey) -> i64 {
    use diesel::prelude::*;
    use tonghop::db::schema::{section_reviews, sections};
    let mut conn = app.pool.get().unwrap();
    section_reviews::table
        .inner_join(sections::table)
        .filter(sections::unit_id.eq(section.unit_id))
        .filter(sections::period.eq(&section.period))
        .count()
        .get_result(&mut conn)
        .unwrap()
}

/// The commune office approves while an administrator returns, at the same
/// moment, from the same version: one decision stands, the other is told the
/// section changed under it.
async fn two_reviewers_deciding_on_one_section_at_once_exactly_one_wins(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token("admin").await;
    for unit in ["XP-PHUNU", "XP-NONGDAN", "XP-CCB"] {
        let s = app.scenario().section(unit, PERIOD).submitted("Hội đã tổ chức 3 lớp tập huấn.").await;
        assert_eq!(s.version(), 1);

        let (approve, give_back) = tokio::join!(app.approve(&s.office, &s.key, 1), app.send_back(&admin, &s.key, 1, "Bổ sung số liệu"));

        let statuses = [approve.status, give_back.status];
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{unit}: {statuses:?}");
        let loser = if approve.status == StatusCode::OK { &give_back } else { &approve };
        assert_eq!(loser.status, StatusCode::CONFLICT, "{unit}: {:?}", loser.body);
        let stored = app.read(&s.office, &s.key).await.ok();
        assert_eq!(stored.version, 2, "{unit}: one decision moved it once");
        let winner = if approve.status == StatusCode::OK { SubmissionStatus::Approved } else { SubmissionStatus::Returned };
        assert_eq!(stored.status, winner);
        assert_eq!(section_reviews(&app, &s.key), 1, "{unit}: one decision kept");
    }
}

/// A phone that lost the answer sends its text again: a success with no
/// second write. The same text from someone else at the old version is a
/// change made from a stale version.
async fn the_same_section_text_from_another_user_is_not_a_retry(db: Db) {
    let app = spawn_app(db).await;
    let s = app.scenario().section("XP-PHUNU", PERIOD).not_started().await;
    let text = "Hội đã tổ chức 3 lớp tập huấn.";
    app.save(&s.writer, &s.key, 0, text).await.ok();

    let retry = app.save(&s.writer, &s.key, 0, text).await;
    let from_another = app.save(&s.office, &s.key, 0, text).await;

    assert_eq!(retry.ok().version, 1);
    assert_eq!(from_another.status, StatusCode::CONFLICT, "{:?}", from_another.body);
    assert_eq!(from_another.code(), "version_conflict");
}

/// The commune's own figures (budget revenue): the account that submitted
/// them is told why it cannot approve them, and another account of the
/// commune office approves them, with no administrator.
async fn the_communes_own_figures_are_approved_by_another_commune_office_account(db: Db) {
    let app = spawn_app(db).await;
    let form = app.scenario().a_commune_form_of(&["BUDGET_REVENUE"]).await;
    let other_office = app.scenario().an_account("XP", Role::Commune, "ubnd.xuanphu", "Văn phòng UBND xã Xuân Phú", "ubnd-xuanphu").await;
    let s = app.scenario().unit("XP").form(&form).figures(&[("BUDGET_REVENUE", 2657.0)]).by("vp.xuanphu").submitted().await;

    let by_itself = app.approve(&s.reporter, &s.key, s.version()).await;
    let by_the_other = app.approve(&other_office, &s.key, s.version()).await;

    assert_eq!(by_itself.status, StatusCode::FORBIDDEN);
    assert!(by_itself.error().message.contains("tài khoản khác của văn phòng xã"), "says why: {:?}", by_itself.body);
    let approved = by_the_other.ok();
    assert_eq!(approved.status, SubmissionStatus::Approved);
    let review = approved.last_review.expect("the approval is the last review");
    assert_eq!((review.action, review.by.as_str()), (ReviewAction::Approve, "Văn phòng UBND xã Xuân Phú"));
    let village = app.token("thon.bangoc").await;
    let by_a_village = app.reopen(&village, &s.key, s.version() + 1, "Sai").await;
    assert_eq!(by_a_village.status, StatusCode::FORBIDDEN);
    assert!(by_a_village.error().message.contains("văn phòng xã"), "{:?}", by_a_village.body);
}

on_both_databases!(
    two_reviewers_deciding_on_one_section_at_once_exactly_one_wins,
    the_same_section_text_from_another_user_is_not_a_retry,
    the_communes_own_figures_are_approved_by_another_commune_office_account,
);
