//! Web Push on the server's side: this browser's subscription. (The
//! server's key, `GET /push/key`, is public and read by the browser glue in
//! `index.html`.)

use gloo_net::http::Method;

use super::{ApiError, client};

/// Keeps this browser's subscription (`PushSubscription.toJSON()`, as text)
/// for the logged-in user.
pub async fn subscribe(subscription: &str) -> Result<(), ApiError> {
    client::check(client::send_authed(Method::PUT, "/push/subscriptions", Some(subscription)).await?).await?;
    Ok(())
}

/// Forgets the subscription of `endpoint`.
pub async fn unsubscribe(endpoint: &str) -> Result<(), ApiError> {
    let path = format!("/push/subscriptions?endpoint={}", String::from(js_sys::encode_uri_component(endpoint)));
    client::check(client::send_authed(Method::DELETE, &path, None).await?).await?;
    Ok(())
}
