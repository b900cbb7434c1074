//! User accounts as stored.

use diesel::prelude::*;
use tonghop_shared::api::{NewUser, Role, User};
use tonghop_shared::text;
use tonghop_shared::validation::{check_name, check_password, check_username};

use crate::auth::password;
use crate::db::DbConn;
use crate::db::schema::{units, users};
use crate::error::{ApiError, ApiResult};
use crate::units::model::UnitRow;

/// A row of `users`, without the password hash.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub unit_id: i64,
    #[diesel(deserialize_as = String)]
    pub role: Role,
    pub active: bool,
}

impl UserRow {
    /// As the API shows it.
    pub fn to_api(&self, unit: &UnitRow) -> User {
        User {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            unit: unit.summary(),
            active: self.active,
        }
    }
}

/// Checks a new account's fields; the username is normalised to lower case.
pub fn validate_new(input: &NewUser) -> ApiResult<(String, String)> {
    let username = text::clean(&input.username).to_lowercase();
    let display_name = text::clean(&input.display_name);
    let errors: Vec<_> = [check_username(&username), check_name("display_name", &display_name, 120), check_password(&input.password)]
        .into_iter()
        .filter_map(Result::err)
        .collect();
    if errors.is_empty() { Ok((username, display_name)) } else { Err(ApiError::Validation(errors)) }
}

/// Creates an account (fields already validated by [`validate_new`]).
pub fn insert(conn: &mut DbConn, username: &str, display_name: &str, password_text: &str, role: Role, unit_id: i64) -> ApiResult<i64> {
    let hash = password::hash(password_text)?;
    let now = crate::db::now();
    let id = diesel::insert_into(users::table)
        .values((
            users::username.eq(username),
            users::display_name.eq(display_name),
            users::password_hash.eq(hash),
            users::unit_id.eq(unit_id),
            users::role.eq(role.as_str()),
            users::active.eq(true),
            users::created_at.eq(now),
            users::updated_at.eq(now),
        ))
        .returning(users::id)
        .get_result(conn)?;
    Ok(id)
}

/// How many active administrators there are besides `id`. Read it after
/// [`crate::db::serialize`] with [`crate::db::Serialized::ActiveAdministrators`].
pub fn other_active_admins(conn: &mut DbConn, id: i64) -> QueryResult<i64> {
    users::table.filter(users::role.eq(Role::Admin.as_str())).filter(users::active).filter(users::id.ne(id)).count().get_result(conn)
}

/// Writes an account's name, whether it is active and, when given, a new
/// password hash.
pub fn update(conn: &mut DbConn, id: i64, display_name: &str, active: bool, password_hash: Option<&str>) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((users::display_name.eq(display_name), users::active.eq(active), users::updated_at.eq(crate::db::now())))
        .execute(conn)?;
    if let Some(hash) = password_hash {
        diesel::update(users::table.find(id)).set(users::password_hash.eq(hash)).execute(conn)?;
    }
    Ok(())
}

/// One account with its unit.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<(UserRow, UnitRow)> {
    users::table.inner_join(units::table).filter(users::id.eq(id)).select((UserRow::as_select(), UnitRow::as_select())).first(conn)
}

/// Accounts whose unit is in the subtree of `root` (all when `None`).
pub fn list(conn: &mut DbConn, root: Option<&UnitRow>) -> QueryResult<Vec<(UserRow, UnitRow)>> {
    let mut query = users::table.inner_join(units::table).select((UserRow::as_select(), UnitRow::as_select())).into_boxed();
    if let Some(root) = root {
        query = query.filter(units::path.like(format!("{}%", root.path)));
    }
    query.order((units::path, users::username)).load(conn)
}
