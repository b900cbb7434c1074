//! Personal access tokens: read-only credentials for scripts, created and
//! revoked by their owner in the app.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::named_enum;

/// Lifetimes the app offers, in days. The server accepts any whole number of
/// days from 1 to [`MAX_ACCESS_TOKEN_DAYS`].
pub const ACCESS_TOKEN_DAY_CHOICES: [i64; 3] = [30, 90, 365];

/// The longest lifetime of a personal access token, in days.
pub const MAX_ACCESS_TOKEN_DAYS: i64 = 365;

/// The longest name of a personal access token, in characters.
pub const MAX_ACCESS_TOKEN_NAME: usize = 100;

named_enum! {
    /// Whether a personal access token still works.
    AccessTokenStatus {
        /// Works until it expires.
        Active = "active" / "Đang dùng",
        /// Past its expiry date.
        Expired = "expired" / "Đã hết hạn",
        /// Revoked by its owner.
        Revoked = "revoked" / "Đã thu hồi",
    }
}

/// Body of `POST /api/v1/me/tokens`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Tổng hợp tháng của huyện", "expires_in_days": 90})))]
pub struct NewAccessToken {
    /// What the token is for, so its owner recognises it in the list
    /// (1 to 100 characters).
    pub name: String,
    /// Days until the token expires: 1 to 365.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 365))]
    pub expires_in_days: i64,
}

/// A personal access token as its owner sees it in the list. The token
/// itself is never shown again after it was created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": 3,
    "name": "Tổng hợp tháng của huyện",
    "prefix": "thp_q8ZkT2",
    "created_at": "2026-11-29T08:00:00Z",
    "expires_at": "2027-02-27T08:00:00Z",
    "last_used_at": "2026-11-30T01:15:00Z",
    "revoked_at": null,
    "status": "active"
})))]
pub struct AccessToken {
    /// Token id (not the token).
    pub id: i64,
    /// What the token is for.
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub prefix: String,
    /// When it was created.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date_time"))]
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date_time"))]
    pub expires_at: DateTime<Utc>,
    /// When it was last used, to the minute; absent if never.
    #[cfg_attr(target_arch = "wasm32", serde(default, deserialize_with = "crate::wire_time::date_time_opt"))]
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    #[cfg_attr(target_arch = "wasm32", serde(default, deserialize_with = "crate::wire_time::date_time_opt"))]
    pub revoked_at: Option<DateTime<Utc>>,
    /// Whether it still works.
    pub status: AccessTokenStatus,
}

/// Answer of `POST /api/v1/me/tokens`: the new token, shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "token": "thp_q8ZkT2mW0xYb3nVcR5sLp9uEa1dGh7jKf4oQz6iNwUy",
    "access_token": {
        "id": 3,
        "name": "Tổng hợp tháng của huyện",
        "prefix": "thp_q8ZkT2",
        "created_at": "2026-11-29T08:00:00Z",
        "expires_at": "2027-02-27T08:00:00Z",
        "last_used_at": null,
        "revoked_at": null,
        "status": "active"
    }
})))]
pub struct CreatedAccessToken {
    /// The token: send as `Authorization: Bearer <token>`. It is stored only
    /// as a hash and cannot be shown again.
    pub token: String,
    /// The token as it will appear in the list.
    pub access_token: AccessToken,
}
