//! What must be on the machine before anything is built: the wasm target
//! (added when missing, so `cargo xtask run` works on a fresh machine), and
//! for `cargo xtask test` every outside program and service the tests use
//! (Chromium, chromedriver, PostgreSQL, nginx, python3, node),
//! checked at once so a fresh machine learns all it lacks in one go, with
//! how to get each, instead of one failure per half-hour build.

use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::build_frontend::TARGET;

/// Adds the wasm target with rustup when it is missing.
pub fn ensure_wasm_target() -> anyhow::Result<()> {
    match wasm_target() {
        WasmTarget::Installed => Ok(()),
        WasmTarget::Addable => {
            println!("adding the Rust target {TARGET} (rustup target add {TARGET})");
            crate::run_command(Command::new("rustup").args(["target", "add", TARGET]))
        }
        WasmTarget::Missing => anyhow::bail!("{}", missing_target_advice()),
    }
}

/// Whether the standard library's source is there for the small build
/// (`crate::build_frontend`), adding it with rustup when it is not. `false`
/// (no rustup, or rustup could not fetch it) only means a larger app.
pub fn ensure_rust_src() -> bool {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let has_src = || {
        Command::new(&rustc).args(["--print", "sysroot"]).output().is_ok_and(|out| {
            out.status.success()
                && PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()).join("lib/rustlib/src/rust/library/std").is_dir()
        })
    };
    if has_src() {
        return true;
    }
    println!("adding the standard library's source for the small wasm build (rustup component add rust-src)");
    let added = Command::new("rustup").args(["component", "add", "rust-src"]).current_dir(crate::workspace_root()).status();
    added.is_ok_and(|status| status.success()) && has_src()
}

enum WasmTarget {
    Installed,
    /// Missing, and rustup is there to add it.
    Addable,
    /// Missing, and no rustup.
    Missing,
}

fn wasm_target() -> WasmTarget {
    let root = crate::workspace_root();
    match Command::new("rustup").args(["target", "list", "--installed"]).current_dir(&root).stderr(Stdio::null()).output() {
        Ok(out) if out.status.success() => {
            if String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == TARGET) {
                WasmTarget::Installed
            } else {
                WasmTarget::Addable
            }
        }
        // No rustup: a toolchain installed some other way may still carry the target.
        _ if sysroot_has_target() => WasmTarget::Installed,
        _ => WasmTarget::Missing,
    }
}

fn sysroot_has_target() -> bool {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = Command::new(rustc).args(["--print", "sysroot"]).output() else { return false };
    let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    out.status.success() && sysroot.join("lib/rustlib").join(TARGET).join("lib").is_dir()
}

fn missing_target_advice() -> String {
    format!(
        "the Rust target {TARGET} is missing and rustup is not installed: install Rust with rustup (https://rustup.rs), \
         then `rustup target add {TARGET}`, or add the target to this toolchain"
    )
}

/// Checks everything `cargo xtask test` needs besides cargo; prints one line
/// per missing piece with how to get it, and fails when any is missing.
pub fn check_test_needs() -> anyhow::Result<()> {
    let mut missing = Vec::new();
    if matches!(wasm_target(), WasmTarget::Missing) {
        missing.push(missing_target_advice());
    }
    let chrome = std::env::var_os("CHROME").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chrome.is_file() {
        missing.push(format!("Chromium not found at {} ($CHROME): apt-get install chromium chromium-driver", chrome.display()));
    }
    let driver = std::env::var_os("CHROMEDRIVER").map(PathBuf::from);
    if !driver.as_deref().map_or_else(|| on_path("chromedriver"), Path::is_file) {
        let place = driver.map_or("on PATH".to_owned(), |d| format!("at {} ($CHROMEDRIVER)", d.display()));
        missing.push(format!("chromedriver not found {place}: apt-get install chromium chromium-driver"));
    }
    if let Some(problem) = postgres_problem() {
        missing.push(problem);
    }
    // The deployment test puts the repository's nginx site in front of two servers.
    let nginx = std::env::var_os("NGINX").map_or_else(|| PathBuf::from("/usr/sbin/nginx"), PathBuf::from);
    if !nginx.is_file() {
        missing.push(format!("nginx not found at {} ($NGINX): apt-get install nginx-light", nginx.display()));
    }
    if !succeeds(Command::new("python3").args(["-c", "import venv, ensurepip"])) {
        missing.push(
            "python3 with venv and ensurepip not found (the generated-client test makes a venv): apt-get install python3-venv".into(),
        );
    }
    if !succeeds(Command::new("node").arg("--version")) {
        missing.push("node not found (the service-worker tests run under `node --test`): apt-get install nodejs".into());
    }
    if missing.is_empty() {
        return Ok(());
    }
    for line in &missing {
        eprintln!("error: {line}");
    }
    Err(crate::Reported.into())
}

/// Why the tests could not reach PostgreSQL, or `None` when they can. A local
/// cluster that is installed but stopped is started first.
fn postgres_problem() -> Option<String> {
    let url = std::env::var("TONGHOP_TEST_POSTGRES").ok();
    let Some(url) = url else {
        if !reachable("127.0.0.1", 5432) {
            start_local_postgres();
        }
        return (!reachable("127.0.0.1", 5432)).then(|| {
            "PostgreSQL not reachable at 127.0.0.1:5432: apt-get install postgresql (trust for local users), \
             or set TONGHOP_TEST_POSTGRES=postgres://user:pass@host:port"
                .to_owned()
        });
    };
    let Some((host, port)) = postgres_address(&url) else {
        return Some(format!("TONGHOP_TEST_POSTGRES={url:?} is not postgres://[user[:pass]@]host[:port][/db]"));
    };
    (!reachable(&host, port))
        .then(|| format!("PostgreSQL not reachable at {host}:{port} (TONGHOP_TEST_POSTGRES): start it there or change the variable"))
}

/// Host and port of a `postgres://` URL (port 5432 when it names none).
fn postgres_address(url: &str) -> Option<(String, u16)> {
    let rest = url.strip_prefix("postgres://").or_else(|| url.strip_prefix("postgresql://"))?;
    let authority = rest.split(['/', '?']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = match host_port.strip_prefix('[') {
        // An IPv6 address: `[::1]:5433`.
        Some(bracketed) => {
            let (host, after) = bracketed.split_once(']')?;
            (host, after.strip_prefix(':').map_or(Some(5432), |p| p.parse().ok())?)
        }
        None => match host_port.rsplit_once(':') {
            Some((host, port)) => (host, port.parse().ok()?),
            None => (host_port, 5432),
        },
    };
    (!host.is_empty()).then(|| (host.to_owned(), port))
}

fn reachable(host: &str, port: u16) -> bool {
    let Ok(addresses) = (host, port).to_socket_addrs() else { return false };
    addresses.into_iter().any(|a| TcpStream::connect_timeout(&a, Duration::from_secs(2)).is_ok())
}

/// Starts the Debian clusters that are installed, then waits up to 30 s.
fn start_local_postgres() {
    let Ok(versions) = std::fs::read_dir("/etc/postgresql") else { return };
    for version in versions.flatten() {
        let version = version.file_name().to_string_lossy().into_owned();
        println!("starting the local PostgreSQL {version} cluster");
        let _ = Command::new("pg_ctlcluster").args(["--skip-systemctl-redirect", &version, "main", "start"]).status();
    }
    for _ in 0..30 {
        if reachable("127.0.0.1", 5432) {
            return;
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

fn succeeds(command: &mut Command) -> bool {
    command.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_gives_its_host_and_port() {
        let address = |url| postgres_address(url).map(|(h, p)| format!("{h}:{p}"));
        assert_eq!(address("postgres://postgres@127.0.0.1:5432").as_deref(), Some("127.0.0.1:5432"));
        assert_eq!(address("postgres://u:p@a@db.internal:6543/tonghop?sslmode=disable").as_deref(), Some("db.internal:6543"));
        assert_eq!(address("postgresql://localhost").as_deref(), Some("localhost:5432"));
        assert_eq!(address("postgres://[::1]:5433/x").as_deref(), Some("::1:5433"));
        assert_eq!(address("postgres://[::1]").as_deref(), Some("::1:5432"));
        assert_eq!(address("host=localhost port=5432"), None);
    }
}
