//! `cargo xtask build-frontend`: the browser app, ready to be embedded by the
//! backend (`backend/build.rs` takes every file of `frontend/dist`).
//!
//! cargo (wasm32, `wasm-release` profile) -> wasm-bindgen in-process ->
//! wasm-opt when installed -> static files -> sizes.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;
use std::{env, fs};

use wasm_bindgen_cli_support::Bindgen;

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
/// Name of the files in dist: `tonghop.js`, `tonghop_bg.wasm` (index.html loads them).
const OUT_NAME: &str = "tonghop";
/// Copied unchanged from `frontend/`.
const STATIC_FILES: &[&str] = &["index.html", "style.css"];

/// Builds the app into `frontend/dist`. `--no-opt` skips wasm-opt.
pub fn run(args: &[String]) -> anyhow::Result<()> {
    let use_wasm_opt = match args {
        [] => true,
        [flag] if flag == "--no-opt" => false,
        _ => anyhow::bail!("unknown arguments {args:?}; usage: cargo xtask build-frontend [--no-opt]"),
    };
    let root = crate::workspace_root();
    // A target folder of its own: the backend build never waits for this one's lock.
    let target_dir = root.join("target/wasm");
    let dist = root.join("frontend/dist");
    let started = Instant::now();

    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    crate::run_command(Command::new(cargo).current_dir(&root).env("CARGO_TARGET_DIR", &target_dir).args([
        "build",
        "--package",
        "tonghop-frontend",
        "--target",
        TARGET,
        "--profile",
        PROFILE,
    ]))?;
    let compiled = target_dir.join(TARGET).join(PROFILE).join("tonghop_frontend.wasm");
    println!("cargo build: {:.1} s", started.elapsed().as_secs_f64());

    // Stale files would be embedded too.
    if dist.exists() {
        fs::remove_dir_all(&dist)?;
    }
    fs::create_dir_all(&dist)?;
    let step = Instant::now();
    Bindgen::new().input_path(&compiled).out_name(OUT_NAME).web(true)?.omit_default_module_path(false).typescript(false).generate(&dist)?;
    println!("wasm-bindgen: {:.1} s", step.elapsed().as_secs_f64());

    let wasm = dist.join(format!("{OUT_NAME}_bg.wasm"));
    let before_opt = Size::of(&wasm)?;
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    let optimised = use_wasm_opt && wasm_opt.exists();
    if optimised {
        let step = Instant::now();
        crate::run_command(Command::new(&wasm_opt).arg("-Oz").arg(&wasm).arg("-o").arg(&wasm))?;
        println!("wasm-opt -Oz: {:.1} s", step.elapsed().as_secs_f64());
    }

    for name in STATIC_FILES {
        fs::copy(root.join("frontend").join(name), dist.join(name))?;
    }
    precompress(&dist)?;

    println!("built {} in {:.1} s", dist.display(), started.elapsed().as_secs_f64());
    if optimised {
        println!("  {OUT_NAME}_bg.wasm before wasm-opt  {before_opt}");
        println!("  {OUT_NAME}_bg.wasm                  {}", Size::of(&wasm)?);
    } else if use_wasm_opt {
        println!("  {OUT_NAME}_bg.wasm                  {before_opt}  (no wasm-opt: `cargo xtask install-wasm-opt`)");
    } else {
        println!("  {OUT_NAME}_bg.wasm                  {before_opt}  (wasm-opt skipped)");
    }
    println!("  {OUT_NAME}.js                       {}", Size::of(&dist.join(format!("{OUT_NAME}.js")))?);
    Ok(())
}

/// A file's size as served: raw and gzip-compressed.
struct Size {
    raw: u64,
    gzip: Option<u64>,
}

impl Size {
    fn of(path: &Path) -> anyhow::Result<Self> {
        Ok(Size { raw: fs::metadata(path)?.len(), gzip: gzip_size(path) })
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kb = |n: u64| n as f64 / 1024.0;
        match self.gzip {
            Some(gz) => write!(f, "{:7.1} KiB raw, {:6.1} KiB gzip -9", kb(self.raw), kb(gz)),
            None => write!(f, "{:7.1} KiB raw (gzip not found)", kb(self.raw)),
        }
    }
}

/// Bytes of `gzip -9` output; `None` when gzip is not installed.
fn gzip_size(path: &Path) -> Option<u64> {
    let output = Command::new("gzip").args(["-9", "-c"]).arg(path).stderr(Stdio::null()).output().ok()?;
    output.status.success().then_some(output.stdout.len() as u64)
}

/// Writes `<file>.gz` (gzip level 9) beside each file, which the server sends
/// to browsers that accept gzip: smaller than compressing on the fly at the
/// server's fast level, which matters on a weak mobile connection.
fn precompress(dist: &Path) -> anyhow::Result<()> {
    use std::io::Write;
    for entry in fs::read_dir(dist)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "gz") {
            continue;
        }
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&fs::read(&path)?)?;
        let mut gz = path.clone().into_os_string();
        gz.push(".gz");
        fs::write(gz, encoder.finish()?)?;
    }
    Ok(())
}
