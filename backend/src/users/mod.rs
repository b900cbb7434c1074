//! User accounts.

pub mod model;
pub mod routes;
pub mod service;
