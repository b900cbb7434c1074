//! Reminders before a deadline: from `days_before` days before a month's
//! deadline to the deadline itself, a unit that has not sent the month gets
//! one reminder per form and month on each subscribed browser. How many
//! days before is set per commune (`reminder_settings`; a unit takes the
//! nearest setting at or above it, or [`DEFAULT_REMINDER_DAYS`]).
//!
//! Each server runs [`queue_due`] once a day, from the configured hour
//! (`push_reminder_hour`, 7:00 Vietnam time by default) or at its start if
//! later; a reminder's `once_key` makes a second run, or a second server,
//! queue nothing more.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use tonghop_shared::api::{DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS, ReminderSettings, ReminderSettingsInput, Role};

use super::{Message, Recipients, Topic, model};
use crate::auth::AuthUser;
use crate::db::raw::{self, Bind};
use crate::db::schema::{push_subscriptions, reminder_settings, units, users};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::units::model::{self as unit_model, UnitRow};

/// A unit's reminder in force: the days before (`None`: no reminders), and
/// the unit that set it (`None`: the default).
type InForce = (Option<u32>, Option<i64>);

/// The reminder in force for each unit: its own setting, else the nearest
/// above it, else the default.
fn in_force(conn: &mut DbConn, rows: &[UnitRow]) -> QueryResult<HashMap<i64, InForce>> {
    let ids: Vec<i64> = rows.iter().flat_map(UnitRow::lineage).collect();
    let set: HashMap<i64, Option<i32>> = reminder_settings::table
        .filter(reminder_settings::unit_id.eq_any(&ids))
        .select((reminder_settings::unit_id, reminder_settings::days_before))
        .load::<(i64, Option<i32>)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .iter()
        .map(|unit| {
            let nearest =
                unit.lineage().into_iter().rev().find_map(|id| set.get(&id).map(|days| (days.map(|d| d.unsigned_abs()), Some(id))));
            (unit.id, nearest.unwrap_or((Some(DEFAULT_REMINDER_DAYS), None)))
        })
        .collect())
}

/// Queues today's reminders for every unit with a subscribed user; the
/// number queued.
pub fn queue_due(conn: &mut DbConn, today: NaiveDate) -> ApiResult<usize> {
    let unit_ids: Vec<i64> = push_subscriptions::table
        .inner_join(users::table)
        .filter(users::active.eq(true))
        .filter(users::role.eq_any([Role::Reporter.as_str(), Role::Commune.as_str()]))
        .select(users::unit_id)
        .distinct()
        .load(conn)?;
    let rows: Vec<UnitRow> =
        units::table.filter(units::id.eq_any(&unit_ids)).filter(units::active.eq(true)).select(UnitRow::as_select()).load(conn)?;
    let days = in_force(conn, &rows)?;
    let now = crate::db::now();
    let mut queued = 0;
    for unit in &rows {
        let Some((Some(days_before), _)) = days.get(&unit.id) else { continue };
        for item in crate::submissions::due::for_unit(conn, unit, today)? {
            let window_opens = item.deadline - chrono::Days::new(u64::from(*days_before));
            if item.status.received() || today < window_opens || today > item.deadline {
                continue;
            }
            let topic = Topic::figures(unit, item.form_id, &item.period.to_string());
            let message = Message::reminder(&topic, item.deadline, today);
            let key = format!("reminder/{}/{}/{}", unit.id, item.form_id, item.period);
            queued += model::queue(conn, Recipients::UnitOf(unit), 0, &message.to_json(), Some(&key), now)?;
        }
    }
    Ok(queued)
}

/// The setting in force for `unit_id`, as the caller sees it.
pub fn get(conn: &mut DbConn, user: &AuthUser, unit_id: i64) -> ApiResult<ReminderSettings> {
    let unit = unit_model::find(conn, unit_id)?;
    if !(user.unit.contains(&unit) || unit.contains(&user.unit) || user.is_admin()) {
        return Err(ApiError::Forbidden);
    }
    settings(conn, user, &unit)
}

fn settings(conn: &mut DbConn, user: &AuthUser, unit: &UnitRow) -> ApiResult<ReminderSettings> {
    let (days_before, set_by) = in_force(conn, std::slice::from_ref(unit))?.remove(&unit.id).unwrap_or((Some(DEFAULT_REMINDER_DAYS), None));
    let set_by = match set_by {
        Some(id) if id == unit.id => Some(unit.summary()),
        Some(id) => Some(unit_model::find(conn, id)?.summary()),
        None => None,
    };
    Ok(ReminderSettings { days_before, set_by, editable: may_set(user, unit) })
}

/// The commune office sets its own unit's (and so its villages'), an
/// administrator anyone's.
fn may_set(user: &AuthUser, unit: &UnitRow) -> bool {
    user.is_admin() || (user.role == Role::Commune && user.unit.id == unit.id)
}

/// Sets how many days before a deadline the units at and below `unit_id`
/// are reminded.
pub fn set(conn: &mut DbConn, user: &AuthUser, unit_id: i64, input: &ReminderSettingsInput) -> ApiResult<ReminderSettings> {
    let unit = unit_model::find(conn, unit_id)?;
    if !may_set(user, &unit) {
        return Err(ApiError::ForbiddenBecause("Chỉ văn phòng xã (hoặc quản trị viên) đặt lịch nhắc hạn của xã".into()));
    }
    if input.days_before.is_some_and(|d| d > MAX_REMINDER_DAYS) {
        return Err(ApiError::field("days_before", "range", format!("Số ngày nhắc trước hạn từ 0 đến {MAX_REMINDER_DAYS}")));
    }
    let days = input.days_before.map(i64::from);
    let now = crate::db::now();
    write_transaction(conn, |conn| {
        raw::execute(
            conn,
            "INSERT INTO reminder_settings (unit_id, days_before, updated_by, updated_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (unit_id) DO UPDATE SET days_before = excluded.days_before, updated_by = excluded.updated_by, \
             updated_at = excluded.updated_at",
            &[Bind::Int(unit.id), Bind::OptInt(days), Bind::Int(user.id), Bind::Time(now)],
        )?;
        Ok::<_, ApiError>(())
    })?;
    settings(conn, user, &unit)
}
