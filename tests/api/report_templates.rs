//! Report templates the commune adjusts, the list of reports, numbering by
//! series (a Party term, a State year), and notes printed as footnotes.

use std::io::{Cursor, Read};

use reqwest::StatusCode;
use tonghop_shared::api::{NewReport, OutlineContent, OutlineEntry, ReportProfile, ReportTemplateInput, UnitPatch};
use tonghop_tests::api::{DraftOf, ReportsOf, RowOf, TotalsOf, new_report};
use tonghop_tests::{Db, on_both_databases, spawn_app};

/// A part of a DOCX by name.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a DOCX is a ZIP");
    let mut xml = String::new();
    archive.by_name(name).expect("the part").read_to_string(&mut xml).expect("UTF-8");
    xml
}

fn short_outline() -> Vec<OutlineEntry> {
    let entry = |level: u8, heading: &str, content: OutlineContent| OutlineEntry { level, heading: heading.into(), content };
    vec![
        entry(0, "Phần thứ nhất\nKẾT QUẢ {period}", OutlineContent::Heading),
        entry(1, "I. SẢN XUẤT NÔNG NGHIỆP", OutlineContent::Figures { indicators: vec!["grain_output".into(), "SOWN_AREA".into()] }),
        entry(1, "II. NHIỆM VỤ {next}", OutlineContent::Prompt { text: "Nêu nhiệm vụ.".into() }),
    ]
}

fn template(unit_id: i64, name: &str, outline: Vec<OutlineEntry>) -> ReportTemplateInput {
    ReportTemplateInput { unit_id, name: name.into(), outline }
}

fn report_on(unit_id: i64, period: &str, profile: ReportProfile, template_id: Option<i64>) -> NewReport {
    NewReport { template_id, ..new_report(unit_id, period, profile) }
}

async fn a_commune_keeps_its_own_template_and_a_report_keeps_the_outline_it_started_from(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let village = app.session("thon.bangoc").await;
    let xp = app.unit("XP").await.id;

    let offered = app.report_templates(&commune, Some(xp)).await.ok();
    let bad = template(
        xp,
        " ",
        vec![
            OutlineEntry { level: 5, heading: String::new(), content: OutlineContent::Heading },
            OutlineEntry { level: 1, heading: "I.".into(), content: OutlineContent::Figures { indicators: vec!["NO_SUCH_CODE".into()] } },
        ],
    );
    let refused = app.create_report_template(&commune, &bad).await;
    let agriculture = template(xp, "Báo cáo  nông nghiệp", short_outline());
    let by_village = app.create_report_template(&village, &agriculture).await;
    let created = app.create_report_template(&commune, &agriculture).await;
    let twice = app.create_report_template(&commune, &agriculture).await;
    let after = app.report_templates(&commune, Some(xp)).await.ok();

    let built_in = &offered[0];
    assert_eq!((built_in.id, built_in.outline.len()), (None, 11));
    assert_eq!(offered.len(), 1);
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.fields(), ["name", "outline[0].level", "outline[0].heading", "outline[1].content.indicators"]);
    assert_eq!(by_village.status, StatusCode::FORBIDDEN);
    let created = created.created();
    assert_eq!(created.name, "Báo cáo nông nghiệp");
    let OutlineContent::Figures { indicators } = &created.outline[1].content else { panic!("{:?}", created.outline[1]) };
    assert_eq!(indicators[0], "GRAIN_OUTPUT", "codes are stored upper-case");
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(twice.fields(), ["name"]);
    assert_eq!(after.len(), 2, "nothing refused was stored");

    // A report follows the template's outline, and keeps it when the template changes.
    let template_id = created.id.expect("a kept template has an id");
    let report = app.scenario().report("XP", "2026-H1").state().template(template_id).drafted().await.report;
    let passages = &report.passages;
    assert_eq!(passages.len(), 3);
    assert_eq!(passages[0].heading, "Phần thứ nhất\nKẾT QUẢ 6 THÁNG ĐẦU NĂM 2026");
    assert!(passages[1].text.contains("Sản lượng lương thực có hạt đạt"), "{}", passages[1].text);
    assert_eq!(passages[2].heading, "II. NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026");

    let changed = template(xp, "Mẫu mới", vec![OutlineEntry { level: 0, heading: "Một mục".into(), content: OutlineContent::Heading }]);
    let put = app.change_report_template(&commune, template_id, &changed).await;
    let deleted = app.delete_report_template(&commune, template_id).await;
    let report_after = app.report(&commune, report.id).await.ok();
    let draft = app.report_draft(&commune, &DraftOf::new(xp, "2026-H1").template(template_id)).await;

    assert_eq!(put.ok().outline.len(), 1);
    deleted.no_content();
    assert_eq!(report_after.passages.len(), 3, "the report kept its outline");
    assert_eq!(
        draft.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a deleted template is no longer offered: {}",
        String::from_utf8_lossy(&draft.bytes)
    );
}

async fn templates_of_the_units_above_are_offered_and_others_are_not(db: Db) {
    let app = spawn_app(db).await;
    let admin = app.session("admin").await;
    let commune = app.session("vp.xuanphu").await;
    let (th, xp, village) = (app.unit("TH").await.id, app.unit("XP").await.id, app.unit("XP-BANGOC").await.id);
    let province = app.create_report_template(&admin, &template(th, "Mẫu của tỉnh", short_outline())).await;
    let of_village = app.create_report_template(&commune, &template(village, "Mẫu thôn", short_outline())).await;

    let offered = app.report_templates(&commune, Some(xp)).await.ok();

    province.created();
    let of_village = of_village.created();
    let with_village_template = app.create_report(&commune, &report_on(xp, "2026-H1", ReportProfile::Party, of_village.id)).await;
    let names: Vec<&str> = offered.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Mẫu chung của tonghop", "Mẫu của tỉnh"]);
    assert_eq!(with_village_template.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(with_village_template.fields(), ["template_id"]);
}

async fn reports_are_listed_and_party_numbers_start_again_with_a_new_term(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let admin = app.session("admin").await;
    let village = app.session("thon.bangoc").await;
    let xp = app.unit("XP").await.id;
    let issue = async |period: &str, profile: ReportProfile| app.scenario().report("XP", period).profile(profile).issued().await.report;
    let mut numbers = Vec::new();
    let mut ids = Vec::new();
    for (period, profile) in [("2026-H1", ReportProfile::Party), ("2026-Q3", ReportProfile::Party), ("2026-H1", ReportProfile::State)] {
        let issued = issue(period, profile).await;
        numbers.push(issued.number.expect("an issued report has a number"));
        ids.push(issued.id);
    }
    // The congress elects a new committee today: a new term, numbered from 01.
    let today = tonghop::clock::today();
    let term = app.change_unit(&admin, xp, &UnitPatch { term_started_on: Some(today), ..UnitPatch::default() }).await;
    let new_term = issue("2026-9M", ReportProfile::Party).await;
    let state_again = issue("2026-9M", ReportProfile::State).await;

    let of = |period: Option<&str>, status: Option<&str>| ReportsOf {
        unit_id: Some(xp),
        period: period.map(str::to_owned),
        status: status.map(str::to_owned),
    };
    let all = app.reports(&commune, &of(None, None)).await;
    let issued_h1 = app.reports(&commune, &of(Some("2026-H1"), Some("issued"))).await.ok();
    let drafts = app.reports(&commune, &ReportsOf { status: Some("draft".into()), ..ReportsOf::default() }).await.ok();
    let from_province =
        app.reports(&app.session("tinh.thanhhoa").await, &ReportsOf { status: Some("issued".into()), ..ReportsOf::default() }).await.ok();
    let by_village = app.reports(&village, &of(None, None)).await;
    let bad_status = app.reports(&commune, &ReportsOf { status: Some("final".into()), ..ReportsOf::default() }).await;

    assert_eq!(numbers, ["Số 01-BC/ĐU", "Số 02-BC/ĐU", "Số: 01/BC-UBND"]);
    assert_eq!(term.ok().term_started_on, Some(today));
    assert_eq!(new_term.number.as_deref(), Some("Số 01-BC/ĐU"), "a new term numbers from 01");
    assert_eq!(state_again.number.as_deref(), Some("Số: 02/BC-UBND"), "the State's numbers run by year, not by term");
    assert_eq!(all.ok().len(), 5);
    let h1: Vec<(i64, Option<&str>)> = issued_h1.iter().map(|r| (r.id, r.number.as_deref())).collect();
    assert_eq!(h1, [(ids[2], Some("Số: 01/BC-UBND")), (ids[0], Some("Số 01-BC/ĐU"))], "newest first");
    assert!(issued_h1[0].title.starts_with("Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2026"));
    assert_eq!(drafts.len(), 0);
    assert_eq!(from_province.len(), 5, "the province lists the issued reports of its communes");
    assert_eq!(by_village.status, StatusCode::FORBIDDEN);
    assert_eq!(bad_status.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_status.fields(), ["status"]);
}

async fn notes_in_a_passage_become_footnotes_of_the_word_file(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let xp = app.unit("XP").await.id;
    let created = app.scenario().report("XP", "2026-H1").drafted().await.report;
    let text = "Hạn chế chính là tiến độ giải ngân.^[Đến 30/6 mới giải ngân 41% vốn được giao.]";
    let edited = app.edit_passage(&commune, created.id, 9, 1, Some(text)).await;
    let totals = app.totals(&commune, &TotalsOf::approved(xp, "2026-H1")).await.ok();

    let bytes = app.report_document(&commune, created.id).await.bytes;

    edited.ok();
    let (body, notes) = (docx_part(&bytes, "word/document.xml"), docx_part(&bytes, "word/footnotes.xml"));
    assert!(body.contains("tiến độ giải ngân.") && !body.contains("^["), "the note marker is not printed");
    assert!(notes.contains("Đến 30/6 mới giải ngân 41% vốn được giao."));
    // The target summary names the targets behind in a note.
    let behind = &totals.summary.behind;
    let summary = &created.passages[1].text;
    assert!(!behind.is_empty(), "the demo has targets behind in the first half: {:?}", totals.summary);
    let name = &totals.row(&behind[0]).indicator.name;
    assert!(summary.contains("^[") && summary.contains(name.as_str()), "{summary}");
    assert!(notes.contains(name.as_str()), "the footnote names {name}");
}

on_both_databases!(
    a_commune_keeps_its_own_template_and_a_report_keeps_the_outline_it_started_from,
    templates_of_the_units_above_are_offered_and_others_are_not,
    reports_are_listed_and_party_numbers_start_again_with_a_new_term,
    notes_in_a_passage_become_footnotes_of_the_word_file,
);
