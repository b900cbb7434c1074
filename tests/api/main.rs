//! API tests: the real server over HTTP, on SQLite and on PostgreSQL.

mod access;
mod assets;
mod auth;
mod completeness;
mod control_characters;
mod csv_injection;
mod data;
mod exact_figures;
mod first_start;
mod generated_client;
mod health;
mod imports;
mod indicators;
mod ooxml;
mod openapi;
mod pull_tables;
mod report_templates;
mod reports;
mod review;
mod rules;
mod sections;
mod submissions;
mod tokens;
mod totals;
mod units;
mod users;
