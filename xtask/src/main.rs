//! Project automation, run as `cargo xtask <command>` (alias in `.cargo/config.toml`).
//!
//! Plain Rust and `std::process::Command` instead of shell scripts, so the same
//! steps work on every developer machine and in CI.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and tools fail loudly: that is their job")]

mod apps;
mod build_frontend;
mod compress;
mod dist;
mod hashing;
mod lint;
mod minify;
mod preflight;
mod run;
mod size;
mod templates;
mod test;
#[cfg(test)]
mod tidy;
mod web_tools;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  run [ARGS]                  build the apps and the server, serve the demo commune
                              on SQLite (ARGS go to `tonghop serve`)
  test [ARGS]                 check that everything the tests need is installed, then
                              run every test (ARGS go to `cargo test`)
  lint                        cargo fmt --check, clippy with warnings as errors (host
                              and wasm32), and the schema check on both databases
  build-frontend [--no-opt]   build the browser apps into frontend/dist
                              (--no-opt skips wasm-opt even when it is installed)
  size [--no-build]           build the apps (or, with --no-build, read frontend/dist)
                              and print every file's raw, gzip and brotli bytes and what
                              a new visitor downloads before the login form shows
  install-web-tools           npm-install wasm-opt and the JS, CSS and HTML minifiers
                              (pinned) into the workspace root, so that build-frontend
                              shrinks what phones download (run and test do it by
                              themselves when npm is there)";

/// Errors end the program as one line, `error: …` with its causes, and exit
/// code 1: no `Error:` debug print and no backtrace, since most errors here are
/// a missing tool or a failed step whose own output is just above.
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build-frontend") => build_frontend::run(&args[1..]),
        Some("install-web-tools" | "install-wasm-opt") => web_tools::run(),
        Some("lint") => lint::run(),
        Some("run") => run::run(&args[1..]),
        Some("size") => size::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if !error.is::<Reported>() {
                eprintln!("error: {error:#}");
            }
            ExitCode::FAILURE
        }
    }
}

/// An error whose lines have already been printed (e.g. one per missing tool).
#[derive(Debug)]
pub struct Reported;

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("see above")
    }
}

impl std::error::Error for Reported {}

/// The workspace root: the parent of this crate's folder.
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().expect("xtask lives in the workspace root").to_path_buf()
}

/// The cargo that runs this program (so the same toolchain builds the rest).
pub fn cargo() -> std::process::Command {
    std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Runs a command to completion, failing with its command line when it fails.
pub fn run_command(command: &mut std::process::Command) -> anyhow::Result<()> {
    let status = command.status().map_err(|e| anyhow::anyhow!("could not start {command:?}: {e}"))?;
    anyhow::ensure!(status.success(), "{command:?} failed with {status}");
    Ok(())
}
