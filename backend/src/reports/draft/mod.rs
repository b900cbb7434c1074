//! The report drafted live: composed from the totals and the approved
//! sections along an outline (`compose.rs`), served as a Word file or its
//! appendix as a workbook (`appendix.rs`) by `routes.rs`, never stored.

pub mod appendix;
pub mod compose;
pub mod routes;
