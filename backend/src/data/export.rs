//! What a figure looks like in a file: the columns, with Vietnamese names
//! beside the codes, numbers written exactly; the CSV a chunk at a time
//! (UTF-8 with a byte order mark, so that Excel reads the Vietnamese names as
//! Vietnamese) and the XLSX whole.
//!
//! Decimals (`decimal=`): `dot` (default) writes `1234.5` and separates fields
//! with `,`, the RFC 4180 file every script, `pandas.read_csv`, Power BI and
//! LibreOffice read as numbers. `comma` writes `1234,5` separated by `;`,
//! what Excel set to Vietnamese (decimal `,`, list separator `;`) opens by
//! double-click with numbers as numbers; a script reading it must be told
//! both. Neither writes thousands separators. For Excel, XLSX avoids the
//! question: its numbers are numbers in any locale. A workbook is built in
//! memory, so it holds at most [`MAX_ROWS`] rows; more follow through the
//! cursor.

use tonghop_shared::Amount;
use tonghop_shared::api::{DataStatus, DataValue, DecimalMark};

use super::query::DataRow;
use crate::error::ApiResult;
use crate::web::files::sheet::{self, Cell, Sheet};

/// Column headers of the CSV and XLSX files, with their width in a workbook.
/// Codes for machines (`ma_…`) beside names for people.
pub const COLUMNS: &[(&str, f64)] = &[
    ("ma_don_vi", 14.0),
    ("Đơn vị", 28.0),
    ("ma_chi_tieu", 22.0),
    ("Chỉ tiêu", 44.0),
    ("ĐVT", 10.0),
    ("Kỳ", 10.0),
    ("Giá trị", 14.0),
    ("Trạng thái", 12.0),
    ("Cập nhật", 22.0),
];

/// Rows in one workbook, and its default size when no `limit` is given.
pub const MAX_ROWS: i64 = 20_000;

impl DataRow {
    /// The row as the API sends it (its text moved, not copied).
    pub fn into_api(self) -> DataValue {
        let status = if self.provisional == 1 { DataStatus::Provisional } else { DataStatus::Approved };
        DataValue {
            unit_id: self.unit_id,
            unit_code: self.unit_code,
            unit_name: self.unit_name,
            indicator_id: self.indicator_id,
            indicator_code: self.indicator_code,
            indicator_name: self.indicator_name,
            unit_of_measure: self.unit_of_measure,
            period: self.period,
            value: Amount::from_scaled(self.value),
            status,
            changed_at: self.changed_at.and_utc(),
        }
    }
}

/// The cells of a file row: the value a number, the rest text.
fn cells(value: &DataValue) -> Vec<Cell> {
    vec![
        value.unit_code.as_str().into(),
        value.unit_name.as_str().into(),
        value.indicator_code.as_str().into(),
        value.indicator_name.as_str().into(),
        value.unit_of_measure.as_str().into(),
        value.period.as_str().into(),
        Cell::Number(value.value),
        value.status.label_vi().into(),
        value.changed_at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true).into(),
    ]
}

/// The byte order mark and the header line of a CSV.
pub fn csv_head(mark: DecimalMark) -> ApiResult<Vec<u8>> {
    sheet::csv_head(COLUMNS, mark)
}

/// CSV lines for some figures, to follow the head or the lines before.
pub fn csv_lines(values: &[DataValue], mark: DecimalMark) -> ApiResult<Vec<u8>> {
    sheet::csv_lines(values.iter().map(cells), mark)
}

/// The rows as a workbook of one sheet.
pub fn workbook(values: &[DataValue]) -> ApiResult<Vec<u8>> {
    sheet::xlsx(&Sheet { name: "Số liệu", columns: COLUMNS, rows: values.iter().map(cells).collect() })
}
