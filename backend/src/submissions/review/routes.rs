//! `/api/v1/submissions/{unit_id}/{form_id}/{period}/…`: the commune
//! office's review decisions, and the history of a submission or a figure.

use actix_web::{get, post, web};
use serde::Deserialize;
use tonghop_shared::api::{ApproveRequest, ErrorBody, HistoryEntry, ReopenRequest, ReturnRequest, ReviewAction, Submission};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::submissions::review::{self, Decision};
use crate::submissions::routes::{Loaded, SubmissionPath};
use crate::submissions::{history, model};
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(return_submission).service(approve_submission).service(reopen_submission).service(submission_history);
}

async fn decide(state: web::Data<AppState>, user: AuthUser, path: SubmissionPath, decision: Decision) -> ApiResult<web::Json<Submission>> {
    let period = path.period()?;
    let submission = state
        .db(move |conn| {
            let loaded = Loaded::load(conn, path.unit_id, path.form_id)?;
            user.may_decide(&loaded.unit, decision.action, None)?;
            review::decide(conn, &user, &loaded.context(period), decision)?;
            loaded.present(conn, period)
        })
        .await?;
    Ok(web::Json(submission))
}

/// Return to the unit.
///
/// Sends a submitted form back to its unit with a general reason and,
/// optionally, comments on specific figures. The unit sees them next to those
/// figures, fixes and submits again; the reviewer then sees what changed
/// (`changes_since_return`). The commune office (or an administrator) only,
/// for the units below it.
#[utoipa::path(
    tag = "review",
    security(("bearer" = [])),
    params(SubmissionPath),
    request_body = ReturnRequest,
    responses(
        (status = 200, description = "Returned; the submission as stored", body = Submission),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The caller may not review this unit", body = ErrorBody),
        (status = 404, description = "No such unit or form", body = ErrorBody),
        (status = 409, description = "Not in `submitted` status (`conflict`), or a stale version (`version_conflict`)", body = ErrorBody),
        (status = 422, description = "No reason, or a comment on an indicator not in the form", body = ErrorBody),
    )
)]
#[post("/submissions/{unit_id}/{form_id}/{period}/return")]
pub async fn return_submission(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SubmissionPath>,
    body: Json<ReturnRequest>,
) -> ApiResult<web::Json<Submission>> {
    let ReturnRequest { version, reason, figure_comments } = body.into_inner();
    let decision = Decision { action: ReviewAction::Return, version, reason: Some(reason), figure_comments };
    decide(state, user, path.into_inner(), decision).await
}

/// Approve.
///
/// Accepts a submitted form. Approved figures are locked: the unit cannot
/// change them unless the commune office reopens the form.
#[utoipa::path(
    tag = "review",
    security(("bearer" = [])),
    params(SubmissionPath),
    request_body = ApproveRequest,
    responses(
        (status = 200, description = "Approved; the submission as stored", body = Submission),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The caller may not review this unit", body = ErrorBody),
        (status = 404, description = "No such unit or form", body = ErrorBody),
        (status = 409, description = "Not in `submitted` status (`conflict`), or a stale version (`version_conflict`)", body = ErrorBody),
    )
)]
#[post("/submissions/{unit_id}/{form_id}/{period}/approve")]
pub async fn approve_submission(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SubmissionPath>,
    body: Json<ApproveRequest>,
) -> ApiResult<web::Json<Submission>> {
    let decision = Decision { action: ReviewAction::Approve, version: body.version, reason: None, figure_comments: Vec::new() };
    decide(state, user, path.into_inner(), decision).await
}

/// Reopen an approved form.
///
/// Unlocks approved figures for correction, with a written reason that is
/// kept in the audit log. The form goes back to the unit as returned.
#[utoipa::path(
    tag = "review",
    security(("bearer" = [])),
    params(SubmissionPath),
    request_body = ReopenRequest,
    responses(
        (status = 200, description = "Reopened; the submission as stored", body = Submission),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The caller may not review this unit", body = ErrorBody),
        (status = 404, description = "No such unit or form", body = ErrorBody),
        (status = 409, description = "Not approved (`conflict`), or a stale version (`version_conflict`)", body = ErrorBody),
        (status = 422, description = "No reason given", body = ErrorBody),
    )
)]
#[post("/submissions/{unit_id}/{form_id}/{period}/reopen")]
pub async fn reopen_submission(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SubmissionPath>,
    body: Json<ReopenRequest>,
) -> ApiResult<web::Json<Submission>> {
    let ReopenRequest { version, reason } = body.into_inner();
    let decision = Decision { action: ReviewAction::Reopen, version, reason: Some(reason), figure_comments: Vec::new() };
    decide(state, user, path.into_inner(), decision).await
}

/// Query of the history endpoint.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// Only this indicator's figure changes (status changes are always listed).
    pub indicator: Option<String>,
}

/// History of a submission or of one figure.
///
/// Every change of a figure (who, when, from what to what, with the comment)
/// and every change of status (saved, submitted, returned with the reason,
/// approved, reopened with the reason), oldest first. Anyone who may read the
/// submission may read its history.
#[utoipa::path(
    tag = "review",
    security(("bearer" = [])),
    params(SubmissionPath, HistoryQuery),
    responses(
        (status = 200, description = "The history, oldest first (empty before the first save)", body = Vec<HistoryEntry>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The caller may not see this unit", body = ErrorBody),
        (status = 404, description = "No such unit or form", body = ErrorBody),
        (status = 422, description = "Malformed period", body = ErrorBody),
    )
)]
#[get("/submissions/{unit_id}/{form_id}/{period}/history")]
pub async fn submission_history(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<SubmissionPath>,
    query: web::Query<HistoryQuery>,
) -> ApiResult<web::Json<Vec<HistoryEntry>>> {
    let period = path.period()?;
    let indicator = query.into_inner().indicator;
    let entries = state
        .db(move |conn| {
            let loaded = Loaded::load(conn, path.unit_id, path.form_id)?;
            AuthUser::require(user.can_read(&loaded.unit))?;
            match model::find(conn, loaded.unit.id, loaded.form.id, period)? {
                Some(row) => Ok(history::of_submission(conn, row.id, indicator.as_deref())?),
                None => Ok(Vec::new()),
            }
        })
        .await?;
    Ok(web::Json(entries))
}
