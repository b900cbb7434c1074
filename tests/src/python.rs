//! Python tools the tests run (a client generator, an OOXML validator, an
//! API fuzzer), each pinned in a `requirements.txt` and installed by the
//! test itself into its own virtual environment under `target/`, made again
//! only when the requirements change. Needs `python3` with `venv`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// The workspace's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs a command to its end; its standard output, or a failure that shows
/// both outputs.
pub fn run(command: &mut Command) -> String {
    let output = command.output().unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{command:?} failed ({}):\n{stdout}\n{stderr}", output.status);
    stdout.into_owned()
}

/// `target/<name>`: a virtual environment holding exactly `requirements`
/// (a path from the workspace root), made when missing or when the file
/// changed since it was made. Tests that share a name share one install.
pub fn venv(name: &str, requirements: &str) -> PathBuf {
    static MADE: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let mut made = MADE.get_or_init(Default::default).lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(venv) = made.get(name) {
        return venv.clone();
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from);
    let venv = target.join(name);
    let requirements = repo().join(requirements);
    install(&venv, &requirements);
    made.insert(name.to_owned(), venv.clone());
    venv
}

fn install(venv: &Path, requirements: &Path) {
    let wanted = std::fs::read_to_string(requirements).unwrap_or_else(|e| panic!("{}: {e}", requirements.display()));
    let stamp = venv.join("installed-requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return;
    }
    let started = Instant::now();
    let _ = std::fs::remove_dir_all(venv);
    run(Command::new("python3").arg("-m").arg("venv").arg(venv));
    run(Command::new(venv.join("bin/pip")).args(["install", "--quiet", "--disable-pip-version-check", "-r"]).arg(requirements));
    std::fs::write(&stamp, &wanted).expect("stamp");
    eprintln!("installed {} in {:?}", requirements.display(), started.elapsed());
}
