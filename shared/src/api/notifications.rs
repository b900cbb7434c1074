//! Web Push notifications: the server's key, a browser's subscription, and
//! how many days before a deadline a commune reminds its units.

use serde::{Deserialize, Serialize};

use super::UnitSummary;

/// Most days before a deadline a reminder may be set.
pub const MAX_REMINDER_DAYS: u32 = 15;

/// Reminder days in force where nothing is set.
pub const DEFAULT_REMINDER_DAYS: u32 = 2;

/// Longest push endpoint accepted, in bytes.
pub const MAX_ENDPOINT_BYTES: usize = 2048;

/// Answer of `GET /api/v1/push/key`: what a browser subscribes with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushKey {
    /// The server's VAPID public key (RFC 8292): an uncompressed P-256
    /// point, base64url without padding; the `applicationServerKey` of
    /// `PushManager.subscribe`.
    pub public_key: String,
}

/// A browser's push subscription, as `PushSubscription.toJSON()` writes it:
/// the body of `PUT /api/v1/push/subscriptions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushSubscriptionInput {
    /// The push service's URL for this browser, `https://…`.
    pub endpoint: String,
    /// The browser's keys.
    pub keys: PushSubscriptionKeys,
}

/// The keys of a push subscription (RFC 8291).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushSubscriptionKeys {
    /// The browser's P-256 public key, uncompressed, base64url.
    pub p256dh: String,
    /// The 16-byte authentication secret, base64url.
    pub auth: String,
}

/// A unit's reminder before deadlines: `GET /api/v1/units/{id}/reminders`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderSettings {
    /// Days before a deadline on which the units that have not sent are
    /// reminded (from that day to the deadline, once per form and month);
    /// absent: no reminders.
    pub days_before: Option<u32>,
    /// The unit whose setting is in force (this one or the nearest above);
    /// absent: the default.
    pub set_by: Option<UnitSummary>,
    /// Whether the caller may change it for this unit.
    pub editable: bool,
}

/// Body of `PUT /api/v1/units/{id}/reminders`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderSettingsInput {
    /// 0 to 15 days; absent or null: no reminders.
    #[serde(default)]
    pub days_before: Option<u32>,
}
