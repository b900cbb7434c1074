//! Templates to fill in: the header, two example rows taken from the caller's
//! own unit and indicators (valid as they stand), and notes in Vietnamese. A
//! CSV template carries its notes as `#` lines, which imports skip; an XLSX
//! template on a second sheet, since imports read only the first.

use chrono::Datelike;
use tonghop_shared::Amount;
use tonghop_shared::api::{DecimalMark, ImportKind};

use super::parse::FileFormat;
use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::error::ApiResult;
use crate::indicators::model::{self as indicators, IndicatorRow};
use crate::web::files::sheet::{self, BOM, Cell, Sheet};
use crate::web::files::{CSV, XLSX};

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

/// The columns of a kind, in template order, with their width in a workbook.
pub fn columns(kind: ImportKind) -> &'static [(&'static str, f64)] {
    match kind {
        ImportKind::Plans => &[
            ("unit_code", 18.0),
            ("indicator_code", 18.0),
            ("year", 18.0),
            ("value", 18.0),
            ("resolution_target", 18.0),
            ("year_end_only", 18.0),
        ],
        ImportKind::Values => &[("unit_code", 18.0), ("indicator_code", 18.0), ("period", 18.0), ("value", 18.0)],
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
    let table = Sheet { name: "Số liệu", columns: columns(kind), rows };
    Ok(match format {
        FileFormat::Csv => Template { filename: format!("{name}.csv"), content_type: CSV, bytes: csv(kind, &table)? },
        FileFormat::Xlsx => Template {
            filename: format!("{name}.xlsx"),
            content_type: XLSX,
            bytes: sheet::xlsx_with_guide(&table, Some(("Hướng dẫn", &notes(kind))))?,
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
            let value = Cell::Number(sample(indicator, i));
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

/// The template as CSV: `;` between fields and figures written the
/// Vietnamese way (`1.936`, `45,7`), as a clerk types them, which imports
/// read; the notes follow as `#` lines.
fn csv(kind: ImportKind, table: &Sheet) -> ApiResult<Vec<u8>> {
    let mut writer = sheet::csv_writer(DecimalMark::Comma, BOM.to_vec());
    writer.write_record(table.columns.iter().map(|(name, _)| *name)).map_err(sheet::internal)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|cell| match cell {
                Cell::Number(n) => n.format_vi_trimmed(4),
                Cell::Text(t) => t.clone(),
                Cell::Empty => String::new(),
            }))
            .map_err(sheet::internal)?;
    }
    let mut bytes = writer.into_inner().map_err(sheet::internal)?;
    for note in notes(kind) {
        bytes.extend_from_slice(format!("# {note}\r\n").as_bytes());
    }
    Ok(bytes)
}
