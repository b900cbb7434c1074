//! The query string of `/api/v1/data/values`, read by hand because
//! `indicator` may repeat (`?indicator=A&indicator=B`), which a derived
//! deserializer refuses.

use chrono::{DateTime, NaiveDateTime};
use serde::Deserialize;
use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{DataFormat, DataStatusFilter, DecimalMark};
use utoipa::IntoParams;

use super::export;
use crate::error::{ApiError, ApiResult};
use crate::web::etag::Fingerprint;
use crate::web::files;

/// Default page size of JSON and CSV pages.
pub const DEFAULT_LIMIT: i64 = 500;
/// Largest page of JSON and CSV pages.
pub const MAX_LIMIT: i64 = 5000;

/// Query of `GET /api/v1/data/values` (for the documentation; read by [`Params::parse`]).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ValuesQuery {
    /// The unit (default: the caller's own).
    unit_id: Option<i64>,
    /// Also every unit below it (default `true`).
    descendants: Option<bool>,
    /// Indicator codes: repeat the parameter or separate them with commas. Default: every indicator.
    #[param(example = "CATTLE,GRAIN_OUTPUT")]
    indicator: Option<String>,
    /// First reporting month, `YYYY-MM`, included.
    #[param(example = "2026-01")]
    from: Option<String>,
    /// Last reporting month, `YYYY-MM`, included.
    #[param(example = "2026-06")]
    to: Option<String>,
    /// `approved` (approved and imported), `provisional` (submitted, not yet approved) or `all` (default).
    #[param(inline)]
    status: Option<DataStatusFilter>,
    /// Only figures changed at or after this time, RFC 3339. For incremental pulls: pass the
    /// `X-Next-Changed-Since` header of the previous pull's first page.
    #[param(example = "2026-06-01T00:00:00Z")]
    changed_since: Option<String>,
    /// `next_cursor` of the previous page (also in its `Link: rel="next"` header). Opaque; only valid
    /// with the same filters.
    cursor: Option<String>,
    /// Rows per page: JSON default 500, CSV 1 to 5000 (without it a CSV holds every row, streamed),
    /// XLSX 1 to 20000 (default 20000).
    #[param(minimum = 1, maximum = 20000)]
    limit: Option<i64>,
    /// `json` (default), `csv` or `xlsx`; without it the `Accept` header decides
    /// (`text/csv`, the XLSX media type), else JSON.
    #[param(inline)]
    format: Option<DataFormat>,
    /// CSV only: `dot` (default: `1234.5`, fields separated by `,`) or `comma`
    /// (`1234,5`, fields separated by `;`, for Excel set to Vietnamese).
    #[param(inline)]
    decimal: Option<DecimalMark>,
}

/// The parsed query.
#[derive(Debug, Clone)]
pub struct Params {
    pub unit_id: Option<i64>,
    pub descendants: bool,
    /// Codes, as given, without duplicates, sorted.
    pub indicators: Vec<String>,
    pub from: Option<MonthPeriod>,
    pub to: Option<MonthPeriod>,
    pub status: DataStatusFilter,
    pub changed_since: Option<NaiveDateTime>,
    pub cursor: Option<String>,
    /// `None`: the format's default (a CSV streams everything).
    pub limit: Option<i64>,
    pub format: DataFormat,
    pub decimal: DecimalMark,
    /// Every pair as given, to build the next page's link.
    pub pairs: Vec<(String, String)>,
}

fn field<T: std::str::FromStr>(name: &str, text: &str, message: &str) -> ApiResult<T> {
    text.trim().parse().map_err(|_| ApiError::field(name, "format", message))
}

impl Params {
    /// Reads the query string and the `Accept` header.
    pub fn parse(query: &str, accept: Option<&str>) -> ApiResult<Self> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(query).map_err(|_| ApiError::BadRequest("Chuỗi truy vấn không đọc được".into()))?;
        let mut p = Params {
            unit_id: None,
            descendants: true,
            indicators: Vec::new(),
            from: None,
            to: None,
            status: DataStatusFilter::All,
            changed_since: None,
            cursor: None,
            limit: None,
            format: DataFormat::Json,
            decimal: DecimalMark::Dot,
            pairs: pairs.clone(),
        };
        let mut format = None;
        let mut errors = Vec::new();
        for (name, value) in &pairs {
            let result: ApiResult<()> = (|| {
                match name.as_str() {
                    "unit_id" => p.unit_id = Some(field(name, value, "Mã đơn vị (unit_id) phải là số")?),
                    "descendants" => p.descendants = field(name, value, "descendants phải là true hoặc false")?,
                    "indicator" => p.indicators.extend(value.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned)),
                    "from" => p.from = Some(ApiError::parse_field(name, value.trim())?),
                    "to" => p.to = Some(ApiError::parse_field(name, value.trim())?),
                    "status" => p.status = field(name, value, "status phải là approved, provisional hoặc all")?,
                    "changed_since" => {
                        let at: DateTime<chrono::FixedOffset> =
                            field(name, value, "changed_since phải là thời điểm RFC 3339, ví dụ 2026-06-01T00:00:00Z")?;
                        p.changed_since = Some(at.naive_utc());
                    }
                    "cursor" => p.cursor = Some(value.clone()),
                    "limit" => p.limit = Some(field(name, value, "limit phải là số nguyên")?),
                    "format" => format = Some(field::<DataFormat>(name, value, "format phải là json, csv hoặc xlsx")?),
                    "decimal" => p.decimal = field(name, value, "decimal phải là dot hoặc comma")?,
                    other => return Err(ApiError::BadRequest(format!("Tham số không được hỗ trợ: {other}"))),
                }
                Ok(())
            })();
            match result {
                Err(ApiError::Validation(mut e)) => errors.append(&mut e),
                Err(other) => return Err(other),
                Ok(()) => {}
            }
        }
        p.format = format.unwrap_or_else(|| from_accept(accept.unwrap_or("")));
        if let (Some(from), Some(to)) = (p.from, p.to)
            && from > to
        {
            errors.push(tonghop_shared::FieldError::new("to", "range", "Tháng cuối phải sau hoặc bằng tháng đầu"));
        }
        let max = if p.format == DataFormat::Xlsx { export::MAX_ROWS } else { MAX_LIMIT };
        if let Some(limit) = p.limit
            && !(1..=max).contains(&limit)
        {
            errors.push(tonghop_shared::FieldError::new("limit", "out_of_range", format!("limit phải từ 1 đến {max}")));
        }
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        p.indicators.sort();
        p.indicators.dedup();
        Ok(p)
    }

    /// Rows per page; `None` for a CSV that streams every row.
    pub fn page_size(&self) -> Option<i64> {
        match (self.limit, self.format) {
            (Some(limit), _) => Some(limit),
            (None, DataFormat::Json) => Some(DEFAULT_LIMIT),
            (None, DataFormat::Csv) => None,
            (None, DataFormat::Xlsx) => Some(export::MAX_ROWS),
        }
    }

    /// A short hash of what selects the rows (not the page, the format or the
    /// cursor): a cursor is valid only with the filters it was made for.
    pub fn filters_hash(&self, caller_unit: i64) -> String {
        let mut f = Fingerprint::new("data/values filters");
        f.add_display(self.unit_id.unwrap_or(caller_unit)).add_display(self.descendants);
        for code in &self.indicators {
            f.add(code.as_bytes());
        }
        f.add_display(format!("{:?}|{:?}|{}|{:?}", self.from, self.to, self.status, self.changed_since));
        f.short()
    }
}

fn from_accept(accept: &str) -> DataFormat {
    if accept.contains(files::CSV_MEDIA) {
        DataFormat::Csv
    } else if accept.contains(files::XLSX) {
        DataFormat::Xlsx
    } else {
        DataFormat::Json
    }
}

/// Percent-encodes a query component (RFC 3986 unreserved characters kept).
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
