//! `/api/v1/completeness` and `/api/v1/notices`.

use actix_web::{get, web};
use serde::Deserialize;
use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{Completeness, ErrorBody, Notice};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{notices, table};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::indicators::model as indicators;
use crate::state::AppState;
use crate::units::model::{self as units, UnitRow};

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(completeness).service(list_notices);
}

/// Query of `GET /api/v1/completeness`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompletenessQuery {
    /// The form.
    pub form_id: i64,
    /// First month, `YYYY-MM` (default: five months before `to`).
    #[param(value_type = Option<String>, example = "2026-01")]
    pub from: Option<String>,
    /// Last month, `YYYY-MM` (default: the current one).
    #[param(value_type = Option<String>, example = "2026-06")]
    pub to: Option<String>,
}

fn parse_period(field: &str, text: Option<String>) -> ApiResult<Option<MonthPeriod>> {
    text.map(|t| ApiError::parse_field(field, &t)).transpose()
}

/// Completeness: units x periods.
///
/// For each unit the caller may see that reports the form, and each month
/// from `from` to `to` (at most 24): not started, draft, submitted, returned
/// or approved, late or on time, overdue. Per month: expected, received, on
/// time, and both in percent.
#[utoipa::path(
    tag = "completeness",
    security(("bearer" = [])),
    params(CompletenessQuery),
    responses(
        (status = 200, description = "The table", body = Completeness),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such form", body = ErrorBody),
        (status = 422, description = "Malformed period, or `from` after `to`", body = ErrorBody),
    )
)]
#[get("/completeness")]
pub async fn completeness(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<CompletenessQuery>,
) -> ApiResult<web::Json<Completeness>> {
    let CompletenessQuery { form_id, from, to } = query.into_inner();
    let (from, to) = (parse_period("from", from)?, parse_period("to", to)?);
    let answer = state
        .db(move |conn| {
            let form = indicators::find_form(conn, form_id)?;
            let calendar = units::effective_calendar(conn, &user.unit)?;
            let today = crate::clock::today();
            let to = to.unwrap_or_else(|| MonthPeriod::containing(today, &calendar));
            let from = from.unwrap_or_else(|| (0..5).fold(to, |p, _| p.previous()));
            if from > to {
                return Err(ApiError::field("from", "after_to", "Tháng bắt đầu phải trước tháng kết thúc"));
            }
            let reporting: Vec<UnitRow> =
                units::visible_to(conn, user.role, &user.unit)?.into_iter().filter(|u| u.active && u.kind == form.unit_kind).collect();
            let periods = table::periods_between(from, to);
            Ok(table::table(conn, &form, &reporting, &periods, calendar, today)?)
        })
        .await?;
    Ok(web::Json(answer))
}

/// Notices.
///
/// What needs the caller's attention now: forms of the caller's own unit
/// that were returned (with the reason) or are overdue; for a commune office
/// or an administrator, also the forms below waiting for review (newest
/// first, at most 50).
#[utoipa::path(
    tag = "completeness",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Notices, returned first", body = Vec<Notice>),
        (status = 401, description = "Not logged in", body = ErrorBody),
    )
)]
#[get("/notices")]
pub async fn list_notices(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<Vec<Notice>>> {
    let list = state.db(move |conn| notices::for_user(conn, &user, crate::clock::today())).await?;
    Ok(web::Json(list))
}
