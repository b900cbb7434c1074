//! Web Push notifications: what reaches a phone without the app open.
//!
//! - A village learns that its month was returned (with the reason) or
//!   reopened, and is reminded before a deadline it has not met
//!   (`reminders.rs`: how many days before is set per commune).
//! - The commune office learns that figures or a section arrived.
//!
//! What is to be sent is a row of `push_messages`, one per subscribed
//! browser, written in the same transaction as what it tells: a return
//! that rolls back sends nothing, and one that commits is sent even if the
//! server stops a moment later. `sender.rs` delivers them (the standard Web
//! Push encryption, RFC 8291, and a VAPID signature, RFC 8292: `keys.rs`);
//! with several servers on one database each message is claimed by one.
//! Nothing is queued for a user without a subscription, so the write paths
//! pay one indexed lookup when nobody asked for notifications.
//!
//! `routes.rs`: the public key, a browser's subscription, the reminder
//! setting.

pub mod keys;
pub mod model;
pub mod reminders;
pub mod routes;
pub mod sender;
pub mod subscriptions;

use std::time::Duration;

use serde::Serialize;
use tonghop_shared::ReportPeriod;

use crate::db::DbConn;
use crate::units::model::UnitRow;

/// Longest body of a notification, in characters: a return's reason is cut
/// there (the app shows it whole). Push services accept about 4 KB.
const MAX_BODY_CHARS: usize = 300;

/// What the sender is configured with.
#[derive(Clone)]
pub struct Push {
    /// The server's key.
    pub vapid: keys::Vapid,
    /// Plain `http://` endpoints accepted (a local push service, in tests).
    pub allow_http: bool,
    /// How often the queue is read.
    pub poll: Duration,
    /// The hour (Vietnam time) from which the day's reminders are queued;
    /// 24 or more: never.
    pub reminder_hour: u32,
}

/// What a notification is about, as the service worker shows and opens it.
#[derive(Debug, Clone)]
pub struct Topic {
    /// `Báo cáo Tháng 11/2026`, `Phần báo cáo 6 tháng đầu năm 2026`.
    pub label: String,
    /// The unit's name.
    pub unit_name: String,
    /// The app's address that shows it.
    pub url: String,
    /// Notifications of one tag replace each other on the phone.
    pub tag: String,
}

impl Topic {
    /// A unit's figures for a form and month.
    pub fn figures(unit: &UnitRow, form_id: i64, period: &str) -> Self {
        let label = period.parse::<tonghop_shared::MonthPeriod>().map_or_else(|_| period.to_owned(), |p| p.label_vi());
        Self {
            label: format!("Báo cáo {}", lower_first(&label)),
            unit_name: unit.name.clone(),
            url: format!("/form/{}/{form_id}/{period}", unit.id),
            tag: format!("form-{}-{form_id}-{period}", unit.id),
        }
    }

    /// A unit's activity section for a period.
    pub fn section(unit: &UnitRow, period: &str) -> Self {
        let label = period.parse::<ReportPeriod>().map_or_else(|_| period.to_owned(), |p| p.label_vi());
        Self {
            label: format!("Phần báo cáo {}", lower_first(&label)),
            unit_name: unit.name.clone(),
            url: format!("/section/{}/{period}", unit.id),
            tag: format!("section-{}-{period}", unit.id),
        }
    }
}

/// «Tháng 11/2026» inside a sentence: «tháng 11/2026».
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// What the service worker shows (`sw.js`, the `push` event).
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    /// The first line.
    pub title: String,
    /// The text under it.
    pub body: String,
    /// Opened on a tap.
    pub url: String,
    /// Replaces an earlier notification of the same tag.
    pub tag: String,
}

impl Message {
    /// To the unit: returned for a fix (or reopened), with the reason.
    pub fn returned(topic: &Topic, reason: Option<&str>, reopened: bool) -> Self {
        let what = if reopened { "được mở lại để sửa" } else { "bị trả lại" };
        Self {
            title: format!("{} {what}", topic.label),
            body: cut(reason.unwrap_or("Văn phòng xã đề nghị xem lại.")),
            url: topic.url.clone(),
            tag: topic.tag.clone(),
        }
    }

    /// To the office: a unit sent it.
    pub fn submitted(topic: &Topic) -> Self {
        Self {
            title: format!("{} đã gửi", topic.unit_name),
            body: format!("{}: chờ duyệt.", topic.label),
            url: topic.url.clone(),
            tag: topic.tag.clone(),
        }
    }

    /// To the unit: a deadline is near and the month is not sent.
    pub fn reminder(topic: &Topic, deadline: chrono::NaiveDate, today: chrono::NaiveDate) -> Self {
        let days = (deadline - today).num_days();
        let left = if days <= 0 { "hôm nay là hạn cuối".to_owned() } else { format!("còn {days} ngày") };
        Self {
            title: "Sắp đến hạn gửi báo cáo".into(),
            body: format!("{} của {}: hạn {}, {left}.", topic.label, topic.unit_name, deadline.format("%d/%m/%Y")),
            url: topic.url.clone(),
            tag: topic.tag.clone(),
        }
    }

    /// The payload, as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

fn cut(text: &str) -> String {
    if text.chars().count() <= MAX_BODY_CHARS {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(MAX_BODY_CHARS - 1).collect();
    out.push('…');
    out
}

/// Who receives a message.
#[derive(Debug, Clone, Copy)]
pub enum Recipients<'a> {
    /// The accounts of a unit that enter its figures (not viewers).
    UnitOf(&'a UnitRow),
    /// The commune office that reviews a unit: the office of the unit
    /// above, or, for the commune's own figures, the commune office itself.
    ReviewersOf(&'a UnitRow),
}

/// Queues `message` for every subscribed browser of `to`, except those of
/// `except` (who did what is told). Call it inside the transaction of what
/// it tells.
pub fn notify(conn: &mut DbConn, to: Recipients<'_>, except: i64, message: &Message) -> diesel::QueryResult<usize> {
    model::queue(conn, to, except, &message.to_json(), None, crate::db::now())
}
