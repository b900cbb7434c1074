//! What may be done to accounts, and doing it: who may create which
//! account, the checks on a change, and the rule that the last active
//! administrator stays. No HTTP here; every write is audited.

use tonghop_shared::api::{NewUser, Role, User};
use tonghop_shared::text;
use tonghop_shared::validation::{FieldError, check_name, check_password};

use super::model;
use crate::audit::{self, Entry};
use crate::auth::{AuthUser, password};
use crate::db::{DbConn, write_transaction};
use crate::error::{ApiError, ApiResult};
use crate::units::model as units;

/// The accounts the caller may list: every one for an administrator, those
/// of its commune and the units below it for a commune office.
pub fn list(conn: &mut DbConn, user: &AuthUser) -> ApiResult<Vec<User>> {
    AuthUser::require(matches!(user.role, Role::Admin | Role::Commune))?;
    let rows = model::list(conn, (!user.is_admin()).then_some(&user.unit))?;
    Ok(rows.iter().map(|(u, unit)| u.to_api(unit)).collect())
}

/// Creates an account: administrators any, a commune office reporter and
/// commune accounts for the units below it. The fields are checked first
/// ([`model::validate_new`]), before the slow password hash.
pub fn create(conn: &mut DbConn, user: &AuthUser, input: &NewUser) -> ApiResult<User> {
    let (username, display_name) = model::validate_new(input)?;
    let unit = units::find(conn, input.unit_id)?;
    let role_allowed = user.is_admin() || matches!(input.role, Role::Reporter | Role::Commune);
    AuthUser::require(role_allowed && user.can_manage(&unit))?;
    write_transaction(conn, |conn| {
        let id = model::insert(conn, &username, &display_name, &input.password, input.role, unit.id)?;
        let (row, unit) = model::find(conn, id)?;
        let entry = Entry { user_id: Some(user.id), entity: "user", entity_id: id, action: "create" };
        audit::record(conn, entry, None::<&User>, Some(&row.to_api(&unit)))?;
        Ok(row.to_api(&unit))
    })
}

/// A change to an account: only the fields given change.
#[derive(Debug, Clone, Default)]
pub struct Change {
    /// New display name.
    pub display_name: Option<String>,
    /// A new password.
    pub password: Option<String>,
    /// Deactivate (`false`) or reactivate (`true`).
    pub active: Option<bool>,
}

impl Change {
    /// The change with its name cleaned, or every refused field.
    pub fn checked(self) -> ApiResult<Self> {
        let display_name = self.display_name.as_deref().map(text::clean);
        let mut errors = Vec::new();
        if let Some(name) = &display_name {
            errors.extend(check_name("display_name", name, 120).err());
        }
        if let Some(pw) = &self.password {
            errors.extend(check_password(pw).err());
        }
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        Ok(Self { display_name, ..self })
    }
}

/// Changes an account the caller manages (an administrator's only if the
/// caller is one). Two deactivations at once are decided one after the
/// other, so the last active administrator is never deactivated.
pub fn update(conn: &mut DbConn, user: &AuthUser, id: i64, change: Change) -> ApiResult<User> {
    // Hashing is slow on purpose: it runs before the transaction, on the
    // thread the database work runs on, off the async executor.
    let new_hash = change.password.as_deref().map(password::hash).transpose()?;
    write_transaction(conn, |conn| {
        let deactivating = change.active == Some(false);
        if deactivating {
            crate::db::serialize(conn, crate::db::Serialized::ActiveAdministrators)?;
        }
        let (before, unit) = model::find(conn, id)?;
        AuthUser::require(user.can_manage(&unit) && (user.is_admin() || before.role != Role::Admin))?;
        if deactivating && before.role == Role::Admin && before.active && model::other_active_admins(conn, id)? == 0 {
            return Err(ApiError::Validation(vec![FieldError::new(
                "active",
                "last_administrator",
                "Không thể khóa quản trị viên cuối cùng: hãy tạo hoặc mở lại một tài khoản quản trị khác trước",
            )]));
        }
        let display_name = change.display_name.clone().unwrap_or_else(|| before.display_name.clone());
        model::update(conn, id, &display_name, change.active.unwrap_or(before.active), new_hash.as_deref())?;
        let (after, unit) = model::find(conn, id)?;
        let entry = Entry { user_id: Some(user.id), entity: "user", entity_id: id, action: "update" };
        audit::record(conn, entry, Some(&before.to_api(&unit)), Some(&after.to_api(&unit)))?;
        Ok(after.to_api(&unit))
    })
}
