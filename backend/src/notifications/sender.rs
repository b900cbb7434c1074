//! Delivers the queued notifications: each server polls the queue, claims
//! what is due, encrypts each payload for its browser (RFC 8291, through
//! `web-push-native`), signs with the VAPID key (`keys.rs`) and posts it to
//! the browser's push service. Runs beside the HTTP server
//! (`startup::Application::run_until_stopped`); a request never waits for
//! a push service.
//!
//! A push service's answer decides what happens to the message:
//! - 2xx: sent;
//! - 404 or 410: the browser has unsubscribed; the subscription is forgotten;
//! - 429, 5xx, no answer: tried again later, waiting twice as long each
//!   time, up to [`MAX_ATTEMPTS`];
//! - any other (400, 401, 403, 413): given up on, with a warning in the log.
//!
//! A server that stops after claiming a message and before sending it
//! leaves it claimed for [`CLAIM_SECS`]; another server (or this one,
//! restarted) then sends it. So a message is sent at least once: a
//! repeat carries the same tag and replaces the first on the phone.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{NaiveDate, Timelike};
use web_push_native::{Auth, WebPushBuilder};

use super::Push;
use super::keys::Vapid;
use super::model::{self, Claimed};
use super::reminders;
use crate::state::AppState;

/// How long a claimed message is held before another server may take it.
pub const CLAIM_SECS: i64 = 120;
/// Tries before a message is given up on.
pub const MAX_ATTEMPTS: i32 = 8;
/// How long a push service keeps a message for a phone that is off (TTL).
const TIME_TO_LIVE: Duration = Duration::from_secs(24 * 3600);
/// Messages claimed at once.
const BATCH: i64 = 50;
/// Sent messages are kept this long (a reminder's key with them).
const KEEP_DAYS: i64 = 60;

/// The end of one try.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Sent,
    Gone,
    Again,
    GiveUp,
}

/// Sends until the future is dropped (the server stops).
pub async fn run(state: AppState) {
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(15))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("tonghop/", env!("CARGO_PKG_VERSION")))
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "push notifications are off: no HTTP client");
            return;
        }
    };
    let push = state.push.clone();
    let mut reminded: Option<NaiveDate> = None;
    let mut pruned: Option<NaiveDate> = None;
    loop {
        let now = crate::clock::now_in_vietnam();
        let (today, hour) = (now.date(), now.hour());
        if reminded != Some(today) && hour >= push.reminder_hour {
            reminded = Some(today);
            match state.db(move |conn| reminders::queue_due(conn, today)).await {
                Ok(queued) if queued > 0 => tracing::info!(queued, "deadline reminders queued"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "deadline reminders not queued"),
            }
        }
        if pruned != Some(today) {
            pruned = Some(today);
            let before = crate::db::now() - chrono::Duration::days(KEEP_DAYS);
            if let Err(error) = state.db(move |conn| Ok(model::prune(conn, before)?)).await {
                tracing::warn!(%error, "sent notifications not pruned");
            }
        }
        deliver_due(&state, &client, &push).await;
        tokio::time::sleep(push.poll).await;
    }
}

/// Sends everything due now, batch after batch.
async fn deliver_due(state: &AppState, client: &reqwest::Client, push: &Arc<Push>) {
    loop {
        let now = crate::db::now();
        let until = now + chrono::Duration::seconds(CLAIM_SECS);
        let batch = match state.db(move |conn| Ok(model::claim(conn, now, until, BATCH)?)).await {
            Ok(batch) => batch,
            Err(error) => {
                tracing::warn!(%error, "notification queue not read");
                return;
            }
        };
        if batch.is_empty() {
            return;
        }
        for message in batch {
            let outcome = send(client, &push.vapid, &message).await;
            let (id, subscription_id, attempts) = (message.id, message.subscription_id, message.attempts + 1);
            let recorded = state
                .db(move |conn| {
                    let now = crate::db::now();
                    match outcome {
                        Outcome::Sent => model::finish(conn, id, now)?,
                        Outcome::Gone => model::forget_subscription(conn, subscription_id)?,
                        Outcome::Again if attempts < MAX_ATTEMPTS => model::retry(conn, id, attempts, now + backoff(attempts))?,
                        Outcome::Again | Outcome::GiveUp => {
                            tracing::warn!(id, attempts, "notification given up");
                            model::finish(conn, id, now)?
                        }
                    };
                    Ok(())
                })
                .await;
            if let Err(error) = recorded {
                tracing::warn!(%error, id, "notification outcome not recorded");
            }
        }
    }
}

/// 30 s after the first failure, doubling, at most an hour.
fn backoff(attempts: i32) -> chrono::Duration {
    let exponent = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    chrono::Duration::seconds((30_i64 << exponent).min(3600))
}

/// One try: encrypt, sign, post.
async fn send(client: &reqwest::Client, vapid: &Vapid, message: &Claimed) -> Outcome {
    let request = match build(vapid, message) {
        Ok(request) => request,
        Err(error) => {
            tracing::warn!(%error, id = message.id, "notification not encrypted");
            return Outcome::GiveUp;
        }
    };
    match client.execute(request).await {
        Ok(answer) => {
            let status = answer.status();
            match status.as_u16() {
                200..=299 => Outcome::Sent,
                404 | 410 => Outcome::Gone,
                429 | 500..=599 => Outcome::Again,
                _ => {
                    let text = answer.text().await.unwrap_or_default();
                    tracing::warn!(%status, body = %text.chars().take(300).collect::<String>(), id = message.id, "push service refused a notification");
                    Outcome::GiveUp
                }
            }
        }
        Err(error) => {
            tracing::info!(%error, id = message.id, "push service not reached; will try again");
            Outcome::Again
        }
    }
}

/// The push request: the payload encrypted for the browser's keys
/// (`aes128gcm`), with its TTL and the VAPID `Authorization`.
fn build(vapid: &Vapid, message: &Claimed) -> anyhow::Result<reqwest::Request> {
    let endpoint = url::Url::parse(&message.endpoint)?;
    let public = p256::PublicKey::from_sec1_bytes(&URL_SAFE_NO_PAD.decode(&message.p256dh)?)?;
    let auth = URL_SAFE_NO_PAD.decode(&message.auth)?;
    anyhow::ensure!(auth.len() == 16, "the auth secret is not 16 bytes");
    let mut request = WebPushBuilder::new(message.endpoint.parse()?, public, Auth::clone_from_slice(&auth))
        .with_valid_duration(TIME_TO_LIVE)
        .build(message.payload.as_bytes())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let authorization = vapid.authorization(&endpoint, chrono::Utc::now().timestamp())?;
    request.headers_mut().insert(http::header::AUTHORIZATION, authorization.parse()?);
    request.headers_mut().insert("Urgency", http::HeaderValue::from_static("normal"));
    Ok(reqwest::Request::try_from(request)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_push_waits_longer_each_time_and_at_most_an_hour() {
        assert_eq!(backoff(1).num_seconds(), 30);
        assert_eq!(backoff(2).num_seconds(), 60);
        assert_eq!(backoff(5).num_seconds(), 480);
        assert_eq!(backoff(8).num_seconds(), 3600);
        assert_eq!(backoff(40).num_seconds(), 3600);
    }
}
