//! Content-hashed file names, so that a file's URL changes exactly when its
//! content does: browsers and the service worker may keep such a file for
//! ever, and a new build is never mixed with an old one.

use sha2::{Digest, Sha256};

/// Hex digits of SHA-256 kept in a name: 64 bits, no collision in practice.
const HASH_LEN: usize = 16;

/// The first 16 hex digits of the SHA-256 of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    hex_prefix(&Sha256::digest(bytes))
}

/// `<stem>-<short hash of content>.<ext>`, e.g. `reporter-0123456789abcdef.js`.
pub fn hashed_name(stem: &str, ext: &str, content: &[u8]) -> String {
    format!("{stem}-{}.{ext}", short_hash(content))
}

/// The name a hashed file had before hashing (`reporter_bg-0123456789abcdef.wasm`
/// -> `reporter_bg.wasm`); other names are returned as they are.
pub fn unhashed_name(name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) => (stem, Some(ext)),
        None => (name, None),
    };
    let Some((base, hash)) = stem.rsplit_once('-') else { return name.to_owned() };
    if hash.len() != HASH_LEN || !hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return name.to_owned();
    }
    match ext {
        Some(ext) => format!("{base}.{ext}"),
        None => base.to_owned(),
    }
}

/// One short hash over several files (URL and content of each, in order): the
/// service worker's version, which changes when any precached file does.
pub fn version<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut hasher = Sha256::new();
    for (url, content) in files {
        hasher.update(url.as_bytes());
        hasher.update([0]);
        hasher.update(Sha256::digest(content));
    }
    hex_prefix(&hasher.finalize())
}

fn hex_prefix(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect::<String>()[..HASH_LEN].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_name_carries_the_first_16_hex_digits_of_the_sha256() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(hashed_name("reporter", "js", b"abc"), "reporter-ba7816bf8f01cfea.js");
        assert_eq!(hashed_name("reporter_bg", "wasm", b"abc"), "reporter_bg-ba7816bf8f01cfea.wasm");
    }

    #[test]
    fn unhashing_a_name_gives_the_name_before_hashing() {
        assert_eq!(unhashed_name("reporter_bg-ba7816bf8f01cfea.wasm"), "reporter_bg.wasm");
        assert_eq!(unhashed_name(&hashed_name("style", "css", b"body{}")), "style.css");
    }

    #[test]
    fn names_that_are_not_hashed_stay_as_they_are() {
        for name in ["index.html", "sw.js", "manifest.webmanifest", "icon-192.png", "reporter-0123.js", "a-BA7816BF8F01CFEA.js"] {
            assert_eq!(unhashed_name(name), name);
        }
    }

    #[test]
    fn the_version_changes_with_any_file_and_with_its_url() {
        let base = version([("/a.js", &b"1"[..]), ("/b.css", &b"2"[..])]);
        assert_eq!(base.len(), 16);
        assert_eq!(base, version([("/a.js", &b"1"[..]), ("/b.css", &b"2"[..])]));
        assert_ne!(base, version([("/a.js", &b"1"[..]), ("/b.css", &b"3"[..])]));
        assert_ne!(base, version([("/a.js", &b"1"[..]), ("/c.css", &b"2"[..])]));
    }
}
