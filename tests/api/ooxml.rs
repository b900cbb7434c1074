//! Every Word and Excel file tonghop writes passes an independent OOXML
//! schema validator with no finding.
//!
//! LibreOffice opens files that break the schema's order; Word drops run
//! properties it finds out of order and Word for the web opens such a file
//! read-only as damaged, so "it opens here" proves nothing. The validator is
//! openxml-audit (PyPI, pinned in `tests/ooxml/requirements.txt`): a pure
//! Python port of the Open XML SDK's validator, with the SDK's schema data
//! for the ECMA-376 / ISO 29500 transitional schemas, so it needs no .NET and
//! no network once installed, and reads DOCX and XLSX alike. The first run
//! creates `target/ooxml-venv` (about 10 s); a file then takes about a second.

use std::process::Command;

use serde_json::Value;
use tonghop_shared::api::ReportProfile;
use tonghop_tests::api::{CompletenessOf, DraftOf, TotalsOf, ValuesOf};
use tonghop_tests::python::venv;
use tonghop_tests::{Db, TestApp, current_period, on_both_databases, spawn_app};

const PERIOD: &str = "2026-H1";

/// The findings of the validator on each file, as `file: part path: description`.
fn findings(files: &[(String, Vec<u8>)]) -> Vec<String> {
    let venv = venv("ooxml-venv", "tests/ooxml/requirements.txt");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut found = Vec::new();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write the file");
        // The validator exits 1 when it finds something: read its report either way.
        let output = Command::new(venv.join("bin/openxml-audit"))
            .args(["--format", "office2019", "--output", "json", "--max-errors", "0"])
            .arg(&path)
            .output()
            .expect("run openxml-audit");
        let report: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("openxml-audit printed no JSON for {name} ({e}):\n{}", String::from_utf8_lossy(&output.stderr)));
        let report = &report[0];
        assert_eq!(report["file"].as_str().map(|f| f.ends_with(name.as_str())), Some(true), "{report}");
        for error in report["errors"].as_array().expect("a list of errors") {
            found.push(format!("{name}: {} {}: {}", error["part_uri"], error["path"], error["description"]));
        }
        if report["error_count"].as_u64() != Some(0) && report["errors"].as_array().is_some_and(Vec::is_empty) {
            found.push(format!("{name}: {}", report["error_count"]));
        }
    }
    found
}

/// An approved section of the Women's Union with bold, a list and a note,
/// so the draft carries sections and footnotes.
async fn an_approved_section_with_a_note(app: &TestApp, commune: &str) {
    let body = "Hội đã **tổ chức** 3 lớp *tập huấn*.^[Có 120 hội viên dự.]\n\n- Thăm hỏi 40 hộ nghèo\n- Trao 12 suất quà";
    let section = app.scenario().section("XP-PHUNU", PERIOD).submitted(body).await;
    app.approve(commune, &section.key, section.version()).await.ok();
}

/// A kept report of `profile`, a passage edited with a note, then issued:
/// its stored Word file.
async fn an_issued_report(app: &TestApp, period: &str, profile: ReportProfile) -> Vec<u8> {
    let draft = app.scenario().report("XP", period).profile(profile).drafted().await;
    let text = "Hạn chế chính là tiến độ **giải ngân**.^[Đến 30/6 mới giải ngân 41% vốn được giao.]";
    let edited = app.edit_passage(&draft.office, draft.id(), 9, draft.version(), Some(text)).await.ok();
    app.issue_report(&draft.office, draft.id(), edited.version).await.ok();
    app.report_document(&draft.office, draft.id()).await.ok()
}

async fn word_files_pass_an_ooxml_schema_validator(db: Db) {
    let app = spawn_app(db).await;
    let commune = app.session("vp.xuanphu").await;
    let xp = app.unit("XP").await.id;
    an_approved_section_with_a_note(&app, &commune).await;
    let form_id = app.form_named("VILLAGE_MONTHLY").await.id;
    let year = &current_period()[..4];
    let first_quarter = CompletenessOf { form_id, unit_id: None, from: Some(format!("{year}-01")), to: Some(format!("{year}-03")) };
    let two_months = ValuesOf::all().under(xp).months(&format!("{year}-01"), &format!("{year}-02")).format("xlsx");

    let files = vec![
        ("draft-party.docx".to_owned(), app.report_draft(&commune, &DraftOf::new(xp, PERIOD)).await.ok()),
        ("draft-state.docx".to_owned(), app.report_draft(&commune, &DraftOf::new(xp, PERIOD).profile("state")).await.ok()),
        ("issued-party.docx".to_owned(), an_issued_report(&app, PERIOD, ReportProfile::Party).await),
        ("issued-state.docx".to_owned(), an_issued_report(&app, PERIOD, ReportProfile::State).await),
        ("appendix.xlsx".to_owned(), app.report_appendix(&commune, &DraftOf::new(xp, PERIOD)).await.ok()),
        ("totals.xlsx".to_owned(), app.totals_file(&commune, &TotalsOf::approved(xp, PERIOD), "xlsx", None).await.ok()),
        ("completeness.xlsx".to_owned(), app.file(&first_quarter.table_file_path("xlsx", None), &commune).await.ok()),
        ("values.xlsx".to_owned(), app.file(&two_months.path(), &commune).await.ok()),
    ];
    let found = tokio::task::block_in_place(|| findings(&files));

    assert!(found.is_empty(), "{} schema violations:\n{}", found.len(), found.join("\n"));
}

on_both_databases!(word_files_pass_an_ooxml_schema_validator);

#[test]
fn the_validator_finds_a_property_out_of_the_schemas_order() {
    // A bold run whose size comes before its font: what docx-rs wrote.
    let xml = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>"#,
        r#"<w:rPr><w:sz w:val="28"/><w:b/><w:rFonts w:ascii="Times New Roman"/></w:rPr><w:t>x</w:t></w:r></w:p></w:body></w:document>"#
    );
    let good = tonghop::reports::docx::write(&tonghop::reports::document::sample::xuan_phu_first_half_2026(
        tonghop::reports::document::Profile::Party,
    ))
    .expect("the sample report");
    let bad = replace_part(&good, "word/document.xml", xml);

    let found = findings(&[("bad.docx".to_owned(), bad)]);

    assert!(found.iter().any(|f| f.contains("/r[1]/rPr[1]")), "{found:?}");
}

/// The DOCX with one part replaced.
fn replace_part(docx: &[u8], part: &str, xml: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("an entry");
        let name = file.name().expect("a name").into_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("read");
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).expect("start");
        out.write_all(if name == part { xml.as_bytes() } else { &bytes }).expect("write");
    }
    out.finish().expect("finish").into_inner()
}
