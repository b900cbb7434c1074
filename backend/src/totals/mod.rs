//! Live totals: every figure against the annual plan (KH) and the same period
//! last year (CK), computed in the database when asked, with no batch job.
//!
//! `query` sums in SQL, `compute` combines the sums by indicator kind,
//! `service` makes the answers, `files` lays them out as CSV or XLSX rows,
//! `routes` serves them.

pub mod compute;
pub mod files;
pub mod query;
pub mod routes;
pub mod service;
