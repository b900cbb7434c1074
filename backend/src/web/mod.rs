//! What is not one area of the product: health, the OpenAPI document and
//! Swagger UI, and the embedded single-page app.

pub mod assets;
pub mod health;
pub mod openapi;
