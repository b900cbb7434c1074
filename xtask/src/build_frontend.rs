//! `cargo xtask build-frontend`: the browser apps, ready to be embedded by
//! the backend (`backend/build.rs` takes every file of `frontend/dist`).
//!
//! One cargo build of every app (wasm32, `wasm-release` profile) ->
//! wasm-bindgen in-process per app -> wasm-opt per app when installed ->
//! `dist::assemble` (hashed names, templates, static files, precompression).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use wasm_bindgen_cli_support::Bindgen;

use crate::apps::{APPS, App};
use crate::dist::{self, Compiled};

pub const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
/// wasm-opt's flags, chosen by their brotli size (binaryen 132, 2026-12):
/// against `-Oz` alone, a second `-Oz` and `--low-memory-unused` took 0.7 %
/// off both apps for no extra time; `--strip-*` drop the producers section.
/// `--low-memory-unused` folds small constant offsets into loads, which only
/// differs when an address wraps around into the lowest 1 KiB, never valid
/// Rust. Measured and left out: `--converge` (0.3 % more for 2.5 times the
/// time), `--enable-bulk-memory` and the other features (already on: no
/// change), `--zero-filled-memory` (no change), `-O3 -Oz` (larger).
const WASM_OPT_FLAGS: &[&str] = &["-Oz", "-Oz", "--low-memory-unused", "--strip-debug", "--strip-producers"];

/// The small build: cargo compiles the standard library again for the apps
/// (`-Zbuild-std`) with `panic = "immediate-abort"`, and no source location
/// is kept for panics (`-Zlocation-detail=none`). A panic in the browser
/// stops the app either way (no panic hook prints anywhere a user looks):
/// what goes is the code that formats its message, and the file names.
/// Measured on the reporter's wasm (2026-12, Rust 1.95): 190.2 KB -> 175.7
/// KB brotli, 7.6 % off, of which the locations are 3.8 KB.
///
/// These are unstable options of the stable toolchain, unlocked for this one
/// cargo call by `RUSTC_BOOTSTRAP=1`, as Firefox and others build: no
/// nightly can be fetched here (TOOLCHAIN.md). They need the `rust-src`
/// component. When it is missing, or a later toolchain refuses the options,
/// the build says so and makes the ordinary (larger) app instead.
const SMALL_STD: &[(&str, &str)] = &[
    ("RUSTC_BOOTSTRAP", "1"),
    ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort"),
    ("CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT", "true"),
    ("CARGO_PROFILE_WASM_RELEASE_PANIC", "immediate-abort"),
];
/// The compiler flag of the small build, beside `short_paths`.
const SMALL_STD_RUSTFLAGS: &[&str] = &["-Zlocation-detail=none"];

/// Compiler flags that write source paths (kept in the wasm for panic
/// messages) relative to the workspace and the registry instead of this
/// machine's folders, so that one commit builds the same files, with the
/// same hashed names, on every machine: phones keep their cached app across
/// a redeploy of the same version. (Brotli already packed the long paths
/// well: the download is no smaller.) Appended to the user's own
/// `RUSTFLAGS`, 0x1f-separated as cargo reads `CARGO_ENCODED_RUSTFLAGS`.
fn short_paths(root: &Path, small: bool) -> String {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let mut flags: Vec<String> = std::env::var("RUSTFLAGS").map(|f| f.split_whitespace().map(str::to_owned).collect()).unwrap_or_default();
    if small {
        flags.extend(SMALL_STD_RUSTFLAGS.iter().map(|f| (*f).to_owned()));
    }
    flags.push(format!("--remap-path-prefix={}/=", root.display()));
    if let Some(home) = cargo_home {
        flags.push(format!("--remap-path-prefix={}/=", home.join("registry").join("src").display()));
    }
    flags.join("\x1f")
}

/// Builds the apps into `frontend/dist`. `--no-opt` skips wasm-opt.
pub fn run(args: &[String]) -> anyhow::Result<()> {
    let use_wasm_opt = match args {
        [] => true,
        [flag] if flag == "--no-opt" => false,
        _ => anyhow::bail!("unknown arguments {args:?}; usage: cargo xtask build-frontend [--no-opt]"),
    };
    crate::preflight::ensure_wasm_target()?;
    let root = crate::workspace_root();
    // A target folder of its own: the backend build never waits for this one's lock.
    let target_dir = root.join("target/wasm");
    let started = Instant::now();

    let small = std::env::var_os("TONGHOP_ORDINARY_STD").is_none() && crate::preflight::ensure_rust_src();
    let built = if small {
        // A separate folder: the two builds' std and flags differ, and
        // neither should undo the other's cache.
        let built = compile(&root, &target_dir.join("small"), true);
        if let Err(e) = &built {
            println!("the small build failed ({e:#}); building the ordinary app instead");
        }
        built.ok().map(|()| target_dir.join("small"))
    } else {
        println!("building the ordinary (larger) app: no rust-src, or TONGHOP_ORDINARY_STD is set");
        None
    };
    let compiled_dir = match built {
        Some(dir) => dir,
        None => {
            compile(&root, &target_dir, false)?;
            target_dir.clone()
        }
    };
    println!("cargo build: {:.1} s", started.elapsed().as_secs_f64());

    let wasm_opt = crate::web_tools::bin("wasm-opt");
    let wasm_opt = (use_wasm_opt && wasm_opt.exists()).then_some(wasm_opt.as_path());
    let mut compiled = Vec::new();
    for app in APPS {
        let dir = target_dir.join("bindgen").join(app.out_name);
        bindgen(app, &compiled_dir.join(TARGET).join(PROFILE).join(app.wasm), &dir, wasm_opt)?;
        compiled.push(Compiled { app: *app, dir });
    }
    if wasm_opt.is_none() {
        let why = if use_wasm_opt { "not installed: `cargo xtask install-web-tools`" } else { "skipped" };
        println!("wasm-opt {why}");
    }

    if !crate::minify::available(crate::minify::Kind::Module) {
        println!("the minifiers are not installed (`cargo xtask install-web-tools`): JS, CSS and HTML go out as written");
    }
    let dist = root.join("frontend/dist");
    dist::assemble(&root, &compiled, &dist)?;
    println!("built {} in {:.1} s (sizes: `cargo xtask size --no-build`)", dist.display(), started.elapsed().as_secs_f64());
    Ok(())
}

/// One cargo build of every app into `target_dir`, small or ordinary.
fn compile(root: &Path, target_dir: &Path, small: bool) -> anyhow::Result<()> {
    let mut cargo = crate::cargo();
    cargo.current_dir(root).env("CARGO_TARGET_DIR", target_dir).args(["build", "--target", TARGET, "--profile", PROFILE]);
    cargo.env("CARGO_ENCODED_RUSTFLAGS", short_paths(root, small));
    if small {
        cargo.envs(SMALL_STD.iter().copied());
    }
    for app in APPS {
        cargo.args(["--package", app.package]);
    }
    crate::run_command(&mut cargo)
}

/// wasm-bindgen (web target) into `dir`, then wasm-opt on the result.
fn bindgen(app: &App, compiled: &Path, dir: &Path, wasm_opt: Option<&Path>) -> anyhow::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    let step = Instant::now();
    Bindgen::new()
        .input_path(compiled)
        .out_name(app.out_name)
        .web(true)?
        .omit_default_module_path(false)
        .typescript(false)
        .generate(dir)
        .map_err(|e| anyhow::anyhow!("wasm-bindgen on {}: {e}", compiled.display()))?;
    let wasm = dir.join(app.wasm_name());
    let before = fs::metadata(&wasm)?.len();
    print!("{}: wasm-bindgen {:.1} s, {before} B", app.out_name, step.elapsed().as_secs_f64());
    if let Some(wasm_opt) = wasm_opt {
        let step = Instant::now();
        crate::run_command(Command::new(wasm_opt).args(WASM_OPT_FLAGS).arg(&wasm).arg("-o").arg(&wasm))?;
        print!("; wasm-opt {} {:.1} s, {} B", WASM_OPT_FLAGS.join(" "), step.elapsed().as_secs_f64(), fs::metadata(&wasm)?.len());
    }
    println!();
    Ok(())
}
