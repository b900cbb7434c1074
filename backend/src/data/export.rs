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
use crate::web::files::sheet::{self, BOM, Cell, Sheet};

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
    /// The row as the API sends it.
    pub fn to_api(&self) -> DataValue {
        DataValue {
            unit_id: self.unit_id,
            unit_code: self.unit_code.clone(),
            unit_name: self.unit_name.clone(),
            indicator_id: self.indicator_id,
            indicator_code: self.indicator_code.clone(),
            indicator_name: self.indicator_name.clone(),
            unit_of_measure: self.unit_of_measure.clone(),
            period: self.period.clone(),
            value: Amount::from_scaled(self.value),
            status: self.status(),
            changed_at: self.changed_at.and_utc(),
        }
    }

    /// Approved or provisional.
    pub fn status(&self) -> DataStatus {
        if self.provisional == 1 { DataStatus::Provisional } else { DataStatus::Approved }
    }

    /// The cells of a file row: the value a number, the rest text.
    pub fn cells(&self) -> Vec<Cell> {
        vec![
            self.unit_code.as_str().into(),
            self.unit_name.as_str().into(),
            self.indicator_code.as_str().into(),
            self.indicator_name.as_str().into(),
            self.unit_of_measure.as_str().into(),
            self.period.as_str().into(),
            Cell::Number(Amount::from_scaled(self.value)),
            self.status().label_vi().into(),
            self.changed_at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true).into(),
        ]
    }
}

/// The byte order mark and the header line of a CSV.
pub fn csv_head(mark: DecimalMark) -> ApiResult<Vec<u8>> {
    let mut w = sheet::csv_writer(mark, BOM.to_vec());
    w.write_record(COLUMNS.iter().map(|(name, _)| *name)).map_err(sheet::internal)?;
    w.into_inner().map_err(sheet::internal)
}

/// CSV lines for some rows, to follow the head or the lines before.
pub fn csv_lines(rows: &[DataRow], mark: DecimalMark) -> ApiResult<Vec<u8>> {
    let mut w = sheet::csv_writer(mark, Vec::new());
    for row in rows {
        w.write_record(row.cells().iter().map(|c| sheet::csv_field(c, mark))).map_err(sheet::internal)?;
    }
    w.into_inner().map_err(sheet::internal)
}

/// The rows as a workbook of one sheet.
pub fn workbook(rows: &[DataRow]) -> ApiResult<Vec<u8>> {
    sheet::xlsx(&Sheet { name: "Số liệu", columns: COLUMNS, rows: rows.iter().map(DataRow::cells).collect() })
}
