//! Request and response bodies of the `/api/v1` HTTP API.
//!
//! Field names are snake_case, times are RFC 3339 in UTC, figures are plain
//! JSON numbers (see [`crate::Amount`]).

pub mod auth;
pub mod completeness;
pub mod data;
pub mod error;
pub mod health;
pub mod holidays;
pub mod imports;
pub mod indicators;
pub mod notifications;
pub mod plans;
pub mod reports;
pub mod reviews;
pub mod sections;
pub mod submissions;
pub mod tokens;
pub mod totals;
pub mod units;
pub mod users;

pub use auth::*;
pub use completeness::*;
pub use data::*;
pub use error::*;
pub use health::*;
pub use holidays::*;
pub use imports::*;
pub use indicators::*;
pub use notifications::*;
pub use plans::*;
pub use reports::*;
pub use reviews::*;
pub use sections::*;
pub use submissions::*;
pub use tokens::*;
pub use totals::*;
pub use units::*;
pub use users::*;

/// Declares a closed set of snake_case names with `as_str`, `FromStr` and a
/// Vietnamese label, so storage, JSON and the app agree on one spelling.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal / $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and transmitted name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The Vietnamese label shown in the app.
            pub fn label_vi(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(format!("unknown {}: {other}", stringify!($name))),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// What the server reads back from a text column (diesel's
        /// `deserialize_as = String`): a stored name this program did not
        /// write is an error of that row, never a panic.
        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }
    };
}
pub(crate) use named_enum;
