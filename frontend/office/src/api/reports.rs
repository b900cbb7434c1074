//! Reports the commune office keeps (drafted from the data, edited, issued),
//! the files it downloads, and the report templates (outlines) it keeps.

use gloo_net::http::Method;
use tonghop_shared::ReportPeriod;
use tonghop_shared::api::{
    IssueRequest, NewReport, PassageEdit, Report, ReportHeaderInput, ReportProfile, ReportSummary, ReportTemplate, ReportTemplateInput,
};

use super::client::{check, json, send_authed};
use super::{ApiError, get, post, to_json};

/// A unit's reports, newest first as the server lists them.
pub async fn reports(unit_id: i64) -> Result<Vec<ReportSummary>, ApiError> {
    get(&format!("/reports?unit_id={unit_id}")).await
}

/// One report with its passages.
pub async fn report(id: i64) -> Result<Report, ApiError> {
    get(&format!("/reports/{id}")).await
}

/// Starts a draft.
pub async fn create_report(input: &NewReport) -> Result<Report, ApiError> {
    post("/reports", input).await
}

/// Sets the header and signature of a draft.
pub async fn save_header(id: i64, input: &ReportHeaderInput) -> Result<Report, ApiError> {
    let body = to_json(input)?;
    json(send_authed(Method::PUT, &format!("/reports/{id}"), Some(&body)).await?).await
}

/// Writes a passage (`text: None` follows the figures again).
pub async fn save_passage(id: i64, position: u32, edit: &PassageEdit) -> Result<Report, ApiError> {
    let body = to_json(edit)?;
    json(send_authed(Method::PUT, &format!("/reports/{id}/passages/{position}"), Some(&body)).await?).await
}

/// Numbers, dates and freezes a draft.
pub async fn issue_report(id: i64, version: i64) -> Result<Report, ApiError> {
    post(&format!("/reports/{id}/issue"), &IssueRequest { version }).await
}

/// A new draft carrying an issued report's header and the office's passages.
pub async fn new_version(id: i64) -> Result<Report, ApiError> {
    json(send_authed(Method::POST, &format!("/reports/{id}/new-version"), None).await?).await
}

/// A report as a Word file: as issued, or the draft as it prints now.
pub async fn report_docx(id: i64) -> Result<Vec<u8>, ApiError> {
    bytes(&format!("/reports/{id}/document.docx")).await
}

/// The report drafted from the live data, not kept, as a Word file.
pub async fn draft_docx(unit_id: i64, period: ReportPeriod, profile: ReportProfile, provisional: bool) -> Result<Vec<u8>, ApiError> {
    bytes(&format!("/reports/draft.docx?unit_id={unit_id}&period={period}&profile={profile}&include_provisional={provisional}")).await
}

/// The appendix of every indicator as a spreadsheet.
pub async fn appendix_xlsx(unit_id: i64, period: ReportPeriod, provisional: bool) -> Result<Vec<u8>, ApiError> {
    bytes(&format!("/reports/appendix.xlsx?unit_id={unit_id}&period={period}&include_provisional={provisional}")).await
}

/// The templates a unit may use; the first is the built-in one (`id: None`).
pub async fn templates(unit_id: i64) -> Result<Vec<ReportTemplate>, ApiError> {
    get(&format!("/report-templates?unit_id={unit_id}")).await
}

/// Keeps a new template.
pub async fn create_template(input: &ReportTemplateInput) -> Result<ReportTemplate, ApiError> {
    post("/report-templates", input).await
}

/// Replaces a template's name and outline.
pub async fn update_template(id: i64, input: &ReportTemplateInput) -> Result<ReportTemplate, ApiError> {
    let body = to_json(input)?;
    json(send_authed(Method::PUT, &format!("/report-templates/{id}"), Some(&body)).await?).await
}

/// Deletes a draft report seen at `version`.
pub async fn delete_report(id: i64, version: i64) -> Result<(), ApiError> {
    check(send_authed(Method::DELETE, &format!("/reports/{id}?version={version}"), None).await?).await.map(|_| ())
}

/// Removes a template.
pub async fn delete_template(id: i64) -> Result<(), ApiError> {
    check(send_authed(Method::DELETE, &format!("/report-templates/{id}"), None).await?).await.map(|_| ())
}

async fn bytes(path: &str) -> Result<Vec<u8>, ApiError> {
    let response = check(send_authed(Method::GET, path, None).await?).await?;
    response.binary().await.map_err(|_| ApiError::Network)
}
