//! Saves and submits that have not reached the server yet, kept on the phone
//! and delivered by themselves.
//!
//! Every save and submit of a monthly form, and every submit of an activity
//! section, goes through here: it is written to localStorage first, then
//! sent. (A section's text is saved as it is typed by its editor, which
//! retries by itself.) When the phone is offline, the server is
//! down or the session has run out, it stays queued («Chờ gửi» with the time
//! it was made), survives a reload and a closed tab, and is sent again when
//! the connection returns (the `online` event, a timer, the next start of the
//! app, the next login of the same user), after refreshing the session if
//! the access token expired meanwhile.
//!
//! Exactly once: a delivery carries the version the figures were typed on,
//! and the server answers a repeat of figures it already holds as a success
//! without a second write (a phone that lost an answer), while a change made
//! elsewhere meanwhile is refused as a conflict. A conflict or a refusal is
//! kept beside the item and shown on the form, where both versions stand
//! side by side; nothing typed is dropped, since the form's text stays in
//! [`crate::drafts`] until the server has it.
//!
//! One delivery at a time, in the order the items were made; a newer save of
//! the same form replaces an older one still waiting.

use std::cell::Cell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use tonghop_shared::api::{Section, SectionInput, Submission, SubmissionInput};
use tonghop_shared::{MonthPeriod, ReportPeriod};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::js_sys::Date;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::drafts::{DraftKey, SectionDraftKey};
use crate::session::{self, use_session};

const KEY: &str = "tonghop.outbox";
/// How often a waiting item is tried again while the app is open.
const RETRY_MS: u32 = 20_000;

/// Where an item stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Not sent yet (offline, server unreachable, session to renew).
    Waiting,
    /// The figures were changed elsewhere since they were typed.
    Conflict,
    /// The server refused them, with its reason (the form shows the fields).
    Refused {
        /// The server's words.
        message: String,
    },
}

impl Delivery {
    /// A refusal as the form shows its own (`Waiting` is none, but reads as
    /// the connection failing).
    pub fn as_error(&self) -> ApiError {
        let (status, code, message) = match self {
            Delivery::Waiting => return ApiError::Network,
            Delivery::Conflict => (409, "version_conflict", crate::api::VERSION_CONFLICT.to_owned()),
            Delivery::Refused { message } => (422, "refused", message.clone()),
        };
        let body = tonghop_shared::api::ErrorBody { code: code.into(), message, fields: Vec::new() };
        ApiError::Server { status, body, retry_after: None }
    }
}

/// What is sent: a unit's monthly form, or its activity section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Figures of a form for a month.
    Form {
        /// The form.
        form_id: i64,
        /// The month.
        period: MonthPeriod,
        /// The figures and the version they were typed on.
        input: SubmissionInput,
    },
    /// The text of an activity section (only its submit is queued: the
    /// section editor saves the text by itself, with retries).
    Section {
        /// The period.
        period: ReportPeriod,
        /// The text and the version it was typed on.
        input: SectionInput,
    },
}

impl Target {
    fn version(&self) -> i64 {
        match self {
            Target::Form { input, .. } => input.version,
            Target::Section { input, .. } => input.version,
        }
    }

    fn set_version(&mut self, version: i64) {
        match self {
            Target::Form { input, .. } => input.version = version,
            Target::Section { input, .. } => input.version = version,
        }
    }
}

/// Which form or section an item is for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Key {
    /// A unit's form for a month.
    Form(DraftKey),
    /// A unit's section for a period.
    Section(SectionDraftKey),
}

/// What the server answered a delivery with.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The submission as stored.
    Form(Submission),
    /// The section as stored.
    Section(Section),
}

impl Answer {
    fn version(&self) -> i64 {
        match self {
            Answer::Form(sub) => sub.version,
            Answer::Section(section) => section.version,
        }
    }
}

/// A save or submit made on this phone and not yet taken by the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// Who made it: only their session delivers it.
    pub user_id: i64,
    /// The unit whose form or section it is.
    pub unit_id: i64,
    /// What is sent.
    pub target: Target,
    /// A submit to the commune, not only a draft.
    pub submit: bool,
    /// When it was made (milliseconds since 1970, the phone's clock).
    pub queued_at: f64,
    /// Tells a replaced item from its replacement.
    pub seq: u64,
    /// Where it stands.
    pub delivery: Delivery,
}

impl Pending {
    /// The form or section it belongs to.
    pub fn key(&self) -> Key {
        match &self.target {
            Target::Form { form_id, period, .. } => Key::Form(DraftKey { unit_id: self.unit_id, form_id: *form_id, period: *period }),
            Target::Section { period, .. } => Key::Section(SectionDraftKey { unit_id: self.unit_id, period: *period }),
        }
    }

    /// «10:32», or «10:32 15/06/2026» when not today.
    pub fn queued_at_text(&self) -> String {
        let at = Date::new(&JsValue::from_f64(self.queued_at));
        let now = Date::new_0();
        let time = format!("{:02}:{:02}", at.get_hours(), at.get_minutes());
        if at.to_date_string() == now.to_date_string() {
            time
        } else {
            format!("{time} {:02}/{:02}/{}", at.get_date(), at.get_month() + 1, at.get_full_year())
        }
    }
}

/// The queue as stored (a storage that cannot be read counts as empty).
pub fn load() -> Vec<Pending> {
    crate::storage::get(KEY).unwrap_or_default()
}

fn store(items: &[Pending]) -> Result<(), ApiError> {
    if crate::storage::set(KEY, items) {
        Ok(())
    } else {
        Err(ApiError::Unexpected("không lưu được vào bộ nhớ của trình duyệt".into()))
    }
}

/// The item of a form or section, if one is queued.
pub fn find(items: &[Pending], key: Key) -> Option<&Pending> {
    items.iter().find(|p| p.key() == key)
}

/// Puts an item in the queue, replacing what was queued for the same form
/// (the newer figures are what the user wants sent). A submit stays a
/// submit: the figures of a later save go with it.
fn enqueue(items: &mut Vec<Pending>, mut item: Pending) {
    if let Some(old) = items.iter().position(|p| p.key() == item.key()) {
        let old = items.remove(old);
        item.submit |= old.submit && old.delivery == Delivery::Waiting;
    }
    items.push(item);
}

/// After `delivered` was taken (now at `version`), what was queued for the
/// same form after it was typed on top of it, so it moves to that version.
fn rebase(items: &mut [Pending], delivered: &Pending, version: i64) {
    for item in items.iter_mut().filter(|p| p.key() == delivered.key() && p.seq != delivered.seq) {
        if item.target.version() == delivered.target.version() {
            item.target.set_version(version);
        }
    }
}

/// What became of one delivery.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The server has it.
    Taken(Box<Answer>),
    /// Kept for later: offline, or the session must be renewed first.
    Queued(Pending),
    /// The server refused (validation, conflict): the item is marked so.
    Refused(ApiError),
    /// The background delivery sent it (or a newer save of the same form)
    /// while this one waited its turn; its event updates the page.
    Superseded,
}

thread_local! {
    /// One delivery at a time: two at once would send two versions of the
    /// same form, and the second would come back as a conflict.
    static DELIVERING: Cell<bool> = const { Cell::new(false) };
    static SEQ: Cell<u64> = const { Cell::new(0) };
}

struct DeliveringGuard;

impl Drop for DeliveringGuard {
    fn drop(&mut self) {
        DELIVERING.with(|d| d.set(false));
    }
}

async fn exclusive() -> DeliveringGuard {
    while DELIVERING.with(|d| d.replace(true)) {
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    DeliveringGuard
}

fn next_seq() -> u64 {
    let now = Date::now() as u64;
    SEQ.with(|s| {
        let next = now.max(s.get() + 1);
        s.set(next);
        next
    })
}

/// Queues a save (or a submit) made by `user_id`, then delivers it at once
/// if it can. The page shows the outcome; the queue keeps what could not be
/// delivered.
pub async fn send(user_id: i64, unit_id: i64, target: Target, submit: bool) -> Outcome {
    let item = Pending { user_id, unit_id, target, submit, queued_at: Date::now(), seq: next_seq(), delivery: Delivery::Waiting };
    let mut items = load();
    enqueue(&mut items, item.clone());
    if let Err(e) = store(&items) {
        // Storage refused (full, private mode): send directly, as before.
        return deliver_unqueued(item).await.unwrap_or(Outcome::Refused(e));
    }
    let _guard = exclusive().await;
    // Another delivery may have taken or replaced it while this one waited.
    match load().into_iter().find(|p| p.seq == item.seq) {
        Some(current) => deliver_one(current).await,
        None => Outcome::Superseded,
    }
}

/// Without a queue (no storage): one attempt.
async fn deliver_unqueued(item: Pending) -> Option<Outcome> {
    let result = attempt(&item).await;
    Some(match result {
        Ok(answer) => Outcome::Taken(Box::new(answer)),
        Err(ApiError::Network | ApiError::SessionExpired) => return None,
        Err(e) => Outcome::Refused(e),
    })
}

async fn attempt(item: &Pending) -> Result<Answer, ApiError> {
    let unit_id = item.unit_id;
    match (&item.target, item.submit) {
        (Target::Form { form_id, period, input }, true) => api::submit(unit_id, *form_id, *period, input).await.map(Answer::Form),
        (Target::Form { form_id, period, input }, false) => api::save_draft(unit_id, *form_id, *period, input).await.map(Answer::Form),
        (Target::Section { period, input }, true) => api::submit_section(unit_id, *period, input).await.map(Answer::Section),
        (Target::Section { period, input }, false) => api::save_section(unit_id, *period, input).await.map(Answer::Section),
    }
}

/// Whether a failed delivery stays queued, to be sent again by itself: no
/// answer, a session to renew, an answer from something else than tonghop,
/// a limit (429), a server or database that cannot take it now (5xx), or a
/// save undone whole because it met another one's transaction
/// (`concurrent_change`). Anything else is the server's refusal, shown.
fn sent_again(e: &ApiError) -> bool {
    match e {
        ApiError::Network | ApiError::SessionExpired | ApiError::Unexpected(_) => true,
        ApiError::Server { status, body, .. } => *status == 429 || *status >= 500 || body.code == "concurrent_change",
    }
}

/// Sends one queued item and records what became of it. The caller holds
/// the delivery lock.
async fn deliver_one(item: Pending) -> Outcome {
    let result = attempt(&item).await;
    let mut items = load();
    match result {
        Ok(answer) => {
            rebase(&mut items, &item, answer.version());
            items.retain(|p| p.seq != item.seq);
            let _ = store(&items);
            Outcome::Taken(Box::new(answer))
        }
        Err(e) if sent_again(&e) => Outcome::Queued(item),
        Err(e) => {
            let delivery = match e.code() {
                Some("version_conflict") => Delivery::Conflict,
                _ => Delivery::Refused { message: e.message() },
            };
            if let Some(stored) = items.iter_mut().find(|p| p.seq == item.seq) {
                stored.delivery = delivery;
            }
            let _ = store(&items);
            Outcome::Refused(e)
        }
    }
}

/// Forgets the refused item of a form or section (its page shows the
/// refusal now; the text typed is in its local draft).
pub fn forget(key: Key) {
    let mut items = load();
    let before = items.len();
    items.retain(|p| p.key() != key || p.delivery == Delivery::Waiting);
    if items.len() != before {
        let _ = store(&items);
    }
}

/// The outbox as the pages see it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutboxState {
    /// What is queued, for every user of this phone.
    pub items: Rc<Vec<Pending>>,
    /// The last item delivered in the background, with the server's copy:
    /// an open form or section takes it as its new state.
    pub delivered: Option<Rc<(Key, Answer)>>,
}

impl OutboxState {
    /// The item of a form or section, if any.
    pub fn item(&self, key: Key) -> Option<&Pending> {
        find(&self.items, key)
    }
}

/// What changes the outbox state.
#[derive(Debug)]
pub enum OutboxAction {
    /// The stored queue changed.
    Reload,
    /// The background delivery took an item.
    Delivered(Key, Box<Answer>),
}

impl Reducible for OutboxState {
    type Action = OutboxAction;

    fn reduce(self: Rc<Self>, action: OutboxAction) -> Rc<Self> {
        let delivered = match action {
            OutboxAction::Reload => self.delivered.clone(),
            OutboxAction::Delivered(key, sub) => Some(Rc::new((key, *sub))),
        };
        Rc::new(OutboxState { items: Rc::new(load()), delivered })
    }
}

/// The handle pages read and dispatch to.
pub type OutboxContext = UseReducerHandle<OutboxState>;

/// The outbox. `None` outside [`OutboxProvider`] (unit tests of pages).
#[hook]
pub fn use_outbox() -> Option<OutboxContext> {
    use_context::<OutboxContext>()
}

/// The outbox as one page sees it: what it holds for `key` (for the banner),
/// and, as they happen, a delivery made in the background (`on_delivered`,
/// with the server's copy) and a delivery the server refused while the page
/// was away (`on_refused`, once the page has `loaded`: the page takes the
/// refusal over as its own, and the outbox lets the item go; what was typed
/// is in the page's local draft). A delivery from before the page opened is
/// already in what it loads, and is not reported.
#[hook]
pub fn use_outbox_item(key: Key, loaded: bool, on_delivered: Callback<Answer>, on_refused: Callback<ApiError>) -> Option<Pending> {
    let outbox = use_outbox();
    let pending = outbox.as_ref().and_then(|o| o.item(key).cloned());
    let delivered = outbox.as_ref().and_then(|o| o.delivered.clone());
    let seen = use_mut_ref(|| delivered.clone());
    use_effect_with(delivered, move |delivered| {
        let new = match (&*seen.borrow(), delivered) {
            (Some(old), Some(now)) => !Rc::ptr_eq(old, now),
            (None, Some(_)) => true,
            _ => false,
        };
        *seen.borrow_mut() = delivered.clone();
        if let Some((_, answer)) = delivered.as_deref().filter(|(k, _)| new && *k == key) {
            on_delivered.emit(answer.clone());
        }
    });
    let refused = pending.as_ref().filter(|p| p.delivery != Delivery::Waiting).map(|p| p.delivery.clone());
    use_effect_with((refused, loaded), move |(refused, loaded)| {
        if let (Some(delivery), true) = (refused, *loaded) {
            forget(key);
            if let Some(outbox) = &outbox {
                outbox.dispatch(OutboxAction::Reload);
            }
            on_refused.emit(delivery.as_error());
        }
    });
    pending
}

/// Delivers what the current user has waiting, oldest first, until the
/// queue is empty or the connection fails again.
pub async fn deliver_waiting(outbox: OutboxContext, session: session::SessionContext) {
    let Some(user_id) = session.user.as_ref().map(|u| u.id) else { return };
    if !api::has_session() || DELIVERING.with(Cell::get) {
        return;
    }
    let _guard = exclusive().await;
    while let Some(item) = load().into_iter().find(|p| p.user_id == user_id && p.delivery == Delivery::Waiting) {
        let key = item.key();
        match deliver_one(item).await {
            Outcome::Taken(sub) => outbox.dispatch(OutboxAction::Delivered(key, sub)),
            Outcome::Refused(_) | Outcome::Superseded => outbox.dispatch(OutboxAction::Reload),
            // Offline again, or the session is over (the API layer has
            // put the login screen up): the next login delivers.
            Outcome::Queued(_) => break,
        }
    }
    outbox.dispatch(OutboxAction::Reload);
}

/// Props of [`OutboxProvider`].
#[derive(Properties, PartialEq)]
pub struct OutboxProviderProps {
    /// The app.
    pub children: Html,
}

/// Provides the outbox, and delivers it: at start and at every login, when
/// the browser says it is online again, and every 20 seconds while
/// something waits. Must sit inside the session provider.
#[component]
pub fn OutboxProvider(props: &OutboxProviderProps) -> Html {
    let outbox = use_reducer(|| OutboxState { items: Rc::new(load()), delivered: None });
    let session = use_session();
    let user_id = session.user.as_ref().map(|u| u.id);
    {
        let (outbox, session) = (outbox.clone(), session.clone());
        use_effect_with(user_id, move |user_id| {
            let started = user_id.map(|_| {
                let deliver = {
                    let (outbox, session) = (outbox.clone(), session.clone());
                    move || {
                        let (outbox, session) = (outbox.clone(), session.clone());
                        wasm_bindgen_futures::spawn_local(deliver_waiting(outbox, session));
                    }
                };
                deliver();
                let on_online = Closure::<dyn Fn()>::new(deliver.clone());
                let window = web_sys::window();
                if let Some(window) = &window {
                    let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
                }
                let timer = gloo_timers::callback::Interval::new(RETRY_MS, move || {
                    if load().iter().any(|p| p.delivery == Delivery::Waiting) {
                        deliver();
                    }
                });
                (window, on_online, timer)
            });
            move || {
                if let Some((Some(window), on_online, timer)) = started {
                    let _ = window.remove_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
                    drop(timer);
                }
            }
        });
    }
    html! {
        <ContextProvider<OutboxContext> context={outbox}>
            { props.children.clone() }
        </ContextProvider<OutboxContext>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(status: u16, code: &str) -> ApiError {
        let body = tonghop_shared::api::ErrorBody { code: code.into(), message: String::new(), fields: Vec::new() };
        ApiError::Server { status, body, retry_after: None }
    }

    #[test]
    fn what_the_server_could_not_take_now_is_sent_again_and_its_refusals_are_not() {
        for again in [ApiError::Network, answered(503, "unavailable"), answered(429, "rate_limited"), answered(409, "concurrent_change")] {
            assert!(sent_again(&again), "{again:?}");
        }
        for refused in [answered(409, "version_conflict"), answered(422, "validation_failed"), answered(403, "forbidden")] {
            assert!(!sent_again(&refused), "{refused:?}");
        }
    }

    fn item(seq: u64, version: i64, submit: bool) -> Pending {
        Pending {
            user_id: 1,
            unit_id: 2,
            target: Target::Form { form_id: 3, period: "2026-06".parse().unwrap(), input: SubmissionInput { version, values: vec![] } },
            submit,
            queued_at: 0.0,
            seq,
            delivery: Delivery::Waiting,
        }
    }

    fn section(seq: u64, version: i64) -> Pending {
        let input = SectionInput { version, body: "Hội đã tổ chức 3 buổi sinh hoạt.".into() };
        Pending { target: Target::Section { period: "2026-H1".parse().unwrap(), input }, ..item(seq, version, true) }
    }

    #[test]
    fn a_newer_save_replaces_the_waiting_one_and_a_submit_stays_a_submit() {
        let mut items = vec![item(1, 4, true)];
        enqueue(&mut items, item(2, 4, false));
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].seq, 2);
        assert!(items[0].submit, "a queued submit is not turned into a draft by a later save");
    }

    #[test]
    fn a_refused_submit_does_not_make_the_next_save_a_submit() {
        let mut old = item(1, 4, true);
        old.delivery = Delivery::Conflict;
        let mut items = vec![old];
        enqueue(&mut items, item(2, 5, false));
        assert!(!items[0].submit);
    }

    #[test]
    fn what_was_typed_on_a_delivered_item_moves_to_its_new_version() {
        let delivered = item(1, 4, false);
        let mut items = vec![item(2, 4, false)];
        rebase(&mut items, &delivered, 5);
        assert_eq!(items[0].target.version(), 5);
        // Typed on another version: left for the server to judge.
        let mut other = vec![item(3, 2, false)];
        rebase(&mut other, &delivered, 5);
        assert_eq!(other[0].target.version(), 2);
    }

    #[test]
    fn a_section_and_a_form_of_the_same_unit_are_queued_side_by_side() {
        let mut items = vec![item(1, 4, false)];
        enqueue(&mut items, section(2, 7));
        assert_eq!(items.len(), 2);
        assert_ne!(items[0].key(), items[1].key());
        // Rebasing the form leaves the section alone.
        rebase(&mut items, &item(9, 4, false), 5);
        assert_eq!(items[1].target.version(), 7);
    }

    #[test]
    fn the_stored_shape_reads_back() {
        let mut refused = item(7, 1, true);
        refused.delivery = Delivery::Refused { message: "Cần nhập".into() };
        let json = serde_json::to_string(&vec![refused.clone(), section(8, 3)]).unwrap();
        let back: Vec<Pending> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, vec![refused, section(8, 3)]);
    }
}
