//! `cargo xtask test`: every test of the project. Builds the browser app
//! first (the browser tests drive the app embedded in the server), makes sure
//! the local PostgreSQL is running when it is installed but stopped, then runs
//! `cargo test` over the whole workspace (shared rules, backend, the app's own
//! unit tests, API and browser tests).
//! Extra arguments go to `cargo test`.

use std::process::Command;

/// Runs every test.
pub fn run(args: &[String]) -> anyhow::Result<()> {
    crate::install_wasm_opt::ensure();
    crate::build_frontend::run(&[])?;
    start_postgres_if_stopped();
    let root = crate::workspace_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    crate::run_command(Command::new(cargo).current_dir(&root).args(["test", "--workspace"]).args(args))
}

/// Best effort: the PostgreSQL tests fail loudly when the server is missing,
/// which is the point; this only starts a Debian cluster that is installed
/// and stopped.
fn start_postgres_if_stopped() {
    let ready = || Command::new("pg_isready").args(["-q", "-h", "127.0.0.1", "-p", "5432"]).status().is_ok_and(|s| s.success());
    if ready() {
        return;
    }
    let Ok(versions) = std::fs::read_dir("/etc/postgresql") else { return };
    for version in versions.flatten() {
        let version = version.file_name().to_string_lossy().into_owned();
        let _ = Command::new("pg_ctlcluster").args(["--skip-systemctl-redirect", &version, "main", "start"]).status();
    }
    for _ in 0..30 {
        if ready() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}
