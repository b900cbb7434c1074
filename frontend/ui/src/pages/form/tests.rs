//! The form page's state changes, as specifications. Plain Rust: run with
//! `cargo test -p tonghop-frontend` on the host, no browser needed.

use std::rc::Rc;

use chrono::NaiveDate;
use tonghop_shared::api::{
    Aggregation, ErrorBody, Form, Frequency, Indicator, Submission, SubmissionStatus, SubmissionValue, UnitKind, UnitSummary,
};
use tonghop_shared::rules::{RuleKind, Severity, ValidationRule, Violation};
use tonghop_shared::{Amount, FieldError, MonthPeriod};
use yew::Reducible;

use super::state::{FormAction, FormState};
use crate::api::ApiError;
use crate::components::notice::{Flash, Tone};
use crate::drafts::LocalDraft;

fn indicator(id: i64, code: &str, precision: u32) -> Indicator {
    Indicator::new(id, code, code, "tấn", Aggregation::Flow, precision)
}

fn form() -> Rc<Form> {
    let indicators = vec![indicator(1, "GRAIN", 1), indicator(2, "CATTLE", 0)];
    Rc::new(Form {
        id: 1,
        code: "VILLAGE_MONTHLY".into(),
        name: "Báo cáo tháng".into(),
        unit_kind: UnitKind::Village,
        frequency: Frequency::Monthly,
        indicators,
    })
}

fn submission(version: i64, status: SubmissionStatus, grain: Option<&str>) -> Submission {
    let day = |d| NaiveDate::from_ymd_opt(2026, 6, d).unwrap();
    let value = |id, code: &str, v: Option<&str>| SubmissionValue {
        indicator_id: id,
        indicator_code: code.into(),
        value: v.map(|t| Amount::parse_vi(t).unwrap()),
        comment: None,
    };
    Submission {
        id: (version > 0).then_some(7),
        unit: UnitSummary { id: 3, code: "XP-BANGOC".into(), name: "Thôn Ba Ngọc".into(), kind: UnitKind::Village },
        form_id: 1,
        form_code: "VILLAGE_MONTHLY".into(),
        period: MonthPeriod::new(2026, 6).unwrap(),
        period_start: day(1),
        period_end: day(14),
        deadline: day(16),
        status,
        version,
        late: false,
        values: vec![value(1, "GRAIN", grain), value(2, "CATTLE", None)],
        updated_at: None,
        updated_by: None,
        submitted_at: None,
        submitted_by: None,
        last_review: None,
        changes_since_return: Vec::new(),
        warnings: Vec::new(),
        references: Vec::new(),
    }
}

fn apply(state: Rc<FormState>, actions: Vec<FormAction>) -> Rc<FormState> {
    actions.into_iter().fold(state, |s, a| s.reduce(a))
}

fn local(version: i64, grain: &str) -> LocalDraft {
    LocalDraft { version, texts: [("GRAIN".into(), grain.into()), ("CATTLE".into(), String::new())].into(), comments: Default::default() }
}

#[test]
fn figures_from_the_server_are_shown_the_vietnamese_way() {
    let s = apply(Rc::default(), vec![FormAction::Loaded(form(), submission(2, SubmissionStatus::Draft, Some("1936,5")), None, false)]);
    assert_eq!(s.text("GRAIN"), "1.936,5");
    assert!(!s.has_unsaved());
}

#[test]
fn unsaved_text_of_an_earlier_visit_is_restored_with_a_notice_and_its_own_version() {
    let s = apply(
        Rc::default(),
        vec![FormAction::Loaded(form(), submission(2, SubmissionStatus::Draft, Some("10")), Some(local(1, "12")), false)],
    );
    assert_eq!(s.text("GRAIN"), "12");
    assert_eq!(s.version, 1, "saving must be checked against the version the text was typed on");
    assert_eq!(s.flash.as_ref().map(|f| f.tone), Some(Tone::Info));
    assert!(s.has_unsaved());
}

#[test]
fn a_submitted_report_ignores_local_text() {
    let s = apply(
        Rc::default(),
        vec![FormAction::Loaded(form(), submission(3, SubmissionStatus::Submitted, Some("10")), Some(local(2, "12")), false)],
    );
    assert_eq!(s.text("GRAIN"), "10");
    assert_eq!(s.flash, None);
}

#[test]
fn typed_text_is_checked_as_typed_and_tidied_on_blur() {
    let s = apply(Rc::default(), vec![FormAction::Loaded(form(), submission(0, SubmissionStatus::NotStarted, None), None, false)]);
    let s = apply(s, vec![FormAction::Edit("GRAIN".into(), "45.7".into())]);
    assert!(s.field_error(&form().indicators[0]).unwrap().contains("45,7"));
    let s = apply(s, vec![FormAction::Edit("GRAIN".into(), "1936".into()), FormAction::Blur("GRAIN".into())]);
    assert_eq!(s.text("GRAIN"), "1.936");
    assert_eq!(s.field_error(&form().indicators[0]), None);
}

#[test]
fn after_a_save_the_server_copy_is_shown_except_where_the_user_typed_meanwhile() {
    let s = apply(Rc::default(), vec![FormAction::Loaded(form(), submission(0, SubmissionStatus::NotStarted, None), None, false)]);
    let s =
        apply(s, vec![FormAction::Edit("GRAIN".into(), "5".into()), FormAction::Sending, FormAction::Edit("CATTLE".into(), "40".into())]);
    let saved = FormAction::Saved(submission(1, SubmissionStatus::Draft, Some("5")), Flash::success("Đã lưu nháp"));
    let s = apply(s, vec![saved]);
    assert_eq!((s.text("GRAIN"), s.text("CATTLE"), s.version), ("5", "40", 1));
    assert!(s.has_unsaved(), "the cattle figure typed during the save is not on the server");
    let s = apply(s, vec![FormAction::Edit("CATTLE".into(), "41".into())]);
    assert_eq!(s.flash, None, "a success message must not linger over newer text");
}

#[test]
fn server_refusals_appear_next_to_their_field() {
    let s = apply(Rc::default(), vec![FormAction::Loaded(form(), submission(0, SubmissionStatus::NotStarted, None), None, false)]);
    let body = ErrorBody {
        code: "validation_failed".into(),
        message: "Dữ liệu không hợp lệ".into(),
        fields: vec![FieldError::new("values.CATTLE", "required", "Cần nhập số liệu")],
    };
    let s = apply(s, vec![FormAction::Failed(ApiError::Server { status: 422, body, retry_after: None })]);
    assert_eq!(s.field_error(&form().indicators[1]).as_deref(), Some("Cần nhập số liệu"));
    let s = apply(s, vec![FormAction::Edit("CATTLE".into(), "3".into())]);
    assert_eq!(s.field_error(&form().indicators[1]), None);
}

#[test]
fn after_a_conflict_the_reload_keeps_typed_text_and_shows_the_server_figure_beside_it() {
    let s = apply(Rc::default(), vec![FormAction::Loaded(form(), submission(1, SubmissionStatus::Draft, Some("10")), None, false)]);
    let conflict = ErrorBody { code: "version_conflict".into(), message: String::new(), fields: vec![] };
    let s = apply(
        s,
        vec![
            FormAction::Edit("GRAIN".into(), "12".into()),
            FormAction::Failed(ApiError::Server { status: 409, body: conflict, retry_after: None }),
        ],
    );
    assert!(s.conflict);
    let s = apply(s, vec![FormAction::Reloaded(submission(2, SubmissionStatus::Draft, Some("11")))]);
    assert_eq!((s.text("GRAIN"), s.version), ("12", 2));
    assert_eq!(s.server_values.get("GRAIN").map(String::as_str), Some("11"));
    assert!(!s.server_values.contains_key("CATTLE"));
}

#[test]
fn a_review_decision_shows_the_decided_figures_and_its_message() {
    let s = apply(Rc::default(), vec![FormAction::Loaded(form(), submission(3, SubmissionStatus::Submitted, Some("10")), None, false)]);
    let s = apply(s, vec![FormAction::Reviewed(submission(4, SubmissionStatus::Approved, Some("10")), Flash::success("Đã duyệt"))]);
    assert_eq!((s.text("GRAIN"), s.version), ("10", 4));
    assert_eq!(s.loaded.as_ref().map(|(_, sub)| sub.status), Some(SubmissionStatus::Approved));
    assert_eq!(s.flash.as_ref().map(|f| f.tone), Some(Tone::Success));
    assert!(!s.has_unsaved());
}

fn cattle_not_greater_than_grain(severity: Severity) -> FormAction {
    FormAction::Rules(Rc::new(vec![ValidationRule {
        id: 1,
        indicator_id: 2,
        kind: RuleKind::NotGreaterThan,
        other_indicator_id: Some(1),
        min_value: None,
        max_value: None,
        severity,
        message: None,
    }]))
}

#[test]
fn a_broken_hard_rule_is_an_error_under_its_field_while_typing() {
    let s = apply(Rc::default(), vec![FormAction::Loaded(form(), submission(0, SubmissionStatus::NotStarted, None), None, false)]);
    let s = apply(
        s,
        vec![
            cattle_not_greater_than_grain(Severity::Hard),
            FormAction::Edit("GRAIN".into(), "300".into()),
            FormAction::Edit("CATTLE".into(), "301".into()),
        ],
    );
    let live = s.live_violations();
    let checks = s.checks(&form().indicators[1], &live);
    assert!(checks.error.as_deref().is_some_and(|e| e.starts_with("Không được lớn hơn grain (300")), "{checks:?}");
    assert!(checks.warnings.is_empty());
    let s = apply(s, vec![FormAction::Edit("CATTLE".into(), "5".into())]);
    assert_eq!(s.checks(&form().indicators[1], &s.live_violations()).error, None);
}

#[test]
fn server_warnings_show_while_the_figure_is_the_saved_one_and_each_message_once() {
    let mut sub = submission(1, SubmissionStatus::Draft, Some("10"));
    let warning = |code: &str, message: &str| Violation { severity: Severity::Soft, error: FieldError::new("values.GRAIN", code, message) };
    sub.warnings = vec![warning("outlier", "Khác xa bình quân"), warning("above_max", "Cao")];
    let s = apply(Rc::default(), vec![FormAction::Loaded(form(), sub, None, false)]);
    let grain = &form().indicators[0];
    let checks = s.checks(grain, &[warning("above_max", "Cao")]);
    assert_eq!(checks.warnings, vec!["Cao".to_owned(), "Khác xa bình quân".to_owned()]);
    assert!(checks.outlier, "an outlier opens the comment box");
    let s = apply(s, vec![FormAction::Edit("GRAIN".into(), "11".into())]);
    assert!(s.checks(grain, &[]).warnings.is_empty(), "the server spoke about the old figure");
}

#[test]
fn a_figure_far_from_the_units_recent_months_is_flagged_while_it_is_typed_and_the_comment_marks_it_explained() {
    let mut sub = submission(1, SubmissionStatus::Draft, Some("1936"));
    let history = tonghop_shared::rules::History { previous_mean: Some(Amount::from_int(46)), ..Default::default() };
    sub.references = vec![tonghop_shared::api::FigureReference { indicator_id: 1, history }];
    // The server's word on the saved figure is left to the live check, which knows the comment as typed.
    sub.warnings = vec![Violation { severity: Severity::Soft, error: FieldError::new("values.GRAIN", "outlier", "Khác xa (cũ)") }];
    let grain = &form().indicators[0];
    let s = apply(Rc::default(), vec![FormAction::Loaded(form(), sub, None, false)]);
    let checks = s.checks(grain, &s.live_violations());
    assert_eq!(checks.warnings, vec!["Khác xa bình quân các tháng trước (46 tấn); kiểm tra lại hoặc ghi chú lý do".to_owned()]);
    assert!(checks.outlier, "the comment box opens");
    let s = apply(s, vec![FormAction::EditComment("GRAIN".into(), "Thu hoạch vụ chiêm".into())]);
    assert!(s.checks(grain, &s.live_violations()).warnings[0].ends_with("đơn vị đã ghi chú lý do"));
    let s = apply(s, vec![FormAction::Edit("GRAIN".into(), "50".into())]);
    assert!(s.checks(grain, &s.live_violations()).warnings.is_empty(), "a figure like the months before is no outlier");
}

#[test]
fn comments_are_kept_locally_sent_and_restored() {
    let s = apply(Rc::default(), vec![FormAction::Loaded(form(), submission(1, SubmissionStatus::Draft, Some("10")), None, false)]);
    let s = apply(s, vec![FormAction::EditComment("GRAIN".into(), " Mùa mới ".into())]);
    assert!(s.has_unsaved());
    assert_eq!(s.local_draft().comments.get("GRAIN").map(String::as_str), Some(" Mùa mới "));
    let sent = s.inputs().unwrap();
    assert_eq!(sent[0].comment.as_deref(), Some("Mùa mới"));
    assert_eq!(sent[1].comment, None);
    let local = s.local_draft();
    let s = apply(Rc::default(), vec![FormAction::Loaded(form(), submission(1, SubmissionStatus::Draft, Some("10")), Some(local), false)]);
    assert_eq!(s.comment("GRAIN"), " Mùa mới ");
    assert!(s.flash.is_some(), "the restored comment is announced");
}

#[test]
fn text_kept_for_the_outbox_is_restored_without_the_unsaved_notice() {
    let s = apply(
        Rc::default(),
        vec![FormAction::Loaded(form(), submission(2, SubmissionStatus::Draft, Some("10")), Some(local(2, "12")), true)],
    );
    assert_eq!(s.text("GRAIN"), "12");
    assert_eq!(s.flash, None, "the «Chờ gửi» banner speaks for it");
}

#[test]
fn a_queued_save_ends_the_wait_and_keeps_the_text() {
    let s = apply(
        Rc::default(),
        vec![
            FormAction::Loaded(form(), submission(1, SubmissionStatus::Draft, Some("10")), None, false),
            FormAction::Edit("GRAIN".into(), "11".into()),
            FormAction::Sending,
            FormAction::Queued { submit: false, at: "10:32".into() },
        ],
    );
    assert!(!s.busy);
    assert!(s.flash.as_ref().is_some_and(|f| f.text.contains("Chờ gửi") && f.text.contains("10:32")));
    assert_eq!(s.text("GRAIN"), "11");
    assert!(s.has_unsaved());
}

#[test]
fn a_background_delivery_becomes_the_server_copy_and_says_so() {
    let s = apply(
        Rc::default(),
        vec![
            FormAction::Loaded(form(), submission(1, SubmissionStatus::Draft, Some("10")), None, false),
            FormAction::Edit("GRAIN".into(), "11".into()),
            FormAction::Queued { submit: true, at: "10:32".into() },
            FormAction::Delivered(submission(2, SubmissionStatus::Submitted, Some("11")), "10:32".into()),
        ],
    );
    assert_eq!(s.version, 2);
    assert!(!s.has_unsaved());
    assert!(s.flash.as_ref().is_some_and(|f| f.tone == Tone::Success && f.text == "Đã tự gửi báo cáo cho xã lúc 10:32"));
}
