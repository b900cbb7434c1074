//! API tests: the real server over HTTP, on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and tools fail loudly: that is their job")]

mod access;
mod assets;
mod auth;
mod backup;
mod completeness;
mod control_characters;
mod csv_injection;
mod data;
mod database_errors;
mod deployment;
mod durability;
mod entered_for;
mod exact_figures;
mod first_start;
mod generated_client;
mod health;
mod holidays;
mod imports;
mod indicators;
mod notifications;
mod ooxml;
mod openapi;
mod outliers;
mod pull_tables;
mod report_templates;
mod reports;
mod review;
mod review_workflow;
mod rules;
mod schema;
mod sections;
mod several_servers;
mod shared_limits;
mod shutdown;
mod spec_answers;
mod spec_conformance;
mod submissions;
mod tokens;
mod totals;
mod units;
mod users;
