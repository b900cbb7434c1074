//! Reads an uploaded file into rows of cells: CSV (UTF-8 with or without a
//! byte order mark, comma or semicolon between columns) or the first sheet of
//! an XLSX workbook. Row 1 names the columns; names are matched without
//! regard to case. Lines starting with `#` in a CSV are notes and skipped.
//!
//! Reading is bounded whatever the file claims ([`Limits`]): the workbook's
//! parts are checked against what they unpack to before anything is
//! decompressed, the sheet is read cell by cell (never as the range its
//! `<dimension>` or its farthest cell declares), and only cells holding
//! something are kept, up to a number of rows, columns, cells and characters
//! per cell. A file past a limit is refused with the limit in the message.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::web::text;

/// Most data rows a file may hold.
pub const MAX_ROWS: usize = 50_000;
/// Columns a file may use: a cell holding something further right is refused.
pub const MAX_COLUMNS: u32 = 100;
/// Cells holding something, in the whole file.
pub const MAX_CELLS: usize = 500_000;
/// Characters in one cell.
pub const MAX_CELL_CHARS: usize = 1_000;
/// What the parts of an XLSX workbook may unpack to, all together.
pub const MAX_UNPACKED_BYTES: u64 = 50 * 1024 * 1024;

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

/// Why a file could not be read at all, in Vietnamese: on a row (0: the file
/// itself) and a column (empty: the whole row) when it is one cell's fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Row number as a spreadsheet shows it; 0 for the whole file.
    pub row: u32,
    /// Column name from row 1, or empty.
    pub column: String,
    /// Why, in Vietnamese.
    pub message: String,
}

impl ParseError {
    fn file(message: impl Into<String>) -> Self {
        Self { row: 0, column: String::new(), message: message.into() }
    }
}

/// Reads a file of the given format.
pub fn read(format: FileFormat, bytes: &[u8]) -> Result<Sheet, ParseError> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(ParseError::file("Tệp Excel 97–2003 (.xls) chưa đọc được: hãy lưu thành .xlsx hoặc CSV UTF-8"));
    }
    let raw = match format {
        FileFormat::Csv => read_csv(bytes)?,
        FileFormat::Xlsx => read_xlsx(bytes)?,
    };
    into_sheet(raw)
}

/// The cells holding something, by row: (row number, (column index, cell)),
/// in file order; the first row is the header.
type RawRows = Vec<(u32, Vec<(u32, Cell)>)>;

/// Collects the cells of a file within the limits, as they are read.
#[derive(Debug, Default)]
struct Collector {
    rows: RawRows,
    cells: usize,
}

impl Collector {
    /// Keeps a cell (row numbered from 1, column from 0) unless it is blank.
    fn push(&mut self, row: u32, column: u32, cell: Cell) -> Result<(), ParseError> {
        if cell.is_blank() {
            return Ok(());
        }
        if column >= MAX_COLUMNS {
            let message = format!("Dòng {row}: có dữ liệu ở cột thứ {}, tệp chỉ được dùng tối đa {MAX_COLUMNS} cột", column + 1);
            return Err(ParseError { row, column: String::new(), message });
        }
        if let Cell::Text(t) = &cell
            && t.chars().count() > MAX_CELL_CHARS
        {
            let message = format!("Dòng {row}, cột thứ {}: ô dài hơn {} ký tự", column + 1, vi_count(MAX_CELL_CHARS));
            return Err(ParseError { row, column: String::new(), message });
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(ParseError::file(format!("Tệp có hơn {} ô có dữ liệu; hãy chia thành nhiều tệp", vi_count(MAX_CELLS))));
        }
        match self.rows.last_mut() {
            Some((last, cells)) if *last == row => cells.push((column, cell)),
            _ => {
                // The header and MAX_ROWS data rows.
                if self.rows.len() > MAX_ROWS {
                    return Err(too_many_rows());
                }
                self.rows.push((row, vec![(column, cell)]));
            }
        }
        Ok(())
    }
}

fn too_many_rows() -> ParseError {
    ParseError::file(format!("Tệp có hơn {} dòng số liệu; hãy chia thành nhiều tệp", vi_count(MAX_ROWS)))
}

/// `50.000`: a count as Vietnamese writes it.
fn vi_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

fn read_csv(bytes: &[u8]) -> Result<RawRows, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let header_line = bytes.split(|b| *b == b'\n').find(|line| !line.starts_with(b"#")).unwrap_or_default();
    let count = |c: u8| header_line.iter().filter(|b| **b == c).count();
    let delimiter = if count(b';') > count(b',') { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).comment(Some(b'#')).from_reader(bytes);
    let mut collected = Collector::default();
    // Row numbers are counted here from byte offsets: the reader's own line
    // count drifts with CRLF line ends (it ends a record at the CR).
    let (mut counted_to, mut line) = (0_usize, 1_u64);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(ParseError::file(match e.position() {
                    Some(p) => format!("Dòng {}: không đọc được tệp CSV (tệp phải lưu dạng CSV UTF-8)", p.line()),
                    None => "Không đọc được tệp CSV (tệp phải lưu dạng CSV UTF-8)".to_owned(),
                }));
            }
        }
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize).clamp(counted_to, bytes.len());
        // A record's position may point at the line end before it.
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += bytes[counted_to..start].iter().filter(|b| **b == b'\n').count() as u64;
        counted_to = start;
        let number = u32::try_from(line).map_err(|_| too_many_rows())?;
        for (column, text) in record.iter().enumerate() {
            let column = u32::try_from(column).unwrap_or(u32::MAX);
            collected.push(number, column, Cell::Text(text.trim().to_owned()))?;
        }
    }
    Ok(collected.rows)
}

fn read_xlsx(bytes: &[u8]) -> Result<RawRows, ParseError> {
    const UNREADABLE: &str = "Không đọc được tệp Excel (cần tệp .xlsx)";
    let unreadable = |_| ParseError::file(UNREADABLE);
    check_unpacked_size(bytes)?;
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let Some(first) = workbook.sheet_names().into_iter().next() else {
        return Err(ParseError::file("Tệp Excel không có trang tính nào"));
    };
    let mut cells = workbook.worksheet_cells_reader(&first).map_err(unreadable)?;
    let mut collected = Collector::default();
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        collected.push(row.saturating_add(1), column, xlsx_cell(cell.get_value()))?;
    }
    Ok(collected.rows)
}

/// Refuses a workbook whose parts unpack to more than [`MAX_UNPACKED_BYTES`],
/// by the sizes its directory declares. The zip reader stops any part at its
/// declared size (more is a read error), so a part that lies is unreadable,
/// never larger.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), ParseError> {
    let unreadable = |_| ParseError::file("Không đọc được tệp Excel (cần tệp .xlsx)");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        total = total.saturating_add(archive.by_index_raw(i).map_err(unreadable)?.size());
    }
    if total > MAX_UNPACKED_BYTES {
        let limit = MAX_UNPACKED_BYTES / (1024 * 1024);
        return Err(ParseError::file(format!("Tệp Excel giải nén ra hơn {limit} MB; hãy chia thành nhiều tệp hoặc lưu thành CSV")));
    }
    Ok(())
}

fn xlsx_cell(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::SharedString(s) => Cell::Text(s.trim().to_owned()),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.trim().to_owned()),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        // A date typed as `2025-06` becomes 1 June 2025: read it as its month.
        DataRef::DateTime(d) => Cell::Text(excel_month(d.as_f64()).unwrap_or_default()),
        DataRef::Error(e) => Cell::Text(format!("#{e}")),
        DataRef::Empty => Cell::Text(String::new()),
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
    let Some((header_row, header)) = raw.next() else { return Err(ParseError::file("Tệp trống: dòng 1 phải là tên các cột")) };
    let mut names = vec![String::new(); header.iter().map(|(c, _)| *c as usize + 1).max().unwrap_or(0)];
    for (column, cell) in &header {
        check_text(header_row, "", cell)?;
        names[*column as usize] = cell.text().to_lowercase();
    }
    let mut rows = Vec::new();
    for (number, cells) in raw {
        let mut row = Row { number, cells: HashMap::new() };
        for (column, cell) in cells {
            let Some(name) = names.get(column as usize).filter(|n| !n.is_empty()) else { continue };
            check_text(number, name, &cell)?;
            row.cells.insert(name.clone(), cell);
        }
        rows.push(row);
    }
    if rows.len() > MAX_ROWS {
        return Err(too_many_rows());
    }
    Ok(Sheet { columns: names, rows })
}

/// Refuses a cell holding a control character: no database or file written
/// later could carry it the same way.
fn check_text(row: u32, column: &str, cell: &Cell) -> Result<(), ParseError> {
    match cell {
        Cell::Text(t) if t.chars().any(text::is_refused) => Err(ParseError {
            row,
            column: column.to_owned(),
            message: format!(
                "Dòng {row}{}: {}",
                if column.is_empty() { String::new() } else { format!(", cột «{column}»") },
                text::MESSAGE
            ),
        }),
        _ => Ok(()),
    }
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
