//! Reads an uploaded file into rows of cells: CSV (UTF-8 with or without a
//! byte order mark, comma or semicolon between columns) or the first sheet of
//! an XLSX workbook. Row 1 names the columns; names are matched without
//! regard to case. Lines starting with `#` in a CSV are notes and skipped.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde::Deserialize;
use utoipa::ToSchema;

/// Most data rows a file may hold.
pub const MAX_ROWS: usize = 50_000;

/// The format of an uploaded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    /// Comma- or semicolon-separated text, UTF-8.
    Csv,
    /// An Excel workbook; only its first sheet is read.
    Xlsx,
}

/// One cell as read: text, or a number from a spreadsheet cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, trimmed.
    Text(String),
    /// A numeric spreadsheet cell.
    Number(f64),
}

impl Cell {
    /// The cell as text: whole numbers without a decimal point.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
        }
    }

    /// True when nothing was entered.
    pub fn is_blank(&self) -> bool {
        matches!(self, Cell::Text(t) if t.is_empty())
    }
}

/// One data row: its number as a spreadsheet shows it, and its cells by
/// lower-case column name.
#[derive(Debug, Clone)]
pub struct Row {
    /// Row number; the header is row 1.
    pub number: u32,
    /// Cells by column name (lower case).
    pub cells: HashMap<String, Cell>,
}

impl Row {
    /// The cell of a column; blank when absent.
    pub fn cell(&self, column: &str) -> Cell {
        self.cells.get(column).cloned().unwrap_or(Cell::Text(String::new()))
    }
}

/// A file read: its column names (lower case, in order) and data rows.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// Column names from row 1.
    pub columns: Vec<String>,
    /// Data rows, blank rows left out.
    pub rows: Vec<Row>,
}

/// Why a file could not be read at all, in Vietnamese.
pub type ParseError = String;

/// Reads a file of the given format.
pub fn read(format: FileFormat, bytes: &[u8]) -> Result<Sheet, ParseError> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err("Tệp Excel 97–2003 (.xls) chưa đọc được: hãy lưu thành .xlsx hoặc CSV UTF-8".to_owned());
    }
    let raw = match format {
        FileFormat::Csv => read_csv(bytes)?,
        FileFormat::Xlsx => read_xlsx(bytes)?,
    };
    into_sheet(raw)
}

/// Numbered rows of cells, the first one the header.
type RawRows = Vec<(u32, Vec<Cell>)>;

fn read_csv(bytes: &[u8]) -> Result<RawRows, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let header_line = bytes.split(|b| *b == b'\n').find(|line| !line.starts_with(b"#")).unwrap_or_default();
    let count = |c: u8| header_line.iter().filter(|b| **b == c).count();
    let delimiter = if count(b';') > count(b',') { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).comment(Some(b'#')).from_reader(bytes);
    let mut rows = Vec::new();
    // Row numbers are counted here from byte offsets: the reader's own line
    // count drifts with CRLF line ends (it ends a record at the CR).
    let (mut counted_to, mut line) = (0_usize, 1_u64);
    for record in reader.records() {
        let record = record.map_err(|e| match e.position() {
            Some(p) => format!("Dòng {}: không đọc được tệp CSV (tệp phải lưu dạng CSV UTF-8)", p.line()),
            None => "Không đọc được tệp CSV (tệp phải lưu dạng CSV UTF-8)".to_owned(),
        })?;
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize).clamp(counted_to, bytes.len());
        // A record's position may point at the line end before it.
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += bytes[counted_to..start].iter().filter(|b| **b == b'\n').count() as u64;
        counted_to = start;
        let number = u32::try_from(line).map_err(|_| "Tệp quá dài".to_owned())?;
        rows.push((number, record.iter().map(|t| Cell::Text(t.trim().to_owned())).collect()));
        if rows.len() > MAX_ROWS + 1 {
            break;
        }
    }
    Ok(rows)
}

fn read_xlsx(bytes: &[u8]) -> Result<RawRows, ParseError> {
    const UNREADABLE: &str = "Không đọc được tệp Excel (cần tệp .xlsx)";
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| UNREADABLE.to_owned())?;
    let range = match workbook.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(_)) => return Err(UNREADABLE.to_owned()),
        None => return Err("Tệp Excel không có trang tính nào".to_owned()),
    };
    let Some((first_row, _)) = range.start() else { return Ok(Vec::new()) };
    Ok(range
        .rows()
        .take(MAX_ROWS + 2)
        .enumerate()
        .map(|(i, cells)| (first_row + i as u32 + 1, cells.iter().map(xlsx_cell).collect()))
        .collect())
}

fn xlsx_cell(data: &Data) -> Cell {
    match data {
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.trim().to_owned()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        // A date typed as `2025-06` becomes 1 June 2025: read it as its month.
        Data::DateTime(d) => Cell::Text(excel_month(d.as_f64()).unwrap_or_default()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
        Data::Empty => Cell::Text(String::new()),
    }
}

/// `YYYY-MM` of an Excel date serial (days since 30 December 1899).
pub(crate) fn excel_month(serial: f64) -> Option<String> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = epoch.checked_add_signed(chrono::Duration::days(serial.floor() as i64))?;
    Some(date.format("%Y-%m").to_string())
}

fn into_sheet(raw: RawRows) -> Result<Sheet, ParseError> {
    let mut raw = raw.into_iter();
    let Some((_, header)) = raw.next() else { return Err("Tệp trống: dòng 1 phải là tên các cột".to_owned()) };
    let columns: Vec<String> = header.iter().map(|c| c.text().to_lowercase()).collect();
    let rows: Vec<Row> = raw
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_blank()))
        .map(|(number, cells)| Row { number, cells: columns.iter().cloned().zip(cells).filter(|(name, _)| !name.is_empty()).collect() })
        .collect();
    if rows.len() > MAX_ROWS {
        return Err("Tệp có hơn 50.000 dòng số liệu; hãy chia thành nhiều tệp".to_owned());
    }
    Ok(Sheet { columns, rows })
}

/// The format named by a content type, if any.
pub fn format_of_content_type(content_type: &str) -> Option<FileFormat> {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match essence.as_str() {
        "text/csv" | "application/csv" | "text/plain" => Some(FileFormat::Csv),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => Some(FileFormat::Xlsx),
        _ => None,
    }
}

/// Guesses from the content: an XLSX file is a ZIP archive, which starts with `PK`.
pub fn sniff(bytes: &[u8]) -> FileFormat {
    if bytes.starts_with(b"PK") { FileFormat::Xlsx } else { FileFormat::Csv }
}
