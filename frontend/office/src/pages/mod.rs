//! The office's screens, and the screens every unit uses (from `tonghop_ui`),
//! which the office opens with its review panels.

pub use tonghop_ui::pages::home;

pub mod completeness;
pub mod dashboard;
pub mod form_review;
pub mod holidays;
pub mod overview;
pub mod plans;
pub mod reports;
pub mod section_review;
pub mod sections;
pub mod templates;
pub mod tokens;

/// The section editor, with what the office's screens borrow from it.
pub mod section {
    pub use tonghop_ui::pages::section::*;
}
