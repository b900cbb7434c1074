//! The appendix table as a spreadsheet: the same rows as in the Word file,
//! with figures as numbers so that they can be summed and charted.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use tonghop_shared::Amount;
use tonghop_shared::api::TotalsTable;

/// `#,##0` with as many decimals as the indicator has.
fn number_format(precision: u32) -> Format {
    let decimals = if precision == 0 { String::new() } else { format!(".{}", "0".repeat(precision as usize)) };
    Format::new().set_num_format(format!("#,##0{decimals}"))
}

/// The workbook's bytes.
pub fn appendix(table: &TotalsTable) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Chỉ tiêu")?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, format!("{} - {}", table.unit.name, table.period_label), &bold)?;
    let headers = ["STT", "Mã", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "% KH", "Cùng kỳ", "% CK", "Tạm tính"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    let as_f64 = |a: Option<Amount>| a.map(Amount::to_f64);
    for (n, r) in table.rows.iter().enumerate() {
        let row = (n + 3) as u32;
        let (figure, percent) = (number_format(r.indicator.figure_places()), number_format(r.indicator.precision));
        sheet.write_number(row, 0, (n + 1) as f64)?;
        sheet.write_string(row, 1, &r.indicator.code)?;
        sheet.write_string(row, 2, &r.indicator.name)?;
        sheet.write_string(row, 3, &r.indicator.unit_of_measure)?;
        let cells = [
            (4, as_f64(r.plan.base), &figure),
            (5, as_f64(r.actual), &figure),
            (6, as_f64(r.plan.percent), &percent),
            (7, as_f64(r.last_year.base), &figure),
            (8, as_f64(r.last_year.percent), &percent),
        ];
        for (c, value, format) in cells {
            if let Some(v) = value {
                sheet.write_number_with_format(row, c, v, format)?;
            }
        }
        if r.provisional {
            sheet.write_string(row, 9, "x")?;
        }
    }
    sheet.set_column_width(2, 45)?;
    workbook.save_to_buffer()
}
