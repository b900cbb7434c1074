//! Benchmark of live totals on a province-sized data set, on SQLite and on
//! PostgreSQL: one commune's six-month table with plan (KH) and last year
//! (CK), and the province's table over all its communes.
//!
//! Run: `cargo bench -p tonghop-backend --bench totals` (add `-- sqlite` or
//! `-- postgres` for one database). PostgreSQL comes from
//! `TONGHOP_BENCH_POSTGRES` (default `postgres://postgres@127.0.0.1:5432`).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and tools fail loudly: that is their job")]

mod support;

use support::Size;
use tonghop::totals::service::{self, Request};
use tonghop_shared::ReportPeriod;

fn main() -> anyhow::Result<()> {
    let only = std::env::args().skip(1).find(|a| a == "sqlite" || a == "postgres");
    let postgres = std::env::var("TONGHOP_BENCH_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let size = Size::PROVINCE;
    for db in ["sqlite", "postgres"] {
        if only.as_deref().is_some_and(|o| o != db) {
            continue;
        }
        // TONGHOP_BENCH_DIR keeps the SQLite file there for a closer look.
        let dir = tempfile::tempdir()?;
        let kept = std::env::var_os("TONGHOP_BENCH_DIR").map(std::path::PathBuf::from);
        let dir_path = kept.as_deref().unwrap_or(dir.path());
        println!(
            "\n== {db}: {} communes, {} villages, {} indicators, {} years",
            size.communes,
            size.communes * size.villages_per_commune,
            size.indicators,
            size.years
        );
        let pool = support::open((db == "postgres").then_some(postgres.as_str()), dir_path)?;
        let mut conn = pool.get()?;
        let mut spare = pool.get()?;
        let started = std::time::Instant::now();
        let data = support::generate(&mut conn, size)?;
        println!("data set: {} values in {:.1} s", data.values, started.elapsed().as_secs_f64());

        let h1: ReportPeriod = format!("{}-H1", size.first_year + size.years - 1).parse()?;
        let request = Request { period: h1, include_provisional: false, threshold_percent: None };
        let communes = &data.communes;
        let table = service::table(&mut conn, None, &communes[0], request)?;
        println!("one commune's table: {} rows, summary: {}", table.rows.len(), table.summary.sentence);
        let (median, max) = support::time(30, |i| {
            service::table(&mut conn, Some(&mut spare), &communes[i * 7 % communes.len()], request).map(|t| t.rows.len())
        });
        println!("commune six-month table with KH and CK: median {median:.1} ms, slowest {max:.1} ms (30 runs)");
        let (median, max) =
            support::time(5, |_| service::breakdown(&mut conn, Some(&mut spare), &data.province, &[], request).map(|b| b.children.len()));
        println!("province table over all communes (every indicator): median {median:.1} ms, slowest {max:.1} ms (5 runs)");
        let (median, max) =
            support::time(5, |_| service::table(&mut conn, Some(&mut spare), &data.province, request).map(|t| t.rows.len()));
        println!("province total table: median {median:.1} ms, slowest {max:.1} ms (5 runs)");
        println!("peak memory of the process so far: {:.0} MiB", support::peak_rss_mib());
    }
    Ok(())
}
