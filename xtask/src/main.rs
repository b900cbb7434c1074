//! Project automation, run as `cargo xtask <command>` (alias in `.cargo/config.toml`).
//!
//! Plain Rust and `std::process::Command` instead of shell scripts, so the same
//! steps work on every developer machine and in CI.

mod build_frontend;
mod install_wasm_opt;
mod run;
mod test;

use std::path::PathBuf;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  run [ARGS]                  build the app and the server, serve the demo commune
                              on SQLite (ARGS go to `tonghop serve`)
  test [ARGS]                 run every test (ARGS go to `cargo test`)
  build-frontend [--no-opt]   build the browser app into frontend/dist
                              (--no-opt skips wasm-opt even when it is installed)
  install-wasm-opt            npm-install binaryen into the workspace root, so that
                              build-frontend shrinks the wasm with wasm-opt -Oz";

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("build-frontend") => build_frontend::run(&args[1..]),
        Some("install-wasm-opt") => install_wasm_opt::run(),
        Some("run") => run::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}

/// The workspace root: the parent of this crate's folder.
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().expect("xtask lives in the workspace root").to_path_buf()
}

/// Runs a command to completion, failing with its command line when it fails.
pub fn run_command(command: &mut std::process::Command) -> anyhow::Result<()> {
    let status = command.status().map_err(|e| anyhow::anyhow!("could not start {command:?}: {e}"))?;
    anyhow::ensure!(status.success(), "{command:?} failed with {status}");
    Ok(())
}
