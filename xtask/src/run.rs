//! `cargo xtask run [ARGS…]`: builds the browser apps and the server (release),
//! then starts `tonghop serve --demo` on the embedded SQLite database. Extra
//! arguments go to `tonghop serve` (e.g. `--bind 0.0.0.0:8080`).

/// Builds everything and serves the demo commune.
pub fn run(args: &[String]) -> anyhow::Result<()> {
    crate::web_tools::ensure();
    crate::build_frontend::run(&[])?;
    let root = crate::workspace_root();
    crate::run_command(
        crate::cargo()
            .current_dir(&root)
            .args(["run", "--release", "--package", "tonghop-backend", "--bin", "tonghop", "--", "serve", "--demo"])
            .args(args),
    )
}
