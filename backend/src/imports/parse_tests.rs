//! How files are read: encodings, separators, notes, row numbers, cell types.

use super::parse::{self, Cell, FileFormat};

fn texts(sheet: &parse::Sheet, column: &str) -> Vec<(u32, String)> {
    sheet.rows.iter().map(|r| (r.number, r.cell(column).text())).collect()
}

#[test]
fn a_csv_from_excel_in_vietnamese_is_read_with_its_row_numbers() {
    let file = "\u{feff}Unit_Code;INDICATOR_CODE;period;value\r\nXP;GRAIN_OUTPUT;2025-06;1.936,5\r\n\r\n;;;\r\nXP; CATTLE ;2025-H1;45,7\r\n# a note\r\n";

    let sheet = parse::read(FileFormat::Csv, file.as_bytes()).unwrap();

    assert_eq!(sheet.columns, ["unit_code", "indicator_code", "period", "value"]);
    assert_eq!(texts(&sheet, "value"), [(2, "1.936,5".to_owned()), (5, "45,7".to_owned())]);
    assert_eq!(texts(&sheet, "indicator_code")[1].1, "CATTLE");
}

#[test]
fn a_comma_separated_csv_keeps_quoted_decimal_commas() {
    let file = "unit_code,indicator_code,year,value\nXP,GRAIN_OUTPUT,2026,\"1.936,5\"\n";

    let sheet = parse::read(FileFormat::Csv, file.as_bytes()).unwrap();

    assert_eq!(texts(&sheet, "value"), [(2, "1.936,5".to_owned())]);
    assert_eq!(sheet.rows[0].cell("missing"), Cell::Text(String::new()));
}

#[test]
fn files_that_are_not_what_they_claim_are_refused_in_vietnamese() {
    assert!(parse::read(FileFormat::Xlsx, b"unit_code,value\n").unwrap_err().contains("Excel"));
    assert!(parse::read(FileFormat::Csv, b"unit_code;value\nXP;\xff\xfe\n").unwrap_err().contains("UTF-8"));
    assert!(parse::read(FileFormat::Csv, b"").is_err());
    assert!(parse::read(FileFormat::Csv, b"\xD0\xCF\x11\xE0\xA1\xB1").unwrap_err().contains(".xls"));
}

#[test]
fn spreadsheet_numbers_and_dates_read_as_people_typed_them() {
    assert_eq!(Cell::Number(2025.0).text(), "2025");
    assert_eq!(Cell::Number(45.5).text(), "45.5");
    assert_eq!(parse::excel_month(45_809.0).as_deref(), Some("2025-06"));
}

#[test]
fn the_format_comes_from_the_content_type_or_the_content() {
    assert_eq!(parse::format_of_content_type("text/csv; charset=utf-8"), Some(FileFormat::Csv));
    assert_eq!(parse::format_of_content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), Some(FileFormat::Xlsx));
    assert_eq!(parse::format_of_content_type("application/octet-stream"), None);
    assert_eq!((parse::sniff(b"PK\x03\x04"), parse::sniff(b"unit_code")), (FileFormat::Xlsx, FileFormat::Csv));
}
