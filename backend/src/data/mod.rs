//! Figures for scripts, spreadsheets and BI tools: `/api/v1/data/values`
//! (paged by a keyset cursor, with ETags, as JSON, CSV or XLSX) and the
//! report periods of a year.

pub mod cursor;
pub mod export;
pub mod params;
pub mod periods;
pub mod query;
pub mod routes;
pub mod service;
