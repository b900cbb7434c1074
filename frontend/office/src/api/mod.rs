//! The office's calls to the tonghop API, beside those both apps share
//! (`tonghop_ui::api`, re-exported here so pages name one module).

pub use tonghop_ui::api::*;

mod access_tokens;
mod holidays;
mod plans;
mod reports;
mod review;
mod totals;

pub use access_tokens::{access_tokens, create_access_token, revoke_access_token};
pub use holidays::{add_holiday, delete_holiday, holidays, reminders, set_reminders};
pub use plans::{FileFormat, delete_plan, import, indicators, plans, put_plan, template};
pub use reports::{
    appendix_xlsx, create_report, create_template, delete_report, delete_template, draft_docx, issue_report, new_version, report,
    report_docx, reports, save_header, save_passage, templates, update_template,
};
pub use review::{approve, approve_section, completeness, reopen, reopen_section, return_section, return_submission, submissions};
pub use totals::{breakdown, totals, trend};
