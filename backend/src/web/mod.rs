//! What is not one area of the product: health, the OpenAPI document and
//! Swagger UI, the embedded single-page app, and tables answered as JSON,
//! CSV or XLSX (`tabular.rs`), and the refusal of control characters in
//! the text that comes in (`text.rs`), the pages' Content-Security-Policy
//! (`csp.rs`).

pub mod assets;
pub mod conditional;
pub mod csp;
pub mod etag;
pub mod health;
pub mod openapi;
pub mod tabular;
pub mod text;
