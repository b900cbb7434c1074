//! Hand-written SQL for the few queries diesel's builder does not express
//! (common table expressions, window-free "latest per unit" aggregates).
//!
//! The SQL is written once with `?` placeholders in the subset both databases
//! share; PostgreSQL gets them renumbered `$1, $2...`. Values are always bound,
//! never spliced into the text.

use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{BoxedSqlQuery, SqlQuery};
use diesel::sql_types::{BigInt, Text, Timestamp};
use diesel::sqlite::Sqlite;

use super::DbConn;

/// One bound value.
#[derive(Debug, Clone)]
pub enum Bind {
    /// A 64-bit integer.
    Int(i64),
    /// A 64-bit integer or NULL.
    OptInt(Option<i64>),
    /// Text.
    Text(String),
    /// Text or NULL.
    OptText(Option<String>),
    /// A time (UTC), compared with a `Timestamp` column.
    Time(chrono::NaiveDateTime),
}

/// Runs `sql` (with `?` placeholders, one per bind, in order) and loads its rows.
pub fn load<T>(conn: &mut DbConn, sql: &str, binds: &[Bind]) -> QueryResult<Vec<T>>
where
    T: QueryableByName<Pg> + QueryableByName<Sqlite> + 'static,
{
    match conn {
        DbConn::Postgres(c) => postgres(sql, binds).load(c),
        DbConn::Sqlite(c) => sqlite(sql, binds).load(c),
    }
}

/// Runs `sql` (placeholders as for [`load`]) and returns how many rows it changed.
pub fn execute(conn: &mut DbConn, sql: &str, binds: &[Bind]) -> QueryResult<usize> {
    match conn {
        DbConn::Postgres(c) => postgres(sql, binds).execute(c),
        DbConn::Sqlite(c) => sqlite(sql, binds).execute(c),
    }
}

fn postgres(sql: &str, binds: &[Bind]) -> BoxedSqlQuery<'static, Pg, SqlQuery> {
    bound(diesel::sql_query(numbered(sql)).into_boxed::<Pg>(), binds)
}

fn sqlite(sql: &str, binds: &[Bind]) -> BoxedSqlQuery<'static, Sqlite, SqlQuery> {
    bound(diesel::sql_query(sql).into_boxed::<Sqlite>(), binds)
}

/// Binds each value in order, on either backend.
fn bound<DB>(mut query: BoxedSqlQuery<'static, DB, SqlQuery>, binds: &[Bind]) -> BoxedSqlQuery<'static, DB, SqlQuery>
where
    DB: diesel::backend::Backend
        + diesel::sql_types::HasSqlType<BigInt>
        + diesel::sql_types::HasSqlType<Text>
        + diesel::sql_types::HasSqlType<Timestamp>,
    Option<i64>: diesel::serialize::ToSql<diesel::sql_types::Nullable<BigInt>, DB>,
    i64: diesel::serialize::ToSql<BigInt, DB>,
    String: diesel::serialize::ToSql<Text, DB>,
    Option<String>: diesel::serialize::ToSql<diesel::sql_types::Nullable<Text>, DB>,
    chrono::NaiveDateTime: diesel::serialize::ToSql<Timestamp, DB>,
{
    for bind in binds {
        query = match bind.clone() {
            Bind::Int(v) => query.bind::<BigInt, _>(v),
            Bind::OptInt(v) => query.bind::<diesel::sql_types::Nullable<BigInt>, _>(v),
            Bind::Text(v) => query.bind::<Text, _>(v),
            Bind::OptText(v) => query.bind::<diesel::sql_types::Nullable<Text>, _>(v),
            Bind::Time(v) => query.bind::<Timestamp, _>(v),
        };
    }
    query
}

/// `?` placeholders as PostgreSQL's `$1, $2...`. The SQL passed here never
/// has a `?` inside a string literal.
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// `1, 4, 17`: a list of ids the program computed (the units a caller may
/// read, the indicators asked for), written into the SQL as integer
/// literals. The one exception to binding every value, and safe by type: an
/// `i64` writes only digits and a sign. Bound instead, a country's units
/// would pass SQLite's 32,766 and PostgreSQL's 65,535 parameters a query may
/// have. Values from a request are always bound.
pub fn int_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

/// `?, ?, ?` for an `IN (...)` list of `n` values (at least one).
pub fn placeholders(n: usize) -> String {
    vec!["?"; n.max(1)].join(", ")
}

/// `(?, ?), (?, ?), (?, ?)`: the `VALUES` of a many-row insert, `rows`
/// rows of `columns` values each (at least one row).
pub fn rows(rows: usize, columns: usize) -> String {
    let row = format!("({})", placeholders(columns));
    vec![row.as_str(); rows.max(1)].join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_numbered_in_order() {
        assert_eq!(super::numbered("a = ? AND b IN (?, ?)"), "a = $1 AND b IN ($2, $3)");
        assert_eq!(super::placeholders(3), "?, ?, ?");
        assert_eq!(super::rows(2, 3), "(?, ?, ?), (?, ?, ?)");
    }
}
