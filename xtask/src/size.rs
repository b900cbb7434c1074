//! `cargo xtask size [--no-build]`: what the apps weigh on the wire. Every
//! file of `frontend/dist` with its raw, gzip and brotli bytes, then what a
//! new visitor's browser downloads on a first visit, for a reporter's phone
//! and for an office user: the page and its app until the login form works,
//! then the service worker and what its install fetches besides, which is
//! the shared files and the user's own app only (`/sw.js?app=…`). A
//! measurement: it prints, it asserts nothing.

use std::fs;
use std::path::Path;

use crate::apps::{self, APPS, App};
use crate::compress::sibling;
use crate::dist::{app_urls, dist_files, precache_urls};
use crate::hashing::unhashed_name;

/// Builds (unless `--no-build`) and prints the sizes.
pub fn run(args: &[String]) -> anyhow::Result<()> {
    let build = match args {
        [] => true,
        [flag] if flag == "--no-build" => false,
        _ => anyhow::bail!("unknown arguments {args:?}; usage: cargo xtask size [--no-build]"),
    };
    if build {
        crate::build_frontend::run(&[])?;
    }
    let dist = crate::workspace_root().join("frontend/dist");
    anyhow::ensure!(dist.join(apps::INDEX).is_file(), "no built app in {}: run `cargo xtask size` without --no-build", dist.display());
    let files = dist_files(&dist)?;
    let sizes: Vec<(String, Sizes)> = files.iter().map(|f| Ok((f.clone(), Sizes::of(&dist.join(f))?))).collect::<anyhow::Result<_>>()?;
    let size_of = |name: &str| sizes.iter().find(|(f, _)| f == name).map(|(_, s)| s).expect("listed files have sizes");

    println!("\nfrontend/dist, bytes (1 KB = 1000 B)");
    println!("{:<40} {:>11} {:>11} {:>11}", "", "raw", "gzip -9", "brotli 11");
    let owner = |file: &str| APPS.iter().find(|app| belongs_to(app, file));
    for app in APPS {
        print_table(app.out_name, sizes.iter().filter(|(f, _)| owner(f) == Some(app)));
    }
    print_table("shared", sizes.iter().filter(|(f, _)| owner(f).is_none()));

    let page = fs::read_to_string(dist.join(apps::INDEX)).unwrap_or_default();
    let manifest = fs::read_to_string(dist.join(apps::MANIFEST)).unwrap_or_default();
    for app in APPS {
        println!("\nfirst load of the {} app (brotli; gzip where there is none; raw for PNG):", app.out_name);
        let load = first_load(app, &files, &page);
        print_load(&load, &size_of);
        let later: Vec<&String> = files.iter().filter(|f| manifest.contains(f.as_str()) && !load.contains(f)).collect();
        if !later.is_empty() {
            let bytes: u64 = later.iter().map(|f| size_of(f).wire()).sum();
            println!(
                "  not counted: the manifest's other icons {later:?}, {} B, one of which the browser fetches when it offers installing",
                thousands(bytes)
            );
        }
    }
    Ok(())
}

/// A file's bytes as stored and as served compressed.
#[derive(Debug)]
struct Sizes {
    raw: u64,
    gzip: Option<u64>,
    brotli: Option<u64>,
}

impl Sizes {
    fn of(path: &Path) -> anyhow::Result<Sizes> {
        let len = |p: &Path| fs::metadata(p).ok().map(|m| m.len());
        Ok(Sizes { raw: fs::metadata(path)?.len(), gzip: len(&sibling(path, "gz")), brotli: len(&sibling(path, "br")) })
    }

    /// What a browser that takes brotli downloads.
    fn wire(&self) -> u64 {
        self.brotli.or(self.gzip).unwrap_or(self.raw)
    }
}

fn print_table<'a>(title: &str, rows: impl Iterator<Item = &'a (String, Sizes)>) {
    println!("{title}");
    let opt = |n: Option<u64>| n.map_or("-".to_owned(), thousands);
    for (file, size) in rows {
        println!("  {file:<38} {:>11} {:>11} {:>11}", thousands(size.raw), opt(size.gzip), opt(size.brotli));
    }
}

fn print_load<'a>(files: &[String], size_of: &impl Fn(&str) -> &'a Sizes) {
    let mut total = 0;
    for file in files {
        let wire = size_of(file).wire();
        total += wire;
        println!("  {file:<38} {:>11}", thousands(wire));
    }
    println!("  {:<38} {:>11}  = {:.1} KB", "total", thousands(total), total as f64 / 1000.0);
}

/// Whether a file of dist is one of the app's own (its JS or wasm).
fn belongs_to(app: &App, file: &str) -> bool {
    let name = unhashed_name(file);
    !file.contains('/') && (name == app.js_name() || name == app.wasm_name() || app.style == Some(name.as_str()))
}

/// What a new visitor's browser fetches for `app`, paths below dist, each
/// once: the page, its stylesheet, the app's JS and wasm, the manifest, the
/// icons the page names, then the service worker registered for `app` and
/// what its install fetches besides. The install's other requests are
/// answered by the HTTP cache (hashed files) or by a revalidation with no
/// body (the page, the manifest): not counted. `page` is `index.html`.
fn first_load(app: &App, files: &[String], page: &str) -> Vec<String> {
    let top = |logical: &str| files.iter().find(|f| !f.contains('/') && unhashed_name(f) == logical).cloned();
    let own_style = app.style.and_then(&top);
    let mut load: Vec<String> =
        [top(apps::INDEX), top(apps::STYLE), own_style, top(&app.js_name()), top(&app.wasm_name()), top(apps::MANIFEST)]
            .into_iter()
            .flatten()
            .collect();
    let icons = format!("{}/", apps::ICONS);
    load.extend(files.iter().filter(|f| f.starts_with(&icons) && page.contains(f.as_str())).cloned());
    if let Some(worker) = top(apps::SERVICE_WORKER) {
        load.push(worker);
        let installed: Vec<String> =
            precache_urls(files, page).into_iter().chain(app_urls(files, app)).map(|url| url[1..].to_owned()).collect();
        for file in installed {
            if !load.contains(&file) {
                load.push(file);
            }
        }
    }
    load
}

/// `1234567` -> `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apps::{OFFICE, REPORTER};

    fn dist() -> Vec<String> {
        [
            "icons/apple-touch-icon.png",
            "icons/icon-192.png",
            "icons/icon-512.png",
            "index.html",
            "manifest.webmanifest",
            "office-1111111111111111.js",
            "office-6666666666666666.css",
            "office_bg-2222222222222222.wasm",
            "push.js",
            "reporter-3333333333333333.js",
            "reporter_bg-4444444444444444.wasm",
            "style-5555555555555555.css",
            "sw.js",
        ]
        .map(String::from)
        .to_vec()
    }

    const PAGE: &str = r#"<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"><link rel="icon" href="/icons/icon-192.png">"#;

    #[test]
    fn a_reporter_loads_the_page_its_app_the_named_icons_the_service_worker_and_what_its_install_adds() {
        assert_eq!(
            first_load(&REPORTER, &dist(), PAGE),
            [
                "index.html",
                "style-5555555555555555.css",
                "reporter-3333333333333333.js",
                "reporter_bg-4444444444444444.wasm",
                "manifest.webmanifest",
                "icons/apple-touch-icon.png",
                "icons/icon-192.png",
                "sw.js",
                // icon-512.png, named by nobody, is neither fetched nor precached;
                // push.js waits for the menu to be opened.
            ]
        );
    }

    #[test]
    fn an_office_user_loads_the_same_with_the_office_app_and_its_own_stylesheet() {
        assert_eq!(
            first_load(&OFFICE, &dist(), PAGE),
            [
                "index.html",
                "style-5555555555555555.css",
                "office-6666666666666666.css",
                "office-1111111111111111.js",
                "office_bg-2222222222222222.wasm",
                "manifest.webmanifest",
                "icons/apple-touch-icon.png",
                "icons/icon-192.png",
                "sw.js",
            ]
        );
    }

    #[test]
    fn neither_user_downloads_a_file_of_the_other_app() {
        for (app, other) in [(REPORTER, OFFICE), (OFFICE, REPORTER)] {
            let load = first_load(&app, &dist(), PAGE);
            assert!(load.iter().all(|f| !belongs_to(&other, f)), "{} loads {load:?}", app.out_name);
        }
    }

    #[test]
    fn without_a_service_worker_nothing_more_is_fetched() {
        let files: Vec<String> = [
            "index.html",
            "reporter-3333333333333333.js",
            "reporter_bg-4444444444444444.wasm",
            "style-5555555555555555.css",
            "icons/icon-512.png",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            first_load(&REPORTER, &files, ""),
            ["index.html", "style-5555555555555555.css", "reporter-3333333333333333.js", "reporter_bg-4444444444444444.wasm"]
        );
    }

    #[test]
    fn bytes_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
