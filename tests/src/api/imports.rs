//! Imports of plans and past figures, and their templates.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use tonghop_shared::api::{ImportKind, ImportRefused, ImportResult};

use super::{Reply, with_query};
use crate::TestApp;

/// The media type of a CSV file.
pub const CSV: &str = "text/csv";
/// The media type of an XLSX workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl TestApp {
    /// `POST /api/v1/imports/{kind}` of a file of `content_type`.
    pub async fn import(&self, token: &str, kind: ImportKind, content_type: &str, file: impl Into<Vec<u8>>) -> Reply<ImportResult> {
        self.post_file(&format!("/api/v1/imports/{kind}"), token, content_type, file.into()).await.into()
    }

    /// `GET /api/v1/imports/templates/{kind}` in `format` (`csv`, `xlsx`;
    /// the server's default when `None`): status, headers and bytes.
    pub async fn import_template(&self, token: &str, kind: ImportKind, format: Option<&str>) -> (StatusCode, HeaderMap, Vec<u8>) {
        let path = with_query(&format!("/api/v1/imports/templates/{kind}"), &[("format", format.map(str::to_owned))]);
        self.download(&path, token).await
    }
}

impl Reply<ImportResult> {
    /// The body of a refused import (422) as [`ImportRefused`]; fails the
    /// test, with the answer, on any other status.
    #[track_caller]
    pub fn refused(self) -> ImportRefused {
        Reply::<ImportRefused>::from(self.answer).read_as(StatusCode::UNPROCESSABLE_ENTITY)
    }
}

/// (row, column) of every refused cell.
pub trait RefusedCells {
    /// (row, column) of every refused cell, in file order.
    fn cells(&self) -> Vec<(u32, String)>;
}

impl RefusedCells for ImportRefused {
    fn cells(&self) -> Vec<(u32, String)> {
        self.errors.iter().map(|e| (e.row, e.column.clone())).collect()
    }
}
