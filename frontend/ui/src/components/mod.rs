//! Pieces the pages of both apps share.

pub mod confirm;
pub mod due_card;
pub mod header;
pub mod indicator_field;
pub mod loading;
pub mod notice;
pub mod notices;
pub mod offline_bar;
pub mod push_toggle;
pub mod status_badge;
