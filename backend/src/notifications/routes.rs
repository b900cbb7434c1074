//! `/api/v1/push`: the server's key and a browser's subscription;
//! `/api/v1/units/{id}/reminders`: how many days before a deadline a
//! commune reminds its units.

use actix_web::{HttpResponse, delete, get, put, web};
use serde::Deserialize;
use tonghop_shared::api::{ErrorBody, PushKey, PushSubscriptionInput, ReminderSettings, ReminderSettingsInput};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::text::Json;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(push_key).service(subscribe).service(unsubscribe).service(get_reminders).service(set_reminders);
}

/// The server's push key.
///
/// The VAPID public key (RFC 8292) a browser subscribes with
/// (`PushManager.subscribe({applicationServerKey})`). Public, as it is in
/// every push the server sends: no login needed.
#[utoipa::path(
    tag = "notifications",
    responses(
        (status = 200, description = "The key", body = PushKey),
    )
)]
#[get("/push/key")]
pub async fn push_key(state: web::Data<AppState>) -> web::Json<PushKey> {
    web::Json(PushKey { public_key: state.push.vapid.public_key().to_owned() })
}

/// Receive notifications on this browser.
///
/// The body is what `PushSubscription.toJSON()` gives. The subscription is
/// kept for the caller; the same endpoint subscribed by another user before
/// becomes the caller's. Notifications: a return or reopening of the
/// caller's unit's figures or sections (with the reason), a reminder before
/// a deadline not yet met, and, for the commune office, figures and
/// sections that arrive.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    request_body = PushSubscriptionInput,
    responses(
        (status = 204, description = "Kept"),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 422, description = "An endpoint that is not an https URL, or keys that are not a P-256 key and a 16-byte secret", body = ErrorBody),
    )
)]
#[put("/push/subscriptions")]
pub async fn subscribe(state: web::Data<AppState>, user: AuthUser, body: Json<PushSubscriptionInput>) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    super::subscriptions::check(&input, state.push.allow_http)?;
    state.db(move |conn| super::subscriptions::keep(conn, user.id, &input)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Query of `DELETE /api/v1/push/subscriptions`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EndpointQuery {
    /// The subscription's endpoint.
    pub endpoint: String,
}

/// Stop notifications on this browser.
///
/// Forgets the caller's subscription of this endpoint; one that is not
/// kept (or is another user's) is left as it is, and the answer is the same.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(EndpointQuery),
    responses(
        (status = 204, description = "Forgotten"),
        (status = 401, description = "Not logged in", body = ErrorBody),
    )
)]
#[delete("/push/subscriptions")]
pub async fn unsubscribe(state: web::Data<AppState>, user: AuthUser, query: web::Query<EndpointQuery>) -> ApiResult<HttpResponse> {
    let endpoint = query.into_inner().endpoint;
    state.db(move |conn| super::subscriptions::forget(conn, user.id, &endpoint)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A unit's reminders before deadlines.
///
/// How many days before a deadline the unit is reminded: its own setting,
/// the nearest above it, or the default (2 days).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Unit id")),
    responses(
        (status = 200, description = "The setting in force", body = ReminderSettings),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "A unit outside the caller's", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
    )
)]
#[get("/units/{id}/reminders")]
pub async fn get_reminders(state: web::Data<AppState>, user: AuthUser, path: web::Path<i64>) -> ApiResult<web::Json<ReminderSettings>> {
    let id = path.into_inner();
    Ok(web::Json(state.db(move |conn| super::reminders::get(conn, &user, id)).await?))
}

/// Set a unit's reminders before deadlines.
///
/// For the unit and every unit below it without its own setting. The
/// commune office sets its commune's; an administrator any unit's.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Unit id")),
    request_body = ReminderSettingsInput,
    responses(
        (status = 200, description = "The setting in force", body = ReminderSettings),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not the unit's commune office or an administrator", body = ErrorBody),
        (status = 404, description = "No such unit", body = ErrorBody),
        (status = 422, description = "More than 15 days", body = ErrorBody),
    )
)]
#[put("/units/{id}/reminders")]
pub async fn set_reminders(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<i64>,
    body: Json<ReminderSettingsInput>,
) -> ApiResult<web::Json<ReminderSettings>> {
    let (id, input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(state.db(move |conn| super::reminders::set(conn, &user, id, &input)).await?))
}
