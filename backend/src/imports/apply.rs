//! Checks every row of a file and stores all of it or nothing, in one write
//! transaction: the columns a kind needs, then `plans.rs` or `values.rs`.

use tonghop_shared::api::{ImportKind, ImportResult};

use super::parse::Sheet;
use super::rows::{Errors, Failure, refuse};
use super::{plans, values};
use crate::auth::AuthUser;
use crate::db::{DbConn, write_transaction};

/// Columns every file of a kind must have.
pub fn required_columns(kind: ImportKind) -> &'static [&'static str] {
    match kind {
        ImportKind::Plans => &["unit_code", "indicator_code", "year", "value"],
        ImportKind::Values => &["unit_code", "indicator_code", "period", "value"],
    }
}

/// Checks and stores a file in one write transaction.
pub fn import(conn: &mut DbConn, user: &AuthUser, kind: ImportKind, sheet: &Sheet) -> Result<ImportResult, Failure> {
    let mut errors = Errors::default();
    for column in required_columns(kind).iter().filter(|c| !sheet.columns.iter().any(|name| name == *c)) {
        errors.add(1, column, format!("Thiếu cột «{column}» ở dòng 1; hãy dùng tệp mẫu"));
    }
    errors.into_result()?;
    if sheet.rows.is_empty() {
        return Err(refuse(2, "", "Tệp không có dòng số liệu nào"));
    }
    write_transaction(conn, |conn| match kind {
        ImportKind::Plans => plans::import(conn, user, sheet),
        ImportKind::Values => values::import(conn, user, sheet),
    })
}
