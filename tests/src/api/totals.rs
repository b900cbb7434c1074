//! Live totals, their breakdown and trend, and the plans they are set against.

use reqwest::Method;
use tonghop_shared::api::{Breakdown, BreakdownRow, Plan, PlanInput, TotalRow, TotalsTable, Trend};

use super::{FileReply, Reply, with_query};
use crate::TestApp;

/// Which totals: a unit's for a report period (`2024-H1`, `2024-03`, `2024`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalsOf {
    /// The unit summed over.
    pub unit_id: i64,
    /// The period (any text, so a test can name one the server refuses).
    pub period: String,
    /// Count figures not yet approved too.
    pub include_provisional: bool,
}

impl TotalsOf {
    /// Approved (and imported) figures of `unit_id` for `period`.
    pub fn approved(unit_id: i64, period: &str) -> TotalsOf {
        TotalsOf { unit_id, period: period.to_owned(), include_provisional: false }
    }

    /// With provisional figures counted.
    pub fn provisional(unit_id: i64, period: &str) -> TotalsOf {
        TotalsOf { include_provisional: true, ..TotalsOf::approved(unit_id, period) }
    }

    /// The path of the table.
    pub fn path(&self) -> String {
        with_query("/api/v1/totals", &self.query())
    }

    /// The path of the table as a file in `format` (`csv`, `xlsx`), CSV
    /// decimals as `decimal` (`dot`, `comma`) when given.
    pub fn file_path(&self, format: &str, decimal: Option<&str>) -> String {
        let mut query = self.query();
        query.push(("format", Some(format.to_owned())));
        query.push(("decimal", decimal.map(str::to_owned)));
        with_query("/api/v1/totals", &query)
    }

    /// The path of the breakdown (the units below), of one indicator when named.
    pub fn breakdown_path(&self, indicator_id: Option<i64>) -> String {
        self.breakdown_file_path(indicator_id, None, None)
    }

    /// The path of the breakdown as a file in `format` (JSON when `None`),
    /// CSV decimals as `decimal` when given.
    pub fn breakdown_file_path(&self, indicator_id: Option<i64>, format: Option<&str>, decimal: Option<&str>) -> String {
        let mut query = self.query();
        query.push(("indicator_id", indicator_id.map(|id| id.to_string())));
        query.push(("format", format.map(str::to_owned)));
        query.push(("decimal", decimal.map(str::to_owned)));
        with_query("/api/v1/totals/breakdown", &query)
    }

    fn query(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("unit_id", Some(self.unit_id.to_string())),
            ("period", Some(self.period.clone())),
            ("include_provisional", self.include_provisional.then(|| "true".to_owned())),
        ]
    }
}

impl TestApp {
    /// `GET /api/v1/totals`.
    pub async fn totals(&self, token: &str, of: &TotalsOf) -> Reply<TotalsTable> {
        self.get(&of.path(), token).await.into()
    }

    /// `GET /api/v1/totals` as a file in `format` (`csv`, `xlsx`), CSV
    /// decimals as `decimal` when given.
    pub async fn totals_file(&self, token: &str, of: &TotalsOf, format: &str, decimal: Option<&str>) -> FileReply {
        self.file(&of.file_path(format, decimal), token).await
    }

    /// `GET /api/v1/totals/breakdown` as a file in `format`.
    pub async fn breakdown_file(&self, token: &str, of: &TotalsOf, format: &str) -> FileReply {
        self.file(&of.breakdown_file_path(None, Some(format), None), token).await
    }

    /// `GET /api/v1/totals/breakdown`: the totals of each unit below, of one
    /// indicator when named.
    pub async fn breakdown(&self, token: &str, of: &TotalsOf, indicator_id: Option<i64>) -> Reply<Breakdown> {
        self.get(&of.breakdown_path(indicator_id), token).await.into()
    }

    /// `GET /api/v1/totals/trend`: one indicator month by month.
    pub async fn trend(&self, token: &str, unit_id: i64, indicator_id: i64, year: i32) -> Reply<Trend> {
        let query =
            [("unit_id", Some(unit_id.to_string())), ("indicator_id", Some(indicator_id.to_string())), ("year", Some(year.to_string()))];
        self.get(&with_query("/api/v1/totals/trend", &query), token).await.into()
    }

    /// `PUT /api/v1/plans`: sets (or replaces) a unit's plan for an indicator and year.
    pub async fn set_plan(&self, token: &str, plan: &PlanInput) -> Reply<Plan> {
        self.call(Method::PUT, "/api/v1/plans", Some(token), Some(serde_json::to_value(plan).unwrap())).await.into()
    }

    /// `GET /api/v1/plans` of a unit and year.
    pub async fn plans(&self, token: &str, unit_id: i64, year: i32) -> Reply<Vec<Plan>> {
        self.get(&with_query("/api/v1/plans", &[("unit_id", Some(unit_id.to_string())), ("year", Some(year.to_string()))]), token)
            .await
            .into()
    }

    /// `DELETE /api/v1/plans/{id}`.
    pub async fn delete_plan(&self, token: &str, id: i64) -> Reply<()> {
        self.call(Method::DELETE, &format!("/api/v1/plans/{id}"), Some(token), None).await.into()
    }
}

/// A table's row of one indicator, by code.
pub trait RowOf {
    /// The row of `code`; fails the test when there is none.
    fn row(&self, code: &str) -> &TotalRow;
}

fn row_of<'a>(rows: &'a [TotalRow], code: &str) -> &'a TotalRow {
    rows.iter().find(|r| r.indicator.code == code).unwrap_or_else(|| panic!("no row {code}"))
}

impl RowOf for TotalsTable {
    fn row(&self, code: &str) -> &TotalRow {
        row_of(&self.rows, code)
    }
}

impl RowOf for BreakdownRow {
    fn row(&self, code: &str) -> &TotalRow {
        row_of(&self.rows, code)
    }
}
