//! The tonghop server: the HTTP API, the database, and the single-page app it
//! serves. See `ARCHITECTURE.md` at the repository root for the map.

pub mod audit;
pub mod auth;
pub mod backup;
pub mod cli;
pub mod clock;
pub mod completeness;
pub mod config;
pub mod data;
pub mod db;
pub mod demo;
pub mod error;
pub mod holidays;
pub mod imports;
pub mod indicators;
pub mod notifications;
pub mod plans;
pub mod reports;
pub mod review;
pub mod sections;
pub mod setup;
pub mod startup;
pub mod state;
pub mod submissions;
pub mod totals;
pub mod units;
pub mod users;
pub mod web;
