//! Imports from CSV and XLSX: annual plans, and last year's figures for a
//! commune that starts using tonghop.

use serde::{Deserialize, Serialize};

use super::named_enum;

named_enum! {
    /// What a file holds.
    ImportKind {
        /// Annual plans: unit, indicator, year, plan, target marks.
        Plans = "plans" / "Kế hoạch năm",
        /// Figures of past periods: unit, indicator, period, value.
        Values = "values" / "Số liệu các kỳ trước",
    }
}

/// One refused cell or row of an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportError {
    /// Row number as a spreadsheet shows it (the header is row 1).
    pub row: u32,
    /// Column name from the template, e.g. `value`; empty for the whole row.
    pub column: String,
    /// Why, in Vietnamese.
    pub message: String,
}

/// Answer of an import: what was stored. An import is all or nothing: when
/// any row is refused the answer is 422 with `errors` and nothing is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportResult {
    /// What the file held.
    pub kind: ImportKind,
    /// Rows stored.
    pub imported: u32,
    /// Rows that replaced an earlier import or plan of the same key.
    pub replaced: u32,
}

/// Body of a refused import (422).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRefused {
    /// `import_refused`.
    pub code: String,
    /// A summary in Vietnamese.
    pub message: String,
    /// Every refused cell, in file order (at most 200).
    pub errors: Vec<ImportError>,
}
