//! Shrinking the text files of dist with the pinned npm tools
//! (`crate::web_tools`): terser for the apps' JS glue and the service worker,
//! lightningcss for the stylesheet, html-minifier-terser for `index.html`
//! (its inline module script through terser too). Each runs on the file as
//! it is served (after the templates are filled in, before hashing and
//! compression), so the hashes and the precompressed copies are of what
//! phones get. A tool that is not installed leaves its files as they are; a
//! tool that fails stops the build.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::web_tools::bin;

/// The kinds of text file dist serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A JS module (the wasm-bindgen glue).
    Module,
    /// A classic script (the service worker).
    Script,
    /// The stylesheet.
    Css,
    /// The page.
    Html,
}

impl Kind {
    fn program(self) -> &'static str {
        match self {
            Kind::Module | Kind::Script => "terser",
            Kind::Css => "lightningcss",
            Kind::Html => "html-minifier-terser",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Kind::Module | Kind::Script => "js",
            Kind::Css => "css",
            Kind::Html => "html",
        }
    }
}

/// Whether `kind` is minified by this build (its tool is installed).
pub fn available(kind: Kind) -> bool {
    bin(kind.program()).exists()
}

/// `text` minified, or unchanged when the tool is not installed.
pub fn minify(kind: Kind, name: &str, text: &str) -> anyhow::Result<String> {
    if !available(kind) {
        return Ok(text.to_owned());
    }
    let dir = scratch()?;
    let input = dir.join(format!("in.{}", kind.extension()));
    let output = dir.join(format!("out.{}", kind.extension()));
    fs::write(&input, text)?;
    let mut command = Command::new(bin(kind.program()));
    match kind {
        Kind::Module | Kind::Script => {
            command.arg(&input).args(["--compress", "--mangle", "--output"]).arg(&output);
            if kind == Kind::Module {
                command.arg("--module");
            }
        }
        Kind::Css => {
            command.arg("--minify").arg(&input).arg("-o").arg(&output);
        }
        Kind::Html => {
            command
                .args(["--collapse-whitespace", "--remove-comments", "--minify-css", "true", "--minify-js", r#"{"module":true}"#])
                .arg(&input)
                .arg("-o")
                .arg(&output);
        }
    }
    let result = command.output().map_err(|e| anyhow::anyhow!("could not start {}: {e}", kind.program()))?;
    anyhow::ensure!(result.status.success(), "{} failed on {name}: {}", kind.program(), String::from_utf8_lossy(&result.stderr).trim());
    let minified = fs::read_to_string(&output)?;
    anyhow::ensure!(!minified.trim().is_empty(), "{} wrote nothing for {name}", kind.program());
    Ok(minified)
}

/// A folder for the tools' input and output files.
fn scratch() -> anyhow::Result<PathBuf> {
    let dir = crate::workspace_root().join("target/wasm/minify");
    fs::create_dir_all(&dir)?;
    Ok(dir)
}
