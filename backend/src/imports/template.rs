//! Templates to fill in: the header, two example rows taken from the caller's
//! own unit and indicators (valid as they stand), and notes in Vietnamese. A
//! CSV template carries its notes as `#` lines, which imports skip; an XLSX
//! template on a second sheet, since imports read only the first.

use chrono::Datelike;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use tonghop_shared::Amount;
use tonghop_shared::api::ImportKind;

use super::parse::{Cell, FileFormat};
use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::indicators::model::{self as indicators, IndicatorRow};

/// A file to download.
#[derive(Debug)]
pub struct Template {
    /// E.g. `mau-ke-hoach.csv`.
    pub filename: String,
    /// Its content type.
    pub content_type: &'static str,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// The columns of a kind, in template order.
pub fn columns(kind: ImportKind) -> &'static [&'static str] {
    match kind {
        ImportKind::Plans => &["unit_code", "indicator_code", "year", "value", "resolution_target", "year_end_only"],
        ImportKind::Values => &["unit_code", "indicator_code", "period", "value"],
    }
}

fn notes(kind: ImportKind) -> Vec<&'static str> {
    let mut notes = match kind {
        ImportKind::Plans => vec![
            "Mỗi dòng là kế hoạch năm của một chỉ tiêu cho một đơn vị; kế hoạch đã có của cùng đơn vị, chỉ tiêu và năm được thay bằng số trong tệp.",
            "unit_code: mã đơn vị; indicator_code: mã chỉ tiêu; year: năm kế hoạch (4 chữ số); value: số kế hoạch, viết 1.936 hoặc 45,7.",
            "resolution_target: ghi x nếu là chỉ tiêu Nghị quyết; year_end_only: ghi x nếu chỉ đánh giá được vào cuối năm; để trống nếu không.",
        ],
        ImportKind::Values => vec![
            "Mỗi dòng là số liệu của một chỉ tiêu, một đơn vị, một kỳ trước khi dùng tonghop; số đã nhập của cùng kỳ được thay bằng số trong tệp.",
            "period: tháng (2025-06) hoặc cả kỳ: quý (2025-Q2), 6 tháng (2025-H1), 9 tháng (2025-9M), năm (2025). Số cả kỳ chỉ dùng để so sánh cùng kỳ khi các tháng không có số liệu.",
            "value: viết 1.936 (dấu chấm tách hàng nghìn) hoặc 45,7 (dấu phẩy thập phân). Không nhập được kỳ chưa kết thúc, hay tháng đã có số liệu gửi qua ứng dụng.",
        ],
    };
    notes.push("Các dòng ví dụ dùng mã đơn vị và chỉ tiêu của bạn: sửa hoặc xóa trước khi nhập. Nếu có ô sai, không dòng nào được nhập và hệ thống báo lỗi theo dòng, cột.");
    notes
}

/// Builds the template of a kind for the caller.
pub fn build(conn: &mut DbConn, user: &AuthUser, kind: ImportKind, format: FileFormat) -> ApiResult<Template> {
    let rows = examples(conn, user, kind)?;
    let name = match kind {
        ImportKind::Plans => "mau-ke-hoach",
        ImportKind::Values => "mau-so-lieu",
    };
    Ok(match format {
        FileFormat::Csv => Template { filename: format!("{name}.csv"), content_type: "text/csv; charset=utf-8", bytes: csv(kind, &rows)? },
        FileFormat::Xlsx => Template {
            filename: format!("{name}.xlsx"),
            content_type: crate::web::files::XLSX,
            bytes: xlsx(kind, &rows).map_err(|e| ApiError::Internal(e.into()))?,
        },
    })
}

fn examples(conn: &mut DbConn, user: &AuthUser, kind: ImportKind) -> ApiResult<Vec<Vec<Cell>>> {
    let mut candidates = Vec::new();
    for form in indicators::forms_for_kind(conn, user.unit.kind())? {
        candidates.extend(indicators::form_indicators(conn, form.id)?);
    }
    if candidates.is_empty() {
        candidates = indicators::all_indicators(conn)?;
    }
    let chosen: Vec<IndicatorRow> =
        candidates.into_iter().filter(|i| i.active && i.aggregation != tonghop_shared::api::Aggregation::Rate).take(2).collect();
    let last_year = crate::clock::today().year() - 1;
    Ok(chosen
        .iter()
        .enumerate()
        .map(|(i, indicator)| {
            let unit = Cell::Text(user.unit.code.clone());
            let code = Cell::Text(indicator.code.clone());
            let value = Cell::Number(sample(indicator, i).to_f64());
            match kind {
                ImportKind::Plans => {
                    let (target, year_end) = if i == 0 { ("x", "") } else { ("", "x") };
                    vec![unit, code, Cell::Text((last_year + 1).to_string()), value, Cell::Text(target.into()), Cell::Text(year_end.into())]
                }
                ImportKind::Values => {
                    // A month of the year before last: a commune that imported
                    // last year village by village can still take the example.
                    let period = if i == 0 { format!("{}-06", last_year - 1) } else { format!("{last_year}-H1") };
                    vec![unit, code, Cell::Text(period), value]
                }
            }
        })
        .collect())
}

/// A figure the indicator accepts: 1.936, or 45,7 where decimals are allowed.
fn sample(indicator: &IndicatorRow, i: usize) -> Amount {
    let wanted = if i == 1 && indicator.input_precision > 0 { Amount::from_scaled(457_000) } else { Amount::from_int(1936) };
    let capped = indicator.max_value.map_or(wanted, |max| wanted.min(Amount::from_scaled(max)));
    indicator.min_value.map_or(capped, |min| capped.max(Amount::from_scaled(min)))
}

fn csv_text(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) => Amount::from_f64(*n).map(|a| a.format_vi_trimmed(4)).unwrap_or_default(),
        Cell::Text(t) => t.clone(),
    }
}

fn csv(kind: ImportKind, rows: &[Vec<Cell>]) -> ApiResult<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    let internal = |e: csv::Error| ApiError::Internal(e.into());
    writer.write_record(columns(kind)).map_err(internal)?;
    for row in rows {
        writer.write_record(row.iter().map(csv_text)).map_err(internal)?;
    }
    let mut bytes = writer.into_inner().map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    for note in notes(kind) {
        bytes.extend_from_slice(format!("# {note}\r\n").as_bytes());
    }
    Ok(bytes)
}

fn xlsx(kind: ImportKind, rows: &[Vec<Cell>]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let (bold, text) = (Format::new().set_bold(), Format::new().set_num_format("@"));
    let sheet = workbook.add_worksheet().set_name("Số liệu")?;
    for (col, name) in columns(kind).iter().enumerate() {
        let col = col as u16;
        // Codes and periods stay text: Excel would read `2025-06` as a date.
        if *name != "value" {
            sheet.set_column_format(col, &text)?;
        }
        sheet.set_column_width(col, 18)?;
        sheet.write_string_with_format(0, col, *name, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(t) => sheet.write_string((r + 1) as u32, c as u16, t)?,
                Cell::Number(n) => sheet.write_number((r + 1) as u32, c as u16, *n)?,
            };
        }
    }
    let guide = workbook.add_worksheet().set_name("Hướng dẫn")?;
    guide.set_column_width(0, 140)?;
    for (i, note) in notes(kind).iter().enumerate() {
        guide.write_string(i as u32, 0, *note)?;
    }
    workbook.save_to_buffer()
}
