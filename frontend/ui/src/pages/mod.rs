//! The screens every unit uses (the office app has these and its own).

pub mod form;
pub mod home;
pub mod login;
pub mod section;
