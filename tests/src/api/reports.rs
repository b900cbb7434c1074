//! Reports: drafted from the data as files, and kept (created, edited,
//! issued, new versions), and the templates whose outline they follow.

use reqwest::Method;
use tonghop_shared::api::{
    IssueRequest, NewReport, PassageEdit, Report, ReportHeader, ReportHeaderInput, ReportProfile, ReportSummary, ReportTemplate,
    ReportTemplateInput,
};

use super::{FileReply, Reply, body, with_query};
use crate::TestApp;

/// Which draft: a unit's report for a period (`2026-H1`), as the query of
/// `draft.docx` and `appendix.xlsx` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftOf {
    /// The issuing unit.
    pub unit_id: i64,
    /// The period (any text, so a test can name one the server refuses).
    pub period: String,
    /// `party`, `state` (any text; the server's default when `None`).
    pub profile: Option<String>,
    /// Count figures not yet approved too.
    pub include_provisional: bool,
    /// The template whose outline it follows.
    pub template_id: Option<i64>,
}

impl DraftOf {
    /// The draft of `unit_id` for `period`, in the default profile.
    pub fn new(unit_id: i64, period: &str) -> DraftOf {
        DraftOf { unit_id, period: period.to_owned(), profile: None, include_provisional: false, template_id: None }
    }

    /// In `profile` (`party`, `state`, or anything to be refused).
    pub fn profile(self, profile: &str) -> DraftOf {
        DraftOf { profile: Some(profile.to_owned()), ..self }
    }

    /// Following the template `id`.
    pub fn template(self, id: i64) -> DraftOf {
        DraftOf { template_id: Some(id), ..self }
    }

    fn query(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("unit_id", Some(self.unit_id.to_string())),
            ("period", Some(self.period.clone())),
            ("profile", self.profile.clone()),
            ("include_provisional", self.include_provisional.then(|| "true".to_owned())),
            ("template_id", self.template_id.map(|id| id.to_string())),
        ]
    }
}

/// Which kept reports a list asks for (`None`: the server's default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportsOf {
    /// The unit (default: the caller's).
    pub unit_id: Option<i64>,
    /// One period.
    pub period: Option<String>,
    /// `draft`, `issued` (any text, so a test can name one the server refuses).
    pub status: Option<String>,
}

impl ReportsOf {
    /// The reports of the unit `id` (and, by default, of the units below).
    pub fn of_unit(id: i64) -> ReportsOf {
        ReportsOf { unit_id: Some(id), ..ReportsOf::default() }
    }

    /// The path of the list.
    pub fn path(&self) -> String {
        let query = [("unit_id", self.unit_id.map(|id| id.to_string())), ("period", self.period.clone()), ("status", self.status.clone())];
        with_query("/api/v1/reports", &query)
    }
}

/// A new report of `unit_id` for `period` (`2026-H1`) in `profile`, on the usual outline.
pub fn new_report(unit_id: i64, period: &str, profile: ReportProfile) -> NewReport {
    let period = period.parse().unwrap_or_else(|e| panic!("{period}: {e}"));
    NewReport { unit_id, period, profile, include_provisional: false, template_id: None }
}

impl TestApp {
    /// `GET /api/v1/reports/draft.docx`: the report drafted from the data.
    pub async fn report_draft(&self, token: &str, of: &DraftOf) -> FileReply {
        self.file(&with_query("/api/v1/reports/draft.docx", &of.query()), token).await
    }

    /// `GET /api/v1/reports/appendix.xlsx`: the appendix of every indicator.
    pub async fn report_appendix(&self, token: &str, of: &DraftOf) -> FileReply {
        self.file(&with_query("/api/v1/reports/appendix.xlsx", &of.query()), token).await
    }

    /// `GET /api/v1/reports`: the kept reports, newest first.
    pub async fn reports(&self, token: &str, of: &ReportsOf) -> Reply<Vec<ReportSummary>> {
        self.get(&of.path(), token).await.into()
    }

    /// `POST /api/v1/reports`: a new draft.
    pub async fn create_report(&self, token: &str, report: &NewReport) -> Reply<Report> {
        self.call(Method::POST, "/api/v1/reports", Some(token), body(report)).await.into()
    }

    /// `GET /api/v1/reports/{id}`.
    pub async fn report(&self, token: &str, id: i64) -> Reply<Report> {
        self.get(&format!("/api/v1/reports/{id}"), token).await.into()
    }

    /// `PUT /api/v1/reports/{id}`: the header and signature of a draft, from `version`.
    pub async fn set_report_header(&self, token: &str, id: i64, version: i64, header: &ReportHeader) -> Reply<Report> {
        let input = ReportHeaderInput { version, header: header.clone() };
        self.call(Method::PUT, &format!("/api/v1/reports/{id}"), Some(token), body(&input)).await.into()
    }

    /// `PUT /api/v1/reports/{id}/passages/{position}`: the office's text
    /// from `version`, or `None` to follow the figures again.
    pub async fn edit_passage(&self, token: &str, id: i64, position: u32, version: i64, text: Option<&str>) -> Reply<Report> {
        let edit = PassageEdit { version, text: text.map(str::to_owned) };
        self.call(Method::PUT, &format!("/api/v1/reports/{id}/passages/{position}"), Some(token), body(&edit)).await.into()
    }

    /// `POST /api/v1/reports/{id}/issue` of `version`.
    pub async fn issue_report(&self, token: &str, id: i64, version: i64) -> Reply<Report> {
        self.call(Method::POST, &format!("/api/v1/reports/{id}/issue"), Some(token), body(&IssueRequest { version })).await.into()
    }

    /// `POST /api/v1/reports/{id}/new-version` of an issued report.
    pub async fn new_report_version(&self, token: &str, id: i64) -> Reply<Report> {
        self.call(Method::POST, &format!("/api/v1/reports/{id}/new-version"), Some(token), None).await.into()
    }

    /// `GET /api/v1/reports/{id}/document.docx`: the report as a Word file.
    pub async fn report_document(&self, token: &str, id: i64) -> FileReply {
        self.file(&format!("/api/v1/reports/{id}/document.docx"), token).await
    }

    /// `GET /api/v1/report-templates`: the templates a unit's reports may follow.
    /// `DELETE /api/v1/reports/{id}?version=`: a draft.
    pub async fn delete_report(&self, token: &str, id: i64, version: i64) -> Reply<()> {
        self.call(reqwest::Method::DELETE, &format!("/api/v1/reports/{id}?version={version}"), Some(token), None).await.into()
    }

    pub async fn report_templates(&self, token: &str, unit_id: Option<i64>) -> Reply<Vec<ReportTemplate>> {
        let path = with_query("/api/v1/report-templates", &[("unit_id", unit_id.map(|id| id.to_string()))]);
        self.get(&path, token).await.into()
    }

    /// `POST /api/v1/report-templates`.
    pub async fn create_report_template(&self, token: &str, template: &ReportTemplateInput) -> Reply<ReportTemplate> {
        self.call(Method::POST, "/api/v1/report-templates", Some(token), body(template)).await.into()
    }

    /// `PUT /api/v1/report-templates/{id}`.
    pub async fn change_report_template(&self, token: &str, id: i64, template: &ReportTemplateInput) -> Reply<ReportTemplate> {
        self.call(Method::PUT, &format!("/api/v1/report-templates/{id}"), Some(token), body(template)).await.into()
    }

    /// `DELETE /api/v1/report-templates/{id}` (204).
    pub async fn delete_report_template(&self, token: &str, id: i64) -> Reply<()> {
        self.call(Method::DELETE, &format!("/api/v1/report-templates/{id}"), Some(token), None).await.into()
    }
}
