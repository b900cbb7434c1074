//! The pieces of the office's screens, beside those both apps share.

pub use tonghop_ui::components::*;

pub mod period_picker;
pub mod period_select;
pub mod review_mode;
pub mod tabs;
pub mod unit_card;
pub mod year_picker;
