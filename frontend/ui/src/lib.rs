//! What both tonghop browser apps share.
//!
//! tonghop ships two yew apps: the **reporter** app (`frontend/reporter`),
//! which every village and mass organisation loads on its phone, and the
//! **office** app (`frontend/office`), which only the commune office, upper
//! levels and administrators download. This library is everything both use,
//! and nothing only the office uses, so the reporter app stays small.
//!
//! Map: [`shell`] mounts an app, guards it with the login screen and hands a
//! user to the other app when it is not theirs; [`route`] the addresses;
//! [`session`] who is logged in; [`api`] is the only module that speaks HTTP
//! (and refreshes tokens, and says when the session is over); [`hooks`]
//! loads what a screen shows ([`hooks::use_load`]); [`outbox`] keeps saves
//! made offline and delivers them; [`pages`] the screens every unit uses;
//! [`components`] the pieces they share; [`drafts`] mirrors what the user types into localStorage;
//! [`format`] writes dates and times the Vietnamese way; [`review`] words the
//! review workflow. Figures are parsed, checked and written by
//! `tonghop_shared`, the same code the server runs.

pub mod api;
pub mod components;
pub mod drafts;
pub mod format;
pub mod hooks;
pub mod json;
pub mod outbox;
pub mod pages;
pub mod push;
pub mod review;
pub mod route;
pub mod router;
pub mod session;
pub mod shell;
pub mod storage;
