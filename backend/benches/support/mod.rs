//! A province-sized data set for benchmarks, written straight into a fresh
//! database: 100 communes of 15 villages, 60 indicators, five years of
//! approved monthly figures from every village, and each commune's plans.
//!
//! The figures are made by SQL (`INSERT ... SELECT`), so generating five
//! million values takes seconds rather than hours of HTTP calls.

use std::time::Instant;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use tonghop::db::{DbConn, DbPool};
use tonghop::indicators::model as indicators;
use tonghop::units::model::{self as units, UnitRow};
use tonghop_shared::api::{Aggregation, IndicatorInput, Role, UnitKind};

/// The size of the data set.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub communes: usize,
    pub villages_per_commune: usize,
    pub indicators: usize,
    pub first_year: i32,
    pub years: i32,
}

impl Size {
    /// About a province: 100 communes, 1,500 villages, 60 indicators, 5 years.
    pub const PROVINCE: Size = Size { communes: 100, villages_per_commune: 15, indicators: 60, first_year: 2022, years: 5 };
}

/// What was generated.
#[derive(Debug)]
pub struct DataSet {
    pub province: UnitRow,
    pub communes: Vec<UnitRow>,
    pub values: i64,
}

/// Opens the benchmark database: a new SQLite file in a temporary directory,
/// or a fresh `tonghop_bench` database on the PostgreSQL server.
pub fn open(postgres: Option<&str>, dir: &std::path::Path) -> anyhow::Result<DbPool> {
    let url = match postgres {
        None => dir.join("bench.sqlite").to_string_lossy().into_owned(),
        Some(base) => {
            let mut admin = PgConnection::establish(&format!("{base}/postgres"))?;
            admin.batch_execute("DROP DATABASE IF EXISTS tonghop_bench")?;
            admin.batch_execute("CREATE DATABASE tonghop_bench")?;
            format!("{base}/tonghop_bench")
        }
    };
    let pool = tonghop::db::connect(&url, 2)?;
    let mut conn = pool.get()?;
    tonghop::db::migrate(&mut conn)?;
    drop(conn);
    Ok(pool)
}

/// Generates the data set.
pub fn generate(conn: &mut DbConn, size: Size) -> anyhow::Result<DataSet> {
    let started = Instant::now();
    conn.batch_execute("BEGIN")?;
    let province = units::insert(conn, None, UnitKind::Province, "P", "Tỉnh Thử Nghiệm", None)?;
    let mut communes = Vec::new();
    for c in 0..size.communes {
        let commune = units::insert(conn, Some(&province), UnitKind::Commune, &format!("C{c:03}"), &format!("Xã Số {c}"), None)?;
        for v in 0..size.villages_per_commune {
            units::insert(conn, Some(&commune), UnitKind::Village, &format!("C{c:03}-V{v:02}"), &format!("Thôn {v} xã {c}"), None)?;
        }
        communes.push(commune);
    }
    let ids = make_indicators(conn, size.indicators)?;
    let form = indicators::insert_form(conn, "BENCH", "Biểu thử nghiệm", UnitKind::Village, "monthly", &ids)?;
    conn.batch_execute("COMMIT")?;
    let user = tonghop::users::model::insert(conn, "bench", "Bench", "bench-password-2026", Role::Admin, province.id)?;
    eprintln!("  units, indicators, form: {:.1} s", started.elapsed().as_secs_f64());

    let mut months = Vec::new();
    for y in size.first_year..size.first_year + size.years {
        for m in 1..=12 {
            months.push(format!("('{y:04}-{m:02}')"));
        }
    }
    let started = Instant::now();
    conn.batch_execute(&format!(
        "CREATE TABLE bench_months (period TEXT NOT NULL);
         INSERT INTO bench_months (period) VALUES {};
         BEGIN;
         INSERT INTO submissions (unit_id, form_id, period, status, version, late, created_at, updated_at, updated_by, submitted_at, submitted_by)
         SELECT u.id, {form}, m.period, 'approved', 2, FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, {user}, CURRENT_TIMESTAMP, {user}
         FROM units u CROSS JOIN bench_months m WHERE u.kind = 'village';
         COMMIT;",
        months.join(", ")
    ))?;
    eprintln!("  {} submissions: {:.1} s", size.communes * size.villages_per_commune * months.len(), started.elapsed().as_secs_f64());
    // Values between 0 and 999 (whole units), varied by submission and
    // indicator; stocks and denominators well above their numerators.
    let started = Instant::now();
    conn.batch_execute(&format!(
        "BEGIN;
         INSERT INTO submission_values (submission_id, indicator_id, value, comment, updated_at, updated_by)
         SELECT s.id, i.id,
                CASE WHEN i.code LIKE 'DEN%' THEN 1000 + ((s.unit_id * 31 + i.id) % 500) ELSE ((s.id * 7919 + i.id * 104729) % 1000) END * 10000,
                NULL, CURRENT_TIMESTAMP, {user}
         FROM submissions s CROSS JOIN indicators i WHERE i.aggregation <> 'rate';
         INSERT INTO plans (unit_id, indicator_id, year, value, resolution_target, year_end_only, updated_at, updated_by)
         SELECT u.id, i.id, {year}, (u.id * 13 + i.id * 7) % 100000 * 10000 + 10000, i.id % 2 = 0, i.aggregation = 'criteria', CURRENT_TIMESTAMP, {user}
         FROM units u CROSS JOIN indicators i WHERE u.kind = 'commune';
         COMMIT;",
        year = size.first_year + size.years - 1
    ))?;
    // What a database in use looks like: statistics gathered and, on
    // PostgreSQL, the visibility map set, so that index-only scans apply.
    match conn {
        DbConn::Postgres(_) => conn.batch_execute("VACUUM ANALYZE")?,
        DbConn::Sqlite(_) => conn.batch_execute("ANALYZE")?,
    }
    let values: i64 = tonghop::db::schema::submission_values::table.count().get_result(conn)?;
    eprintln!("  {values} values and plans: {:.1} s", started.elapsed().as_secs_f64());
    Ok(DataSet { province, communes, values })
}

/// Indicators of every kind: mostly flows, some stocks and criteria counts,
/// and rates over pairs of stocks.
fn make_indicators(conn: &mut DbConn, count: usize) -> anyhow::Result<Vec<i64>> {
    let rates = count / 15;
    let mut ids = Vec::new();
    let mut add = |conn: &mut DbConn, code: String, aggregation: Aggregation, parts: Option<(i64, i64)>| -> anyhow::Result<i64> {
        let input = IndicatorInput {
            name: format!("Chỉ tiêu {code}"),
            code,
            unit_of_measure: "đơn vị".into(),
            aggregation,
            precision: if aggregation == Aggregation::Rate { 2 } else { 0 },
            input_precision: None,
            higher_is_better: true,
            help: String::new(),
            min_value: None,
            max_value: None,
            numerator_id: parts.map(|p| p.0),
            denominator_id: parts.map(|p| p.1),
            active: true,
        };
        let id = indicators::save_indicator(conn, None, &input)?;
        ids.push(id);
        Ok(id)
    };
    let plain = count - 3 * rates;
    for n in 0..plain {
        let aggregation = match n % 10 {
            0..=6 => Aggregation::Flow,
            7 | 8 => Aggregation::Stock,
            _ => Aggregation::Criteria,
        };
        add(conn, format!("IND{n:02}"), aggregation, None)?;
    }
    for n in 0..rates {
        let num = add(conn, format!("NUM{n:02}"), Aggregation::Stock, None)?;
        let den = add(conn, format!("DEN{n:02}"), Aggregation::Stock, None)?;
        add(conn, format!("RATE{n:02}"), Aggregation::Rate, Some((num, den)))?;
    }
    Ok(ids)
}

/// Timings of `runs` calls: (median, slowest) in milliseconds.
pub fn time<T>(runs: usize, mut f: impl FnMut(usize) -> T) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|i| {
            let started = Instant::now();
            std::hint::black_box(f(i));
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() - 1])
}

/// Peak resident memory of this process so far, in MiB (Linux).
pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()))
        .map_or(0.0, |kib| kib / 1024.0)
}
