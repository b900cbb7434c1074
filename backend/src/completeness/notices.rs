//! What the caller should look at now.

use std::collections::HashMap;

use diesel::prelude::*;
use tonghop_shared::MonthPeriod;
use tonghop_shared::api::{Notice, NoticeKind, ReviewAction, Role, SubmissionStatus};

use crate::auth::AuthUser;
use crate::db::DbConn;
use crate::db::schema::{submissions, units};
use crate::error::ApiResult;
use crate::submissions::due;
use crate::submissions::model::{self, SubmissionRow};
use crate::units::model::UnitRow;

/// Most notices of submissions waiting for review.
const MAX_WAITING: i64 = 50;

/// The caller's notices: for its own unit, returned and overdue forms; for a
/// commune office or an administrator, forms below waiting for review.
pub fn for_user(conn: &mut DbConn, user: &AuthUser, today: chrono::NaiveDate) -> ApiResult<Vec<Notice>> {
    let mut notices = own_unit(conn, &user.unit, today)?;
    if matches!(user.role, Role::Commune | Role::Admin) {
        notices.extend(waiting_for_review(conn, user)?);
    }
    Ok(notices)
}

fn own_unit(conn: &mut DbConn, unit: &UnitRow, today: chrono::NaiveDate) -> ApiResult<Vec<Notice>> {
    let mut notices = Vec::new();
    for item in due::for_unit(conn, unit, today)? {
        if item.status == SubmissionStatus::Returned {
            let row = model::find(conn, unit.id, item.form_id, item.period)?;
            let reviews = model::reviews_of(conn, &row.iter().map(|r| r.id).collect::<Vec<_>>())?;
            let last = reviews.iter().rev().find(|r| r.action != ReviewAction::Approve);
            let reason = item.review_reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default();
            notices.push(Notice {
                kind: NoticeKind::Returned,
                unit: item.unit.clone(),
                form_id: item.form_id,
                period: item.period,
                message: format!("Xã trả lại {} {}{reason}", item.form_name.to_lowercase(), item.period.label_vi().to_lowercase()),
                reason: item.review_reason.clone(),
                at: last.map(|r| r.at.and_utc()),
            });
        } else if item.overdue {
            notices.push(Notice {
                kind: NoticeKind::Overdue,
                unit: item.unit.clone(),
                form_id: item.form_id,
                period: item.period,
                message: format!(
                    "{} {} đã quá hạn nộp ({})",
                    item.form_name,
                    item.period.label_vi().to_lowercase(),
                    item.deadline.format("%d/%m/%Y")
                ),
                reason: None,
                at: None,
            });
        }
    }
    Ok(notices)
}

fn waiting_for_review(conn: &mut DbConn, user: &AuthUser) -> ApiResult<Vec<Notice>> {
    let mut query = submissions::table
        .inner_join(units::table)
        .filter(submissions::status.eq(SubmissionStatus::Submitted.as_str()))
        .filter(units::id.ne(user.unit.id))
        .select((SubmissionRow::as_select(), UnitRow::as_select()))
        .order(submissions::submitted_at.desc())
        .limit(MAX_WAITING)
        .into_boxed();
    if !user.is_admin() {
        query = query.filter(units::path.like(format!("{}%", user.unit.path)));
    }
    let rows: Vec<(SubmissionRow, UnitRow)> = query.load(conn)?;
    let mut form_names: HashMap<i64, String> = HashMap::new();
    for form in crate::indicators::model::all_forms(conn)? {
        form_names.insert(form.id, form.name);
    }
    Ok(rows
        .into_iter()
        .filter_map(|(row, unit)| {
            let period: MonthPeriod = row.period.parse().ok()?;
            let form = form_names.get(&row.form_id).map(|n| n.to_lowercase()).unwrap_or_default();
            Some(Notice {
                kind: NoticeKind::Submitted,
                message: format!("{} đã gửi {form} {}, chờ duyệt", unit.name, period.label_vi().to_lowercase()),
                reason: None,
                unit: unit.summary(),
                form_id: row.form_id,
                period,
                at: row.submitted_at.map(|t| t.and_utc()),
            })
        })
        .collect())
}
