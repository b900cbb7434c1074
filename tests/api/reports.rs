//! The commune report drafted from the data: the Word file read back as XML,
//! and the appendix spreadsheet read back cell by cell.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use reqwest::StatusCode;
use tonghop_shared::api::{ReportHeader, ReportProfile, ReportStatus, TotalsTable};
use tonghop_shared::sentences::figure_sentence;
use tonghop_tests::api::{DraftOf, ReportsOf, TotalsOf, new_report};
use tonghop_tests::{Db, TestApp, on_both_databases, spawn_app};

const PERIOD: &str = "2026-H1";

/// `word/document.xml` of a DOCX.
fn document_xml(bytes: Vec<u8>) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a DOCX is a ZIP");
    let mut xml = String::new();
    archive.by_name("word/document.xml").expect("the document part").read_to_string(&mut xml).expect("UTF-8");
    xml
}

async fn totals(app: &TestApp, token: &str, unit_id: i64) -> TotalsTable {
    app.totals(token, &TotalsOf::approved(unit_id, PERIOD)).await.ok()
}

async fn the_draft_report_writes_the_figures_the_targets_and_the_approved_sections(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let xp = app.unit("XP").await.id;
    app.scenario().section("XP-PHUNU", PERIOD).approved("Hội đã **tổ chức** 3 lớp tập huấn cho hội viên.").await;
    let table = totals(&app, &commune, xp).await;
    let grain = table.rows.iter().find(|r| r.indicator.code == "GRAIN_OUTPUT").expect("grain has figures in the first half");

    let party = app.report_draft(&commune, &DraftOf::new(xp, PERIOD)).await;
    let state = app.report_draft(&commune, &DraftOf::new(xp, PERIOD).profile("state")).await;

    assert!(party.content_type().starts_with("application/vnd.openxmlformats-officedocument.wordprocessingml"));
    let xml = document_xml(party.ok());
    for text in
        ["ĐẢNG BỘ TỈNH THANH HÓA", "ĐẢNG ỦY XÃ XUÂN PHÚ", "ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO", "T/M ĐẢNG ỦY", "Hội Liên hiệp Phụ nữ xã:"]
    {
        assert!(xml.contains(text), "{text} is in the Party report");
    }
    assert!(xml.contains(&figure_sentence(grain)), "the grain sentence: {}", figure_sentence(grain));
    assert!(xml.contains(&table.summary.sentence), "the target summary: {}", table.summary.sentence);
    assert!(xml.contains(">tổ chức<") && xml.contains("3 lớp tập huấn"), "the approved section, with its bold words");
    assert!(xml.contains(r#"w:top="1134""#) && xml.contains(r#"w:left="1701""#) && xml.contains(r#"w:right="850""#), "HD 36 margins");
    assert!(xml.contains("Times New Roman"));
    let state = document_xml(state.bytes);
    assert!(state.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && state.contains("TM. ỦY BAN NHÂN DÂN"));
    assert!(!state.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
}

async fn a_section_not_yet_approved_stays_out_and_bad_requests_are_refused(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let village = app.session("thon.bangoc").await;
    let xp = app.unit("XP").await.id;
    app.scenario().section("XP-PHUNU", PERIOD).submitted("Chưa được duyệt").await;

    let draft = app.report_draft(&commune, &DraftOf::new(xp, PERIOD)).await;
    let bad_profile = app.report_draft(&commune, &DraftOf::new(xp, PERIOD).profile("word")).await;
    let by_village = app.report_draft(&village, &DraftOf::new(xp, PERIOD)).await;

    assert!(!document_xml(draft.bytes).contains("Chưa được duyệt"));
    assert_eq!(bad_profile.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_profile.fields(), vec!["profile"]);
    assert_eq!(by_village.status, StatusCode::FORBIDDEN);
}

async fn the_appendix_spreadsheet_has_every_indicator_with_its_figures_as_numbers(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let xp = app.unit("XP").await.id;
    let table = totals(&app, &commune, xp).await;

    let bytes = app.report_appendix(&commune, &DraftOf::new(xp, PERIOD)).await.ok();

    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("an XLSX");
    let sheet = workbook.worksheet_range("Chỉ tiêu").expect("the sheet");
    let rows: Vec<&[Data]> = sheet.rows().skip(3).collect();
    assert_eq!(rows.len(), table.rows.len());
    for expected in &table.rows {
        let row = rows.iter().find(|r| r[1] == Data::String(expected.indicator.code.clone())).expect("a row per indicator");
        assert_eq!(row[2], Data::String(expected.indicator.name.clone()));
        match expected.actual {
            Some(actual) => assert_eq!(row[5], Data::Float(actual.to_f64()), "{}", expected.indicator.code),
            None => assert_eq!(row[5], Data::Empty),
        }
        if let Some(plan) = expected.plan.base {
            assert_eq!(row[4], Data::Float(plan.to_f64()));
        }
    }
}

/// Approves a village's month that the demo left submitted.
async fn approve_month(app: &TestApp, commune: &str, village: &str, period: &str) {
    let month = app.scenario().village(village).in_month(period).as_the_demo_left_it().await;
    app.approve(commune, &month.key, month.version()).await.ok();
}

async fn a_kept_report_keeps_its_edits_flags_changed_figures_and_freezes_when_issued(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let xp = app.unit("XP").await.id;
    let year = &tonghop_tests::current_period()[..4];
    let october = tonghop_shared::MonthPeriod::new(year.parse().unwrap(), 10).unwrap().to_string();
    let created = app.scenario().report("XP", year).drafted().await.report;
    let id = created.id;
    assert!(created.passages[2].text.contains("Sản lượng lương thực có hạt đạt"));

    let edited = app.edit_passage(&commune, id, 2, 1, Some("Kinh tế tiếp tục phát triển.")).await;
    approve_month(&app, &commune, "XP-BANGOC", &october).await;
    let after_approval = app.report(&commune, id).await.ok();

    let edited = edited.ok();
    assert_eq!((edited.passages[2].edited, edited.passages[2].figures_changed), (true, false));
    let economy = &after_approval.passages[2];
    assert_eq!(economy.text, "Kinh tế tiếp tục phát triển.", "an edit is kept when the figures change");
    assert!(economy.figures_changed);
    assert_ne!(economy.generated, created.passages[2].generated);

    let reverted = app.edit_passage(&commune, id, 2, 2, None).await.ok();
    let issued = app.issue_report(&commune, id, 3).await;
    let locked = app.edit_passage(&commune, id, 2, 4, Some("Sửa")).await;
    approve_month(&app, &commune, "XP-LANGSUNG", &october).await;
    let frozen = app.report(&commune, id).await.ok();
    let file = app.report_document(&commune, id).await.bytes;

    assert!(!reverted.passages[2].edited);
    assert_eq!(reverted.passages[2].text, reverted.passages[2].generated);
    let issued = issued.ok();
    assert_eq!((issued.status, issued.number.as_deref()), (ReportStatus::Issued, Some("Số 01-BC/ĐU")));
    assert_eq!(locked.status, StatusCode::CONFLICT);
    assert_eq!(frozen.passages[2].text, issued.passages[2].text, "an issued report does not follow the figures");
    assert!(document_xml(file).contains("Số 01-BC/ĐU"));

    // Numbers run per issuing unit and format.
    let third_quarter = format!("{year}-Q3");
    for (profile, number) in [(ReportProfile::Party, "Số 02-BC/ĐU"), (ReportProfile::State, "Số: 01/BC-UBND")] {
        let issued = app.scenario().report("XP", &third_quarter).profile(profile).issued().await;
        assert_eq!(issued.report.number.as_deref(), Some(number));
    }
    let village = app.session("thon.bangoc").await;
    let refused = app.create_report(&village, &new_report(xp, year, ReportProfile::Party)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

async fn a_report_header_is_set_by_the_office_and_an_issued_report_gets_new_versions(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let draft = app.scenario().report("XP", "2026-H1").drafted().await.report;
    let header = ReportHeader {
        title: "Kết quả 6 tháng đầu năm 2026".into(),
        place: "Xuân Phú".into(),
        recipients: vec!["Ban Thường vụ Tỉnh ủy (b/c),".into(), "Lưu Văn phòng Đảng ủy.".into()],
        signer_title: "PHÓ BÍ THƯ THƯỜNG TRỰC".into(),
        signer_name: "Lê Văn Thắng".into(),
        signer_authority: "KT. BÍ THƯ".into(),
    };
    let untitled = ReportHeader {
        title: " ".into(),
        place: "Xuân Phú".into(),
        recipients: Vec::new(),
        signer_title: String::new(),
        signer_name: String::new(),
        signer_authority: String::new(),
    };

    let empty_title = app.set_report_header(&commune, draft.id, 1, &untitled).await;
    let set = app.set_report_header(&commune, draft.id, 1, &header).await;
    app.edit_passage(&commune, draft.id, 9, 2, Some("Còn một số hạn chế.")).await.ok();
    let draft_again = app.new_report_version(&commune, draft.id).await;
    let issued = app.issue_report(&commune, draft.id, 3).await;
    let file = app.report_document(&commune, draft.id).await.bytes;
    let header_after_issue = app.set_report_header(&commune, draft.id, 4, &header).await;
    let second = app.new_report_version(&commune, draft.id).await;

    assert_eq!(empty_title.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty_title.fields(), vec!["header.title"]);
    let set = set.ok();
    assert_eq!(set.header.signer_name, "Lê Văn Thắng");
    assert_eq!(set.header.signer_authority, "KT. BÍ THƯ", "the office's line instead of «T/M ĐẢNG ỦY»");
    assert_eq!(draft_again.status, StatusCode::CONFLICT, "only an issued report gets a new version");
    assert_eq!(issued.ok().status, ReportStatus::Issued);
    let xml = document_xml(file);
    assert!(xml.contains("Lê Văn Thắng") && xml.contains("PHÓ BÍ THƯ THƯỜNG TRỰC") && xml.contains("Kết quả 6 tháng đầu năm 2026"));
    assert!(xml.contains("KT. BÍ THƯ") && !xml.contains("T/M ĐẢNG ỦY"), "the Word file signs on the office's line");
    assert_eq!(header_after_issue.status, StatusCode::CONFLICT);
    let second = second.created();
    assert_eq!((second.status, second.previous_id), (ReportStatus::Draft, Some(draft.id)));
    assert_eq!(second.number, None);
    assert_eq!(second.header, set.header);
    assert_eq!(second.passages[9].text, "Còn một số hạn chế.");
    assert!(second.passages[9].edited);
    assert!(!second.passages[2].edited, "a passage that followed the figures follows them again");
}

async fn a_draft_is_deleted_with_what_was_written_and_an_issued_report_never(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let village = app.session("thon.bangoc").await;
    let draft = app.scenario().report("XP", "2026-H1").drafted().await.report;
    let written = app.edit_passage(&commune, draft.id, 9, draft.version, Some("Còn một số hạn chế.")).await.ok();
    let issued = app.scenario().report("XP", "2026-Q3").issued().await.report;

    let stale = app.delete_report(&commune, draft.id, draft.version).await;
    let by_village = app.delete_report(&village, draft.id, written.version).await;
    let of_issued = app.delete_report(&commune, issued.id, issued.version).await;
    let deleted = app.delete_report(&commune, draft.id, written.version).await;
    let again = app.delete_report(&commune, draft.id, written.version).await;

    assert_eq!(stale.code(), "version_conflict", "a draft changed since it was seen stays");
    assert_eq!(by_village.status, StatusCode::FORBIDDEN);
    assert_eq!(of_issued.code(), "conflict", "an issued report is never deleted");
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(app.report(&commune, draft.id).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.report(&commune, issued.id).await.ok().status, ReportStatus::Issued);
    let listed = app.reports(&commune, &ReportsOf::of_unit(app.unit("XP").await.id)).await.ok();
    assert!(listed.iter().all(|r| r.id != draft.id), "gone from the list");
}

/// Parses `xml` with an XML parser, end tags checked, and checks that every
/// text, reference and attribute holds only characters XML 1.0 allows (the
/// parser itself does not check them; Word refuses a file that has any).
fn assert_well_formed(xml: &str, what: &str) {
    use quick_xml::events::Event;
    let xml_char = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..);
    let check = |text: &str, at: u64| {
        if let Some(c) = text.chars().find(|c| !xml_char(*c)) {
            panic!("{what}: {c:?} at byte {at} is not an XML 1.0 character");
        }
    };
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    loop {
        let at = reader.buffer_position();
        match reader.read_event().unwrap_or_else(|e| panic!("{what}: not well-formed at byte {at}: {e}")) {
            Event::Start(e) | Event::Empty(e) => {
                for attribute in e.attributes() {
                    let attribute = attribute.unwrap_or_else(|e| panic!("{what}: bad attribute at byte {at}: {e}"));
                    check(
                        &attribute
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap_or_else(|e| panic!("{what}: at byte {at}: {e}")),
                        at,
                    );
                }
            }
            Event::Text(t) => check(&t.xml10_content(), at),
            Event::GeneralRef(r) => match r.resolve_char_ref().unwrap_or_else(|e| panic!("{what}: at byte {at}: {e}")) {
                Some(c) => check(&c.to_string(), at),
                None => assert!(["amp", "lt", "gt", "quot", "apos"].contains(&&*r.into_inner()), "{what}: an unknown entity at byte {at}"),
            },
            Event::Eof => break,
            _ => {}
        }
    }
}

async fn control_characters_stored_before_the_edge_check_never_reach_the_word_file(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let xp = app.unit("XP").await.id;
    app.scenario().section("XP-PHUNU", PERIOD).approved("Hội đã tổ chức 3 lớp tập huấn.").await;
    {
        // As a database written before the API refused them might hold.
        use diesel::prelude::*;
        use tonghop::db::schema::sections;
        let mut conn = app.pool.get().unwrap();
        let text = "Hội đã\u{1} tổ chức **3 lớp**\u{1f} tập huấn & <b>\u{b}";
        let changed = diesel::update(sections::table).set(sections::body.eq(text)).execute(&mut conn).unwrap();
        assert!(changed >= 1);
    }

    for profile in ["party", "state"] {
        let draft = app.report_draft(&commune, &DraftOf::new(xp, PERIOD).profile(profile)).await;

        assert_eq!(draft.status, StatusCode::OK, "{profile}");
        let xml = document_xml(draft.bytes);
        assert_well_formed(&xml, profile);
        assert!(xml.contains("Hội đã tổ chức "), "{profile}: the section, without its control characters");
        assert!(xml.contains("tập huấn &amp; &lt;b&gt;"), "{profile}: markup characters stay characters");
    }
}

on_both_databases!(
    control_characters_stored_before_the_edge_check_never_reach_the_word_file,
    the_draft_report_writes_the_figures_the_targets_and_the_approved_sections,
    a_section_not_yet_approved_stays_out_and_bad_requests_are_refused,
    the_appendix_spreadsheet_has_every_indicator_with_its_figures_as_numbers,
    a_kept_report_keeps_its_edits_flags_changed_figures_and_freezes_when_issued,
    a_report_header_is_set_by_the_office_and_an_issued_report_gets_new_versions,
    a_draft_is_deleted_with_what_was_written_and_an_issued_report_never,
);
