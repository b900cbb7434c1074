//! Submissions: a unit's figures for one form and one period.

pub mod counted;
pub mod due;
pub mod history;
pub mod model;
pub mod outliers;
pub mod review;
pub mod routes;
pub mod service;
