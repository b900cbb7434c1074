//! Completeness as rows of a file, with Vietnamese column names beside the
//! codes.

use tonghop_shared::api::{Completeness, CompletenessSummary, CompletenessTotal, UnitSummary};

use crate::web::files::sheet::{Cell, Sheet};

const CELLS: &[(&str, f64)] = &[
    ("ma_don_vi", 12.0),
    ("Đơn vị", 26.0),
    ("Kỳ", 10.0),
    ("trang_thai", 12.0),
    ("Trạng thái", 16.0),
    ("Nộp muộn", 9.0),
    ("Quá hạn", 9.0),
    ("Gửi lúc", 22.0),
];

const TOTALS: &[(&str, f64)] = &[
    ("ma_don_vi", 12.0),
    ("Đơn vị", 26.0),
    ("Kỳ", 10.0),
    ("Hạn gửi", 12.0),
    ("Phải gửi", 9.0),
    ("Đã nhận", 9.0),
    ("Đúng hạn", 9.0),
    ("% đã nhận", 10.0),
    ("% đúng hạn", 10.0),
];

fn yes(b: bool) -> Cell {
    Cell::from(if b { "x" } else { "" })
}

/// One row per unit and month.
pub fn cells(table: &Completeness) -> Sheet {
    let rows = table
        .rows
        .iter()
        .flat_map(|row| {
            row.cells.iter().map(|c| {
                vec![
                    row.unit.code.as_str().into(),
                    row.unit.name.as_str().into(),
                    c.period.to_string().into(),
                    c.status.as_str().into(),
                    c.status.label_vi().into(),
                    yes(c.late),
                    yes(c.overdue),
                    c.submitted_at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default().into(),
                ]
            })
        })
        .collect();
    Sheet { name: "Tiến độ gửi", columns: CELLS, rows }
}

fn total_row(unit: &UnitSummary, t: &CompletenessTotal) -> Vec<Cell> {
    vec![
        unit.code.as_str().into(),
        unit.name.as_str().into(),
        t.period.to_string().into(),
        t.deadline.format("%d/%m/%Y").to_string().into(),
        t.expected.into(),
        t.received.into(),
        t.on_time.into(),
        Cell::Number(t.received_percent),
        Cell::Number(t.on_time_percent),
    ]
}

/// One row per unit below and month, then the whole tree's.
pub fn summary(s: &CompletenessSummary) -> Sheet {
    let rows = s
        .groups
        .iter()
        .flat_map(|g| g.totals.iter().map(|t| total_row(&g.unit, t)))
        .chain(s.totals.iter().map(|t| total_row(&s.unit, t)))
        .collect();
    Sheet { name: "Theo đơn vị", columns: TOTALS, rows }
}
