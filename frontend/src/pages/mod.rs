//! The screens of the app, one per route (plus login).

pub mod completeness;
pub mod dashboard;
pub mod form;
pub mod home;
pub mod login;
pub mod overview;
pub mod plans;
pub mod reports;
pub mod section;
pub mod sections;
pub mod templates;
pub mod tokens;
