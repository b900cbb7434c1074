//! `/api/v1/submissions` and `/api/v1/due`: entering, saving and submitting a
//! unit's monthly figures, and seeing them.

use actix_web::{get, post, put, web};
use serde::Deserialize;
use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{DueItem, ErrorBody, Submission, SubmissionInput};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::due;
use super::model::{self, Context};
use super::service::{self, Action};
use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::indicators::model::{self as indicators, FormRow, IndicatorRow};
use crate::state::AppState;
use crate::units::model::{self as units, UnitRow};
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_due).service(list_submissions).service(get_submission).service(save_draft).service(submit);
}

/// Path of one submission.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SubmissionPath {
    /// The reporting unit.
    pub unit_id: i64,
    /// The form.
    pub form_id: i64,
    /// The reporting month, `YYYY-MM`.
    #[param(value_type = String, example = "2026-06")]
    pub period: String,
}

impl SubmissionPath {
    pub(super) fn period(&self) -> ApiResult<MonthPeriod> {
        ApiError::parse_field("period", &self.period)
    }
}

/// A unit, a form and its indicators, and the unit's calendar and holidays.
pub(super) struct Loaded {
    pub(super) unit: UnitRow,
    pub(super) form: FormRow,
    indicators: Vec<IndicatorRow>,
    calendar: tonghop_shared::ReportingCalendar,
    holidays: tonghop_shared::Holidays,
}

impl Loaded {
    pub(super) fn load(conn: &mut DbConn, unit_id: i64, form_id: i64) -> ApiResult<Self> {
        let unit = units::find(conn, unit_id)?;
        let form = indicators::find_form(conn, form_id)?;
        if form.unit_kind != unit.kind {
            return Err(ApiError::field("form_id", "wrong_form", "Đơn vị này không báo cáo theo biểu mẫu này"));
        }
        let indicators = indicators::form_indicators(conn, form_id)?;
        let crate::holidays::Schedule { calendar, holidays } = crate::holidays::Schedule::of(conn, &unit)?;
        Ok(Self { unit, form, indicators, calendar, holidays })
    }

    pub(super) fn context(&self, period: MonthPeriod) -> Context<'_> {
        Context {
            unit: &self.unit,
            form_id: self.form.id,
            form_code: &self.form.code,
            indicators: &self.indicators,
            period,
            calendar: self.calendar,
            holidays: self.holidays.clone(),
        }
    }

    pub(super) fn present(&self, conn: &mut DbConn, period: MonthPeriod) -> ApiResult<Submission> {
        let mut all = model::present_many(conn, &[self.context(period)])?;
        all.pop().ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no submission presented for {period}")))
    }
}

/// What is due.
///
/// The forms the caller's own unit has to report: the current period and
/// any of the previous three not yet received by the commune (not started,
/// draft or returned). Returned first, then overdue, then by deadline.
#[utoipa::path(
    tag = "submissions",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Forms due", body = Vec<DueItem>),
        (status = 401, description = "Not logged in", body = ErrorBody),
    )
)]
#[get("/due")]
pub async fn list_due(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<Vec<DueItem>>> {
    let items = state.db(move |conn| due::for_unit(conn, &user.unit, crate::clock::today())).await?;
    Ok(web::Json(items))
}

/// Query of `GET /api/v1/submissions`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// The form.
    pub form_id: i64,
    /// The reporting month, `YYYY-MM`; the current one when absent.
    #[param(value_type = Option<String>, example = "2026-06")]
    pub period: Option<String>,
}

/// Every unit's submission for a form and period.
///
/// For each active unit the caller may see that reports this form, its
/// submission with all figures, or an empty one (`not_started`). This is the
/// commune office's view of who has sent what.
#[utoipa::path(
    tag = "submissions",
    security(("bearer" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "One submission per unit", body = Vec<Submission>),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such form", body = ErrorBody),
        (status = 422, description = "Malformed period", body = ErrorBody),
    )
)]
#[get("/submissions")]
pub async fn list_submissions(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<ListQuery>,
) -> ApiResult<web::Json<Vec<Submission>>> {
    let ListQuery { form_id, period } = query.into_inner();
    let period: Option<MonthPeriod> = period
        .map(|p| p.parse().map_err(|e: tonghop_shared::calendar::ParsePeriodError| ApiError::field("period", "format", e.to_string())))
        .transpose()?;
    let list = state
        .db(move |conn| {
            let form = indicators::find_form(conn, form_id)?;
            let indicator_rows = indicators::form_indicators(conn, form_id)?;
            let visible = user.readable_units(conn)?;
            let reporting: Vec<UnitRow> = visible.into_iter().filter(|u| u.active && u.kind == form.unit_kind).collect();
            let calendar = units::effective_calendar(conn, &user.unit)?;
            let period = period.unwrap_or_else(|| MonthPeriod::containing(crate::clock::today(), &calendar));
            let calendars = units::effective_calendars(conn, &reporting)?;
            let holidays = crate::holidays::Book::load(conn, &reporting)?;
            let contexts: Vec<Context<'_>> = reporting
                .iter()
                .map(|unit| Context {
                    unit,
                    form_id,
                    form_code: &form.code,
                    indicators: &indicator_rows,
                    period,
                    calendar: calendars[&unit.id],
                    holidays: holidays.of(unit),
                })
                .collect();
            Ok(model::present_many(conn, &contexts)?)
        })
        .await?;
    Ok(web::Json(list))
}

/// Get a submission.
///
/// A unit's figures for a form and period. When nothing is saved yet the
/// answer is the empty form: no id, version 0, status `not_started`.
#[utoipa::path(
    tag = "submissions",
    security(("bearer" = [])),
    params(SubmissionPath),
    responses(
        (status = 200, description = "The submission", body = Submission),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The caller may not see this unit", body = ErrorBody),
        (status = 404, description = "No such unit or form", body = ErrorBody),
        (status = 422, description = "Malformed period, or a form this unit does not report", body = ErrorBody),
    )
)]
#[get("/submissions/{unit_id}/{form_id}/{period}")]
pub async fn get_submission(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SubmissionPath>,
) -> ApiResult<web::Json<Submission>> {
    let period = path.period()?;
    let submission = state
        .db(move |conn| {
            let loaded = Loaded::load(conn, path.unit_id, path.form_id)?;
            AuthUser::require(user.can_read(&loaded.unit))?;
            loaded.present(conn, period)
        })
        .await?;
    Ok(web::Json(submission))
}

async fn apply(
    state: web::Data<AppState>,
    user: AuthUser,
    path: SubmissionPath,
    input: SubmissionInput,
    action: Action,
) -> ApiResult<web::Json<Submission>> {
    let period = path.period()?;
    let submission = state
        .db(move |conn| {
            let loaded = Loaded::load(conn, path.unit_id, path.form_id)?;
            AuthUser::require(user.can_enter_data(&loaded.unit))?;
            if !loaded.unit.active {
                return Err(ApiError::Conflict("Đơn vị đã ngừng hoạt động".into()));
            }
            service::save(conn, &user, &loaded.context(period), input, action, crate::clock::today())?;
            loaded.present(conn, period)
        })
        .await?;
    Ok(web::Json(submission))
}

/// Save a draft.
///
/// Stores the figures sent (indicators left out keep their saved value)
/// without submitting. Send the `version` the figures were edited from: a
/// save made from an older version is refused with 409 `version_conflict`.
/// Sending the same figures again is harmless.
#[utoipa::path(
    tag = "submissions",
    security(("bearer" = [])),
    params(SubmissionPath),
    request_body = SubmissionInput,
    responses(
        (status = 200, description = "Saved; the submission as stored", body = Submission),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The caller may not enter this unit's figures", body = ErrorBody),
        (status = 404, description = "No such unit or form", body = ErrorBody),
        (status = 409, description = "Stale version (`version_conflict`), or already submitted (`conflict`)", body = ErrorBody),
        (status = 422, description = "A figure is invalid (field `values.<INDICATOR_CODE>`), or the period is in the future", body = ErrorBody),
    )
)]
#[put("/submissions/{unit_id}/{form_id}/{period}")]
pub async fn save_draft(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SubmissionPath>,
    body: Json<SubmissionInput>,
) -> ApiResult<web::Json<Submission>> {
    apply(state, user, path.into_inner(), body.into_inner(), Action::SaveDraft).await
}

/// Submit.
///
/// Stores the figures sent and submits the whole form to the commune. Every
/// indicator of the form needs a figure. Retrying the same submit (a phone
/// that lost the answer) returns the submitted form and changes nothing.
#[utoipa::path(
    tag = "submissions",
    security(("bearer" = [])),
    params(SubmissionPath),
    request_body = SubmissionInput,
    responses(
        (status = 200, description = "Submitted; the submission as stored", body = Submission),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The caller may not enter this unit's figures", body = ErrorBody),
        (status = 404, description = "No such unit or form", body = ErrorBody),
        (status = 409, description = "Stale version (`version_conflict`), or already submitted with other figures (`conflict`)", body = ErrorBody),
        (status = 422, description = "A figure is missing or invalid (field `values.<INDICATOR_CODE>`)", body = ErrorBody),
    )
)]
#[post("/submissions/{unit_id}/{form_id}/{period}/submit")]
pub async fn submit(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SubmissionPath>,
    body: Json<SubmissionInput>,
) -> ApiResult<web::Json<Submission>> {
    apply(state, user, path.into_inner(), body.into_inner(), Action::Submit).await
}
