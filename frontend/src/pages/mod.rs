//! The screens of the app, one per route (plus login).

pub mod due;
pub mod form;
pub mod login;
pub mod overview;
