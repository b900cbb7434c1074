//! `cargo xtask test`: every test of the project. First checks that every
//! outside piece the tests need is there (`preflight`: Chromium and
//! chromedriver, PostgreSQL, started when installed but stopped, python3 with
//! venv, node) and stops with one line per missing piece before building
//! anything. Then runs the tests of the service worker and of the page's
//! bootstrap script (`node --test frontend/static/`: seconds, and they need
//! no build, so they come before the long part), builds the browser apps (the
//! browser tests drive them embedded in the server) and runs `cargo test`
//! over the whole workspace (shared rules, backend, the apps' own unit tests,
//! API and browser tests). Extra arguments go to `cargo test`.

use std::process::Command;

/// Runs every test.
pub fn run(args: &[String]) -> anyhow::Result<()> {
    crate::preflight::check_test_needs()?;
    let root = crate::workspace_root();
    println!("node --test {}/", crate::apps::STATIC_DIR);
    crate::run_command(Command::new("node").current_dir(&root).arg("--test").arg(format!("{}/", crate::apps::STATIC_DIR)))?;
    crate::web_tools::ensure();
    crate::build_frontend::run(&[])?;
    crate::run_command(crate::cargo().current_dir(&root).args(["test", "--workspace"]).args(args))
}
