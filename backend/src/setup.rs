//! Starting from nothing: the units and accounts the command line creates,
//! before anyone can log in.
//!
//! An empty database has no unit and no account, and through the API every
//! unit and account needs a login. The server's operator therefore makes the
//! first ones with the command line (`tonghop create-unit`, then `tonghop
//! create-user --role admin`); after that everything is done through the app.
//! Each runs in one transaction with its audit entry (no user: the operator).

use anyhow::{Context, anyhow, bail};
use tonghop_shared::api::{NewUser, Role, Unit, UnitKind};
use tonghop_shared::text;
use tonghop_shared::validation::{check_code, check_name};

use crate::audit::{self, Entry};
use crate::db::{DbConn, write_transaction};
use crate::error::ApiError;
use crate::units::model::{self as units, UnitRow};

/// Creates a unit: a root when `parent_code` is `None`, else below it.
pub fn create_unit(conn: &mut DbConn, code: &str, name: &str, kind: UnitKind, parent_code: Option<&str>) -> anyhow::Result<UnitRow> {
    let (code, name) = (code.trim().to_owned(), text::clean(name));
    if let Some(e) = [check_code("code", &code), check_name("name", &name, 200)].into_iter().find_map(Result::err) {
        bail!("{}: {}", e.field, e.message);
    }
    write_transaction(conn, |conn| {
        let parent = match parent_code {
            Some(p) => Some(units::find_by_code(conn, p).map_err(|_| anyhow!("Không có đơn vị mã {p}"))?),
            None => None,
        };
        if units::find_by_code(conn, &code).is_ok() {
            bail!("Mã đơn vị {code} đã được dùng");
        }
        let row = units::insert(conn, parent.as_ref(), kind, &code, &name, None)?;
        let entry = Entry { user_id: None, entity: "unit", entity_id: row.id, action: "create" };
        audit::record(conn, entry, None::<&Unit>, Some(&row.to_api()))?;
        Ok::<_, anyhow::Error>(row)
    })
}

/// Creates an account in the unit with code `unit_code`.
pub fn create_user(conn: &mut DbConn, input: NewUserByCode<'_>) -> anyhow::Result<i64> {
    let unit = units::find_by_code(conn, input.unit_code).map_err(|_| match units::all(conn) {
        Ok(all) if all.is_empty() => anyhow!(
            "Chưa có đơn vị nào: tạo đơn vị gốc trước, ví dụ `tonghop create-unit --code {} --name \"Xã ...\" --kind commune`",
            input.unit_code
        ),
        _ => anyhow!("Không có đơn vị mã {}", input.unit_code),
    })?;
    let new = NewUser {
        username: input.username.to_owned(),
        display_name: input.display_name.to_owned(),
        password: input.password.to_owned(),
        role: input.role,
        unit_id: unit.id,
    };
    let (username, display_name) = crate::users::model::validate_new(&new).map_err(describe)?;
    write_transaction(conn, |conn| {
        let id = crate::users::model::insert(conn, &username, &display_name, &new.password, new.role, unit.id).map_err(describe)?;
        let entry = Entry { user_id: None, entity: "user", entity_id: id, action: "create" };
        audit::record(conn, entry, None::<&()>, Some(&serde_json::json!({"username": username, "role": new.role, "unit_id": unit.id})))?;
        Ok::<_, anyhow::Error>(id)
    })
    .context("tạo tài khoản")
}

/// What `create-user` is given.
#[derive(Debug, Clone, Copy)]
pub struct NewUserByCode<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: Role,
    pub unit_code: &'a str,
}

/// An API error as a line for the terminal.
fn describe(e: ApiError) -> anyhow::Error {
    match e {
        ApiError::Validation(fields) => {
            anyhow!("{}", fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; "))
        }
        other => anyhow!("{other}"),
    }
}
