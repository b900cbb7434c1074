//! `cargo xtask test`: every test of the project. First checks that every
//! outside piece the tests need is there (`preflight`: Chromium and
//! chromedriver, PostgreSQL, started when installed but stopped, nginx,
//! python3 with venv, node) and stops with one line per missing piece before
//! building anything. Then runs the tests of the service worker and of the
//! page's bootstrap script (`node --test frontend/static/`: seconds, and they
//! need no build, so they come before the long part), builds the browser apps
//! (the browser tests drive them embedded in the server), builds the
//! `tonghop` binary (the tests of shutdown and deployment run it as a
//! process, found through `TONGHOP_BIN`) and runs `cargo test` over the whole
//! workspace (shared rules, backend, the apps' own unit tests, API and browser
//! tests). Extra arguments go to `cargo test`.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Runs every test.
pub fn run(args: &[String]) -> anyhow::Result<()> {
    crate::preflight::check_test_needs()?;
    let root = crate::workspace_root();
    println!("node --test {}/", crate::apps::STATIC_DIR);
    crate::run_command(Command::new("node").current_dir(&root).arg("--test").arg(format!("{}/", crate::apps::STATIC_DIR)))?;
    crate::web_tools::ensure();
    crate::build_frontend::run(&[])?;
    let binary = build_server()?;
    crate::run_command(crate::cargo().current_dir(&root).env("TONGHOP_BIN", binary).args(["test", "--workspace"]).args(args))
}

/// Builds the `tonghop` binary with the tests' profile (dev), after the app
/// it embeds, and returns its path as cargo reports it (wherever the target
/// directory is). `--workspace`, not `-p tonghop-backend`: the dependencies'
/// features are then those of `cargo test --workspace` (alone, the backend
/// asks fewer of futures-util, serde, http, time…), so the tests reuse what
/// this built instead of compiling the dependencies a second time.
fn build_server() -> anyhow::Result<PathBuf> {
    println!("cargo build --workspace --bin tonghop");
    let mut command = crate::cargo();
    command
        .current_dir(crate::workspace_root())
        .args(["build", "--workspace", "--bin", "tonghop", "--message-format=json-render-diagnostics"])
        .stdout(Stdio::piped());
    let output = command.spawn()?.wait_with_output()?;
    anyhow::ensure!(output.status.success(), "{command:?} failed with {}", output.status);
    let executable = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact" && message["target"]["name"] == "tonghop")
        .filter(|message| message["profile"]["test"] == false)
        .find_map(|message| message["executable"].as_str().map(PathBuf::from));
    executable.ok_or_else(|| anyhow::anyhow!("{command:?} named no tonghop executable"))
}
