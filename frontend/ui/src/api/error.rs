//! What can go wrong with a call, and what to tell the user about it.

use tonghop_shared::FieldError;
use tonghop_shared::api::ErrorBody;

/// Said when the server cannot be reached at all.
pub const OFFLINE: &str = "Không kết nối được máy chủ. Kiểm tra mạng và thử lại.";
/// Said when the session is over and refreshing it failed.
pub const SESSION_EXPIRED: &str = "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại";
/// Said on a version conflict (409 `version_conflict`).
pub const VERSION_CONFLICT: &str = "Số liệu đã được thay đổi ở nơi khác; tải lại để xem bản mới nhất";

/// A failed API call.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer: the phone is offline, or the server is down.
    Network,
    /// The access token was refused and could not be refreshed: log in again.
    SessionExpired,
    /// The server answered with an error body.
    Server {
        /// HTTP status.
        status: u16,
        /// The answer.
        body: ErrorBody,
        /// Seconds from a `Retry-After` header (429).
        retry_after: Option<u64>,
    },
    /// An answer this app does not understand (a proxy's error page, a newer server).
    Unexpected(String),
}

impl ApiError {
    /// The stable error code from the server, e.g. `version_conflict`.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Server { body, .. } => Some(&body.code),
            _ => None,
        }
    }

    /// Per-field errors of a 422 answer.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            ApiError::Server { body, .. } => &body.fields,
            _ => &[],
        }
    }

    /// A sentence for the user, in Vietnamese. Known codes get this app's
    /// wording, so the same situation always reads the same way.
    pub fn message(&self) -> String {
        match self {
            ApiError::Network => OFFLINE.into(),
            ApiError::SessionExpired => SESSION_EXPIRED.into(),
            ApiError::Unexpected(_) => "Máy chủ trả lời không như mong đợi. Vui lòng thử lại sau.".into(),
            ApiError::Server { status, body, retry_after } => match body.code.as_str() {
                "invalid_credentials" => "Tên đăng nhập hoặc mật khẩu không đúng".into(),
                "too_many_attempts" => {
                    let minutes = retry_after.map_or(1, |s| s.div_ceil(60).max(1));
                    format!("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.")
                }
                "version_conflict" => VERSION_CONFLICT.into(),
                "validation_failed" if !body.fields.is_empty() => "Có số liệu chưa hợp lệ, xem thông báo dưới từng ô.".into(),
                _ if !body.message.is_empty() => body.message.clone(),
                _ => format!("Máy chủ gặp lỗi (mã {status}). Vui lòng thử lại sau."),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(status: u16, code: &str, retry_after: Option<u64>) -> ApiError {
        ApiError::Server { status, body: ErrorBody { code: code.into(), message: String::new(), fields: vec![] }, retry_after }
    }

    #[test]
    fn a_wrong_password_reads_the_same_whatever_the_server_says() {
        assert_eq!(server(401, "invalid_credentials", None).message(), "Tên đăng nhập hoặc mật khẩu không đúng");
    }

    #[test]
    fn too_many_attempts_says_how_many_minutes_to_wait_rounded_up() {
        assert!(server(429, "too_many_attempts", Some(61)).message().contains("2 phút"));
        assert!(server(429, "too_many_attempts", Some(5)).message().contains("1 phút"));
        assert!(server(429, "too_many_attempts", None).message().contains("1 phút"));
    }

    #[test]
    fn an_unknown_error_without_a_message_names_the_status() {
        assert!(server(502, "http_502", None).message().contains("502"));
        assert_eq!(ApiError::Network.message(), OFFLINE);
    }
}
