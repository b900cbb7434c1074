//! Annual plans, the indicators they are set for, and imports of plans and
//! past figures from CSV or XLSX files.

use gloo_net::http::Method;
use tonghop_shared::api::{ImportKind, ImportRefused, ImportResult, Indicator, Plan, PlanInput};
use wasm_bindgen::JsValue;

use super::client::{Payload, check, json, send_authed, send_authed_payload};
use super::{ApiError, get, to_json};

/// Every indicator, active or retired.
pub async fn indicators() -> Result<Vec<Indicator>, ApiError> {
    get("/indicators").await
}

/// A unit's plans for a year.
pub async fn plans(unit_id: i64, year: i32) -> Result<Vec<Plan>, ApiError> {
    get(&format!("/plans?unit_id={unit_id}&year={year}")).await
}

/// Creates or replaces a plan.
pub async fn put_plan(input: &PlanInput) -> Result<Plan, ApiError> {
    let body = to_json(input)?;
    json(send_authed(Method::PUT, "/plans", Some(&body)).await?).await
}

/// Removes a plan.
pub async fn delete_plan(id: i64) -> Result<(), ApiError> {
    check(send_authed(Method::DELETE, &format!("/plans/{id}"), None).await?).await.map(|_| ())
}

/// A file format the import accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Comma-separated text.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl FileFormat {
    /// The format of a file by its name: `.xlsx` is a workbook, anything else CSV.
    pub fn of_file_name(name: &str) -> Self {
        if name.to_lowercase().ends_with(".xlsx") { FileFormat::Xlsx } else { FileFormat::Csv }
    }

    /// `csv` or `xlsx`, as the API and file names spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Xlsx => "xlsx",
        }
    }

    /// The MIME type of the file.
    pub fn content_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv",
            FileFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The template of an import, as bytes to save.
pub async fn template(kind: ImportKind, format: FileFormat) -> Result<Vec<u8>, ApiError> {
    let path = format!("/imports/templates/{kind}?format={}", format.as_str());
    let response = check(send_authed(Method::GET, &path, None).await?).await?;
    response.binary().await.map_err(|_| ApiError::Network)
}

/// Sends a file to import. `Ok(Err(refused))`: the server read it and
/// refused rows, listed in `refused.errors`; nothing was stored.
pub async fn import(kind: ImportKind, format: FileFormat, file: &JsValue) -> Result<Result<ImportResult, ImportRefused>, ApiError> {
    let path = format!("/imports/{kind}?format={}", format.as_str());
    let response = send_authed_payload(Method::POST, &path, Payload::Raw { data: file, content_type: format.content_type() }).await?;
    if response.status() == 422 {
        let text = response.text().await.map_err(|_| ApiError::Network)?;
        if let Ok(refused) = tonghop_ui::json::from_str::<ImportRefused>(&text) {
            return Ok(Err(refused));
        }
        let body = tonghop_ui::json::from_str(&text).map_err(ApiError::Unexpected)?;
        return Err(ApiError::Server { status: 422, body, retry_after: None });
    }
    json(response).await.map(Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_file_name() {
        assert_eq!(FileFormat::of_file_name("ke-hoach.XLSX"), FileFormat::Xlsx);
        assert_eq!(FileFormat::of_file_name("ke-hoach.csv"), FileFormat::Csv);
        assert_eq!(FileFormat::of_file_name("so-lieu"), FileFormat::Csv);
    }
}
