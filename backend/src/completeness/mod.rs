//! Completeness: who has sent what, on time or late, and the notices that
//! tell a unit or the commune office what needs their attention.
//!
//! Notices are derived from the state of submissions when asked for, so they
//! can never disagree with it; a delivery channel (e-mail, SMS) would be a
//! job that reads the same function and remembers what it has sent.

pub mod files;
pub mod notices;
pub mod routes;
pub mod service;
pub mod table;
