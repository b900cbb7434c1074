//! Totals as rows of a file: one row per unit and indicator, the same
//! numbers as the JSON answer, with Vietnamese column names beside the
//! codes, so files of many communes can be put one under the other.

use tonghop_shared::api::{Breakdown, TotalRow, TotalsTable, UnitSummary};

use crate::web::files::sheet::{Cell, Sheet};

/// The columns of a totals file, with their widths in the workbook.
pub const COLUMNS: &[(&str, f64)] = &[
    ("ma_don_vi", 12.0),
    ("Đơn vị", 24.0),
    ("Kỳ", 10.0),
    ("ma_chi_tieu", 22.0),
    ("Chỉ tiêu", 40.0),
    ("ĐVT", 10.0),
    ("Thực hiện", 12.0),
    ("Kế hoạch (KH)", 12.0),
    ("% KH", 8.0),
    ("Cùng kỳ (CK)", 12.0),
    ("% CK", 8.0),
    ("Tăng/giảm so CK", 12.0),
    ("Chỉ tiêu Nghị quyết", 10.0),
    ("Đánh giá", 18.0),
    ("Tạm tính", 8.0),
];

fn row(unit: &UnitSummary, period: &str, r: &TotalRow) -> Vec<Cell> {
    let yes = |b: bool| Cell::from(if b { "x" } else { "" });
    vec![
        unit.code.as_str().into(),
        unit.name.as_str().into(),
        period.into(),
        r.indicator.code.as_str().into(),
        r.indicator.name.as_str().into(),
        r.indicator.unit_of_measure.as_str().into(),
        r.actual.into(),
        r.plan.base.into(),
        r.plan.percent.into(),
        r.last_year.base.into(),
        r.last_year.percent.into(),
        r.last_year.change.into(),
        yes(r.resolution_target),
        r.status.label_vi().into(),
        yes(r.provisional),
    ]
}

/// A unit's totals table.
pub fn table(t: &TotalsTable) -> Sheet {
    let period = t.period.to_string();
    Sheet { name: "Tổng hợp", columns: COLUMNS, rows: t.rows.iter().map(|r| row(&t.unit, &period, r)).collect() }
}

/// The totals of each child unit.
pub fn breakdown(b: &Breakdown) -> Sheet {
    let period = b.period.to_string();
    let rows = b.children.iter().flat_map(|child| child.rows.iter().map(|r| row(&child.unit, &period, r)).collect::<Vec<_>>()).collect();
    Sheet { name: "Theo đơn vị", columns: COLUMNS, rows }
}
