//! Embeds the built single-page app (frontend/dist) into the server binary.
//!
//! Every file of frontend/dist becomes a static byte slice, so one program
//! serves the app and the API with nothing to configure. The `.br` and `.gz`
//! files that `cargo xtask build-frontend` writes beside a file are attached
//! to it as its compressed forms, not served under their own names. Each
//! file's entity tag (SHA-256 of its uncompressed content, the first 128
//! bits as hex, the form of `web/etag.rs`'s tags) is computed here, once,
//! not on every start. When the app has not been built (a backend-only
//! `cargo test`), the table is empty and the server shows a page that says
//! how to build it.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a build script that cannot read the app fails the build with its message")]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

use base64::Engine as _;
use sha2::{Digest, Sha256};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let dist = manifest.join("../frontend/dist");
    println!("cargo:rerun-if-changed={}", dist.display());
    // The migrations are embedded by `embed_migrations!`, which cargo does not track.
    println!("cargo:rerun-if-changed={}", manifest.join("../migrations").display());
    let mut files = BTreeMap::new();
    if dist.is_dir() {
        collect(&dist, &dist, &mut files);
        for path in files.values() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    let mut code = String::from("/// Files of the built app, by path below the site root.\npub static ASSETS: &[Asset] = &[\n");
    for (name, path) in &files {
        let sibling = |suffix: &str| files.get(&format!("{name}{suffix}"));
        let base_exists = |suffix: &str| name.strip_suffix(suffix).is_some_and(|base| files.contains_key(base));
        if base_exists(".br") || base_exists(".gz") {
            continue; // a compressed form, attached to its file below
        }
        let content = fs::read(path).unwrap();
        writeln!(
            code,
            "    Asset {{ path: {name:?}, body: {}, br: {}, gzip: {}, tag: {:?} }},",
            bytes(path),
            sibling(".br").map_or("None".into(), |p| format!("Some({})", bytes(p))),
            sibling(".gz").map_or("None".into(), |p| format!("Some({})", bytes(p))),
            tag(&content),
        )
        .unwrap();
    }
    code.push_str("];\n");
    let hashes = files.get("index.html").map(|path| inline_script_hashes(&fs::read_to_string(path).unwrap())).unwrap_or_default();
    writeln!(
        code,
        "/// CSP sources (`'sha256-…'`) of the inline scripts of `index.html`, the only scripts the page may run besides its own files.\npub static SHELL_SCRIPT_HASHES: &[&str] = &{hashes:?};"
    )
    .unwrap();
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("assets.rs");
    fs::write(out, code).unwrap();
}

/// `'sha256-<base64>'` of every inline `<script>` (one without `src`), as a
/// Content-Security-Policy names it: over the exact text between the tags.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>').map(|i| start + i + 1) else { break };
        let Some(close) = rest[open_end..].find("</script>").map(|i| open_end + i) else { break };
        if !rest[start..open_end].contains(" src=") {
            let digest = Sha256::digest(&rest.as_bytes()[open_end..close]);
            hashes.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &rest[close..];
    }
    hashes
}

/// `include_bytes!` of a file, as a slice.
fn bytes(path: &Path) -> String {
    format!("include_bytes!({:?}) as &[u8]", path.canonicalize().unwrap())
}

/// The entity tag of some content: SHA-256, the first 16 bytes as hex.
fn tag(content: &[u8]) -> String {
    let digest = Sha256::digest(content);
    digest[..16].iter().fold(String::new(), |mut hex, b| {
        write!(hex, "{b:02x}").unwrap();
        hex
    })
}

/// Every file below `dir`, by its path below `root` with `/` separators.
fn collect(root: &Path, dir: &Path, files: &mut BTreeMap<String, PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(name, path);
        }
    }
}
