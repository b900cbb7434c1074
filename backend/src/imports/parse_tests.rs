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
    assert!(parse::read(FileFormat::Xlsx, b"unit_code,value\n").unwrap_err().message.contains("Excel"));
    assert!(parse::read(FileFormat::Csv, b"unit_code;value\nXP;\xff\xfe\n").unwrap_err().message.contains("UTF-8"));
    assert!(parse::read(FileFormat::Csv, b"").is_err());
    assert!(parse::read(FileFormat::Csv, b"\xD0\xCF\x11\xE0\xA1\xB1").unwrap_err().message.contains(".xls"));
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

#[test]
fn a_workbook_is_read_by_the_cells_it_holds_not_the_range_it_declares() {
    // A1 and XFD1048576: as a range, 16,384 × 1,048,576 cells (calamine's
    // range of it asked for 512 GiB and aborted the process).
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "unit_code").unwrap().write_string(1_048_575, 16_383, "x").unwrap();
    sheet.write_string(1_048_575, 0, "XP").unwrap();

    let refused = parse::read(FileFormat::Xlsx, &book.save_to_buffer().unwrap()).unwrap_err();

    assert_eq!(refused.row, 1_048_576);
    assert!(refused.message.contains("tối đa 100 cột"), "{}", refused.message);
}

#[test]
fn a_part_that_unpacks_to_more_than_it_declares_stops_at_its_declared_size() {
    use std::io::{Read, Write};
    // The bound on what an upload unpacks to is the sizes its directory
    // declares: the zip reader must stop a part that lies at that size.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("xl/worksheets/sheet1.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(&vec![b'x'; 1 << 20]).unwrap();
    let mut bytes = zip.finish().unwrap().into_inner();
    let name = b"xl/worksheets/sheet1.xml";
    let starts: Vec<usize> = bytes.windows(name.len()).enumerate().filter(|(_, w)| *w == name).map(|(i, _)| i).collect();
    for start in starts {
        // The uncompressed size of the local header (at 22) and of the
        // central directory entry (at 24): 1 KiB instead of 1 MiB.
        let field = if bytes[start - 30..].starts_with(b"PK\x03\x04") { start - 30 + 22 } else { start - 46 + 24 };
        bytes[field..field + 4].copy_from_slice(&1024_u32.to_le_bytes());
    }

    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = archive.by_name("xl/worksheets/sheet1.xml").unwrap();
    assert_eq!(part.size(), 1024);
    let mut read = Vec::new();
    let outcome = part.read_to_end(&mut read);

    assert!(outcome.is_err(), "reading past the declared size is an error");
    assert!(read.len() <= 1024 + 64 * 1024, "{} bytes came out of a part declared as 1024", read.len());
}

#[test]
fn a_csv_is_bounded_in_columns_cell_length_and_rows() {
    let wide = format!("unit_code\nXP{}\n", ",1".repeat(100));
    let long = format!("unit_code\n{}\n", "A".repeat(1_001));
    let rows = format!("unit_code\n{}", "XP\n".repeat(50_001));
    let blank_columns = format!("unit_code,value\nXP,1{}\n", ",".repeat(10_000));

    assert!(parse::read(FileFormat::Csv, wide.as_bytes()).unwrap_err().message.contains("tối đa 100 cột"));
    assert!(parse::read(FileFormat::Csv, long.as_bytes()).unwrap_err().message.contains("1.000 ký tự"));
    assert!(parse::read(FileFormat::Csv, rows.as_bytes()).unwrap_err().message.contains("50.000 dòng"));
    assert_eq!(parse::read(FileFormat::Csv, blank_columns.as_bytes()).unwrap().rows.len(), 1, "empty cells count for nothing");
    assert!(parse::read(FileFormat::Csv, b"unit_code\n").unwrap().rows.is_empty());
}

#[test]
fn a_cell_with_a_control_character_is_refused_on_its_row_and_column() {
    let refused = parse::read(FileFormat::Csv, "unit_code;value\nXP;1\nX\u{0}P;2\n".as_bytes()).unwrap_err();

    assert_eq!((refused.row, refused.column.as_str()), (3, "unit_code"));
    assert!(refused.message.contains("ký tự điều khiển"), "{}", refused.message);
}
