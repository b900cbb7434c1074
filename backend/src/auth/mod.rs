//! Logins, tokens and the access rules.
//!
//! Invariant: a handler learns who is calling only through [`AuthUser`], and
//! decides what they may touch only through its policy methods
//! ([`policy`]).

pub mod access_tokens;
pub mod client_address;
pub mod extractor;
pub mod password;
pub mod policy;
pub mod rate_limit;
pub mod routes;
pub mod sessions;
pub mod throttle;
pub mod tokens;

pub use extractor::AuthUser;
