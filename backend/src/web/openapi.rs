//! The OpenAPI document: paths and schemas are collected from the route
//! registrations themselves (utoipa-actix-web), so a route and its
//! documentation come from one place. This adds what is global.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::AnyOfBuilder;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi, PartialSchema};

/// Global parts of the document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "tonghop API",
        description = "Figures that villages and mass organisations report to their commune, and what upper levels read from it.\n\n\
Log in at `POST /api/v1/auth/login`, then send `Authorization: Bearer <access_token>`. \
Scripts use a personal access token instead (`thp_…`, created in the app or at `POST /api/v1/me/tokens`): \
it is read-only, so every GET works with it and every other method answers 403 `read_only_token`. \
Logins per client address and requests per token are rate-limited: 429 with a `Retry-After` header in seconds. \
Errors always have the `ErrorBody` shape: a stable `code`, a Vietnamese `message`, and per-field `fields`. \
Times are RFC 3339 (UTC), dates `YYYY-MM-DD`, months `YYYY-MM`, report periods `YYYY-MM`, `YYYY-Qn`, `YYYY-H1`, `YYYY-H2`, `YYYY-9M` or `YYYY`, figures JSON numbers exact to four decimals.",
        license(name = "MIT OR Apache-2.0")
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Logging in and sessions"),
        (name = "tokens", description = "Personal access tokens: read-only credentials for scripts"),
        (name = "units", description = "The tree of units"),
        (name = "users", description = "Accounts"),
        (name = "indicators", description = "What is measured"),
        (name = "forms", description = "Which unit reports which indicators, how often"),
        (name = "submissions", description = "A unit's figures for a form and period"),
        (name = "review", description = "Returning, approving and reopening submissions; their history"),
        (name = "completeness", description = "Who has sent what, and notices"),
        (name = "plans", description = "Annual plans (KH) and resolution targets"),
        (name = "holidays", description = "Public holidays, counted out of deadlines"),
        (name = "notifications", description = "Web Push: a browser's subscription, and reminders before deadlines"),
        (name = "totals", description = "Live totals against plan (KH) and the same period last year (CK)"),
        (name = "imports", description = "Plans and past figures from CSV or XLSX files"),
        (name = "reports", description = "The commune report drafted from the data: Word file and appendix"),
        (name = "sections", description = "Activity sections written by the mass organisations, reviewed like figures"),
        (name = "data", description = "Figures for scripts, spreadsheets and BI tools: paged, incremental, JSON, CSV or XLSX"),
        (name = "system", description = "Health"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.bearer_format = Some("JWT or personal access token".into());
        scheme.description = Some(
            "Either the `access_token` of a login (a JWT, minutes long, full rights of the user) or a personal access token \
(`thp_…`, created at `POST /api/v1/me/tokens`, up to a year long, read-only: only GET and HEAD, anything else is 403 \
`read_only_token`). Paste either into Swagger UI's Authorize dialog to try the calls."
                .into(),
        );
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// Everything the document says of all operations at once: what the
/// extractors, the bearer check and the text check answer, whichever
/// handler runs. Called on the document served and on the one committed.
pub fn document_globals(api: &mut utoipa::openapi::OpenApi) {
    document_extractors(api);
    document_parameter_formats(api);
    document_access_tokens(api);
    document_text_check(api);
}

/// The answers every extractor gives before the handler runs, so no
/// annotation has to repeat them: a path or query value that does not parse
/// (a number too large, a missing `year`) or a body that is not JSON of the
/// operation's shape is a 400; a call that needs a bearer and has none, or
/// an expired one, is a 401; an operation that names something by its path
/// answers 404 when there is no such thing; a JSON body that breaks a rule is
/// a 422 on its field; any operation but liveness answers 503 while the
/// database does not.
pub fn document_extractors(api: &mut utoipa::openapi::OpenApi) {
    for (route, item) in api.paths.paths.iter_mut() {
        let needs_database = route != "/api/health/live";
        let operations =
            [item.get.as_mut(), item.head.as_mut(), item.post.as_mut(), item.put.as_mut(), item.patch.as_mut(), item.delete.as_mut()];
        for operation in operations.into_iter().flatten() {
            let has =
                |place: ParameterIn| operation.parameters.iter().flatten().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place));
            let (path, query) = (has(ParameterIn::Path), has(ParameterIn::Query));
            let body = operation.request_body.is_some();
            let json_body = matches!(&operation.request_body, Some(RefOr::T(b)) if b.content.contains_key("application/json"));
            if path || query || body {
                add_error(
                    operation,
                    "400",
                    "A path or query value that does not parse, a missing parameter, or a body that is not of this shape",
                );
            }
            if needs_bearer(operation) {
                add_error(operation, "401", "No bearer, or one that is expired, revoked or unknown");
            }
            if path {
                add_error(operation, "404", "Nothing of this id or period");
            }
            if json_body {
                add_error(operation, "422", "A field breaks a rule (`fields` names it)");
            }
            if needs_database && !operation.responses.responses.contains_key("503") {
                add_error(operation, "503", "The database does not answer; `Retry-After` says when to try again");
            }
        }
    }
}

/// A month as the server reads it: `YYYY-MM`.
pub const MONTH_PATTERN: &str = r"^\d{4}-(0[1-9]|1[0-2])$";

/// The formats the parameters of one name share across the API, stated
/// once: a `period` (path or query) is a report period (a month, quarter,
/// half, nine months or year, `ReportPeriod`), `from` and `to` are months,
/// a `year` is 2000 to 2100. The server refuses anything else with a 400 or
/// a 422, so the document says so and a client generated from it checks
/// before it sends.
pub fn document_parameter_formats(api: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::schema::{Schema, Type};
    for item in api.paths.paths.values_mut() {
        let operations =
            [item.get.as_mut(), item.head.as_mut(), item.post.as_mut(), item.put.as_mut(), item.patch.as_mut(), item.delete.as_mut()];
        let parameters = operations.into_iter().flatten().flat_map(|o| o.parameters.iter_mut().flatten());
        for parameter in parameters.filter_map(|p| if let RefOr::T(p) = p { Some(p) } else { None }) {
            let Some(RefOr::T(Schema::Object(schema))) = parameter.schema.as_mut() else { continue };
            let is = |t: Type| matches!(&schema.schema_type, utoipa::openapi::schema::SchemaType::Type(s) if *s == t);
            match parameter.name.as_str() {
                "period" if is(Type::String) => parameter.schema = Some(Ref::from_schema_name("ReportPeriod").into()),
                "from" | "to" if is(Type::String) && schema.pattern.is_none() => schema.pattern = Some(MONTH_PATTERN.into()),
                "year" if is(Type::Integer) => {
                    schema.minimum = Some(2000.into());
                    schema.maximum = Some(2100.into());
                }
                _ => {}
            }
        }
    }
}

/// Adds the error answer `status` with the `ErrorBody` shape, unless the
/// operation documents that status already.
fn add_error(operation: &mut Operation, status: &str, description: &str) {
    operation.responses.responses.entry(status.into()).or_insert_with(|| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build())
                .build(),
        )
    });
}

/// Adds what the bearer extractor does to every call that needs a bearer,
/// so each operation says it rather than each annotation repeating it: a
/// personal access token's requests are rate-limited (429), and it is
/// refused on anything but GET and HEAD (403 `read_only_token`).
pub fn document_access_tokens(api: &mut utoipa::openapi::OpenApi) {
    for item in api.paths.paths.values_mut() {
        let reads = [item.get.as_mut(), item.head.as_mut()];
        for operation in reads.into_iter().flatten().filter(|o| needs_bearer(o)) {
            add_rate_limited(operation);
        }
        let writes = [item.post.as_mut(), item.put.as_mut(), item.patch.as_mut(), item.delete.as_mut()];
        for operation in writes.into_iter().flatten().filter(|o| needs_bearer(o)) {
            add_read_only(operation);
        }
    }
}

/// Adds what [`super::text`] does to every call that takes a JSON body or a
/// query string: text holding a control character is refused, 422 with
/// the field (`control_character`).
pub fn document_text_check(api: &mut utoipa::openapi::OpenApi) {
    const REFUSED: &str = "A text holds a control character (`control_character` on the field)";
    for item in api.paths.paths.values_mut() {
        let operations =
            [item.get.as_mut(), item.head.as_mut(), item.post.as_mut(), item.put.as_mut(), item.patch.as_mut(), item.delete.as_mut()];
        for operation in operations.into_iter().flatten().filter(|o| takes_text(o)) {
            match operation.responses.responses.get_mut("422") {
                Some(RefOr::T(existing)) if !existing.description.contains("control_character") => {
                    existing.description = format!("{}; or {}", existing.description, lowercase_first(REFUSED));
                    // An answer of its own shape (a refused import) may also be the error body.
                    for content in existing.content.values_mut().filter_map(|c| if let RefOr::T(c) = c { Some(c) } else { None }) {
                        match content.schema.take() {
                            Some(RefOr::Ref(r)) if r.ref_location.ends_with("/ErrorBody") => content.schema = Some(RefOr::Ref(r)),
                            Some(other) => {
                                content.schema = Some(AnyOfBuilder::new().item(other).item(Ref::from_schema_name("ErrorBody")).into())
                            }
                            None => {}
                        }
                    }
                }
                Some(_) => {}
                None => {
                    let response = ResponseBuilder::new()
                        .description(REFUSED)
                        .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build())
                        .build();
                    operation.responses.responses.insert("422".into(), RefOr::T(response));
                }
            }
        }
    }
}

/// A JSON body or a query parameter.
fn takes_text(operation: &Operation) -> bool {
    let json_body = matches!(&operation.request_body, Some(RefOr::T(b)) if b.content.contains_key("application/json"));
    let query = operation.parameters.iter().flatten().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Query));
    json_body || query
}

fn needs_bearer(operation: &Operation) -> bool {
    operation.security.as_ref().is_some_and(|s| !s.is_empty())
}

fn add_rate_limited(operation: &mut Operation) {
    let retry_after =
        HeaderBuilder::new().schema(Some(i64::schema())).description(Some("Seconds until the next request is allowed")).build();
    let response = ResponseBuilder::new()
        .description("Too many requests with this personal access token")
        .header("Retry-After", retry_after)
        .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build())
        .build();
    operation.responses.responses.entry("429".into()).or_insert(RefOr::T(response));
}

fn add_read_only(operation: &mut Operation) {
    const READ_ONLY: &str = "Called with a personal access token, which is read-only (`read_only_token`)";
    match operation.responses.responses.get_mut("403") {
        Some(RefOr::T(existing)) if !existing.description.contains("read_only_token") => {
            existing.description = format!("{}; or {}", existing.description, lowercase_first(READ_ONLY));
        }
        Some(_) => {}
        None => {
            let response = ResponseBuilder::new()
                .description(READ_ONLY)
                .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build())
                .build();
            operation.responses.responses.insert("403".into(), RefOr::T(response));
        }
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}
