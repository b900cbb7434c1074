//! Files the API answers with: their media types, and the header that makes
//! a browser save one under a name. (The OpenAPI annotations spell the
//! media types out again: a macro takes only literals.)

use actix_web::HttpResponse;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};

/// A Word file.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// An Excel workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// CSV, always UTF-8.
pub const CSV: &str = "text/csv; charset=utf-8";

/// `Content-Disposition: attachment; filename=…`.
pub fn attachment(name: impl Into<String>) -> ContentDisposition {
    ContentDisposition { disposition: DispositionType::Attachment, parameters: vec![DispositionParam::Filename(name.into())] }
}

/// A whole file, to be saved as `name`.
pub fn download(content_type: &str, name: impl Into<String>, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok().content_type(content_type).insert_header(attachment(name)).body(bytes)
}
