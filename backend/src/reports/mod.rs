//! The commune report as an official Word document.
//!
//! [`document`] is the report as plain data: header, parts of formatted
//! text, an appendix table, recipients and signature. [`docx::write`] turns
//! it into the bytes of a DOCX file laid out by the rules of its
//! [`document::Profile`]: the Party's (Hướng dẫn 36-HD/VPTW) or the State's
//! (Decree 30/2020/NĐ-CP). All sizes and fixed texts of a profile are in
//! [`layout`]; none of these read the database. [`compose`] drafts the
//! document from live totals and approved sections following an outline:
//! the usual one ([`outline`]) or a unit's own ([`templates`]); [`routes`]
//! serves it, and the appendix as a spreadsheet ([`xlsx`]). `kept*.rs` are
//! the reports the office keeps, edits, numbers and issues.

pub mod compose;
pub mod document;
pub mod docx;
mod docx_body;
mod docx_frame;
mod docx_parts;
mod docx_schema;
pub mod kept;
pub mod kept_edits;
pub mod kept_issue;
pub mod kept_routes;
pub mod layout;
pub mod outline;
pub mod routes;
pub mod sample;
pub mod template_routes;
pub mod templates;
pub mod xlsx;

#[cfg(test)]
mod docx_tests;
