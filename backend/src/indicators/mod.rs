//! Indicators (what is measured) and forms (who reports which, how often).

pub mod model;
pub mod routes;
pub mod rules;
pub mod service;
