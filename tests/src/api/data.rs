//! `/api/v1/data`: figures a page at a time (and the walk over every page),
//! and the report periods of a year.

use tonghop_shared::api::{DataPage, DataValue, PeriodList};

use super::{Reply, with_query};
use crate::TestApp;

/// Which figures a pull asks for; every filter the server's default until
/// set. Values are text, so a test can name one the server refuses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValuesOf {
    unit_id: Option<i64>,
    descendants: Option<bool>,
    indicators: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    status: Option<String>,
    changed_since: Option<String>,
    limit: Option<usize>,
    format: Option<String>,
    decimal: Option<String>,
}

impl ValuesOf {
    /// Every figure the caller may read.
    pub fn all() -> ValuesOf {
        ValuesOf::default()
    }

    /// Below the unit `id` (and the unit itself).
    pub fn under(self, id: i64) -> ValuesOf {
        ValuesOf { unit_id: Some(id), ..self }
    }

    /// Of the unit itself only, not the units below.
    pub fn without_descendants(self) -> ValuesOf {
        ValuesOf { descendants: Some(false), ..self }
    }

    /// Of the indicator `code` (one `indicator=` each; `A,B` lists two in one).
    pub fn indicator(mut self, code: &str) -> ValuesOf {
        self.indicators.push(code.to_owned());
        self
    }

    /// From the month `from` (`2023-01`).
    pub fn from(self, from: &str) -> ValuesOf {
        ValuesOf { from: Some(from.to_owned()), ..self }
    }

    /// From the month `from` to the month `to`.
    pub fn months(self, from: &str, to: &str) -> ValuesOf {
        ValuesOf { from: Some(from.to_owned()), to: Some(to.to_owned()), ..self }
    }

    /// Of a status: `all`, `approved`, `provisional`.
    pub fn status(self, status: &str) -> ValuesOf {
        ValuesOf { status: Some(status.to_owned()), ..self }
    }

    /// Changed since a time (RFC 3339).
    pub fn changed_since(self, since: &str) -> ValuesOf {
        ValuesOf { changed_since: Some(since.to_owned()), ..self }
    }

    /// `limit` rows a page.
    pub fn limit(self, limit: usize) -> ValuesOf {
        ValuesOf { limit: Some(limit), ..self }
    }

    /// In `format`: `json`, `csv`, `xlsx`.
    pub fn format(self, format: &str) -> ValuesOf {
        ValuesOf { format: Some(format.to_owned()), ..self }
    }

    /// CSV decimals: `dot`, `comma`.
    pub fn decimal(self, decimal: &str) -> ValuesOf {
        ValuesOf { decimal: Some(decimal.to_owned()), ..self }
    }

    /// The path of the first page.
    pub fn path(&self) -> String {
        self.page_path(None)
    }

    /// The path of the page at `cursor` (the first when `None`).
    pub fn page_path(&self, cursor: Option<&str>) -> String {
        let mut query = vec![("unit_id", self.unit_id.map(|id| id.to_string())), ("descendants", self.descendants.map(|d| d.to_string()))];
        query.extend(self.indicators.iter().map(|code| ("indicator", Some(code.clone()))));
        query.extend([
            ("from", self.from.clone()),
            ("to", self.to.clone()),
            ("status", self.status.clone()),
            ("changed_since", self.changed_since.clone()),
            ("limit", self.limit.map(|l| l.to_string())),
            ("format", self.format.clone()),
            ("decimal", self.decimal.clone()),
            ("cursor", cursor.map(str::to_owned)),
        ]);
        with_query("/api/v1/data/values", &query)
    }
}

impl TestApp {
    /// `GET /api/v1/data/values`: the first page.
    pub async fn data_values(&self, token: &str, of: &ValuesOf) -> Reply<DataPage> {
        self.get(&of.path(), token).await.into()
    }

    /// `GET /api/v1/data/values` from `cursor` (a page's `next_cursor`).
    pub async fn data_values_after(&self, token: &str, of: &ValuesOf, cursor: &str) -> Reply<DataPage> {
        self.get(&of.page_path(Some(cursor)), token).await.into()
    }

    /// Every row of every page, following `next_cursor` to the last page.
    pub async fn all_data_values(&self, token: &str, of: &ValuesOf) -> Vec<DataValue> {
        let mut page = self.data_values(token, of).await.ok();
        let mut rows = std::mem::take(&mut page.items);
        while let Some(cursor) = page.next_cursor {
            page = self.data_values_after(token, of, &cursor).await.ok();
            rows.append(&mut page.items);
        }
        rows
    }

    /// `GET /api/v1/data/periods` of a year.
    pub async fn data_periods(&self, token: &str, year: i32) -> Reply<PeriodList> {
        self.get(&with_query("/api/v1/data/periods", &[("year", Some(year.to_string()))]), token).await.into()
    }
}
