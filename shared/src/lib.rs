//! Types and rules shared by the tonghop server and its browser app.
//!
//! Nothing here knows about HTTP or the database: the server converts between
//! these types and its own models, and the browser app sends and receives them
//! as JSON. Rules that both sides apply (how a figure is written, whether a
//! value is valid, which reporting period a day falls in, what a review
//! decision must say, how a document writes a date) live here once, so the
//! app can check while the user types and the server checks again.

pub mod amount;
pub mod api;
pub mod calendar;
pub mod dates;
pub mod outline;
pub mod periods;
pub mod review;
pub mod richtext;
pub mod rules;
pub mod sentences;
pub mod text;
pub mod totals;
pub mod validation;
pub mod wire_time;

pub use amount::{Amount, ParseAmountError};
pub use calendar::{CalendarKind, Holidays, MonthPeriod, ReportingCalendar};
pub use periods::{PeriodKind, ReportPeriod};
pub use validation::FieldError;
