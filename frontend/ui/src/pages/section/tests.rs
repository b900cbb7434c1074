//! The save state of the section page, on the host.

use std::rc::Rc;

use chrono::DateTime;
use tonghop_shared::api::{ErrorBody, Section, SubmissionStatus, UnitKind, UnitSummary};
use yew::Reducible;

use super::autosave::{DEBOUNCE_MS, SaveState, SectionAction, SectionState};
use crate::api::ApiError;
use crate::drafts::SectionDraft;

fn section(version: i64, body: &str, status: SubmissionStatus) -> Section {
    Section {
        unit: UnitSummary {
            id: 7, code: "XP-PHUNU".into(), name: "Hội Liên hiệp Phụ nữ xã".into(), kind: UnitKind::MassOrganisation
        },
        period: "2026-H1".parse().unwrap(),
        period_label: "6 tháng đầu năm 2026".into(),
        status,
        version,
        body: body.into(),
        blocks: tonghop_shared::richtext::parse(body),
        updated_at: Some(DateTime::UNIX_EPOCH),
        updated_by: Some("Phụ nữ".into()),
        submitted_at: None,
        last_review: None,
    }
}

fn server_error(status: u16, code: &str) -> ApiError {
    ApiError::Server { status, body: ErrorBody { code: code.into(), message: String::new(), fields: vec![] }, retry_after: None }
}

fn apply(actions: Vec<SectionAction>) -> Rc<SectionState> {
    actions.into_iter().fold(Rc::default(), |s: Rc<SectionState>, a| s.reduce(a))
}

fn loaded(body: &str) -> SectionAction {
    SectionAction::Loaded(section(1, body, SubmissionStatus::Draft), None, Some("09:00 01/06/2026".into()))
}

#[test]
fn typing_waits_for_a_pause_then_saving_says_so_and_then_when() {
    let s = apply(vec![loaded("Cũ")]);
    assert_eq!((s.save.clone(), s.save_label()), (SaveState::Saved, "Đã lưu lúc 09:00 01/06/2026".to_owned()));
    let s = s.reduce(SectionAction::Edit("Cũ mới".into()));
    assert_eq!(s.save_after(), Some(DEBOUNCE_MS));
    assert_eq!(s.save_label(), "Đang lưu…");
    let s = s.reduce(SectionAction::Sending).reduce(SectionAction::Saved(section(2, "Cũ mới", SubmissionStatus::Draft), "10:32".into()));
    assert_eq!((s.save.clone(), s.version, s.save_after()), (SaveState::Saved, 2, None));
    assert_eq!(s.save_label(), "Đã lưu lúc 10:32");
}

#[test]
fn spaces_the_server_drops_are_not_unsaved_text() {
    let s = apply(vec![loaded("Một câu."), SectionAction::Edit("Một câu. ".into())]);
    assert_eq!(s.save, SaveState::Saved, "a trailing space is not worth a save");
}

#[test]
fn text_typed_while_saving_is_saved_next() {
    let s = apply(vec![loaded(""), SectionAction::Edit("A".into()), SectionAction::Sending, SectionAction::Edit("AB".into())]);
    assert_eq!(s.save, SaveState::Saving);
    let s = s.reduce(SectionAction::Saved(section(2, "A", SubmissionStatus::Draft), "10:00".into()));
    assert_eq!((s.save.clone(), s.text.as_str(), s.version), (SaveState::Pending, "AB", 2));
}

#[test]
fn a_lost_connection_is_retried_later_and_later() {
    let s = apply(vec![loaded(""), SectionAction::Edit("A".into()), SectionAction::Sending, SectionAction::SaveFailed(ApiError::Network)]);
    assert_eq!(s.save_label(), "Chưa lưu được — sẽ thử lại");
    let first = s.save_after().unwrap();
    let s = s.reduce(SectionAction::Sending).reduce(SectionAction::SaveFailed(ApiError::Network));
    assert!(s.save_after().unwrap() > first && s.save_after().unwrap() <= 30_000);
    assert_eq!(s.text, "A", "the text stays");
}

#[test]
fn a_refusal_is_said_and_not_retried() {
    let s = apply(vec![
        loaded(""),
        SectionAction::Edit("A".into()),
        SectionAction::Sending,
        SectionAction::SaveFailed(server_error(422, "validation_failed")),
    ]);
    assert!(matches!(s.save, SaveState::Refused(_)));
    assert_eq!(s.save_after(), None);
}

#[test]
fn on_a_conflict_both_texts_are_kept_until_the_writer_chooses() {
    let s = apply(vec![
        loaded("Gốc"),
        SectionAction::Edit("Của tôi".into()),
        SectionAction::Sending,
        SectionAction::SaveFailed(server_error(409, "version_conflict")),
        SectionAction::Conflict(section(3, "Của người khác", SubmissionStatus::Draft)),
    ]);
    assert_eq!((s.save.clone(), s.text.as_str(), s.save_after()), (SaveState::Conflict, "Của tôi", None));
    assert_eq!(s.conflict.as_ref().unwrap().body, "Của người khác");
    let mine = s.clone().reduce(SectionAction::KeepMine);
    assert_eq!((mine.save.clone(), mine.version, mine.text.as_str()), (SaveState::Pending, 3, "Của tôi"));
    let theirs = s.reduce(SectionAction::TakeServer);
    assert_eq!((theirs.save.clone(), theirs.version, theirs.text.as_str()), (SaveState::Saved, 3, "Của người khác"));
}

#[test]
fn unsaved_text_of_an_earlier_visit_comes_back() {
    let local = SectionDraft { version: 1, body: "Chưa lưu".into() };
    let s = apply(vec![SectionAction::Loaded(section(1, "Đã lưu", SubmissionStatus::Draft), Some(local.clone()), None)]);
    assert_eq!((s.text.as_str(), s.save.clone()), ("Chưa lưu", SaveState::Pending));
    // Saved meanwhile from another phone: a conflict to settle, nothing lost.
    let s = apply(vec![SectionAction::Loaded(section(4, "Bản khác", SubmissionStatus::Draft), Some(local.clone()), None)]);
    assert_eq!((s.text.as_str(), s.save.clone(), s.version), ("Chưa lưu", SaveState::Conflict, 1));
    // Submitted: the local copy is old news.
    let s = apply(vec![SectionAction::Loaded(section(2, "Đã gửi", SubmissionStatus::Submitted), Some(local), None)]);
    assert_eq!(s.text, "Đã gửi");
}

#[test]
fn submitting_stops_the_autosave_and_a_submitted_section_shows_the_servers_text() {
    let s = apply(vec![loaded(""), SectionAction::Edit("Nội dung".into()), SectionAction::Confirm(true), SectionAction::Submitting]);
    assert_eq!(s.save_after(), None, "no save races the submit");
    let flash = crate::components::notice::Flash::success("Đã gửi");
    let s = s.reduce(SectionAction::Changed(section(2, "Nội dung", SubmissionStatus::Submitted), Some(flash)));
    assert!(!s.editable() && !s.busy && !s.confirming);
    assert_eq!(s.save, SaveState::Saved);
}

#[test]
fn the_home_shows_this_half_to_a_mass_organisation_and_the_last_one_until_it_is_sent() {
    use super::entry::shown;
    use SubmissionStatus::*;
    assert!(shown(UnitKind::MassOrganisation, NotStarted, true));
    assert!(shown(UnitKind::MassOrganisation, Returned, false));
    assert!(!shown(UnitKind::MassOrganisation, Submitted, false));
    assert!(!shown(UnitKind::Village, NotStarted, true), "a village writes a section only when asked");
    assert!(shown(UnitKind::Village, Draft, true));
}
