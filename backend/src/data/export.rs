//! What a figure looks like in a file: the columns, with Vietnamese names
//! beside the codes, and numbers written exactly.

use tonghop_shared::Amount;
use tonghop_shared::api::{DataStatus, DataValue};

use super::query::DataRow;
use crate::web::tabular::Cell;

/// Column headers of the CSV and XLSX files. Codes for machines (`ma_…`)
/// beside names for people.
pub const COLUMNS: [&str; 9] = ["ma_don_vi", "Đơn vị", "ma_chi_tieu", "Chỉ tiêu", "ĐVT", "Kỳ", "Giá trị", "Trạng thái", "Cập nhật"];

/// Index of the value column (a number in XLSX).
pub const VALUE_COLUMN: usize = 6;

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
    pub fn cells(&self) -> [Cell; 9] {
        [
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
