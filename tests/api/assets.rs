//! The web app's files as the server sends them to a phone: the form the
//! browser accepts best, compressed once at build time; files with a hashed
//! name kept for a year; the files with fixed names revalidated by their tag;
//! a missing file a small 404, never the app shell.
//!
//! The hashed names change with every build, so they are read from the
//! served `index.html` (and the scripts it loads). The tests need the built
//! app, `cargo xtask build-frontend` (`cargo xtask test` builds it first):
//! without it they fail and say so. The files do not touch the database, so
//! they run on SQLite only.

use std::collections::BTreeSet;
use std::io::Read;
use std::sync::LazyLock;

use regex::Regex;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use tonghop_tests::{Db, TestApp, spawn_app};

/// What the server sent.
struct Sent {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Sent {
    /// A header's value, `""` when absent.
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", |v| v.to_str().unwrap())
    }
}

/// Sends a request with these headers. The client has no decoders, so the
/// body is exactly what went over the wire.
async fn send(app: &TestApp, method: Method, path: &str, headers: &[(&str, &str)]) -> Sent {
    let mut request = reqwest::Client::new().request(method, format!("{}{path}", app.address));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("request sent");
    let (status, headers) = (response.status(), response.headers().clone());
    Sent { status, headers, body: response.bytes().await.expect("body read").to_vec() }
}

/// GET with an `Accept-Encoding`.
async fn get(app: &TestApp, path: &str, accept_encoding: &str) -> Sent {
    send(app, Method::GET, path, &[("Accept-Encoding", accept_encoding)]).await
}

/// A server with the built app embedded, or a failure that says how to build it.
async fn app_with_built_files(db: Db) -> TestApp {
    assert!(
        tonghop::web::assets::app_is_built(),
        "the web app was not built when the server was compiled (no frontend/dist/index.html): \
         run `cargo xtask build-frontend` first, or `cargo xtask test`, which does"
    );
    spawn_app(db).await
}

/// The hashed files the app loads, as paths (`/reporter_bg-0123456789abcdef.wasm`):
/// those named in the served `index.html` and in the scripts it names.
async fn hashed_files(app: &TestApp) -> BTreeSet<String> {
    static HASHED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z0-9_./-]*-[0-9a-f]{16}\.[a-z0-9]+").unwrap());
    let names = |body: &[u8]| -> Vec<String> {
        let text = String::from_utf8_lossy(body);
        HASHED.find_iter(&text).map(|m| format!("/{}", m.as_str().trim_start_matches("./").trim_start_matches('/'))).collect()
    };
    let shell = get(app, "/index.html", "identity").await;
    assert_eq!(shell.status, StatusCode::OK);
    let mut found: BTreeSet<String> = names(&shell.body).into_iter().collect();
    for script in found.clone().iter().filter(|p| p.ends_with(".js")) {
        let sent = get(app, script, "identity").await;
        assert_eq!(sent.status, StatusCode::OK, "{script}, named in index.html, is served");
        found.extend(names(&sent.body));
    }
    found
}

/// The hashed files with this extension; fails when there is none.
fn with_extension<'a>(files: &'a BTreeSet<String>, extension: &str) -> Vec<&'a str> {
    let matching: Vec<&str> = files.iter().map(String::as_str).filter(|p| p.ends_with(extension)).collect();
    assert!(!matching.is_empty(), "no hashed {extension} file named by index.html or its scripts; found {files:?}");
    matching
}

/// The icons the manifest names.
async fn icons(app: &TestApp) -> Vec<String> {
    let manifest = get(app, "/manifest.webmanifest", "identity").await;
    assert_eq!(manifest.status, StatusCode::OK, "the built app has a /manifest.webmanifest");
    let manifest: serde_json::Value = serde_json::from_slice(&manifest.body).expect("the manifest is JSON");
    let icons: Vec<String> = manifest["icons"]
        .as_array()
        .map(|icons| icons.iter().filter_map(|i| i["src"].as_str()).map(|src| format!("/{}", src.trim_start_matches('/'))).collect())
        .unwrap_or_default();
    assert!(!icons.is_empty(), "the manifest names its icons: {manifest}");
    icons
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut raw = Vec::new();
    brotli::Decompressor::new(bytes, 4096).read_to_end(&mut raw).expect("a brotli stream");
    raw
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut raw).expect("a gzip stream");
    raw
}

async fn brotli_is_sent_when_the_browser_takes_both(db: Db) {
    let app = app_with_built_files(db).await;
    let files = hashed_files(&app).await;

    for path in [with_extension(&files, ".wasm"), with_extension(&files, ".js"), with_extension(&files, ".css")].concat() {
        let raw = get(&app, path, "identity").await;
        let sent = get(&app, path, "gzip, deflate, br").await;

        assert_eq!(sent.status, StatusCode::OK, "{path}");
        assert_eq!(sent.header("content-encoding"), "br", "{path}");
        assert!(sent.header("vary").eq_ignore_ascii_case("accept-encoding"), "{path}: {:?}", sent.headers);
        // One decoding gives the file: the Compress middleware did not compress it again.
        assert_eq!(unbrotli(&sent.body), raw.body, "{path}: the brotli form is the file");
        assert!(sent.body.len() < raw.body.len(), "{path}: smaller compressed");
    }
}

async fn q_values_decide_and_a_refused_coding_is_never_sent(db: Db) {
    let app = app_with_built_files(db).await;
    let files = hashed_files(&app).await;
    let wasm = with_extension(&files, ".wasm")[0];
    let raw = get(&app, wasm, "identity").await.body;
    assert!(raw.starts_with(b"\0asm"), "{wasm} as it is: a wasm module");

    let no_brotli = get(&app, wasm, "gzip, deflate, br;q=0").await;
    let gzip_first = get(&app, wasm, "gzip;q=1.0, br;q=0.5").await;
    let neither = get(&app, wasm, "gzip;q=0, br;q=0").await;
    let no_header = send(&app, Method::GET, wasm, &[]).await;

    assert_eq!(no_brotli.header("content-encoding"), "gzip");
    assert_eq!(gunzip(&no_brotli.body), raw, "the gzip form is the file, compressed once");
    assert_eq!(gzip_first.header("content-encoding"), "gzip", "a higher q-value wins over br's rank");
    for (what, sent) in [("gzip;q=0, br;q=0", &neither), ("no Accept-Encoding", &no_header)] {
        assert_eq!(sent.status, StatusCode::OK, "{what}");
        assert_eq!(sent.header("content-encoding"), "", "{what}: sent as it is");
        assert_eq!(sent.body, raw, "{what}");
        assert!(sent.header("vary").eq_ignore_ascii_case("accept-encoding"), "{what}");
    }
}

/// `identity;q=0` and no other coding listed: nothing the server has is
/// acceptable. actix's negotiation (`AcceptEncoding::negotiate`, run by the
/// Compress middleware before any handler, and by the file server alike)
/// answers 406 Not Acceptable, as RFC 9110 §12.5.3 allows.
async fn a_browser_that_refuses_every_form_is_answered_406(db: Db) {
    let app = app_with_built_files(db).await;
    let files = hashed_files(&app).await;
    let wasm = with_extension(&files, ".wasm")[0];

    let refused = get(&app, wasm, "identity;q=0").await;

    assert_eq!(refused.status, StatusCode::NOT_ACCEPTABLE);
    assert!(refused.header("vary").eq_ignore_ascii_case("accept-encoding"));
}

async fn hashed_files_are_kept_for_a_year_and_fixed_names_are_revalidated(db: Db) {
    let app = app_with_built_files(db).await;
    let files = hashed_files(&app).await;

    for path in &files {
        let sent = get(&app, path, "gzip, deflate, br").await;
        assert_eq!(sent.status, StatusCode::OK, "{path}");
        assert_eq!(sent.header("cache-control"), "public, max-age=31536000, immutable", "{path}");
    }
    let fixed = [vec!["/".into(), "/index.html".into(), "/sw.js".into(), "/manifest.webmanifest".into()], icons(&app).await].concat();
    for path in &fixed {
        let sent = get(&app, path, "gzip, deflate, br").await;
        assert_eq!(sent.status, StatusCode::OK, "{path} is in the built app");
        assert_eq!(sent.header("cache-control"), "no-cache", "{path}: revalidated before each use");
        assert!(sent.header("etag").starts_with('"'), "{path}: a strong tag to revalidate with: {:?}", sent.headers);
    }
}

async fn each_file_has_the_type_browsers_insist_on(db: Db) {
    let app = app_with_built_files(db).await;
    let files = hashed_files(&app).await;
    let mut expected = vec![
        ("/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/sw.js", "text/javascript; charset=utf-8"),
        ("/manifest.webmanifest", "application/manifest+json"),
    ];
    expected.extend(with_extension(&files, ".wasm").into_iter().map(|p| (p, "application/wasm")));
    expected.extend(with_extension(&files, ".js").into_iter().map(|p| (p, "text/javascript; charset=utf-8")));
    expected.extend(with_extension(&files, ".css").into_iter().map(|p| (p, "text/css; charset=utf-8")));

    for (path, content_type) in expected {
        let sent = get(&app, path, "gzip, deflate, br").await;
        assert_eq!(sent.header("content-type"), content_type, "{path}");
        assert_eq!(sent.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(sent.header("content-encoding"), "br", "{path}");
    }
    for icon in icons(&app).await {
        let sent = get(&app, &icon, "gzip, deflate, br").await;
        assert_eq!(sent.header("content-type"), "image/png", "{icon}");
        assert_eq!(sent.header("x-content-type-options"), "nosniff", "{icon}");
        assert_eq!(sent.header("content-encoding"), "", "{icon}: a PNG is sent as it is");
        assert_eq!(sent.header("vary"), "", "{icon}: one form only");
        assert!(sent.body.starts_with(b"\x89PNG"), "{icon}");
    }
}

async fn an_unchanged_shell_costs_a_304_and_no_body(db: Db) {
    let app = app_with_built_files(db).await;
    let first = get(&app, "/", "gzip, deflate, br").await;
    let tag = first.header("etag").to_owned();
    assert!(tag.starts_with('"') && tag.len() > 2, "a strong tag: {tag:?}");
    let check = |path: &'static str, if_none_match: String| {
        let app = &app;
        async move { send(app, Method::GET, path, &[("Accept-Encoding", "gzip, deflate, br"), ("If-None-Match", &if_none_match)]).await }
    };

    for (path, if_none_match) in [
        ("/", tag.clone()),
        ("/index.html", tag.clone()),
        ("/dashboard", tag.clone()),
        ("/form/12/1/2026-06", tag.clone()),
        ("/", "*".into()),
        ("/", format!("\"an-older-one\", {tag}")),
        ("/", format!("W/{tag}")),
    ] {
        let again = check(path, if_none_match.clone()).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path} with If-None-Match: {if_none_match}");
        assert!(again.body.is_empty(), "{path}: no body");
        assert_eq!(again.header("etag"), tag, "{path}");
        assert_eq!(again.header("cache-control"), "no-cache", "{path}");
        assert!(again.header("vary").eq_ignore_ascii_case("accept-encoding"), "{path}");
    }
    let changed = check("/", "\"an-older-one\"".into()).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_eq!(changed.body, first.body);
    // Each form has its own tag: a gzip copy is not the brotli bytes.
    let gzip = send(&app, Method::GET, "/", &[("Accept-Encoding", "gzip"), ("If-None-Match", &tag)]).await;
    assert_eq!(gzip.status, StatusCode::OK);
    assert_eq!(gzip.header("content-encoding"), "gzip");
    assert_ne!(gzip.header("etag"), tag);
}

async fn head_answers_like_get_without_a_body(db: Db) {
    let app = app_with_built_files(db).await;
    let files = hashed_files(&app).await;
    let wasm = with_extension(&files, ".wasm")[0];

    for path in [wasm, "/", "/dashboard"] {
        let got = get(&app, path, "gzip, deflate, br").await;
        let head = send(&app, Method::HEAD, path, &[("Accept-Encoding", "gzip, deflate, br")]).await;

        assert_eq!(head.status, StatusCode::OK, "{path}");
        assert!(head.body.is_empty(), "{path}");
        for name in ["content-type", "content-encoding", "cache-control", "etag", "vary"] {
            assert_eq!(head.header(name), got.header(name), "{path}: {name}");
        }
        assert_eq!(head.header("content-length"), got.body.len().to_string(), "{path}");
    }
}

async fn a_missing_file_is_a_small_404_never_the_shell(db: Db) {
    let app = app_with_built_files(db).await;
    let files = hashed_files(&app).await;
    let wasm = with_extension(&files, ".wasm")[0];
    let old_build = format!("{}-0000000000000000.wasm", wasm.rsplit_once('-').unwrap().0);

    for path in [old_build.as_str(), "/app.js", "/icons/none.png", "/favicon.ico", &format!("{wasm}.br")] {
        let as_a_browser_asks = get(&app, path, "gzip, deflate, br").await;
        let sent = get(&app, path, "identity").await;

        assert_eq!(as_a_browser_asks.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(sent.status, StatusCode::NOT_FOUND, "{path}");
        assert!(sent.header("content-type").starts_with("text/plain"), "{path}: {:?}", sent.headers);
        assert!(sent.body.len() < 100, "{path}: small");
        assert!(!String::from_utf8_lossy(&sent.body).to_lowercase().contains("<!doctype"), "{path}: not the shell");
    }
}

async fn api_paths_stay_the_apis_json_404(db: Db) {
    let app = app_with_built_files(db).await;

    for path in ["/api/nope", "/api/v1/nothing-here.js"] {
        let answer = app.call(Method::GET, path, None, None).await;

        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(answer.code(), "not_found", "{path}: {:?}", answer.body);
    }
}

/// Declares each listed `async fn name(db: Db)` as the test `sqlite::name`,
/// as `on_both_databases!` would, without the PostgreSQL copy: the files
/// are the same whatever the database.
/// Words only the office's screens say: the review panel's button, the
/// approval question, the tabs, the token page.
const OFFICE_ONLY: &[&str] = &["Gửi trả lại", "Sau khi duyệt, số liệu được khoá", "Tình hình nộp", "Mã truy cập API"];

async fn nothing_only_the_office_uses_is_in_the_village_app(db: Db) {
    let app = app_with_built_files(db).await;
    let files = hashed_files(&app).await;
    let wasm = |app_name: &str| {
        let found: Vec<&String> = files.iter().filter(|p| p.starts_with(&format!("/{app_name}_bg-")) && p.ends_with(".wasm")).collect();
        assert_eq!(found.len(), 1, "one {app_name} wasm named by index.html: {files:?}");
        found[0].clone()
    };
    let contains = |haystack: &[u8], needle: &str| haystack.windows(needle.len()).any(|w| w == needle.as_bytes());
    let reporter = get(&app, &wasm("reporter"), "identity").await.body;
    let office = get(&app, &wasm("office"), "identity").await.body;
    for words in OFFICE_ONLY {
        // The office app says them, so their absence from the village's app means something.
        assert!(contains(&office, words), "the office app says «{words}»");
        assert!(!contains(&reporter, words), "the village's app carries the office's «{words}»");
    }
    // And both say what every unit sees.
    for words in ["Đăng nhập", "Lưu nháp", "Chờ gửi"] {
        assert!(contains(&reporter, words) && contains(&office, words), "«{words}» in both apps");
    }
}

macro_rules! on_sqlite {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(tonghop_tests::Db::Sqlite).await
                }
            )+
        }
    };
}

/// The app's pages run only the site's own scripts, its wasm and the one
/// inline bootstrap named by its hash; Swagger UI gets a policy of its own.
async fn every_page_has_a_strict_content_security_policy(db: Db) {
    use base64::Engine as _;
    use sha2::{Digest, Sha256};
    let app = app_with_built_files(db).await;
    let inline = Regex::new(r"(?s)<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>").unwrap();
    for path in ["/", "/form/1/1/2026-06", "/index.html"] {
        let sent = get(&app, path, "identity").await;
        let policy = sent.header("content-security-policy");
        for directive in [
            "default-src 'none'",
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-",
            "style-src 'self';",
            "frame-ancestors 'none'",
            "object-src 'none'",
        ] {
            assert!(policy.contains(directive), "{path}: no «{directive}» in «{policy}»");
        }
        assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
        // Every inline script of the page is allowed by its own hash, computed here.
        let html = String::from_utf8(sent.body.clone()).unwrap();
        let mut scripts = 0;
        for script in inline.captures_iter(&html).filter(|c| !c["attrs"].contains("src=")) {
            let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script["body"].as_bytes()));
            assert!(policy.contains(&format!("'sha256-{hash}'")), "{path}: the inline script's hash {hash} is not in «{policy}»");
            scripts += 1;
        }
        assert_eq!(scripts, 1, "{path}: the bootstrap script");
        assert!(!html.contains("onclick="), "{path}: an inline handler would be refused");
    }
    let docs = get(&app, "/api/docs/", "identity").await;
    assert_eq!(docs.status, StatusCode::OK);
    let policy = docs.header("content-security-policy");
    assert!(policy.contains("script-src 'self';") && policy.contains("default-src 'none'"), "{policy}");
    // JSON answers are not pages: no policy to parse.
    assert_eq!(get(&app, "/api/health", "identity").await.header("content-security-policy"), "");
}

on_sqlite!(
    every_page_has_a_strict_content_security_policy,
    brotli_is_sent_when_the_browser_takes_both,
    q_values_decide_and_a_refused_coding_is_never_sent,
    a_browser_that_refuses_every_form_is_answered_406,
    hashed_files_are_kept_for_a_year_and_fixed_names_are_revalidated,
    each_file_has_the_type_browsers_insist_on,
    an_unchanged_shell_costs_a_304_and_no_body,
    head_answers_like_get_without_a_body,
    a_missing_file_is_a_small_404_never_the_shell,
    api_paths_stay_the_apis_json_404,
    nothing_only_the_office_uses_is_in_the_village_app,
);
