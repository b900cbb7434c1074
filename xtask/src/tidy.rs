//! Tidy checks on the source itself, run as tests (as rust-analyzer keeps
//! its own): no two modules of the backend depend on each other, directly
//! or around a loop.
//!
//! A module is a file of `backend/src` (`mod.rs` is its folder). It depends
//! on another when it names it: `crate::a::b`, `super::b`, in a `use` or in
//! an expression. A module naming its own ancestors or descendants is how a
//! folder and its files work together and is not counted; test modules
//! (`#[cfg(test)]` to the end of the file) are not either. A loop that
//! cannot be broken at once goes into [`KNOWN_LOOPS`] (none today: the
//! seven this check found when it was written were broken with it); the test
//! fails on any other loop, and on a listed one that is gone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Loops among the backend's modules allowed for now, each as its members.
/// Only ever shorten this list.
pub const KNOWN_LOOPS: &[&[&str]] = &[];

/// `crate::a::b` for the file `src/a/b.rs` or `src/a/b/mod.rs`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?.with_extension("");
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib" || p == "main") {
        parts.pop();
    }
    Some(std::iter::once("crate".to_owned()).chain(parts).collect::<Vec<_>>().join("::"))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The code of a file without comments, the contents of strings, raw
/// strings and character literals, or test modules.
fn code(text: &str) -> String {
    let text = text.find("#[cfg(test)]").map_or(text, |at| &text[..at]);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let after_identifier = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        match c {
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if next == Some('*') => {
                i += 2;
                while i < chars.len() && !(chars[i - 1] == '*' && chars[i] == '/') {
                    i += 1;
                }
            }
            'r' if !after_identifier && matches!(next, Some('"' | '#')) => {
                let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                if chars.get(i + 1 + hashes) != Some(&'"') {
                    out.push(c);
                    i += 1;
                    continue;
                }
                i += hashes + 2;
                while i < chars.len() && !(chars[i] == '"' && chars[i + 1..].iter().take(hashes).filter(|c| **c == '#').count() == hashes) {
                    i += 1;
                }
                i += hashes;
                out.push_str("\"\"");
            }
            '"' => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                out.push_str("\"\"");
            }
            // A character literal (`'"'`, `'\''`, `'\u{1F600}'`), not a lifetime (`'a`).
            '\'' if next == Some('\\') || chars.get(i + 2) == Some(&'\'') => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                out.push_str("' '");
            }
            other => out.push(other),
        }
        i += 1;
    }
    out
}

/// Every path a use tree or expression starting at `rest` names, as
/// segments (`a::{b, c::d}` gives `a::b` and `a::c::d`).
fn paths(rest: &str, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let bytes = rest.as_bytes();
    let mut at = 0;
    let mut segments = prefix.to_vec();
    loop {
        let start = at;
        while at < bytes.len() && (bytes[at].is_ascii_alphanumeric() || bytes[at] == b'_') {
            at += 1;
        }
        if at > start {
            segments.push(rest[start..at].to_owned());
        }
        let group = if at == start && rest[at..].starts_with('{') {
            Some(1)
        } else if rest[at..].starts_with("::{") {
            Some(3)
        } else {
            None
        };
        if let Some(skip) = group {
            at += skip;
            loop {
                while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                if at >= bytes.len() || bytes[at] == b'}' {
                    return at + 1;
                }
                at += paths(&rest[at..], &segments, out);
                while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b',') {
                    at += 1;
                }
            }
        }
        if rest[at..].starts_with("::") {
            at += 2;
            continue;
        }
        out.push(segments);
        return at;
    }
}

/// The modules each module names, with the first line that does.
pub fn dependencies(src: &Path) -> anyhow::Result<BTreeMap<String, BTreeMap<String, usize>>> {
    let mut files = Vec::new();
    rust_files(src, &mut files)?;
    let modules: BTreeMap<String, std::path::PathBuf> = files.iter().filter_map(|f| Some((module_of(src, f)?, f.clone()))).collect();
    let mut graph: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (module, file) in &modules {
        let text = code(&std::fs::read_to_string(file)?);
        let own: Vec<String> = module.split("::").map(str::to_owned).collect();
        for (line_number, line) in text.lines().enumerate() {
            for (at, _) in line.match_indices("crate::").chain(line.match_indices("super::")) {
                if at > 0 && line.as_bytes()[at - 1].is_ascii_alphanumeric() || line[..at].ends_with("super::") {
                    continue;
                }
                let mut found = Vec::new();
                if line[at..].starts_with("crate::") {
                    paths(&line[at + 7..], &["crate".to_owned()], &mut found);
                } else {
                    // `super` is the module above this one (for `a/b.rs` and
                    // `a/b/mod.rs` alike: `a`).
                    let mut base = own.clone();
                    let mut rest = &line[at..];
                    while let Some(after) = rest.strip_prefix("super::") {
                        base.pop();
                        rest = after;
                    }
                    paths(rest, &base, &mut found);
                }
                for path in found {
                    let target = (1..=path.len()).rev().map(|n| path[..n].join("::")).find(|m| modules.contains_key(m));
                    if let Some(target) = target {
                        let related = target == *module
                            || target.starts_with(&format!("{module}::"))
                            || module.starts_with(&format!("{target}::"))
                            || target == "crate";
                        if !related {
                            graph.entry(module.clone()).or_default().entry(target).or_insert(line_number + 1);
                        }
                    }
                }
            }
        }
    }
    Ok(graph)
}

/// The strongly connected components of more than one module (Tarjan).
pub fn loops(graph: &BTreeMap<String, BTreeMap<String, usize>>) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeMap<String, usize>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        found: Vec<BTreeSet<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        if let Some(targets) = s.graph.get(v) {
            for w in targets.keys() {
                let w = w.as_str();
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let low = s.low[v].min(s.low[w]);
                    s.low.insert(v, low);
                } else if s.on_stack.contains(w) {
                    let low = s.low[v].min(s.index[w]);
                    s.low.insert(v, low);
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = BTreeSet::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.insert(w.to_owned());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &str)]) -> BTreeMap<String, BTreeMap<String, usize>> {
        let mut g: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry((*a).to_owned()).or_default().insert((*b).to_owned(), 1);
        }
        g
    }

    #[test]
    fn a_loop_is_found_however_long_and_a_chain_is_not_one() {
        let found = loops(&graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")]));
        assert_eq!(found, vec![["a", "b", "c"].iter().map(|s| (*s).to_owned()).collect::<BTreeSet<_>>()]);
        assert!(loops(&graph(&[("a", "b"), ("b", "c")])).is_empty());
    }

    #[test]
    fn use_trees_name_every_module_in_them() {
        let mut found = Vec::new();
        paths("{auth::{AuthUser, policy::{self, Scope}}, db::DbConn};", &["crate".to_owned()], &mut found);
        let joined: Vec<String> = found.iter().map(|p| p.join("::")).collect();
        assert_eq!(joined, ["crate::auth::AuthUser", "crate::auth::policy::self", "crate::auth::policy::Scope", "crate::db::DbConn"]);
    }

    #[test]
    fn comments_strings_and_test_modules_name_nothing() {
        let text = "use crate::a; // crate::b\n/* crate::c */ let s = \"crate::d\";\n#[cfg(test)]\nmod tests { use crate::e; }";
        let kept = code(text);
        assert!(kept.contains("crate::a") && !kept.contains("crate::b") && !kept.contains("crate::c"));
        assert!(!kept.contains("crate::d") && !kept.contains("crate::e"));
    }

    #[test]
    fn character_literals_and_raw_strings_hide_nothing_that_follows() {
        let text = "let q = '\"'; use crate::a;\nlet e = '\\''; let r = r#\"x \" crate::b\"#; use crate::c;\nfn f<'a>(x: &'a str) { crate::d::g() }";
        let kept = code(text);
        assert!(kept.contains("crate::a") && kept.contains("crate::c") && kept.contains("crate::d"), "{kept}");
        assert!(!kept.contains("crate::b"), "{kept}");
    }

    /// Files of the backend that may name HTTP (actix-web's types) outside
    /// the handlers (`routes.rs`) and `web/`, each with its reason.
    const HTTP_GLUE: &[(&str, &str)] = &[
        ("auth/extractor.rs", "reads the caller from the request: the one way a handler learns who calls"),
        ("auth/client_address.rs", "reads the client's address from the connection and trusted proxies"),
        ("auth/rate_limit.rs", "keys the limits by the client's address"),
        ("error.rs", "turns every error into its HTTP answer"),
        ("state.rs", "runs database work on actix's blocking threads"),
        ("startup.rs", "builds the server"),
        ("main.rs", "starts it"),
    ];

    fn backend_files() -> Vec<(String, String)> {
        let src = crate::workspace_root().join("backend/src");
        let mut files = Vec::new();
        rust_files(&src, &mut files).unwrap();
        let mut out: Vec<(String, String)> = files
            .iter()
            .map(|f| (f.strip_prefix(&src).unwrap().to_string_lossy().into_owned(), code(&std::fs::read_to_string(f).unwrap())))
            .collect();
        out.sort();
        assert!(out.len() > 30, "read {} files", out.len());
        out
    }

    /// Layers: HTTP in and out only in the handlers, `web/` and the glue
    /// named above; the domain and storage below them know no actix type.
    #[test]
    fn only_handlers_and_web_know_http() {
        let glue: Vec<&str> = HTTP_GLUE.iter().map(|(f, _)| *f).collect();
        let offenders: Vec<String> = backend_files()
            .into_iter()
            .filter(|(file, code)| {
                let http = code.contains("actix_web") || code.contains("HttpRequest") || code.contains("HttpResponse");
                http && !file.ends_with("routes.rs") && !file.starts_with("web/") && !glue.contains(&file.as_str())
            })
            .map(|(file, _)| file)
            .collect();
        assert!(offenders.is_empty(), "HTTP outside handlers and web/: {offenders:?}; move it to routes.rs or web/");
        for (file, _) in HTTP_GLUE {
            assert!(crate::workspace_root().join("backend/src").join(file).exists(), "{file} is gone: take it off HTTP_GLUE");
        }
    }

    /// One naming convention: a folder's handlers are its `routes.rs`; a
    /// second set of handlers in an area is a folder of its own.
    #[test]
    fn handlers_live_in_files_named_routes() {
        let offenders: Vec<String> = backend_files()
            .into_iter()
            .filter(|(file, code)| {
                let handlers = ["#[get(", "#[post(", "#[put(", "#[patch(", "#[delete("].iter().any(|m| code.contains(m));
                handlers && !file.ends_with("/routes.rs") && !file.starts_with("web/")
            })
            .map(|(file, _)| file)
            .collect();
        assert!(offenders.is_empty(), "handlers outside a routes.rs: {offenders:?}");
    }

    /// Handlers do no storage work: no transaction, no query builder, no
    /// table of the schema in a `routes.rs`; that is the domain's and
    /// storage's.
    #[test]
    fn handlers_leave_storage_to_the_layers_below() {
        let offenders: Vec<String> = backend_files()
            .into_iter()
            .filter(|(file, code)| {
                file.ends_with("routes.rs") && ["write_transaction", "diesel::", "schema::"].iter().any(|s| code.contains(s))
            })
            .map(|(file, _)| file)
            .collect();
        assert!(offenders.is_empty(), "storage work in handlers: {offenders:?}");
    }

    /// Layers point down: below the handlers nothing names a handler file
    /// (a rule imports use is in the area's domain, not its `routes.rs`);
    /// only `startup.rs` mounts them.
    #[test]
    fn the_domain_never_names_a_handler_file() {
        let offenders: Vec<String> = backend_files()
            .into_iter()
            .filter(|(file, code)| !file.ends_with("routes.rs") && file != "startup.rs" && code.contains("routes::"))
            .map(|(file, _)| file)
            .collect();
        assert!(offenders.is_empty(), "a file below the handlers names a routes module: {offenders:?}");
    }

    /// The backend's modules form no loop but those listed, and every
    /// listed one is still there.
    #[test]
    fn the_backend_has_no_module_loops_but_the_known_ones() {
        let src = crate::workspace_root().join("backend/src");
        let graph = dependencies(&src).unwrap();
        assert!(graph.len() > 30, "read {} modules", graph.len());
        let known: Vec<BTreeSet<String>> = KNOWN_LOOPS.iter().map(|l| l.iter().map(|m| (*m).to_owned()).collect()).collect();
        let found = loops(&graph);
        let mut problems = Vec::new();
        for component in found.iter().filter(|c| !known.contains(c)) {
            let edges: Vec<String> = component
                .iter()
                .flat_map(|m| {
                    graph[m].iter().filter(|(t, _)| component.contains(*t)).map(move |(t, line)| format!("  {m} -> {t} (line {line})"))
                })
                .collect();
            problems.push(format!("a loop among {component:?}:\n{}", edges.join("\n")));
        }
        for gone in known.iter().filter(|k| !found.contains(k)) {
            problems.push(format!("the loop {gone:?} is gone: take it off KNOWN_LOOPS"));
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
