//! The one error type at the HTTP edge.
//!
//! Handlers and the query functions they call return [`ApiError`]; its single
//! `ResponseError` impl writes the one JSON error body ([`ErrorBody`]) of the
//! API. Database errors convert with `?`: not found becomes 404, a unique or
//! foreign-key violation, a deadlock or a serialisation failure 409, a
//! database that does not answer 503, anything else 500, logged with its
//! source chain and answered without internals.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use tonghop_shared::FieldError;
use tonghop_shared::api::ErrorBody;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 422: the body parsed but its content is refused, field by field.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// 400: the request itself is malformed (bad JSON, bad path parameter).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 401: no valid credentials.
    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),
    /// 401: wrong username or password (one answer for both).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// 403: authenticated, but the role or unit does not allow it.
    #[error("forbidden")]
    Forbidden,
    /// 403 with the reason, where a bare refusal would leave the user
    /// guessing (the commune office approving figures it submitted itself).
    #[error("forbidden: {0}")]
    ForbiddenBecause(String),
    /// 404.
    #[error("not found")]
    NotFound,
    /// 405: the path exists, the method does not; `Allow` lists those that do.
    #[error("method not allowed")]
    MethodNotAllowed { allow: String },
    /// 409: a uniqueness rule or the state of the resource refuses it.
    #[error("conflict: {0}")]
    Conflict(String),
    /// 409: the resource changed since the client read it.
    #[error("version conflict")]
    VersionConflict { current: i64 },
    /// 409: the request met another one's transaction (a deadlock or a
    /// serialisation failure) and was undone whole: the same request sent
    /// again goes through. The phone's outbox sends it again by itself.
    #[error("concurrent change")]
    ConcurrentChange,
    /// 429: too many attempts; retry after this many seconds.
    #[error("too many attempts")]
    TooManyAttempts { retry_after_secs: i64 },
    /// 429: too many requests from this address or with this token; retry
    /// after this many seconds.
    #[error("rate limited")]
    RateLimited { retry_after_secs: i64 },
    /// 401: a personal access token that does not work (unknown, expired,
    /// revoked); `code` says which, `message` in Vietnamese.
    #[error("access token refused: {code}")]
    AccessTokenRefused { code: &'static str, message: &'static str },
    /// 403: a personal access token is read-only and the request would write.
    #[error("read-only token")]
    ReadOnlyToken,
    /// 503: the database does not answer (down, restarting, or every
    /// connection busy for [`crate::db::CONNECTION_WAIT`]): try again shortly.
    /// The phone keeps what it was sending and sends it again by itself.
    #[error("database unavailable")]
    Unavailable,
    /// 503: every password-hashing slot stayed busy for the whole wait
    /// (`auth::password::Slots`): many logins at once. Retry after this many
    /// seconds.
    #[error("busy")]
    Busy { retry_after_secs: i64 },
    /// 500: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Seconds a client is asked to wait after a 503.
pub const UNAVAILABLE_RETRY_SECS: i64 = 5;

impl ApiError {
    /// A 422 for one field.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    /// Parses a request value (a period code, say), or a 422 on `field`
    /// saying why in the parser's own Vietnamese words.
    pub fn parse_field<T>(field: &str, text: &str) -> Result<T, Self>
    where
        T: std::str::FromStr,
        T::Err: std::fmt::Display,
    {
        text.parse().map_err(|e: T::Err| Self::field(field, "format", e.to_string()))
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) => "validation_failed",
            Self::BadRequest(_) => "bad_request",
            Self::Unauthorized(_) => "unauthorized",
            Self::InvalidCredentials => "invalid_credentials",
            Self::Forbidden | Self::ForbiddenBecause(_) => "forbidden",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed { .. } => "method_not_allowed",
            Self::Conflict(_) => "conflict",
            Self::VersionConflict { .. } => "version_conflict",
            Self::ConcurrentChange => "concurrent_change",
            Self::TooManyAttempts { .. } => "too_many_attempts",
            Self::Unavailable => "unavailable",
            Self::Busy { .. } => "busy",
            Self::RateLimited { .. } => "rate_limited",
            Self::AccessTokenRefused { code, .. } => code,
            Self::ReadOnlyToken => "read_only_token",
            Self::Internal(_) => "internal",
        }
    }

    fn message(&self) -> String {
        match self {
            Self::Validation(_) => "Dữ liệu chưa hợp lệ, xem chi tiết từng trường".into(),
            Self::BadRequest(detail) => format!("Yêu cầu không hợp lệ: {detail}"),
            Self::Unauthorized(_) => "Phiên đăng nhập không hợp lệ hoặc đã hết hạn, vui lòng đăng nhập lại".into(),
            Self::InvalidCredentials => "Tên đăng nhập hoặc mật khẩu không đúng".into(),
            Self::Forbidden => "Bạn không có quyền thực hiện thao tác này".into(),
            Self::ForbiddenBecause(why) => why.clone(),
            Self::NotFound => "Không tìm thấy".into(),
            Self::MethodNotAllowed { allow } => format!("Địa chỉ này chỉ nhận {allow}"),
            Self::Conflict(detail) => detail.clone(),
            Self::VersionConflict { .. } => "Số liệu đã được thay đổi ở nơi khác; tải lại để xem bản mới nhất".into(),
            Self::ConcurrentChange => "Dữ liệu đang được thay đổi cùng lúc ở nơi khác; vui lòng gửi lại".into(),
            Self::TooManyAttempts { retry_after_secs } => {
                format!("Đăng nhập sai quá nhiều lần. Thử lại sau {} phút", (retry_after_secs + 59) / 60)
            }
            Self::RateLimited { retry_after_secs } => {
                format!("Quá nhiều yêu cầu trong thời gian ngắn. Thử lại sau {retry_after_secs} giây")
            }
            Self::AccessTokenRefused { message, .. } => (*message).into(),
            Self::ReadOnlyToken => "Mã truy cập API chỉ được đọc dữ liệu; hãy đăng nhập vào ứng dụng để thay đổi".into(),
            Self::Unavailable => "Máy chủ tạm thời chưa kết nối được cơ sở dữ liệu. Vui lòng thử lại sau ít phút".into(),
            Self::Busy { retry_after_secs } => {
                format!("Máy chủ đang bận vì nhiều người đăng nhập cùng lúc. Thử lại sau {retry_after_secs} giây")
            }
            Self::Internal(_) => "Lỗi hệ thống, vui lòng thử lại sau".into(),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) | Self::InvalidCredentials | Self::AccessTokenRefused { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::ForbiddenBecause(_) | Self::ReadOnlyToken => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict(_) | Self::VersionConflict { .. } | Self::ConcurrentChange => StatusCode::CONFLICT,
            Self::TooManyAttempts { .. } | Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable | Self::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(e) = self {
            tracing::error!(error = ?e, "request failed");
        }
        let fields = match self {
            Self::Validation(fields) => fields.clone(),
            _ => Vec::new(),
        };
        let body = ErrorBody { code: self.code().to_owned(), message: self.message(), fields };
        let mut response = HttpResponse::build(self.status_code());
        if let Self::TooManyAttempts { retry_after_secs } | Self::RateLimited { retry_after_secs } | Self::Busy { retry_after_secs } = self
        {
            response.insert_header((header::RETRY_AFTER, HeaderValue::from(*retry_after_secs)));
        }
        if let Self::Unavailable = self {
            response.insert_header((header::RETRY_AFTER, HeaderValue::from(UNAVAILABLE_RETRY_SECS)));
        }
        if let Self::MethodNotAllowed { allow } = self
            && let Ok(allow) = HeaderValue::from_str(allow)
        {
            response.insert_header((header::ALLOW, allow));
        }
        if matches!(self, Self::Unauthorized(_) | Self::InvalidCredentials | Self::AccessTokenRefused { .. }) {
            response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        response.json(body)
    }
}

/// For a lookup by an id the caller sent: "no such row" becomes a 422 on
/// `field` with `message`; any other database error converts as always
/// (503, 500), never taken for the caller's mistake.
pub fn unknown_as(field: &'static str, message: &'static str) -> impl FnOnce(DieselError) -> ApiError {
    move |e| match e {
        DieselError::NotFound => ApiError::field(field, "unknown", message),
        other => other.into(),
    }
}

impl From<DieselError> for ApiError {
    fn from(e: DieselError) -> Self {
        match e {
            DieselError::NotFound => Self::NotFound,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                tracing::debug!(detail = info.message(), "unique violation");
                Self::Conflict("Đã có bản ghi trùng (mã hoặc tên đăng nhập đã được dùng)".into())
            }
            DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, info) => {
                tracing::debug!(detail = info.message(), "foreign key violation");
                Self::Conflict("Dữ liệu đang được tham chiếu ở nơi khác".into())
            }
            // Two transactions that waited for each other (PostgreSQL chose
            // this one to end) or a serialisation failure: nothing was
            // stored, and the same request sent again goes through.
            DieselError::DatabaseError(DatabaseErrorKind::SerializationFailure, info) => {
                tracing::info!(detail = info.message(), "serialisation failure");
                Self::ConcurrentChange
            }
            DieselError::DatabaseError(DatabaseErrorKind::Unknown, info) if is_deadlock(info.message()) => {
                tracing::info!(detail = info.message(), "deadlock");
                Self::ConcurrentChange
            }
            // SQLite waited `busy_timeout` for another writer and gave up:
            // the database is too busy right now, not broken.
            DieselError::DatabaseError(DatabaseErrorKind::Unknown, info) if info.message() == "database is locked" => {
                tracing::warn!("SQLite stayed locked by another writer past busy_timeout");
                Self::Unavailable
            }
            DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand, info) => {
                tracing::warn!(detail = info.message(), "the database connection broke");
                Self::Unavailable
            }
            other => Self::Internal(other.into()),
        }
    }
}

/// PostgreSQL's words for SQLSTATE 40P01, which diesel does not give a kind
/// of its own (40001 is `SerializationFailure`). They are in English unless
/// the server's `lc_messages` says otherwise; tonghop's own saves never
/// deadlock (`db::serialize_one`), so this is the net under the rest.
fn is_deadlock(message: &str) -> bool {
    message.starts_with("deadlock detected")
}

/// No connection within the wait: the database is down or saturated. The
/// database's own words are in the log line of each failed attempt
/// (`db::connect`).
impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        tracing::warn!(error = %e, "no database connection");
        Self::Unavailable
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        Self::Internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

/// Result of handlers and queries.
pub type ApiResult<T> = Result<T, ApiError>;
