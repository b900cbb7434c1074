//! The OpenAPI document: paths and schemas are collected from the route
//! registrations themselves (utoipa-actix-web), so a route and its
//! documentation come from one place. This adds what is global.

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// Global parts of the document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "tonghop API",
        description = "Figures that villages and mass organisations report to their commune, and what upper levels read from it.\n\n\
Log in at `POST /api/v1/auth/login`, then send `Authorization: Bearer <access_token>`. \
Errors always have the `ErrorBody` shape: a stable `code`, a Vietnamese `message`, and per-field `fields`. \
Times are RFC 3339 (UTC), dates `YYYY-MM-DD`, months `YYYY-MM`, report periods `YYYY-MM`, `YYYY-Qn`, `YYYY-H1`, `YYYY-H2`, `YYYY-9M` or `YYYY`, figures JSON numbers exact to four decimals.",
        license(name = "MIT OR Apache-2.0")
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Logging in and sessions"),
        (name = "units", description = "The tree of units"),
        (name = "users", description = "Accounts"),
        (name = "indicators", description = "What is measured"),
        (name = "forms", description = "Which unit reports which indicators, how often"),
        (name = "submissions", description = "A unit's figures for a form and period"),
        (name = "review", description = "Returning, approving and reopening submissions; their history"),
        (name = "completeness", description = "Who has sent what, and notices"),
        (name = "plans", description = "Annual plans (KH) and resolution targets"),
        (name = "totals", description = "Live totals against plan (KH) and the same period last year (CK)"),
        (name = "imports", description = "Plans and past figures from CSV or XLSX files"),
        (name = "reports", description = "The commune report drafted from the data: Word file and appendix"),
        (name = "sections", description = "Activity sections written by the mass organisations, reviewed like figures"),
        (name = "system", description = "Health"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.bearer_format = Some("JWT".into());
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}
