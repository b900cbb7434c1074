//! What is not one area of the product: health, the OpenAPI document and
//! Swagger UI, the embedded single-page app, the files the API answers
//! with and tables answered as JSON, CSV or XLSX (`files/`), and the refusal of control characters in
//! the text that comes in (`text.rs`), 405 with `Allow` for a method an API
//! path does not take (`methods.rs`), the pages' Content-Security-Policy
//! (`csp.rs`).

pub mod assets;
pub mod conditional;
pub mod csp;
pub mod etag;
pub mod extractors;
pub mod files;
pub mod health;
pub mod methods;
pub mod openapi;
pub mod text;
