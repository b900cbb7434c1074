//! Lays out `frontend/dist` from the compiled apps and the static files:
//! the apps' JS and wasm and the stylesheet under content-hashed names,
//! `index.html` and `sw.js` filled in with those names (and the service
//! worker's version and precache list), the manifest and icons as they are,
//! the text files minified (`crate::minify`), then `.br` and `.gz` beside
//! everything compressible.
//!
//! The service worker serves one app, the one `index.html` registers it for
//! (`/sw.js?app=reporter`, `/sw.js?app=office`): `%PRECACHE%` lists what
//! every install fetches whichever app, and the worker adds its app's JS and
//! wasm from `%REPORTER_JS%`, `%OFFICE_WASM%`…. `%VERSION%` names the
//! worker's caches, so it covers both: a change to any app changes it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::apps::{self, App};
use crate::hashing::{hashed_name, unhashed_name, version};
use crate::minify::{Kind, minify};
use crate::templates::substitute;

/// One app's wasm-bindgen output: `<out>.js` and `<out>_bg.wasm` in `dir`.
#[derive(Debug)]
pub struct Compiled {
    /// Which app.
    pub app: App,
    /// The folder wasm-bindgen (and wasm-opt) wrote to.
    pub dir: PathBuf,
}

/// Writes `dist` afresh (stale files would be embedded by the server too).
/// It is laid out in `target/wasm/dist` first and moved into place only when
/// complete, so a failed build leaves the last good app where it was.
pub fn assemble(root: &Path, compiled: &[Compiled], dist: &Path) -> anyhow::Result<()> {
    let staging = root.join("target/wasm/dist");
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fs::create_dir_all(&staging)?;
    fill(&root.join(apps::STATIC_DIR), compiled, &staging)?;
    if dist.exists() {
        fs::remove_dir_all(dist)?;
    }
    fs::rename(&staging, dist).map_err(|e| anyhow::anyhow!("moving {} to {}: {e}", staging.display(), dist.display()))
}

fn fill(statics: &Path, compiled: &[Compiled], dist: &Path) -> anyhow::Result<()> {
    // Placeholder -> absolute URL of the hashed file.
    let mut urls = BTreeMap::new();
    for Compiled { app, dir } in compiled {
        let wasm = fs::read(dir.join(app.wasm_name()))?;
        let wasm_name = hashed_name(&format!("{}_bg", app.out_name), "wasm", &wasm);
        fs::write(dist.join(&wasm_name), &wasm)?;
        // The glue's default wasm URL (used when `init()` gets none) follows the
        // rename, so the JS hash covers the wasm too.
        let js = fs::read_to_string(dir.join(app.js_name()))?;
        let js = js.replace(&format!("'{}'", app.wasm_name()), &format!("'{wasm_name}'"));
        let js = minify(Kind::Module, &app.js_name(), &js)?;
        let js_name = hashed_name(app.out_name, "js", js.as_bytes());
        fs::write(dist.join(&js_name), js)?;
        if dir.join("snippets").is_dir() {
            copy_dir(&dir.join("snippets"), &dist.join("snippets"))?;
        }
        urls.insert(app.js_placeholder(), format!("/{js_name}"));
        urls.insert(app.wasm_placeholder(), format!("/{wasm_name}"));
    }
    let style = minify(Kind::Css, apps::STYLE, &String::from_utf8(read(&statics.join(apps::STYLE))?)?)?;
    let style_name = hashed_name("style", "css", style.as_bytes());
    fs::write(dist.join(&style_name), style)?;
    urls.insert(apps::STYLE_PLACEHOLDER.to_owned(), format!("/{style_name}"));
    for app in apps::APPS {
        if let Some(own) = app.style {
            let style = minify(Kind::Css, own, &String::from_utf8(read(&statics.join(own))?)?)?;
            let name = hashed_name(app.out_name, "css", style.as_bytes());
            fs::write(dist.join(&name), style)?;
            urls.insert(app.style_placeholder(), format!("/{name}"));
        }
    }

    for name in [apps::MANIFEST, apps::PUSH, apps::ICONS] {
        let from = statics.join(name);
        if from.is_dir() {
            copy_dir(&from, &dist.join(name))?;
        } else if from.is_file() {
            fs::copy(&from, dist.join(name))?;
        } else {
            println!("no {name} in {}: the app ships without it", apps::STATIC_DIR);
        }
    }

    let index = String::from_utf8(read(&statics.join(apps::INDEX))?)?;
    let page = minify(Kind::Html, apps::INDEX, &substitute(apps::INDEX, &index, &urls)?)?;
    fs::write(dist.join(apps::INDEX), &page)?;

    let worker = statics.join(apps::SERVICE_WORKER);
    if worker.is_file() {
        let files = dist_files(dist)?;
        let versioned = versioned_urls(&files, &page, apps::APPS);
        let contents = versioned.iter().map(|url| read(&dist.join(&url[1..]))).collect::<anyhow::Result<Vec<_>>>()?;
        let mut values = urls.clone();
        values.insert("VERSION".into(), version(versioned.iter().map(String::as_str).zip(contents.iter().map(Vec::as_slice))));
        values.insert("PRECACHE".into(), serde_json::to_string(&precache_urls(&files, &page))?);
        let text = String::from_utf8(read(&worker)?)?;
        let worker = minify(Kind::Script, apps::SERVICE_WORKER, &substitute(apps::SERVICE_WORKER, &text, &values)?)?;
        fs::write(dist.join(apps::SERVICE_WORKER), worker)?;
    } else {
        println!("no {} in {}: the app ships without a service worker", apps::SERVICE_WORKER, apps::STATIC_DIR);
    }

    crate::compress::precompress(dist)
}

/// What every install of the service worker fetches, whichever app it
/// serves (`%PRECACHE%`), as absolute URLs in this order: the page, the
/// stylesheet, the manifest and the icons `page` (index.html) names, which a
/// page shows offline; no app's JS or wasm (see [`app_urls`]). The
/// manifest's large icons are left to the browser, which fetches one when it
/// offers installing the app: precaching them cost every phone 4.9 KB on its
/// first visit. `files` are paths below dist, `/`-separated.
pub fn precache_urls(files: &[String], page: &str) -> Vec<String> {
    let mut urls: Vec<String> = [apps::INDEX, apps::STYLE, apps::MANIFEST].into_iter().filter_map(|name| top(files, name)).collect();
    urls.extend(icons(files).filter(|url| page.contains(url.as_str())));
    urls
}

/// Every icon, as absolute URLs.
fn icons(files: &[String]) -> impl Iterator<Item = String> + '_ {
    let folder = format!("{}/", apps::ICONS);
    files.iter().filter(move |f| f.starts_with(&folder)).map(|f| format!("/{f}"))
}

/// The app's JS, wasm and own stylesheet, as absolute URLs: what the
/// worker registered for that app precaches besides [`precache_urls`].
pub fn app_urls(files: &[String], app: &App) -> Vec<String> {
    [Some(app.js_name()), Some(app.wasm_name()), app.style.map(str::to_owned)]
        .iter()
        .flatten()
        .filter_map(|name| top(files, name))
        .collect()
}

/// What the service worker's version is computed over: the shared precache,
/// the other icons, then every app's JS and wasm, whichever app a worker
/// serves.
pub fn versioned_urls(files: &[String], page: &str, apps: &[App]) -> Vec<String> {
    let mut urls = precache_urls(files, page);
    let others: Vec<String> = icons(files).filter(|url| !urls.contains(url)).collect();
    urls.extend(others);
    urls.extend(apps.iter().flat_map(|app| app_urls(files, app)));
    urls
}

/// The absolute URL of the file at the top of dist that was `logical` before hashing.
fn top(files: &[String], logical: &str) -> Option<String> {
    files.iter().find(|f| !f.contains('/') && unhashed_name(f) == logical).map(|f| format!("/{f}"))
}

/// The files of dist as paths below it, `/`-separated, without the `.br` and
/// `.gz` copies.
pub fn dist_files(dist: &Path) -> anyhow::Result<Vec<String>> {
    let mut names = Vec::new();
    for path in crate::compress::files_below(dist)? {
        let name = path.strip_prefix(dist)?.to_string_lossy().replace('\\', "/");
        if !name.ends_with(".br") && !name.ends_with(".gz") {
            names.push(name);
        }
    }
    Ok(names)
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    fs::read(path).map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let path = entry?.path();
        let target = to.join(path.file_name().expect("a directory entry has a name"));
        if path.is_dir() { copy_dir(&path, &target)? } else { fs::copy(&path, &target).map(drop)? }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apps::{OFFICE, REPORTER};

    fn dist() -> Vec<String> {
        [
            "icons/icon-192.png",
            "icons/icon-512.png",
            "index.html",
            "manifest.webmanifest",
            "office-1111111111111111.js",
            "office-6666666666666666.css",
            "office_bg-2222222222222222.wasm",
            "reporter-3333333333333333.js",
            "reporter_bg-4444444444444444.wasm",
            "style-5555555555555555.css",
            "sw.js",
        ]
        .map(String::from)
        .to_vec()
    }

    const PAGE: &str = r#"<link rel="icon" href="/icons/icon-192.png">"#;

    #[test]
    fn every_install_precaches_the_page_the_style_the_manifest_and_the_icons_the_page_names_and_no_app() {
        assert_eq!(
            precache_urls(&dist(), PAGE),
            ["/index.html", "/style-5555555555555555.css", "/manifest.webmanifest", "/icons/icon-192.png"]
        );
    }

    #[test]
    fn each_app_adds_its_own_js_and_wasm_and_the_office_its_stylesheet() {
        assert_eq!(app_urls(&dist(), &REPORTER), ["/reporter-3333333333333333.js", "/reporter_bg-4444444444444444.wasm"]);
        assert_eq!(
            app_urls(&dist(), &OFFICE),
            ["/office-1111111111111111.js", "/office_bg-2222222222222222.wasm", "/office-6666666666666666.css"]
        );
    }

    #[test]
    fn the_version_covers_the_shared_files_and_both_apps() {
        let versioned = versioned_urls(&dist(), PAGE, &[REPORTER, OFFICE]);
        let mut expected = precache_urls(&dist(), PAGE);
        expected.push("/icons/icon-512.png".into());
        expected.extend(app_urls(&dist(), &REPORTER));
        expected.extend(app_urls(&dist(), &OFFICE));
        assert_eq!(versioned, expected);
        for file in dist().iter().filter(|f| f.as_str() != "sw.js") {
            assert!(versioned.contains(&format!("/{file}")), "{file} is not covered by the version");
        }
    }

    #[test]
    fn files_that_are_not_there_are_not_precached() {
        let files: Vec<String> = ["index.html", "reporter-3333333333333333.js", "style-5555555555555555.css"].map(String::from).to_vec();
        assert_eq!(precache_urls(&files, PAGE), ["/index.html", "/style-5555555555555555.css"]);
        assert_eq!(app_urls(&files, &REPORTER), ["/reporter-3333333333333333.js"]);
        assert!(app_urls(&files, &OFFICE).is_empty());
    }
}
