//! Loading what a screen shows: [`use_load`] asks the API when the screen
//! opens and again whenever what the answer depends on changes, or when
//! the screen asks for it ([`Load::reload`], e.g. «Thử lại»).
//!
//! A lost session is not the screen's business: the API layer sends the user
//! to the login screen (`api::client`), so a failed load only has to be shown.

use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

use crate::api::ApiError;
use crate::components::loading::{load_error, loading};

/// What a screen has of an answer: on its way, here, or refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Loadable<T> {
    /// Asked, no answer yet.
    Loading,
    /// The answer.
    Loaded(T),
    /// The call failed.
    Failed(ApiError),
}

impl<T> Loadable<T> {
    /// The answer, once it is here.
    pub fn loaded(&self) -> Option<&T> {
        match self {
            Loadable::Loaded(value) => Some(value),
            Loadable::Loading | Loadable::Failed(_) => None,
        }
    }

    /// The answer shown by `view`; «Đang tải…» while it is on its way; why it
    /// failed, with «Thử lại» (`on_retry`), when it could not come.
    pub fn view(&self, on_retry: &Callback<()>, view: impl FnOnce(&T) -> Html) -> Html {
        match self {
            Loadable::Loading => loading(),
            Loadable::Failed(e) => load_error(e.message(), on_retry.clone()),
            Loadable::Loaded(value) => view(value),
        }
    }
}

impl<T> From<Result<T, ApiError>> for Loadable<T> {
    fn from(result: Result<T, ApiError>) -> Self {
        match result {
            Ok(value) => Loadable::Loaded(value),
            Err(e) => Loadable::Failed(e),
        }
    }
}

/// How many times a screen asked to load again: a change is a new load.
#[derive(Default, PartialEq)]
struct Reloads(u32);

impl Reducible for Reloads {
    type Action = ();

    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(Reloads(self.0.wrapping_add(1)))
    }
}

/// An answer a screen loads, read as a [`Loadable`] (`*load`).
pub struct Load<T> {
    value: UseStateHandle<Loadable<T>>,
    reloads: UseReducerDispatcher<Reloads>,
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        Load { value: self.value.clone(), reloads: self.reloads.clone() }
    }
}

impl<T> Deref for Load<T> {
    type Target = Loadable<T>;

    fn deref(&self) -> &Loadable<T> {
        &self.value
    }
}

impl<T: 'static> Load<T> {
    /// Asks again (the screen shows «Đang tải…» until the answer comes).
    pub fn reload(&self) {
        self.reloads.dispatch(());
    }

    /// [`Load::reload`] as a callback, e.g. for «Thử lại».
    pub fn reload_callback(&self) -> Callback<()> {
        self.reloads.to_callback()
    }

    /// Replaces the answer with one the screen already has (what a save
    /// answered), without asking the server.
    pub fn set(&self, value: T) {
        self.value.set(Loadable::Loaded(value));
    }
}

/// Loads `load(deps)` when the component mounts and whenever `deps` change
/// (a unit, a period, a form), and again on [`Load::reload`]. Only the
/// answer to the latest request is kept: an answer that comes after the
/// screen moved on to other `deps` is dropped.
#[hook]
pub fn use_load<D, T, F, Fut>(deps: D, load: F) -> Load<T>
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    use_load_when(Some(deps), load)
}

/// [`use_load`] once the `deps` are known: while they are `None` (the form
/// the screen is about is not chosen yet) nothing is asked and the answer
/// stays [`Loadable::Loading`].
#[hook]
pub fn use_load_when<D, T, F, Fut>(deps: Option<D>, load: F) -> Load<T>
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let value = use_state(|| Loadable::Loading);
    let reloads = use_reducer(Reloads::default);
    // The number of the latest request: an older one's answer is dropped.
    let latest = use_mut_ref(|| 0_u32);
    use_effect_with((deps, reloads.0), {
        let value = value.clone();
        move |(deps, _)| {
            let ticket = {
                let mut latest = latest.borrow_mut();
                *latest = latest.wrapping_add(1);
                *latest
            };
            if !matches!(*value, Loadable::Loading) {
                value.set(Loadable::Loading);
            }
            if let Some(deps) = deps {
                let answer = load(deps.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = answer.await;
                    if *latest.borrow() == ticket {
                        value.set(result.into());
                    }
                });
            }
        }
    });
    Load { value, reloads: reloads.dispatcher() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_loaded_and_a_failure_keeps_its_error() {
        assert_eq!(Loadable::from(Ok::<_, ApiError>(3)), Loadable::Loaded(3));
        assert_eq!(Loadable::<i32>::from(Err(ApiError::Network)), Loadable::Failed(ApiError::Network));
        assert_eq!(Loadable::Loaded(3).loaded(), Some(&3));
        assert_eq!(Loadable::<i32>::Loading.loaded(), None);
        assert_eq!(Loadable::<i32>::Failed(ApiError::SessionExpired).loaded(), None);
    }

    #[test]
    fn each_reload_is_a_new_count() {
        let once = Rc::new(Reloads::default()).reduce(());
        assert_eq!(once.0, 1);
        assert_eq!(once.reduce(()).0, 2);
        assert_eq!(Rc::new(Reloads(u32::MAX)).reduce(()).0, 0, "wraps around instead of overflowing");
    }
}
