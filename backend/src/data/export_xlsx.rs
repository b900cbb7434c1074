//! Figures as an Excel workbook: one sheet, header row in bold, codes and
//! months kept as text (Excel would read `2026-06` as a date), values as
//! numbers. The workbook is built in memory, so a file holds at most
//! [`MAX_ROWS`] rows; more follow through the cursor.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::export::{COLUMNS, VALUE_COLUMN};
use super::query::DataRow;
use crate::error::{ApiError, ApiResult};
use crate::web::tabular::Cell;

/// Rows in one workbook, and its default size when no `limit` is given.
pub const MAX_ROWS: i64 = 20_000;

/// The workbook's bytes.
pub fn workbook(rows: &[DataRow]) -> ApiResult<Vec<u8>> {
    build(rows).map_err(|e| ApiError::Internal(anyhow::anyhow!("xlsx: {e}")))
}

fn build(rows: &[DataRow]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let (bold, text) = (Format::new().set_bold(), Format::new().set_num_format("@"));
    let sheet = workbook.add_worksheet().set_name("Số liệu")?;
    let widths = [14, 28, 22, 44, 10, 10, 14, 12, 22];
    for (col, name) in COLUMNS.iter().enumerate() {
        let c = col as u16;
        if col != VALUE_COLUMN {
            sheet.set_column_format(c, &text)?;
        }
        sheet.set_column_width(c, widths[col])?;
        sheet.write_string_with_format(0, c, *name, &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in rows.iter().enumerate() {
        let r = (r + 1) as u32;
        for (c, cell) in row.cells().iter().enumerate() {
            match cell {
                Cell::Text(t) => sheet.write_string(r, c as u16, t)?,
                Cell::Number(n) => sheet.write_number(r, c as u16, n.to_f64())?,
                Cell::Empty => continue,
            };
        }
    }
    workbook.save_to_buffer()
}
