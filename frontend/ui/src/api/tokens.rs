//! The session tokens, kept in localStorage so that a reload or a closed tab
//! does not log the user out, and shared by every tab of the app.

use serde::{Deserialize, Serialize};
use tonghop_shared::api::TokenResponse;

const KEY: &str = "tonghop.tokens";

/// The pair the server handed out last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tokens {
    /// Sent as `Authorization: Bearer`.
    pub access_token: String,
    /// Single-use: replaced by every refresh.
    pub refresh_token: String,
}

/// The stored tokens, if logged in.
pub fn load() -> Option<Tokens> {
    crate::storage::get(KEY)
}

/// Keeps the tokens of a login or refresh answer.
pub fn store(answer: &TokenResponse) {
    let tokens = Tokens { access_token: answer.access_token.clone(), refresh_token: answer.refresh_token.clone() };
    // Storage full or disabled: the session then lasts as long as the page.
    crate::storage::set(KEY, &tokens);
}

/// Forgets the tokens (logout, or refresh refused).
pub fn clear() {
    crate::storage::delete(KEY);
}
