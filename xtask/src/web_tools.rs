//! `cargo xtask install-web-tools`: the npm tools the frontend build uses
//! when they are there, installed into `node_modules/` at the workspace root
//! (gitignored) without creating a `package.json` there. Each is pinned.
//!
//! - `wasm-opt` (binaryen): Debian's binaryen and the `wasm-opt` crate are
//!   too old for the wasm that wasm-bindgen 0.2.130 writes; the npm package
//!   ships a working one (run under node).
//! - `terser`, `lightningcss`, `html-minifier-terser`: the JS glue and the
//!   service worker, the stylesheet, and `index.html` without comments and
//!   spaces (`crate::minify`). Measured on the reporter's first load: 6.5 KB
//!   of brotli less, a thirtieth of it.
//!
//! Without npm the build goes on without them: the app works, and is larger.

use std::path::PathBuf;
use std::process::Command;

/// The packages, pinned, and the program each puts in `node_modules/.bin`.
const TOOLS: &[(&str, &str)] = &[
    // The binaryen release known to read wasm-bindgen 0.2.130 output.
    ("binaryen@132.0.0", "wasm-opt"),
    ("terser@5.51.4", "terser"),
    ("lightningcss-cli@1.33.0", "lightningcss"),
    ("html-minifier-terser@7.2.0", "html-minifier-terser"),
];

/// Where an installed tool's program is.
pub fn bin(program: &str) -> PathBuf {
    crate::workspace_root().join("node_modules/.bin").join(program)
}

/// Installs the tools with npm into the workspace root.
pub fn run() -> anyhow::Result<()> {
    let root = crate::workspace_root();
    crate::run_command(
        Command::new("npm")
            .args(["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefix"])
            .arg(&root)
            .args(TOOLS.iter().map(|(package, _)| *package)),
    )?;
    for (package, program) in TOOLS {
        println!("installed {package}: {}", bin(program).display());
    }
    Ok(())
}

/// Installs the tools when one is missing and npm is there; otherwise
/// carries on (the app then ships without those passes, larger but working).
pub fn ensure() {
    if TOOLS.iter().all(|(_, program)| bin(program).exists()) {
        return;
    }
    let npm = Command::new("npm").arg("--version").output().is_ok_and(|o| o.status.success());
    if !npm {
        println!("npm not found: building without wasm-opt and the minifiers");
        return;
    }
    if let Err(e) = run() {
        println!("could not install the web tools ({e}); building without them");
    }
}
