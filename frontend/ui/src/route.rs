//! The app's addresses, shared by both apps: the reporter app and the
//! office app answer the same URLs, each rendering the screens it has (the
//! reporter app hands an office address over to the office app).

use yew_router::prelude::*;

/// The app's addresses.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    /// Reporters: what is due. Commune and upper levels: the overview.
    #[at("/")]
    Home,
    /// What is due for the user's own unit.
    #[at("/due")]
    Due,
    /// Every unit's figures for a form and period.
    #[at("/overview")]
    Overview,
    /// Which unit has sent which month (commune and upper levels).
    #[at("/completeness")]
    Completeness,
    /// The unit's figures against plan and last year, this year so far.
    #[at("/dashboard")]
    Dashboard,
    /// The same for a period, e.g. `/dashboard/2026-H1`.
    #[at("/dashboard/:period")]
    DashboardPeriod {
        /// `2026-06`, `2026-Q2`, `2026-H1`, `2026-H2`, `2026-9M` or `2026`.
        period: String,
    },
    /// One indicator of the dashboard: trend and breakdown.
    #[at("/dashboard/:period/:indicator_id")]
    DashboardIndicator {
        /// The dashboard's period.
        period: String,
        /// The indicator.
        indicator_id: i64,
    },
    /// The annual plans of the user's unit (commune office, administrators).
    #[at("/plans")]
    Plans,
    /// One unit's form for one period, e.g. `/form/12/1/2026-06`.
    #[at("/form/:unit_id/:form_id/:period")]
    Form {
        /// The reporting unit.
        unit_id: i64,
        /// The form.
        form_id: i64,
        /// `2026-06`.
        period: String,
    },
    /// A unit's activity section for a period, e.g. `/section/12/2026-H1`.
    #[at("/section/:unit_id/:period")]
    Section {
        /// The writing unit.
        unit_id: i64,
        /// `2026-H1`, `2026-06`, `2026`...
        period: String,
    },
    /// The mass organisations' sections for the current six months (commune office).
    #[at("/sections")]
    Sections,
    /// The same for a period, e.g. `/sections/2026-H1`.
    #[at("/sections/:period")]
    SectionsPeriod {
        /// The period.
        period: String,
    },
    /// The reports the commune office keeps, and the form that starts one.
    #[at("/reports")]
    Reports,
    /// One report: a draft to write and issue, or an issued one to read.
    #[at("/reports/:id")]
    Report {
        /// The report.
        id: i64,
    },
    /// The outlines (templates) the office keeps for its reports.
    #[at("/report-templates")]
    ReportTemplates,
    /// The user's personal access tokens for scripts («Mã truy cập API»).
    #[at("/tokens")]
    Tokens,
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// Whether the address is one of the commune office's screens (only the
    /// office app has them). `index.html` makes the same decision before any
    /// wasm is loaded, from the path alone.
    pub fn is_office(&self) -> bool {
        !matches!(self, Route::Home | Route::Due | Route::Form { .. } | Route::Section { .. } | Route::NotFound)
    }
}
