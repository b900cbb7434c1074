//! Changing the tree: who may add a unit where, who may change or move
//! one, the checks on names and codes, and the audit entry of each change.

use diesel::prelude::*;
use tonghop_shared::api::{NewUnit, Unit, UnitPatch};
use tonghop_shared::validation::{check_code, check_name};
use tonghop_shared::{FieldError, text};

use super::model::{self, UnitRow};
use crate::audit::{self, Entry};
use crate::auth::AuthUser;
use crate::db::schema::units;
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};

/// Adds a unit: administrators anywhere (a new root too), a commune office
/// below its own unit.
pub fn create(conn: &mut DbConn, user: &AuthUser, input: &NewUnit) -> ApiResult<UnitRow> {
    let name = text::clean(&input.name);
    let code = input.code.trim().to_owned();
    let errors: Vec<FieldError> = [check_code("code", &code), check_name("name", &name, 200)].into_iter().filter_map(Result::err).collect();
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    write_transaction(conn, |conn| {
        let parent = input.parent_id.map(|id| model::find(conn, id)).transpose()?;
        AuthUser::require(user.can_add_under(parent.as_ref()))?;
        let row = model::insert(conn, parent.as_ref(), input.kind, &code, &name, input.calendar)?;
        let entry = Entry { user_id: Some(user.id), entity: "unit", entity_id: row.id, action: "create" };
        audit::record(conn, entry, None::<&Unit>, Some(&row.to_api()))?;
        Ok(row)
    })
}

/// Renames, recodes, moves (never under its own descendant), deactivates
/// or reactivates a unit, or sets its calendar; it keeps its id, so its
/// history stays with it.
pub fn update(conn: &mut DbConn, user: &AuthUser, id: i64, patch: &UnitPatch) -> ApiResult<UnitRow> {
    let name = patch.name.as_deref().map(text::clean);
    let code = patch.code.as_deref().map(|c| c.trim().to_owned());
    let mut errors = Vec::new();
    if let Some(name) = &name {
        errors.extend(check_name("name", name, 200).err());
    }
    if let Some(code) = &code {
        errors.extend(check_code("code", code).err());
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    write_transaction(conn, |conn| {
        let before = model::find(conn, id)?;
        AuthUser::require(user.can_manage(&before))?;
        if let Some(parent_id) = patch.parent_id.filter(|p| Some(*p) != before.parent_id) {
            let parent = model::find(conn, parent_id)?;
            AuthUser::require(user.can_add_under(Some(&parent)))?;
            if before.contains(&parent) {
                return Err(ApiError::field("parent_id", "cycle", "Không thể chuyển một đơn vị vào dưới chính nó"));
            }
            model::move_subtree(conn, &before, &parent)?;
        }
        diesel::update(units::table.find(id))
            .set((
                units::name.eq(name.clone().unwrap_or_else(|| before.name.clone())),
                units::code.eq(code.clone().unwrap_or_else(|| before.code.clone())),
                units::active.eq(patch.active.unwrap_or(before.active)),
                units::calendar_kind.eq(patch.calendar.map(|c| c.kind.as_str().to_owned()).or(before.calendar_kind.clone())),
                units::deadline_working_days.eq(patch.calendar.map(|c| c.deadline_working_days as i32).or(before.deadline_working_days)),
                units::term_started_on.eq(patch.term_started_on.or(before.term_started_on)),
                units::updated_at.eq(crate::db::now()),
            ))
            .execute(conn)?;
        let after = model::find(conn, id)?;
        let entry = Entry { user_id: Some(user.id), entity: "unit", entity_id: id, action: "update" };
        audit::record(conn, entry, Some(&before.to_api()), Some(&after.to_api()))?;
        Ok(after)
    })
}
