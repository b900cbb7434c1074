//! Indicators (what is measured) and forms (which indicators a kind of unit
//! reports, how often).

use serde::{Deserialize, Serialize};

use super::{UnitKind, named_enum};
use crate::Amount;

named_enum! {
    /// How an indicator's values combine over units and over time.
    Aggregation {
        /// Adds up: tonnes of grain, hectares planted, revenue.
        Flow = "flow" / "Cộng dồn",
        /// The value at the end of the period: head of cattle, poor households.
        Stock = "stock" / "Số cuối kỳ",
        /// Numerator total over denominator total, never an average of rates.
        Rate = "rate" / "Tỷ lệ",
        /// Criteria met, the latest count: new-rural-commune criteria.
        Criteria = "criteria" / "Số tiêu chí đạt",
    }
}

named_enum! {
    /// How often a form is reported.
    Frequency {
        /// Every month.
        Monthly = "monthly" / "Hằng tháng",
    }
}

/// An indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Indicator {
    /// Indicator id.
    pub id: i64,
    /// Stable code, e.g. `GRAIN_OUTPUT`.
    pub code: String,
    /// Vietnamese name, e.g. `Sản lượng lương thực có hạt`.
    pub name: String,
    /// Unit of measure: `tấn`, `ha`, `con`, `hộ`, `triệu đồng`, `%`...
    pub unit_of_measure: String,
    /// How values combine.
    pub aggregation: Aggregation,
    /// Decimal places a report shows (0 to 4): percentages and computed
    /// figures (rates, averages) are rounded to it.
    pub precision: u32,
    /// Decimal places a figure may carry when entered or imported (0 to 4).
    /// A report writes an entered figure with the decimals it has, up to
    /// this: afforestation shown in whole hectares still keeps 82,5 ha.
    pub input_precision: u32,
    /// False for indicators where less is better (poverty rate, accidents).
    pub higher_is_better: bool,
    /// A short explanation shown under the field.
    pub help: String,
    /// Smallest accepted value (default 0).
    pub min_value: Option<Amount>,
    /// Largest accepted value, if any.
    pub max_value: Option<Amount>,
    /// For a rate: the indicator counted on top.
    pub numerator_id: Option<i64>,
    /// For a rate: the indicator counted below.
    pub denominator_id: Option<i64>,
    /// Retired indicators keep their data but leave new forms.
    pub active: bool,
}

impl Indicator {
    /// An active indicator, higher is better, no bounds, no help text, not a
    /// rate, figures entered with the decimals shown: the common case, to
    /// adjust field by field.
    pub fn new(id: i64, code: &str, name: &str, unit_of_measure: &str, aggregation: Aggregation, precision: u32) -> Self {
        Self {
            id,
            code: code.to_owned(),
            name: name.to_owned(),
            unit_of_measure: unit_of_measure.to_owned(),
            aggregation,
            precision,
            input_precision: precision,
            higher_is_better: true,
            help: String::new(),
            min_value: None,
            max_value: None,
            numerator_id: None,
            denominator_id: None,
            active: true,
        }
    }
}

/// Body of `POST /api/v1/indicators` and `PUT /api/v1/indicators/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorInput {
    /// Stable code: upper-case letters, digits and `_`.
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// Unit of measure.
    pub unit_of_measure: String,
    /// How values combine.
    pub aggregation: Aggregation,
    /// Decimal places a report shows (0 to 4).
    pub precision: u32,
    /// Decimal places a figure may carry (0 to 4; default `precision`).
    #[serde(default)]
    pub input_precision: Option<u32>,
    /// False where less is better.
    pub higher_is_better: bool,
    /// Help text.
    #[serde(default)]
    pub help: String,
    /// Smallest accepted value (default 0).
    #[serde(default)]
    pub min_value: Option<Amount>,
    /// Largest accepted value.
    #[serde(default)]
    pub max_value: Option<Amount>,
    /// For a rate: the numerator indicator.
    #[serde(default)]
    pub numerator_id: Option<i64>,
    /// For a rate: the denominator indicator.
    #[serde(default)]
    pub denominator_id: Option<i64>,
    /// Whether the indicator is in use (default true).
    #[serde(default = "default_true")]
    pub active: bool,
}

fn default_true() -> bool {
    true
}

/// A form: the indicators one kind of unit reports, and how often.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Form {
    /// Form id.
    pub id: i64,
    /// Stable code, e.g. `VILLAGE_MONTHLY`.
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// Which kind of unit reports it.
    pub unit_kind: UnitKind,
    /// How often.
    pub frequency: Frequency,
    /// The indicators, in the order the form shows them.
    pub indicators: Vec<Indicator>,
}

/// Body of `POST /api/v1/forms`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormInput {
    /// Stable code.
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// Which kind of unit reports it.
    pub unit_kind: UnitKind,
    /// How often.
    pub frequency: Frequency,
    /// Indicator ids, in display order.
    pub indicator_ids: Vec<i64>,
}
