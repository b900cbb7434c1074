//! Annual plans (KH): what each unit aims for per indicator and year, and
//! which of them are the resolution's targets.

pub mod model;
pub mod routes;
pub mod service;
