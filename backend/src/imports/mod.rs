//! Imports from CSV and XLSX files: annual plans, and the figures of periods
//! before a commune started using tonghop (last year's months, or totals of
//! longer periods when only those are known).
//!
//! An import is all or nothing. Every row is read ([`parse`]) and checked
//! ([`apply`], with [`plans`] and [`values`] for each kind, [`rows`] for what
//! both use); every refused
//! cell is reported by row and column, and only a file without any is stored,
//! in one write transaction ([`stored`] for past figures, the plans' own
//! upsert for plans). [`template`] writes the files to fill in.

pub mod apply;
pub mod parse;
pub mod plans;
pub mod routes;
pub mod rows;
pub mod stored;
pub mod template;
pub mod values;

#[cfg(test)]
mod parse_tests;
