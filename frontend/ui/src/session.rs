//! Who is logged in, shared with every component through a context.
//!
//! The user is kept in localStorage next to the tokens (see `api`), so a
//! reload opens the app at once, even offline, without asking the server.

use std::cell::Cell;
use std::rc::Rc;

use tonghop_shared::api::{CurrentUser, Role};
use yew::prelude::*;

use crate::api;

const USER_KEY: &str = "tonghop.user";

/// Whether a session is kept in localStorage (what `index.html` reads to
/// choose the app). False when the browser refuses storage.
pub fn is_stored() -> bool {
    api::has_session() && crate::storage::get::<CurrentUser>(USER_KEY).is_some()
}

thread_local! {
    /// The calendar of the session's user, set with the session (restored,
    /// logged in, refreshed, ended), so that counting a period on every
    /// render reads no storage and parses no JSON.
    static CALENDAR: Cell<tonghop_shared::ReportingCalendar> = Cell::default();
}

/// The reporting calendar of the logged-in user (the login and every
/// refresh say it), or the default one when nobody is.
pub fn calendar() -> tonghop_shared::ReportingCalendar {
    CALENDAR.with(Cell::get)
}

fn remember_calendar(user: Option<&CurrentUser>) {
    let calendar = user.map(|u| u.calendar).unwrap_or_default();
    CALENDAR.with(|c| c.set(calendar));
}

/// The session state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Session {
    /// The logged-in user, `None` on the login screen.
    pub user: Option<CurrentUser>,
    /// Why the user is on the login screen, if not by choice.
    pub notice: Option<String>,
}

/// What can happen to a session.
#[derive(Debug)]
pub enum SessionAction {
    /// Logged in (tokens already stored by `api::login`).
    LoggedIn(CurrentUser),
    /// Fresh details of the same user from `/auth/me`.
    Refreshed(CurrentUser),
    /// The user logged out.
    LoggedOut,
    /// The server refused the session: back to the login screen with a notice.
    Expired,
}

impl Session {
    /// The session left in localStorage by an earlier visit.
    pub fn restore() -> Self {
        let user: Option<CurrentUser> = if api::has_session() { crate::storage::get(USER_KEY) } else { None };
        remember_calendar(user.as_ref());
        Session { user, notice: None }
    }

    /// The user's role, if logged in.
    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|u| u.role)
    }
}

impl Reducible for Session {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        // Persisting here keeps storage and state from drifting apart: every
        // change of session passes through this one function.
        let next = match action {
            SessionAction::LoggedIn(user) | SessionAction::Refreshed(user) => {
                crate::storage::set(USER_KEY, &user);
                Session { user: Some(user), notice: None }
            }
            SessionAction::LoggedOut => {
                crate::storage::delete(USER_KEY);
                Session::default()
            }
            SessionAction::Expired => {
                api::forget_session();
                crate::storage::delete(USER_KEY);
                Session { user: None, notice: Some(api::ApiError::SessionExpired.message()) }
            }
        };
        remember_calendar(next.user.as_ref());
        Rc::new(next)
    }
}

/// The handle components read and dispatch to.
pub type SessionContext = UseReducerHandle<Session>;

/// The session of the app. Panics outside [`SessionProvider`].
#[hook]
#[allow(clippy::expect_used, reason = "the app's root wraps every page in SessionProvider; every browser test would fail first")]
pub fn use_session() -> SessionContext {
    use_context::<SessionContext>().expect("SessionProvider wraps the app")
}

/// Props of [`SessionProvider`].
#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    /// The app.
    pub children: Html,
}

/// Provides the session to everything below it, and takes the user to the
/// login screen whenever a call finds the session over (`api::client`
/// reports it, for every page).
#[component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let session = use_reducer(Session::restore);
    use_effect_with((), {
        let dispatch = session.dispatcher();
        move |()| {
            api::client::on_session_expired(Some(Rc::new(move || dispatch.dispatch(SessionAction::Expired))));
            || api::client::on_session_expired(None)
        }
    });
    html! {
        <ContextProvider<SessionContext> context={session}>
            { props.children.clone() }
        </ContextProvider<SessionContext>>
    }
}
