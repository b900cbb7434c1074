//! The tree of units: province, (district), commune, village, mass
//! organisation, office. Any depth; the kinds are labels, not levels.

use serde::{Deserialize, Serialize};

use super::named_enum;
use crate::calendar::ReportingCalendar;

named_enum! {
    /// What a unit is. The tree does not fix which kind sits under which:
    /// districts exist in old data and not after 2025.
    UnitKind {
        /// Tỉnh / thành phố.
        Province = "province" / "Tỉnh",
        /// Huyện (before July 2025).
        District = "district" / "Huyện",
        /// Xã / phường.
        Commune = "commune" / "Xã",
        /// Thôn / tổ dân phố.
        Village = "village" / "Thôn",
        /// Đoàn thể: MTTQ, Phụ nữ, Thanh niên, Nông dân, Cựu chiến binh.
        MassOrganisation = "mass_organisation" / "Đoàn thể",
        /// An office or other body of the commune.
        Office = "office" / "Cơ quan",
    }
}

/// A unit as other answers name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitSummary {
    /// Unit id.
    pub id: i64,
    /// Short code, unique in the system, e.g. `XP-BANGOC`.
    pub code: String,
    /// Vietnamese name, e.g. `Thôn Ba Ngọc`.
    pub name: String,
    /// What the unit is.
    pub kind: UnitKind,
}

/// A unit in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unit {
    /// Unit id.
    pub id: i64,
    /// The unit above, if any.
    pub parent_id: Option<i64>,
    /// What the unit is.
    pub kind: UnitKind,
    /// Short code, unique in the system.
    pub code: String,
    /// Vietnamese name (NFC).
    pub name: String,
    /// Inactive units keep their history but receive no new forms.
    pub active: bool,
    /// Depth in the tree; the root is 0.
    pub depth: i32,
    /// The calendar this unit sets for itself and the units below it, if any.
    pub calendar: Option<ReportingCalendar>,
    /// When its current Party committee term began (Party documents are
    /// numbered from 01 over a term); `null`: terms of five years from
    /// 1 January of a year divisible by five.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date_opt"))]
    pub term_started_on: Option<chrono::NaiveDate>,
}

/// Body of `POST /api/v1/units`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewUnit {
    /// The unit above. Only an admin may create a root.
    pub parent_id: Option<i64>,
    /// What the unit is.
    pub kind: UnitKind,
    /// Short code: letters, digits, `-` and `_`, unique.
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// A reporting calendar for this unit and those below it.
    #[serde(default)]
    pub calendar: Option<ReportingCalendar>,
}

/// Body of `PATCH /api/v1/units/{id}`: only the fields given change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitPatch {
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// New code.
    #[serde(default)]
    pub code: Option<String>,
    /// Move under another unit (not under itself or its own descendants).
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// Deactivate (`false`) or reactivate (`true`).
    #[serde(default)]
    pub active: Option<bool>,
    /// Set the unit's own reporting calendar.
    #[serde(default)]
    pub calendar: Option<ReportingCalendar>,
    /// Set when its current Party committee term began.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "crate::wire_time::date_opt"))]
    pub term_started_on: Option<chrono::NaiveDate>,
}
