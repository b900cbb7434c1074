//! `cargo xtask lint`: what a change must pass before its tests are worth
//! running. Formatting (`cargo fmt --check`); clippy with every warning an
//! error, over the whole workspace on the host (tests, benchmarks, xtask
//! included) and over the browser apps for `wasm32-unknown-unknown`, where
//! their browser-only code compiles; the tidy check (no two modules of the
//! backend depend on each other, `tidy.rs`); and the schema check (both migration
//! folders make the same schema, and `db/schema.rs` declares it:
//! `tests/api/schema.rs`, which needs PostgreSQL). CI runs it before the
//! tests.

use std::process::Command;

/// Runs every check, stopping at the first that fails.
pub fn run() -> anyhow::Result<()> {
    let root = crate::workspace_root();
    println!("cargo fmt --all --check");
    crate::run_command(crate::cargo().current_dir(&root).args(["fmt", "--all", "--check"]))?;
    println!("cargo clippy --workspace --all-targets -- -D warnings");
    crate::run_command(crate::cargo().current_dir(&root).args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    crate::preflight::ensure_wasm_target()?;
    let apps = ["-p", "tonghop-ui", "-p", "tonghop-reporter", "-p", "tonghop-office"];
    println!("cargo clippy --target wasm32-unknown-unknown {} -- -D warnings", apps.join(" "));
    crate::run_command(
        crate::cargo().current_dir(&root).args(["clippy", "--target", "wasm32-unknown-unknown"]).args(apps).args(["--", "-D", "warnings"]),
    )?;
    // `--workspace`: the features of `cargo test --workspace`, so the test
    // build that follows in CI reuses this one instead of building again.
    println!("tidy check (no module loops in the backend): cargo test -p xtask tidy");
    let mut tidy = crate::cargo();
    tidy.current_dir(&root).args(["test", "-p", "xtask", "tidy"]);
    run_quietly_unless_failing(&mut tidy)?;
    println!("schema check: cargo test --workspace --test api schema::");
    let mut schema = crate::cargo();
    schema.current_dir(&root).args(["test", "--workspace", "--test", "api", "schema::"]);
    run_quietly_unless_failing(&mut schema)
}

/// The schema test's own output only matters when it fails.
fn run_quietly_unless_failing(command: &mut Command) -> anyhow::Result<()> {
    let output = command.output()?;
    if !output.status.success() {
        eprint!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        anyhow::bail!("{command:?} failed with {}", output.status);
    }
    Ok(())
}
