//! The app's addresses, shared by both apps: the reporter app and the
//! office app answer the same URLs, each rendering the screens it has (the
//! reporter app hands an office address over to the office app).
//!
//! Reading a path ([`Route::recognize`]) and writing one ([`Route::to_path`])
//! are plain functions, tested natively below; `crate::router` keeps the
//! address bar and the route in step.

/// The app's addresses.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// Reporters: what is due. Commune and upper levels: the overview.
    /// (`/`)
    Home,
    /// What is due for the user's own unit.
    /// (`/due`)
    Due,
    /// Every unit's figures for a form and period.
    /// (`/overview`)
    Overview,
    /// Which unit has sent which month (commune and upper levels).
    /// (`/completeness`)
    Completeness,
    /// The unit's figures against plan and last year, this year so far.
    /// (`/dashboard`)
    Dashboard,
    /// The same for a period, e.g. `/dashboard/2026-H1`.
    /// (`/dashboard/:period`)
    DashboardPeriod {
        /// `2026-06`, `2026-Q2`, `2026-H1`, `2026-H2`, `2026-9M` or `2026`.
        period: String,
    },
    /// One indicator of the dashboard: trend and breakdown.
    /// (`/dashboard/:period/:indicator_id`)
    DashboardIndicator {
        /// The dashboard's period.
        period: String,
        /// The indicator.
        indicator_id: i64,
    },
    /// The annual plans of the user's unit (commune office, administrators).
    /// (`/plans`)
    Plans,
    /// One unit's form for one period, e.g. `/form/12/1/2026-06`.
    /// (`/form/:unit_id/:form_id/:period`)
    Form {
        /// The reporting unit.
        unit_id: i64,
        /// The form.
        form_id: i64,
        /// `2026-06`.
        period: String,
    },
    /// A unit's activity section for a period, e.g. `/section/12/2026-H1`.
    /// (`/section/:unit_id/:period`)
    Section {
        /// The writing unit.
        unit_id: i64,
        /// `2026-H1`, `2026-06`, `2026`...
        period: String,
    },
    /// The mass organisations' sections for the current six months (commune office).
    /// (`/sections`)
    Sections,
    /// The same for a period, e.g. `/sections/2026-H1`.
    /// (`/sections/:period`)
    SectionsPeriod {
        /// The period.
        period: String,
    },
    /// The reports the commune office keeps, and the form that starts one.
    /// (`/reports`)
    Reports,
    /// One report: a draft to write and issue, or an issued one to read.
    /// (`/reports/:id`)
    Report {
        /// The report.
        id: i64,
    },
    /// The outlines (templates) the office keeps for its reports.
    /// (`/report-templates`)
    ReportTemplates,
    /// The user's personal access tokens for scripts («Mã truy cập API»).
    /// (`/tokens`)
    Tokens,
    /// The public holidays deadlines count out («Ngày nghỉ lễ»).
    /// (`/holidays`)
    Holidays,
    /// Anything else.
    /// (`/404`)
    NotFound,
}

impl Route {
    /// The route of a path (`location.pathname`); a trailing slash is
    /// ignored, and anything unknown, or with a number that is not one, is
    /// [`Route::NotFound`].
    pub fn recognize(path: &str) -> Route {
        let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
        let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
        let id = |s: &str| s.parse::<i64>().ok();
        let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        let route = match segments.as_slice() {
            [""] => Some(Route::Home),
            ["due"] => Some(Route::Due),
            ["overview"] => Some(Route::Overview),
            ["completeness"] => Some(Route::Completeness),
            ["dashboard"] => Some(Route::Dashboard),
            ["dashboard", period] => text(period).map(|period| Route::DashboardPeriod { period }),
            ["dashboard", period, indicator] => {
                text(period).zip(id(indicator)).map(|(period, indicator_id)| Route::DashboardIndicator { period, indicator_id })
            }
            ["plans"] => Some(Route::Plans),
            ["form", unit, form, period] => {
                id(unit).zip(id(form)).zip(text(period)).map(|((unit_id, form_id), period)| Route::Form { unit_id, form_id, period })
            }
            ["section", unit, period] => id(unit).zip(text(period)).map(|(unit_id, period)| Route::Section { unit_id, period }),
            ["sections"] => Some(Route::Sections),
            ["sections", period] => text(period).map(|period| Route::SectionsPeriod { period }),
            ["reports"] => Some(Route::Reports),
            ["reports", id_] => id(id_).map(|id| Route::Report { id }),
            ["report-templates"] => Some(Route::ReportTemplates),
            ["tokens"] => Some(Route::Tokens),
            ["holidays"] => Some(Route::Holidays),
            _ => None,
        };
        route.unwrap_or(Route::NotFound)
    }

    /// The path of this route, as links and the address bar show it.
    pub fn to_path(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Due => "/due".into(),
            Route::Overview => "/overview".into(),
            Route::Completeness => "/completeness".into(),
            Route::Dashboard => "/dashboard".into(),
            Route::DashboardPeriod { period } => format!("/dashboard/{period}"),
            Route::DashboardIndicator { period, indicator_id } => format!("/dashboard/{period}/{indicator_id}"),
            Route::Plans => "/plans".into(),
            Route::Form { unit_id, form_id, period } => format!("/form/{unit_id}/{form_id}/{period}"),
            Route::Section { unit_id, period } => format!("/section/{unit_id}/{period}"),
            Route::Sections => "/sections".into(),
            Route::SectionsPeriod { period } => format!("/sections/{period}"),
            Route::Reports => "/reports".into(),
            Route::Report { id } => format!("/reports/{id}"),
            Route::ReportTemplates => "/report-templates".into(),
            Route::Tokens => "/tokens".into(),
            Route::Holidays => "/holidays".into(),
            Route::NotFound => "/404".into(),
        }
    }

    /// Whether the address is one of the commune office's screens (only the
    /// office app has them). `index.html` makes the same decision before any
    /// wasm is loaded, from the path alone.
    pub fn is_office(&self) -> bool {
        !matches!(self, Route::Home | Route::Due | Route::Form { .. } | Route::Section { .. } | Route::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn every_route_is_read_back_from_its_own_path() {
        let routes = [
            Route::Home,
            Route::Due,
            Route::Overview,
            Route::Completeness,
            Route::Dashboard,
            Route::DashboardPeriod { period: "2026-H1".into() },
            Route::DashboardIndicator { period: "2026-H1".into(), indicator_id: 7 },
            Route::Plans,
            Route::Form { unit_id: 12, form_id: 1, period: "2026-06".into() },
            Route::Section { unit_id: 12, period: "2026-H1".into() },
            Route::Sections,
            Route::SectionsPeriod { period: "2026-H2".into() },
            Route::Reports,
            Route::Report { id: 3 },
            Route::ReportTemplates,
            Route::Tokens,
            Route::Holidays,
        ];
        for route in routes {
            assert_eq!(Route::recognize(&route.to_path()), route, "{}", route.to_path());
        }
    }

    #[test]
    fn a_trailing_slash_is_ignored_and_anything_else_is_not_found() {
        assert_eq!(Route::recognize("/due/"), Route::Due);
        assert_eq!(Route::recognize("/form/12/1/2026-06/"), Route::Form { unit_id: 12, form_id: 1, period: "2026-06".into() });
        for path in [
            "/nowhere",
            "/form/x/1/2026-06",
            "/form/12/1",
            "/form/12/1/2026-06/more",
            "/reports/9223372036854775808",
            "/section//2026-H1",
            "/404",
        ] {
            assert_eq!(Route::recognize(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn the_office_screens_are_the_ones_index_html_sends_to_the_office_app() {
        // index.html's OFFICE_PATH: overview, completeness, dashboard, plans,
        // sections, reports, report-templates, tokens, holidays.
        let html = include_str!("../../static/index.html");
        let office = html.split("OFFICE_PATH = /^\\/(").nth(1).and_then(|rest| rest.split(')').next()).expect("OFFICE_PATH in index.html");
        for path in ["/", "/due", "/form/12/1/2026-06", "/section/12/2026-H1", "/nowhere"] {
            assert!(!Route::recognize(path).is_office(), "{path}");
        }
        for name in office.split('|') {
            assert!(Route::recognize(&format!("/{name}")).is_office(), "/{name}");
        }
    }
}
