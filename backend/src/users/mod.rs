//! User accounts.

pub mod model;
pub mod routes;
