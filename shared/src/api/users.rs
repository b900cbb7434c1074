//! User accounts.

use serde::{Deserialize, Serialize};

use super::{Role, UnitSummary};

/// A user account as administrators see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    /// User id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown in the app.
    pub display_name: String,
    /// What the user may do.
    pub role: Role,
    /// Where.
    pub unit: UnitSummary,
    /// An inactive user cannot log in.
    pub active: bool,
}

/// Body of `POST /api/v1/users`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewUser {
    /// Login name: 3 to 32 lower-case letters, digits, `.`, `_` or `-`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z0-9._-]{3,32}$"))]
    pub username: String,
    /// Name shown in the app.
    pub display_name: String,
    /// At least 8 characters.
    pub password: String,
    /// What the user may do.
    pub role: Role,
    /// Where.
    pub unit_id: i64,
}
