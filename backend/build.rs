//! Embeds the built single-page app (frontend/dist) into the server binary.
//!
//! Every file of frontend/dist becomes a static byte slice, so one program
//! serves the app and the API with nothing to configure. When the app has not
//! been built (a backend-only `cargo test`), a small page says how to build it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let dist = manifest.join("../frontend/dist");
    println!("cargo:rerun-if-changed={}", dist.display());
    // The migrations are embedded by `embed_migrations!`, which cargo does not track.
    println!("cargo:rerun-if-changed={}", manifest.join("../migrations").display());
    let mut files = Vec::new();
    if dist.is_dir() {
        collect(&dist, &dist, &mut files);
        for (_, path) in &files {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    let mut code =
        String::from("/// Files of the built app: (path below the site root, content).\npub static ASSETS: &[(&str, &[u8])] = &[\n");
    for (name, path) in &files {
        writeln!(code, "    ({name:?}, include_bytes!({:?})),", path.canonicalize().unwrap()).unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("assets.rs");
    fs::write(out, code).unwrap();
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            files.push((name, path));
        }
    }
}
