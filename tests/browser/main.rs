//! Browser tests: the built app in headless Chromium at 360 x 740.
//!
//! They need the web app built into the server (`cargo xtask build-frontend`
//! before the tests compile, which `cargo xtask test` does) and Chromium with
//! chromedriver (`apt-get install chromium chromium-driver`).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and tools fail loudly: that is their job")]

mod checks;
mod completeness;
mod dashboard;
mod entering_for;
mod holidays;
mod layout;
mod monthly_form;
mod offline;
mod plans;
mod push;
mod reports;
mod review;
mod sections;
mod tokens;
