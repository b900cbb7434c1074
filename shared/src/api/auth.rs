//! Logging in, refreshing a session, and who the caller is.

use serde::{Deserialize, Serialize};

use super::named_enum;

named_enum! {
    /// What a user may do. The unit a user belongs to bounds where.
    Role {
        /// Everything, everywhere.
        Admin = "admin" / "Quản trị hệ thống",
        /// The commune office: sees and manages its commune and everything below.
        Commune = "commune" / "Văn phòng xã",
        /// A village branch or mass organisation: enters its own unit's data.
        Reporter = "reporter" / "Đơn vị báo cáo",
        /// An upper level: reads everything below its unit, writes nothing.
        Viewer = "viewer" / "Cấp trên (chỉ xem)",
    }
}

/// Body of `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// The login name.
    pub username: String,
    /// The password.
    pub password: String,
}

/// Body of `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh. It is single-use.
    pub refresh_token: String,
}

/// A new session: answer of login and refresh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Exchange at `/api/v1/auth/refresh` for a new pair; single-use.
    pub refresh_token: String,
    /// Who logged in.
    pub user: CurrentUser,
}

/// The caller: answer of `GET /api/v1/auth/me`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentUser {
    /// User id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown in the app.
    pub display_name: String,
    /// What the user may do.
    pub role: Role,
    /// The unit the user belongs to.
    pub unit: super::UnitSummary,
    /// The reporting calendar the unit follows: its own, else that of the
    /// nearest unit above it that sets one, else the default (Decree 09).
    /// It decides which month and which six months are in progress.
    #[serde(default)]
    pub calendar: crate::ReportingCalendar,
}
