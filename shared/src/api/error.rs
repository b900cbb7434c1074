//! The one error body every endpoint answers with.

use serde::{Deserialize, Serialize};

use crate::validation::FieldError;

/// Every error answer of the API has this shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// A stable machine-readable code: `validation_failed`, `unauthorized`,
    /// `forbidden`, `not_found`, `conflict`, `version_conflict`,
    /// `too_many_attempts`, `internal`.
    pub code: String,
    /// A message for people, in Vietnamese.
    pub message: String,
    /// Which fields were refused and why (empty unless validation failed).
    #[serde(default)]
    pub fields: Vec<FieldError>,
}
