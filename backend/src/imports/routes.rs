//! `/api/v1/imports`: upload a file of plans or past figures, download a
//! template to fill in.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;
use tonghop_shared::api::{ErrorBody, ImportError, ImportKind, ImportRefused, ImportResult};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::apply;
use super::parse::{self, FileFormat, ParseError};
use super::rows::Failure;
use super::template;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::web::files::{self, FileBytes};

/// Largest file accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(import_file).service(download_template);
}

/// Query of both routes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    /// `csv` or `xlsx`. An upload without it is known by its content type, or
    /// else by its content; a template without it is CSV.
    #[param(inline)]
    pub format: Option<FileFormat>,
}

/// Import a file.
///
/// The body is the file itself: CSV (UTF-8, comma or semicolon, row 1 the
/// column names of the template) or XLSX (the first sheet). `plans` takes
/// `unit_code, indicator_code, year, value, resolution_target, year_end_only`;
/// `values` takes `unit_code, indicator_code, period, value`, where the period
/// is a month (`2025-06`, added into totals) or a longer period (`2025-H1`,
/// compared against as last year's figure). All or nothing: when any cell is
/// refused the answer lists every refused cell by row and column and nothing
/// is stored. A file is read within limits, whatever it declares: 10 MB as
/// sent, 50 MB unpacked (XLSX), 50,000 data rows, 100 columns, 500,000 cells
/// holding something, 1,000 characters a cell, and no control characters;
/// past one it is refused with the limit named in the message. The commune
/// office for its commune and villages; administrators anywhere.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(("kind" = ImportKind, Path, description = "What the file holds"), FormatQuery),
    request_body(
        description = "The file, at most 10 MB",
        content((inline(FileBytes) = crate::web::files::CSV_MEDIA), (inline(FileBytes) = crate::web::files::XLSX))
    ),
    responses(
        (status = 200, description = "Every row stored", body = ImportResult),
        (status = 400, description = "Unknown kind or format", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to set plans or import figures", body = ErrorBody),
        (status = 422, description = "Refused, nothing stored: the refused cells by row and column", body = ImportRefused),
    )
)]
#[post("/imports/{kind}")]
pub async fn import_file(
    state: web::Data<AppState>,
    user: AuthUser,
    request: HttpRequest,
    kind: web::Path<ImportKind>,
    query: web::Query<FormatQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    AuthUser::require(user.can_plan(&user.unit))?;
    let kind = kind.into_inner();
    let bytes = match payload.to_bytes_limited(MAX_BYTES).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => return Err(ApiError::BadRequest(e.to_string())),
        Err(_) => {
            return Ok(unreadable(ParseError {
                row: 0,
                column: String::new(),
                message: "Tệp lớn hơn 10 MB; hãy chia thành nhiều tệp".into(),
            }));
        }
    };
    let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).and_then(parse::format_of_content_type);
    let format = query.format.or(content_type).unwrap_or_else(|| parse::sniff(&bytes));
    let sheet = match web::block(move || parse::read(format, &bytes)).await? {
        Ok(sheet) => sheet,
        Err(e) => return Ok(unreadable(e)),
    };
    let outcome = state
        .db(move |conn| match apply::import(conn, &user, kind, &sheet) {
            Ok(result) => Ok(Ok(result)),
            Err(Failure::Api(e)) => Err(e),
            Err(refusal) => Ok(Err(refusal)),
        })
        .await?;
    Ok(match outcome {
        Ok(result) => HttpResponse::Ok().json(result),
        Err(failure) => refused(failure),
    })
}

/// The 422 answer of a file that could not be read (too large, malformed,
/// past a limit): the reason is the message.
fn unreadable(e: ParseError) -> HttpResponse {
    let message = format!("{}. Chưa nhập dòng nào", e.message);
    let errors = vec![ImportError { row: e.row, column: e.column, message: e.message }];
    HttpResponse::UnprocessableEntity().json(ImportRefused { code: "import_refused".to_owned(), message, errors })
}

/// The 422 answer of a refused file.
fn refused(failure: Failure) -> HttpResponse {
    let errors = match failure {
        Failure::Refused(errors) => errors,
        Failure::Api(e) => return actix_web::ResponseError::error_response(&e),
    };
    let message = if errors.total > errors.list.len() {
        format!("Tệp có {} lỗi (liệt kê {} lỗi đầu); chưa nhập dòng nào. Sửa rồi gửi lại", errors.total, errors.list.len())
    } else {
        format!("Tệp có {} lỗi; chưa nhập dòng nào. Sửa các ô được nêu rồi gửi lại", errors.total)
    };
    HttpResponse::UnprocessableEntity().json(ImportRefused { code: "import_refused".to_owned(), message, errors: errors.list })
}

/// Download a template.
///
/// The column names, two example rows made from the caller's own unit and
/// indicators (they import as they stand), and notes in Vietnamese: `#` lines
/// at the end of a CSV, a second sheet of an XLSX. The CSV is UTF-8 with a
/// byte order mark and semicolons, as Excel in Vietnamese expects.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(("kind" = ImportKind, Path, description = "What the file is for"), FormatQuery),
    responses(
        (status = 200, description = "The template, as an attachment",
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"mau-ke-hoach.csv\"` (plans) or `mau-so-lieu` (values)")),
            content((inline(FileBytes) = crate::web::files::CSV_MEDIA), (inline(FileBytes) = crate::web::files::XLSX))),
        (status = 400, description = "Unknown kind or format", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not allowed to set plans or import figures", body = ErrorBody),
    )
)]
#[get("/imports/templates/{kind}")]
pub async fn download_template(
    state: web::Data<AppState>,
    user: AuthUser,
    kind: web::Path<ImportKind>,
    query: web::Query<FormatQuery>,
) -> ApiResult<HttpResponse> {
    AuthUser::require(user.can_plan(&user.unit))?;
    let (kind, format) = (kind.into_inner(), query.format.unwrap_or(FileFormat::Csv));
    let file = state.db(move |conn| template::build(conn, &user, kind, format)).await?;
    Ok(files::download(file.content_type, file.filename, file.bytes))
}
