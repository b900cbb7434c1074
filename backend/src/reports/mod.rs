//! The commune report as an official Word document, one folder a part.
//!
//! - [`document`]: the report as plain data (header, parts of formatted
//!   text, an appendix table, recipients and signature) and the
//!   sizes and fixed texts of each [`document::Profile`] ([`document::layout`]):
//!   the Party's (Hướng dẫn 36-HD/VPTW) or the State's (Decree 30/2020/NĐ-CP).
//! - [`docx`]: [`docx::write`] turns a document into the bytes of a DOCX file
//!   laid out by its profile's rules, valid against the OOXML schema.
//! - [`draft`]: drafts a document from live totals and approved sections
//!   following an outline, and serves it (and its appendix as a workbook).
//! - [`templates`]: the outlines: the usual one and a unit's own.
//! - [`kept`]: the reports the office keeps, edits, numbers and issues.
//!
//! Only `draft` and `kept` read the database.

pub mod document;
pub mod docx;
pub mod draft;
pub mod kept;
pub mod templates;
