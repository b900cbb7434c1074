//! Pieces the pages share.

pub mod confirm;
pub mod due_card;
pub mod header;
pub mod indicator_field;
pub mod loading;
pub mod notice;
pub mod notices;
pub mod period_picker;
pub mod period_select;
pub mod status_badge;
pub mod unit_card;
pub mod year_picker;
