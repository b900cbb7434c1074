//! Imports of plans and past figures from CSV and XLSX, through HTTP on both
//! databases. The demo already holds imported figures for last year, so the
//! checks on totals compare before and after an import.

use diesel::prelude::*;
use reqwest::StatusCode;
use tonghop_shared::api::{ImportKind, ImportRefused, ImportResult, TotalRow};
use tonghop_tests::api::{CSV, RefusedCells, Reply, RowOf, TotalsOf, XLSX};
use tonghop_tests::scenario::amount;
use tonghop_tests::{Db, TestApp, current_period, on_both_databases, spawn_app};

const PLANS: ImportKind = ImportKind::Plans;
const VALUES: ImportKind = ImportKind::Values;

/// The `actual` of one indicator in a unit's totals, in ten-thousandths.
async fn actual(app: &TestApp, token: &str, unit: &str, period: &str, indicator: &str) -> i64 {
    totals_row(app, token, unit, period, indicator).await.actual.map_or(0, |v| v.scaled())
}

async fn totals_row(app: &TestApp, token: &str, unit: &str, period: &str, indicator: &str) -> TotalRow {
    let table = app.totals(token, &TotalsOf::approved(app.unit(unit).await.id, period)).await.ok();
    table.row(indicator).clone()
}

fn xlsx(rows: &[(&str, &str, &str, f64)]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, name) in ["Unit_Code", "indicator_code", "period", "value"].iter().enumerate() {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    for (i, (unit, indicator, period, value)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, *unit).unwrap().write_string(r, 1, *indicator).unwrap().write_string(r, 2, *period).unwrap();
        sheet.write_number(r, 3, *value).unwrap();
    }
    workbook.save_to_buffer().unwrap()
}

async fn a_csv_of_plans_is_imported_and_listed(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    let file = "unit_code,Indicator_Code,year,value,resolution_target,year_end_only\n\
                XP,GRAIN_OUTPUT,2027,\"1.936,5\",x,\n\
                xp-bangoc,sown_area,2027,\"45,7\",,có\n";

    let result = app.import(&token, PLANS, CSV, file).await.ok();

    assert_eq!((result.imported, result.replaced), (2, 0));
    let commune = app.plans(&token, app.unit("XP").await.id, 2027).await.ok();
    let village = app.plans(&token, app.unit("XP-BANGOC").await.id, 2027).await.ok();
    let (commune, village) = (&commune[0], &village[0]);
    assert_eq!((commune.value, commune.resolution_target, commune.year_end_only), (amount(1936.5), true, false));
    assert_eq!((village.value, village.resolution_target, village.year_end_only), (amount(45.7), false, true));
}

async fn a_file_with_bad_rows_is_refused_cell_by_cell_and_nothing_is_stored(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    let file = "unit_code;indicator_code;period;value\n\
                XP-BANGOC;GRAIN_OUTPUT;2024-01;1.200\n\
                XP-BANGOC;NO_SUCH_THING;2024-02;5\n\
                XP-BANGOC;GRAIN_OUTPUT;2024-03;45.7\n\
                XP-BANGOC;GRAIN_OUTPUT;2024-04;1,25\n\
                XP-BANGOC;GRAIN_OUTPUT;2030-01;5\n\
                XP-BANGOC;GRAIN_OUTPUT;2024-01;7\n\
                TH;GRAIN_OUTPUT;2024-05;7\n";
    let count = || {
        use tonghop::db::schema::imported_values;
        let mut conn = app.pool.get().unwrap();
        imported_values::table.count().get_result::<i64>(&mut conn).unwrap()
    };
    let before = count();

    let refused = app.import(&token, VALUES, CSV, file).await.refused();

    assert_eq!(refused.code, "import_refused");
    let expected = [(3, "indicator_code"), (4, "value"), (5, "value"), (6, "period"), (7, ""), (8, "unit_code")];
    assert_eq!(refused.cells(), expected.map(|(r, c)| (r, c.to_owned())));
    assert!(refused.errors[1].message.contains("hàng nghìn"), "{refused:?}");
    assert_eq!(count(), before);
}

async fn at_most_200_refused_cells_are_listed_with_the_count_of_all(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    let rows: String = (0..250).map(|i| format!("XP,NO_SUCH_THING,{},1\n", 2000 + i % 20)).collect();

    let refused = app.import(&token, PLANS, CSV, format!("unit_code,indicator_code,year,value\n{rows}")).await.refused();

    assert_eq!(refused.cells().len(), 200);
    assert_eq!(refused.cells()[199], (201, "indicator_code".to_owned()));
    assert!(refused.message.contains("250 lỗi"), "{}", refused.message);
}

async fn an_xlsx_of_monthly_values_adds_into_the_communes_totals(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    let commune_before = actual(&app, &token, "XP", "2025", "GRAIN_OUTPUT").await;
    let village_before = actual(&app, &token, "XP-BANGOC", "2025-Q1", "GRAIN_OUTPUT").await;
    let file = xlsx(&[
        ("XP-BANGOC", "GRAIN_OUTPUT", "2025-01", 100.0),
        ("XP-BANGOC", "GRAIN_OUTPUT", "2025-02", 200.5),
        ("XP-BANGOC", "GRAIN_OUTPUT", "2025-03", 300.0),
    ]);

    let result = app.import(&token, VALUES, XLSX, file).await.ok();

    assert_eq!(result.imported, 3);
    assert_eq!(actual(&app, &token, "XP-BANGOC", "2025-Q1", "GRAIN_OUTPUT").await, 6_005_000);
    assert_eq!(actual(&app, &token, "XP", "2025", "GRAIN_OUTPUT").await, commune_before - village_before + 6_005_000);
}

async fn a_total_imported_for_six_months_is_last_years_base(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;

    app.import(&token, VALUES, CSV, "unit_code,indicator_code,period,value\nXP,NEW_ENTERPRISES,2025-H1,12\n").await.ok();

    let row = totals_row(&app, &token, "XP", "2026-H1", "NEW_ENTERPRISES").await;
    assert_eq!(row.last_year.base, Some(amount(12)), "{row:?}");
}

async fn a_village_cannot_import_or_download_templates(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("thon.bangoc").await;

    let answer = app.import(&token, VALUES, CSV, "unit_code,indicator_code,period,value\nXP-BANGOC,GRAIN_OUTPUT,2025-01,1\n").await;
    let (template, _, _) = app.import_template(&token, PLANS, None).await;

    assert_eq!((answer.status, template), (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN));
}

async fn a_month_with_figures_sent_through_the_app_is_refused(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    let last_month = current_period().parse::<tonghop_shared::MonthPeriod>().unwrap().previous();
    let file = format!("unit_code,indicator_code,period,value\nXP-BANGOC,GRAIN_OUTPUT,{last_month},5\nXP,GRAIN_OUTPUT,{last_month},5\n");

    let refused = app.import(&token, VALUES, CSV, file).await.refused();

    assert_eq!(refused.cells(), [(2, "period".to_owned()), (3, "period".to_owned())]);
    assert!(refused.errors[0].message.contains("gửi qua ứng dụng"), "{refused:?}");
}

async fn templates_download_in_both_formats_and_import_as_they_stand(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    for (kind, name) in [(PLANS, "mau-ke-hoach"), (VALUES, "mau-so-lieu")] {
        for (format, content_type) in [("csv", CSV), ("xlsx", XLSX)] {
            let (status, headers, bytes) = app.import_template(&token, kind, Some(format)).await;
            assert_eq!(status, StatusCode::OK);
            let disposition = headers["content-disposition"].to_str().unwrap();
            assert!(disposition.starts_with("attachment") && disposition.contains(&format!("{name}.{format}")), "{disposition}");
            assert!(headers["content-type"].to_str().unwrap().starts_with(content_type));
            let magic: &[u8] = if format == "csv" { b"\xEF\xBB\xBFunit_code;indicator_code;" } else { b"PK" };
            assert!(bytes.starts_with(magic), "{kind} {format}");

            let answer = app.import(&token, kind, content_type, bytes).await;

            assert_eq!(answer.status, StatusCode::OK, "{kind} {format}: {:?}", answer.body);
            assert_eq!(answer.ok().imported, 2);
        }
    }
}

async fn a_month_is_imported_for_the_villages_or_the_commune_never_both(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    // The demo imported every village's 2025 figures; a commune figure for
    // one of those months would be counted twice. In one file, the commune
    // and a village for the same month are refused the same way.
    let file = "unit_code,indicator_code,period,value\n\
                XP,GRAIN_OUTPUT,2025-03,500\n\
                XP-BANGOC,GRAIN_OUTPUT,2024-05,40\n\
                XP,GRAIN_OUTPUT,2024-05,300\n\
                XP,GRAIN_OUTPUT,2024-06,300\n";

    let refused = app.import(&token, VALUES, CSV, file).await;
    let commune_only = app.import(&token, VALUES, CSV, "unit_code,indicator_code,period,value\nXP,GRAIN_OUTPUT,2024-06,300\n").await;

    let refused = refused.refused();
    assert_eq!(refused.cells(), vec![(2, "unit_code".to_owned()), (4, "unit_code".to_owned())]);
    assert!(refused.errors[0].message.contains("cộng hai lần"), "{refused:?}");
    commune_only.ok();
    // Nothing of the refused file was stored: 2024 holds the 300 alone.
    assert_eq!(actual(&app, &token, "XP", "2024", "GRAIN_OUTPUT").await, 300 * 10_000);
}

/// A workbook made by hand from its first sheet's XML: the few parts a
/// reader needs, deflated, as an attacker would write them.
fn workbook(sheet_xml: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let parts: [(&str, &[u8]); 5] = [
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The XML of a sheet of inline-string rows.
fn sheet_xml(rows: &[&[&str]]) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, cells) in rows.iter().enumerate() {
        xml.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, text) in cells.iter().enumerate() {
            let column = char::from(b'A' + c as u8);
            xml.push_str(&format!(r#"<c r="{column}{}" t="inlineStr"><is><t>{text}</t></is></c>"#, r + 1));
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml.into_bytes()
}

/// How many figures and plans are stored.
fn stored(app: &TestApp) -> (i64, i64) {
    use tonghop::db::schema::{imported_values, plans};
    let mut conn = app.pool.get().unwrap();
    (imported_values::table.count().get_result(&mut conn).unwrap(), plans::table.count().get_result(&mut conn).unwrap())
}

/// A refused file: 422, the limit named in the message and in the error,
/// nothing stored, and the server still answering; the refusal.
async fn assert_file_refused(app: &TestApp, answer: Reply<ImportResult>, before: (i64, i64), names: &str) -> ImportRefused {
    let refused = answer.refused();
    assert_eq!(refused.code, "import_refused");
    assert!(refused.message.contains(names), "{names} in {refused:?}");
    assert!(refused.errors[0].message.contains(names), "{names} in {refused:?}");
    assert_eq!(app.health().await.status, StatusCode::OK, "the server still answers");
    assert_eq!(stored(app), before, "nothing imported");
    refused
}

async fn a_workbook_whose_farthest_cell_is_xfd1048576_is_refused_and_the_server_stays_up(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    // Two cells, 1.5 KB; read as a range it is 16,384 × 1,048,576 cells.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "unit_code").unwrap().write_string(1_048_575, 16_383, "x").unwrap();
    let hostile = book.save_to_buffer().unwrap();
    assert!(hostile.len() < 10_000, "{} bytes", hostile.len());
    let before = stored(&app);

    let values = app.import(&token, VALUES, XLSX, hostile.clone()).await;
    let plans = app.import(&token, PLANS, XLSX, hostile).await;

    assert_file_refused(&app, values, before, "100 cột").await;
    assert_file_refused(&app, plans, before, "100 cột").await;
}

async fn a_workbook_is_read_by_the_rows_it_holds_and_refused_past_the_row_limit(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    let header = ["unit_code", "indicator_code", "period", "value"];
    // A header and one row at the very bottom of the sheet: read as the two
    // rows it holds, not as a million; only cells holding something count.
    let mut far = String::from_utf8(sheet_xml(&[&header])).unwrap();
    let last = ["XP-BANGOC", "GRAIN_OUTPUT", "2024-01", "5"]
        .iter()
        .zip('A'..)
        .map(|(text, column)| format!(r#"<c r="{column}1048576" t="inlineStr"><is><t>{text}</t></is></c>"#));
    far = far.replace("</sheetData>", &format!(r#"<row r="1048576">{}</row></sheetData>"#, last.collect::<String>()));
    let many_rows: Vec<[&str; 1]> = (0..50_001).map(|_| ["XP"]).collect();
    let mut rows: Vec<&[&str]> = vec![&header];
    rows.extend(many_rows.iter().map(|r| &r[..]));
    let before = stored(&app);

    let long = app.import(&token, VALUES, XLSX, workbook(&sheet_xml(&rows))).await;
    assert_file_refused(&app, long, before, "50.000 dòng").await;

    let sparse = app.import(&token, VALUES, XLSX, workbook(far.as_bytes())).await.ok();

    assert_eq!(sparse.imported, 1);
}

async fn a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    // One cell of 64 MB of text: the file sent is well under 10 MB.
    let padding = "x".repeat(64 * 1024 * 1024);
    let bomb = workbook(&sheet_xml(&[&["unit_code", &padding]]));
    drop(padding);
    let fine = workbook(&sheet_xml(&[&["unit_code", "indicator_code", "year", "value"], &["XP", "GRAIN_OUTPUT", "2027", "1936"]]));
    assert!(bomb.len() < 1024 * 1024, "{} bytes sent", bomb.len());
    let before = stored(&app);

    let refused = app.import(&token, PLANS, XLSX, bomb).await;

    assert_file_refused(&app, refused, before, "50 MB").await;
    let accepted = app.import(&token, PLANS, XLSX, fine).await;
    assert_eq!(accepted.status, StatusCode::OK, "the same hand-made workbook, small, imports: {:?}", accepted.body);
}

async fn a_csv_past_a_limit_is_refused_with_the_limit_named(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    let header = "unit_code,indicator_code,period,value";
    let wide = format!("{header}\nXP{}\n", ",1".repeat(100));
    let long_cell = format!("{header}\nXP,{},2025-01,1\n", "A".repeat(1_001));
    let long_file = format!("{header}\n{}", "XP,GRAIN_OUTPUT,2025-01,1\n".repeat(50_001));
    let before = stored(&app);

    let wide = app.import(&token, VALUES, CSV, wide).await;
    let long_cell = app.import(&token, VALUES, CSV, long_cell).await;
    let long_file = app.import(&token, VALUES, CSV, long_file).await;

    assert_file_refused(&app, wide, before, "100 cột").await;
    assert_file_refused(&app, long_cell, before, "1.000 ký tự").await;
    assert_file_refused(&app, long_file, before, "50.000 dòng").await;
}

async fn a_cell_with_a_control_character_is_refused_on_its_row_and_column(db: Db) {
    let app = spawn_app(db).await;
    let token = app.session("vp.xuanphu").await;
    let csv = "unit_code,indicator_code,period,value\nXP-BANGOC,GRAIN_OUTPUT,2025-01,1\nXP\u{0},GRAIN_OUTPUT,2025-02,1\n";
    let xlsx = workbook(&sheet_xml(&[&["unit_code", "indicator_code", "period", "value"], &["XP-BANGOC", "GRAIN\u{1}", "2025-01", "1"]]));
    let before = stored(&app);

    let from_csv = app.import(&token, VALUES, CSV, csv).await;
    let from_xlsx = app.import(&token, VALUES, XLSX, xlsx).await;

    let from_csv = assert_file_refused(&app, from_csv, before, "ký tự điều khiển").await;
    assert_eq!(from_csv.cells(), [(3, "unit_code".to_owned())]);
    let from_xlsx = assert_file_refused(&app, from_xlsx, before, "ký tự điều khiển").await;
    assert_eq!(from_xlsx.cells(), [(2, "indicator_code".to_owned())]);
}

on_both_databases!(
    a_workbook_whose_farthest_cell_is_xfd1048576_is_refused_and_the_server_stays_up,
    a_workbook_is_read_by_the_rows_it_holds_and_refused_past_the_row_limit,
    a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read,
    a_csv_past_a_limit_is_refused_with_the_limit_named,
    a_cell_with_a_control_character_is_refused_on_its_row_and_column,
    a_month_is_imported_for_the_villages_or_the_commune_never_both,
    a_csv_of_plans_is_imported_and_listed,
    a_file_with_bad_rows_is_refused_cell_by_cell_and_nothing_is_stored,
    at_most_200_refused_cells_are_listed_with_the_count_of_all,
    an_xlsx_of_monthly_values_adds_into_the_communes_totals,
    a_total_imported_for_six_months_is_last_years_base,
    a_village_cannot_import_or_download_templates,
    a_month_with_figures_sent_through_the_app_is_refused,
    templates_download_in_both_formats_and_import_as_they_stand,
);
