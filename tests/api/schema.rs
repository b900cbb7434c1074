//! One schema on two databases. A fresh SQLite and a fresh PostgreSQL
//! database are migrated, and their catalogues (tables, columns, types,
//! nullability, primary keys, indexes and unique constraints, foreign keys)
//! are read back, normalised, and compared with each other and with
//! `backend/src/db/schema.rs`, which diesel's queries are checked against.
//! The differences that are meant are named in [`INTENDED`]; any other one
//! fails with the table and what differs.

use std::collections::{BTreeMap, BTreeSet};

use diesel::prelude::*;
use tonghop_tests::{Db, EmptyDatabase};

/// A column: its type, as a class both databases share, and whether it may be NULL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Column {
    kind: String,
    nullable: bool,
}

/// An index or a unique constraint (each database makes an index of one):
/// its columns in order, whether it is unique, whether it is partial.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Index {
    columns: Vec<String>,
    unique: bool,
    partial: bool,
}

/// A foreign key: these columns refer to those of that table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ForeignKey {
    columns: Vec<String>,
    table: String,
    refers_to: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Table {
    columns: BTreeMap<String, Column>,
    primary_key: Vec<String>,
    indexes: BTreeSet<Index>,
    foreign_keys: BTreeSet<ForeignKey>,
}

type Catalogue = BTreeMap<String, Table>;

/// Differences between the two databases that are meant, each with why.
/// (table, what differs).
const INTENDED: &[(&str, &str, &str)] = &[];

/// The class of a declared type, in the words of both databases.
fn class(declared: &str) -> String {
    let declared = declared.trim().to_ascii_lowercase();
    match declared.as_str() {
        "bigint" | "int8" | "bigserial" => "bigint",
        "integer" | "int" | "int4" | "serial" => "integer",
        "text" | "character varying" | "varchar" => "text",
        "boolean" | "bool" => "bool",
        "timestamp" | "timestamp without time zone" => "timestamp",
        "date" => "date",
        "double precision" | "real" | "float8" => "double",
        "blob" | "bytea" => "blob",
        other => other,
    }
    .to_owned()
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    kind: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    notnull: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pk: i32,
}

#[derive(QueryableByName)]
struct SqliteIndex {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    unique: i32,
    #[diesel(sql_type = diesel::sql_types::Text)]
    origin: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    partial: i32,
}

#[derive(QueryableByName)]
struct SqliteForeignKey {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    id: i32,
    #[diesel(sql_type = diesel::sql_types::Text)]
    table: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    from: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    to: Option<String>,
}

fn sqlite_catalogue(conn: &mut SqliteConnection) -> Catalogue {
    let names: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'",
    )
    .load(conn)
    .unwrap();
    let mut catalogue = Catalogue::new();
    for Name { name } in &names {
        let mut table = Table::default();
        let columns: Vec<SqliteColumn> =
            diesel::sql_query(format!("SELECT name, type AS kind, \"notnull\", pk FROM pragma_table_info('{name}')")).load(conn).unwrap();
        let mut key: Vec<(i32, String)> = columns.iter().filter(|c| c.pk > 0).map(|c| (c.pk, c.name.clone())).collect();
        key.sort();
        table.primary_key = key.into_iter().map(|(_, n)| n).collect();
        for c in &columns {
            let mut kind = class(&c.kind);
            // `INTEGER PRIMARY KEY` is SQLite's 64-bit row id.
            if kind == "integer" && table.primary_key == [c.name.clone()] {
                kind = "bigint".into();
            }
            // A primary key column never holds NULL, whatever `notnull` says.
            let nullable = c.notnull == 0 && c.pk == 0;
            table.columns.insert(c.name.clone(), Column { kind, nullable });
        }
        let indexes: Vec<SqliteIndex> =
            diesel::sql_query(format!("SELECT name, \"unique\", origin, partial FROM pragma_index_list('{name}')")).load(conn).unwrap();
        for index in indexes.iter().filter(|i| i.origin != "pk") {
            let columns: Vec<Name> = diesel::sql_query(format!(
                "SELECT COALESCE(name, '(expression)') AS name FROM pragma_index_info('{}') ORDER BY seqno",
                index.name
            ))
            .load(conn)
            .unwrap();
            table.indexes.insert(Index {
                columns: columns.into_iter().map(|c| c.name).collect(),
                unique: index.unique == 1,
                partial: index.partial == 1,
            });
        }
        let keys: Vec<SqliteForeignKey> =
            diesel::sql_query(format!("SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('{name}') ORDER BY id, seq"))
                .load(conn)
                .unwrap();
        let mut by_id: BTreeMap<i32, ForeignKey> = BTreeMap::new();
        for k in keys {
            let entry = by_id.entry(k.id).or_insert_with(|| ForeignKey { columns: vec![], table: k.table.clone(), refers_to: vec![] });
            entry.columns.push(k.from);
            entry.refers_to.push(k.to.unwrap_or_default());
        }
        table.foreign_keys = by_id.into_values().collect();
        catalogue.insert(name.clone(), table);
    }
    // A foreign key that names no column refers to the other table's primary key.
    let keys: BTreeMap<String, Vec<String>> = catalogue.iter().map(|(n, t)| (n.clone(), t.primary_key.clone())).collect();
    for table in catalogue.values_mut() {
        table.foreign_keys = std::mem::take(&mut table.foreign_keys)
            .into_iter()
            .map(|mut k| {
                if k.refers_to.iter().all(String::is_empty) {
                    k.refers_to = keys.get(&k.table).cloned().unwrap_or_default();
                }
                k
            })
            .collect();
    }
    catalogue
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = diesel::sql_types::Text)]
    table_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    column_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    data_type: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    is_nullable: String,
}

#[derive(QueryableByName)]
struct PgIndex {
    #[diesel(sql_type = diesel::sql_types::Text)]
    table_name: String,
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::Text>)]
    columns: Vec<String>,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    is_unique: bool,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    is_primary: bool,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    is_partial: bool,
}

#[derive(QueryableByName)]
struct PgForeignKey {
    #[diesel(sql_type = diesel::sql_types::Text)]
    table_name: String,
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::Text>)]
    columns: Vec<String>,
    #[diesel(sql_type = diesel::sql_types::Text)]
    refers_table: String,
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::Text>)]
    refers_to: Vec<String>,
}

fn postgres_catalogue(conn: &mut PgConnection) -> Catalogue {
    let mut catalogue = Catalogue::new();
    let columns: Vec<PgColumn> = diesel::sql_query(
        "SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_nullable::text \
         FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name) \
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '__diesel_schema_migrations'",
    )
    .load(conn)
    .unwrap();
    for c in columns {
        catalogue
            .entry(c.table_name)
            .or_default()
            .columns
            .insert(c.column_name, Column { kind: class(&c.data_type), nullable: c.is_nullable == "YES" });
    }
    let indexes: Vec<PgIndex> = diesel::sql_query(
        "SELECT t.relname::text AS table_name, \
                ARRAY(SELECT COALESCE(a.attname::text, '(expression)') FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) \
                      LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns, \
                i.indisunique AS is_unique, i.indisprimary AS is_primary, i.indpred IS NOT NULL AS is_partial \
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace \
         WHERE s.nspname = 'public' AND t.relname <> '__diesel_schema_migrations'",
    )
    .load(conn)
    .unwrap();
    for i in indexes {
        let table = catalogue.entry(i.table_name).or_default();
        if i.is_primary {
            table.primary_key = i.columns;
        } else {
            table.indexes.insert(Index { columns: i.columns, unique: i.is_unique, partial: i.is_partial });
        }
    }
    let keys: Vec<PgForeignKey> = diesel::sql_query(
        "SELECT t.relname::text AS table_name, \
                ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n) \
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns, \
                r.relname::text AS refers_table, \
                ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n) \
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS refers_to \
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid \
         JOIN pg_namespace s ON s.oid = t.relnamespace WHERE c.contype = 'f' AND s.nspname = 'public'",
    )
    .load(conn)
    .unwrap();
    for k in keys {
        catalogue.entry(k.table_name).or_default().foreign_keys.insert(ForeignKey {
            columns: k.columns,
            table: k.refers_table,
            refers_to: k.refers_to,
        });
    }
    catalogue
}

/// `schema.rs` as diesel sees it: tables, their primary keys, their columns.
fn declared_schema() -> BTreeMap<String, (Vec<String>, BTreeMap<String, Column>)> {
    let text = include_str!("../../backend/src/db/schema.rs");
    let table = regex::Regex::new(r"diesel::table!\s*\{\s*(?:///[^\n]*\n\s*)*(\w+)\s*\(([^)]*)\)\s*\{([^}]*)\}").unwrap();
    let column = regex::Regex::new(r"(\w+)\s*->\s*([\w<>]+)").unwrap();
    table
        .captures_iter(text)
        .map(|t| {
            let key = t[2].split(',').map(|k| k.trim().to_owned()).collect();
            let columns = column
                .captures_iter(&t[3])
                .map(|c| {
                    let (nullable, kind) = match c[2].strip_prefix("Nullable<").and_then(|k| k.strip_suffix('>')) {
                        Some(inner) => (true, inner.to_owned()),
                        None => (false, c[2].to_owned()),
                    };
                    let kind = match kind.as_str() {
                        "BigInt" => "bigint",
                        "Integer" => "integer",
                        "Text" => "text",
                        "Bool" => "bool",
                        "Timestamp" => "timestamp",
                        "Date" => "date",
                        "Double" => "double",
                        "Binary" => "blob",
                        other => panic!("schema.rs: type {other} has no class here"),
                    };
                    (c[1].to_owned(), Column { kind: kind.to_owned(), nullable })
                })
                .collect();
            (t[1].to_owned(), (key, columns))
        })
        .collect()
}

/// A column as SQLite can tell it: every SQLite integer is 64 bits, whether
/// declared `INTEGER` or `BIGINT`, so only PostgreSQL (and `schema.rs`,
/// compared with it) can say which one a column is.
fn loose(column: &Column) -> Column {
    let kind = if column.kind == "bigint" { "integer".to_owned() } else { column.kind.clone() };
    Column { kind, nullable: column.nullable }
}

/// Every difference between two catalogues, one line each.
fn differences(sqlite: &Catalogue, postgres: &Catalogue) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let names: BTreeSet<&String> = sqlite.keys().chain(postgres.keys()).collect();
    for name in names {
        let (Some(s), Some(p)) = (sqlite.get(name), postgres.get(name)) else {
            out.insert((name.clone(), format!("only on {}", if sqlite.contains_key(name) { "SQLite" } else { "PostgreSQL" })));
            continue;
        };
        let columns: BTreeSet<&String> = s.columns.keys().chain(p.columns.keys()).collect();
        for column in columns {
            match (s.columns.get(column), p.columns.get(column)) {
                (Some(a), Some(b)) if loose(a) == loose(b) => {}
                (a, b) => {
                    out.insert((name.clone(), format!("column {column}: SQLite {a:?}, PostgreSQL {b:?}")));
                }
            }
        }
        if s.primary_key != p.primary_key {
            out.insert((name.clone(), format!("primary key: SQLite {:?}, PostgreSQL {:?}", s.primary_key, p.primary_key)));
        }
        for index in s.indexes.symmetric_difference(&p.indexes) {
            let on = if s.indexes.contains(index) { "SQLite" } else { "PostgreSQL" };
            out.insert((name.clone(), format!("index only on {on}: {index:?}")));
        }
        for key in s.foreign_keys.symmetric_difference(&p.foreign_keys) {
            let on = if s.foreign_keys.contains(key) { "SQLite" } else { "PostgreSQL" };
            out.insert((name.clone(), format!("foreign key only on {on}: {key:?}")));
        }
    }
    out
}

#[test]
fn both_migration_folders_make_the_same_schema_and_schema_rs_declares_it() {
    let sqlite_db = EmptyDatabase::new(Db::Sqlite);
    let postgres_db = EmptyDatabase::new(Db::Postgres);
    for url in [&sqlite_db.url, &postgres_db.url] {
        let pool = tonghop::db::connect(url, 1).unwrap();
        tonghop::db::migrate(&mut pool.get().unwrap()).unwrap();
    }
    let sqlite = sqlite_catalogue(&mut SqliteConnection::establish(&sqlite_db.url).unwrap());
    let postgres = postgres_catalogue(&mut PgConnection::establish(&postgres_db.url).unwrap());
    assert!(sqlite.len() > 20 && sqlite.contains_key("submission_values"), "{:?}", sqlite.keys());

    let mut found: Vec<String> = Vec::new();
    for (table, what) in differences(&sqlite, &postgres) {
        if !INTENDED.iter().any(|(t, w, _)| *t == table && *w == what) {
            found.push(format!("{table}: {what}"));
        }
    }
    for (table, (key, columns)) in declared_schema() {
        let Some(real) = postgres.get(&table) else {
            found.push(format!("schema.rs declares {table}, which no migration makes"));
            continue;
        };
        if real.primary_key != key {
            found.push(format!("schema.rs: {table} has primary key {key:?}, the databases {:?}", real.primary_key));
        }
        if real.columns != columns {
            found.push(format!("schema.rs: {table} declares {columns:?}\n  the databases have {:?}", real.columns));
        }
    }
    let declared = declared_schema();
    for table in postgres.keys().filter(|t| !declared.contains_key(*t)) {
        found.push(format!("{table} is in the databases but not in schema.rs"));
    }
    for (table, what, _) in INTENDED {
        if !differences(&sqlite, &postgres).contains(&((*table).to_owned(), (*what).to_owned())) {
            found.push(format!("INTENDED lists «{table}: {what}», which no longer differs: remove it"));
        }
    }
    assert!(found.is_empty(), "the schema differs:\n{}", found.join("\n"));
}

/// SQLite's rebuild of `reports` (migration 000012, which drops the unused
/// `number`) keeps every report and everything that points at one: run on a
/// database holding an issued report, its new version, their header,
/// passages and number.
#[test]
fn the_rebuild_of_reports_on_sqlite_keeps_every_report_and_what_points_at_it() {
    use diesel::connection::SimpleConnection;
    use diesel_migrations::{FileBasedMigrations, MigrationHarness};

    let database = EmptyDatabase::new(Db::Sqlite);
    let pool = tonghop::db::connect(&database.url, 1).unwrap();
    let mut conn = pool.get().unwrap();
    let tonghop::db::DbConn::Sqlite(sqlite) = &mut *conn else { unreachable!() };
    let folder = FileBasedMigrations::from_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/sqlite")).unwrap();
    while sqlite.pending_migrations(folder.clone()).unwrap().first().is_some_and(|m| !m.name().to_string().contains("000012")) {
        sqlite.run_next_migration(folder.clone()).unwrap();
    }
    // Today's demo also writes the holidays of a later migration (000013)
    // and reads the push subscriptions of another (000015): their tables
    // are lent for the load, and taken back before 000012 runs.
    let holidays = include_str!("../../migrations/sqlite/2026-12-02-000013_holidays/up.sql");
    let push = include_str!("../../migrations/sqlite/2026-12-03-000015_push_notifications/up.sql");
    sqlite.batch_execute(holidays).unwrap();
    sqlite.batch_execute(push).unwrap();
    tonghop::demo::load(&mut conn, tonghop::clock::today()).unwrap();
    let tonghop::db::DbConn::Sqlite(sqlite) = &mut *conn else { unreachable!() };
    sqlite.batch_execute(include_str!("../../migrations/sqlite/2026-12-03-000015_push_notifications/down.sql")).unwrap();
    sqlite.batch_execute("DROP TABLE holidays;").unwrap();
    sqlite
        .batch_execute(
            "INSERT INTO reports (id, unit_id, period, profile, include_provisional, status, version, number, number_text, issued_on, \
                                  issued_file, previous_id, created_at, created_by, updated_at, updated_by, outline) \
             SELECT 7, u.id, '2026-H1', 'party', 0, 'issued', 3, NULL, '07-BC/ĐU', '2026-07-02', X'504B0304', NULL, \
                    '2026-07-01 08:00:00', 1, '2026-07-02 09:00:00', 1, NULL FROM units u WHERE u.code = 'XP'; \
             INSERT INTO reports (id, unit_id, period, profile, include_provisional, status, version, number, number_text, issued_on, \
                                  issued_file, previous_id, created_at, created_by, updated_at, updated_by, outline) \
             SELECT 9, unit_id, period, profile, 0, 'draft', 1, NULL, NULL, NULL, NULL, 7, \
                    '2026-07-03 08:00:00', 1, '2026-07-03 08:00:00', 1, '[]' FROM reports WHERE id = 7; \
             INSERT INTO report_headers VALUES (7, 'BÁO CÁO', 'Xuân Phú', 'Huyện ủy', 'BÍ THƯ', 'Nguyễn Văn A'); \
             INSERT INTO report_passages VALUES (7, 0, 'Sản lượng lương thực đạt …', ''), (9, 2, 'Đã sửa', 'cũ'); \
             INSERT INTO report_numbers SELECT 7, unit_id, 'party', '2021-2025', 7 FROM reports WHERE id = 7;",
        )
        .unwrap();
    let before = dump(sqlite);

    tonghop::db::migrate(&mut conn).unwrap();

    let tonghop::db::DbConn::Sqlite(sqlite) = &mut *conn else { unreachable!() };
    assert_eq!(dump(sqlite), before);
    let columns: Vec<Name> = diesel::sql_query("SELECT name FROM pragma_table_info('reports')").load(sqlite).unwrap();
    assert!(!columns.iter().any(|c| c.name == "number"));
    let broken: Vec<Name> = diesel::sql_query("SELECT \"table\" AS name FROM pragma_foreign_key_check").load(sqlite).unwrap();
    assert!(broken.is_empty(), "{:?}", broken.iter().map(|b| &b.name).collect::<Vec<_>>());
}

/// The reports and what points at them, as text, row by row.
fn dump(conn: &mut SqliteConnection) -> Vec<String> {
    let queries = [
        "SELECT id || '|' || unit_id || '|' || status || '|' || version || '|' || COALESCE(number_text, '') || '|' || COALESCE(issued_on, '') \
         || '|' || COALESCE(hex(issued_file), '') || '|' || COALESCE(previous_id, '') || '|' || updated_at || '|' || COALESCE(outline, '') AS name \
         FROM reports ORDER BY id",
        "SELECT report_id || '|' || title || '|' || signer_name AS name FROM report_headers ORDER BY report_id",
        "SELECT report_id || '|' || position || '|' || text || '|' || generated AS name FROM report_passages ORDER BY report_id, position",
        "SELECT report_id || '|' || series || '|' || serial AS name FROM report_numbers ORDER BY report_id",
    ];
    let rows: Vec<String> =
        queries.iter().flat_map(|q| diesel::sql_query(*q).load::<Name>(conn).unwrap().into_iter().map(|n| n.name)).collect();
    assert_eq!(rows.len(), 2 + 1 + 2 + 1, "{rows:?}");
    rows
}
