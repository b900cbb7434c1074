//! API tests: the real server over HTTP, on SQLite and on PostgreSQL.

mod access;
mod auth;
mod completeness;
mod health;
mod imports;
mod indicators;
mod openapi;
mod reports;
mod review;
mod rules;
mod sections;
mod submissions;
mod totals;
mod units;
mod users;
