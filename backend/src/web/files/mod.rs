//! Files the API answers with, in one place: their media types, the header
//! that makes a browser save one under a name, the body of a file streamed
//! a chunk at a time, a table answered as JSON, CSV or XLSX with its ETag,
//! and (in [`sheet`]) how every table is written as CSV or XLSX.
//!
//! The OpenAPI annotations name the media types through the constants here
//! and describe a file's bytes as [`FileBytes`].

pub mod sheet;

use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use tokio::sync::mpsc;
use tonghop_shared::api::{DataFormat, DecimalMark};
use utoipa::ToSchema;

use self::sheet::Sheet;
use super::etag::Etag;
use crate::error::ApiResult;

/// A Word file.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// An Excel workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// CSV, as the `Content-Type` of an answer: always UTF-8.
pub const CSV: &str = "text/csv; charset=utf-8";
/// CSV, as the OpenAPI document names the media type.
pub const CSV_MEDIA: &str = "text/csv";

/// A file's bytes, as the OpenAPI document describes a body or an answer.
#[derive(Debug, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct FileBytes(pub Vec<u8>);

/// `Content-Disposition: attachment; filename=…`.
pub fn attachment(name: impl Into<String>) -> ContentDisposition {
    ContentDisposition { disposition: DispositionType::Attachment, parameters: vec![DispositionParam::Filename(name.into())] }
}

/// A whole file, to be saved as `name`.
pub fn download(content_type: &str, name: impl Into<String>, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok().content_type(content_type).insert_header(attachment(name)).body(bytes)
}

/// The media type of a table's format.
pub fn media_type(format: DataFormat) -> &'static str {
    match format {
        DataFormat::Json => "application/json",
        DataFormat::Csv => CSV,
        DataFormat::Xlsx => XLSX,
    }
}

/// Answers `body` as JSON, or `sheet()` as a CSV or XLSX attachment named
/// `{stem}.csv` / `{stem}.xlsx`, each with a strong ETag over the bytes
/// (304 when `If-None-Match` names it).
pub fn table<T: Serialize>(
    req: &HttpRequest,
    format: DataFormat,
    mark: DecimalMark,
    body: &T,
    stem: &str,
    sheet: impl FnOnce() -> Sheet,
) -> ApiResult<HttpResponse> {
    let (bytes, extension) = match format {
        // Tagged by the `conditional` middleware, like every JSON read.
        DataFormat::Json => return Ok(HttpResponse::Ok().json(body)),
        DataFormat::Csv => (sheet::csv(&sheet(), mark)?, "csv"),
        DataFormat::Xlsx => (sheet::xlsx(&sheet())?, "xlsx"),
    };
    let tag = Etag::of_bytes(&bytes);
    let Some(mut ok) = tag.fresh(req) else { return Ok(tag.not_modified()) };
    Ok(ok.content_type(media_type(format)).insert_header(attachment(format!("{stem}.{extension}"))).body(bytes))
}

/// A response body fed chunk by chunk from a channel. The channel is
/// bounded, so the producer waits while the client is slow: at most a few
/// chunks are held in memory. An error after the headers went out closes the
/// connection, so a truncated file is never mistaken for a whole one.
pub struct ChunkedBody(pub mpsc::Receiver<Result<Bytes, std::io::Error>>);

impl MessageBody for ChunkedBody {
    type Error = std::io::Error;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, Self::Error>>> {
        self.get_mut().0.poll_recv(cx)
    }
}
