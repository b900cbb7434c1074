//! `cargo xtask install-wasm-opt`: a `wasm-opt` that reads current
//! wasm-bindgen output.
//!
//! Debian's binaryen and the `wasm-opt` crate are too old for the wasm that
//! wasm-bindgen 0.2.130 writes; the npm package `binaryen` ships a working
//! one (run under node). It goes to `node_modules/` at the workspace root
//! (gitignored) without creating a `package.json` there.

use std::process::Command;

/// The binaryen release known to read wasm-bindgen 0.2.130 output.
const BINARYEN: &str = "binaryen@132.0.0";

/// Installs binaryen with npm into the workspace root.
pub fn run() -> anyhow::Result<()> {
    let root = crate::workspace_root();
    crate::run_command(
        Command::new("npm")
            .args(["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefix"])
            .arg(&root)
            .arg(BINARYEN),
    )?;
    println!("installed {BINARYEN}: {}", root.join("node_modules/.bin/wasm-opt").display());
    Ok(())
}

/// Installs wasm-opt when it is missing and npm is there; otherwise carries on
/// (the app then ships without the wasm-opt pass, larger but working).
pub fn ensure() {
    if crate::workspace_root().join("node_modules/.bin/wasm-opt").exists() {
        return;
    }
    let npm = Command::new("npm").arg("--version").output().is_ok_and(|o| o.status.success());
    if !npm {
        println!("npm not found: building without wasm-opt");
        return;
    }
    if let Err(e) = run() {
        println!("could not install wasm-opt ({e}); building without it");
    }
}
