//! Checking a file's rows: the error list, the failure type, code lookups
//! and cell readers that both kinds of import use (`plans.rs`, `values.rs`).

use std::collections::HashMap;

use diesel::prelude::*;
use tonghop_shared::Amount;
use tonghop_shared::api::ImportError;

use super::parse::{Cell, Row, Sheet};
use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::db::schema::units;
use crate::error::ApiError;
use crate::indicators::model::{self as indicators, IndicatorRow};
use crate::units::model::UnitRow;

/// Most errors returned; the count in the message covers all of them.
pub const MAX_ERRORS: usize = 200;

/// The refused cells of a file.
#[derive(Debug, Default)]
pub struct Errors {
    /// Every refused cell; once refused, in file order and at most [`MAX_ERRORS`].
    pub list: Vec<ImportError>,
    /// How many there were in all.
    pub total: usize,
}

impl Errors {
    /// Records a refused cell (`column` empty for the whole row).
    pub fn add(&mut self, row: u32, column: &str, message: impl Into<String>) {
        self.total += 1;
        self.list.push(ImportError { row, column: column.to_owned(), message: message.into() });
    }

    /// Nothing refused, or the refusal: the first [`MAX_ERRORS`] in file
    /// order (checks that need the whole file run after the per-row ones).
    pub fn into_result(mut self) -> Result<(), Failure> {
        if self.total == 0 {
            return Ok(());
        }
        self.list.sort_by_key(|e| e.row);
        self.list.truncate(MAX_ERRORS);
        Err(Failure::Refused(self))
    }
}

/// Why an import stored nothing.
#[derive(Debug)]
pub enum Failure {
    /// The file's content is refused, cell by cell.
    Refused(Errors),
    /// The request failed otherwise (database, rights).
    Api(ApiError),
}

impl From<diesel::result::Error> for Failure {
    fn from(e: diesel::result::Error) -> Self {
        Failure::Api(e.into())
    }
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Api(e)
    }
}

/// A refusal of the whole file, reported on `row` (0: the file itself).
pub fn refuse(row: u32, column: &str, message: impl Into<String>) -> Failure {
    Failure::Refused(Errors { list: vec![ImportError { row, column: column.to_owned(), message: message.into() }], total: 1 })
}

/// The units and indicators a file names, by upper-case code.
#[derive(Debug, Default)]
pub struct Lookup {
    units: HashMap<String, UnitRow>,
    indicators: HashMap<String, IndicatorRow>,
}

impl Lookup {
    /// Loads the units the file names and every indicator.
    pub fn load(conn: &mut DbConn, sheet: &Sheet) -> QueryResult<Self> {
        let mut codes: Vec<String> = sheet.rows.iter().map(|r| r.cell("unit_code").text().to_uppercase()).collect();
        codes.sort_unstable();
        codes.dedup();
        let mut units = HashMap::new();
        for chunk in codes.chunks(500) {
            let rows: Vec<UnitRow> = units::table.filter(units::code.eq_any(chunk)).select(UnitRow::as_select()).load(conn)?;
            units.extend(rows.into_iter().map(|u| (u.code.clone(), u)));
        }
        let indicators = indicators::all_indicators(conn)?.into_iter().map(|i| (i.code.clone(), i)).collect();
        Ok(Self { units, indicators })
    }

    /// The row's unit, if it exists and the caller may plan for it.
    pub fn unit(&self, row: &Row, user: &AuthUser, errors: &mut Errors) -> Option<&UnitRow> {
        let code = row.cell("unit_code").text().to_uppercase();
        if code.is_empty() {
            errors.add(row.number, "unit_code", "Chưa nhập mã đơn vị");
            return None;
        }
        match self.units.get(&code) {
            None => errors.add(row.number, "unit_code", format!("Không có đơn vị mã «{code}»")),
            Some(unit) if !user.can_plan(unit) => {
                errors.add(row.number, "unit_code", format!("Bạn không có quyền nhập số liệu cho đơn vị «{code}»"))
            }
            Some(unit) => return Some(unit),
        }
        None
    }

    /// The row's indicator, if it exists.
    pub fn indicator(&self, row: &Row, errors: &mut Errors) -> Option<&IndicatorRow> {
        let code = row.cell("indicator_code").text().to_uppercase();
        if code.is_empty() {
            errors.add(row.number, "indicator_code", "Chưa nhập mã chỉ tiêu");
            return None;
        }
        let found = self.indicators.get(&code);
        if found.is_none() {
            errors.add(row.number, "indicator_code", format!("Không có chỉ tiêu mã «{code}»"));
        }
        found
    }
}

/// A figure: Vietnamese text (`1.936`, `45,7`) or a spreadsheet number.
pub fn amount(cell: &Cell) -> Result<Amount, String> {
    match cell {
        Cell::Text(text) => Amount::parse_vi(text).map_err(|e| e.to_string()),
        Cell::Number(n) => Amount::from_f64(*n).ok_or_else(|| "Số quá lớn".to_owned()),
    }
}

/// Records the second of two rows with the same key; true when it is new.
pub fn first_of_key<K: std::hash::Hash + Eq>(seen: &mut HashMap<K, u32>, key: K, row: u32, errors: &mut Errors, what: &str) -> bool {
    match seen.get(&key) {
        Some(first) => {
            errors.add(row, "", format!("Trùng với dòng {first}: cùng {what}"));
            false
        }
        None => {
            seen.insert(key, row);
            true
        }
    }
}
