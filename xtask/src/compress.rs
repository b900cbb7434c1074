//! Precompression: `<name>.br` and `<name>.gz` beside every text or wasm
//! file of `frontend/dist`, made once at build time at the strongest
//! settings, which a server compressing on the fly cannot afford. On a weak
//! mobile connection the bytes saved are the load time saved.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Extensions worth compressing (PNG is compressed already).
const COMPRESSIBLE: &[&str] = &["html", "js", "wasm", "css", "webmanifest", "json", "svg"];

/// Whether a file gets `.br` and `.gz` siblings.
pub fn is_compressible(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| COMPRESSIBLE.contains(&e))
}

/// Brotli at quality 11 with the largest window browsers decode (2^24 bytes:
/// larger than any file here). Not the "large window" extension of RFC 9841,
/// whose streams browsers refuse.
pub fn brotli(data: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, size_hint: data.len(), ..Default::default() };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("brotli into memory cannot fail");
    out
}

/// gzip at level 9 (flate2's best).
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).and_then(|()| encoder.finish()).expect("gzip into memory cannot fail")
}

/// Writes `.br` and `.gz` beside every compressible file below `dir`.
pub fn precompress(dir: &Path) -> anyhow::Result<()> {
    let mut files: Vec<PathBuf> = files_below(dir)?.into_iter().filter(|p| is_compressible(p)).collect();
    // Brotli at quality 11 takes seconds for a wasm file: the largest files
    // first, spread over as many threads as there are cores.
    files.sort_by_key(|p| std::cmp::Reverse(fs::metadata(p).map_or(0, |m| m.len())));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> anyhow::Result<()> {
                    while let Some(path) = files.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
                        write_compressed(path).map_err(|e| anyhow::anyhow!("compressing {}: {e}", path.display()))?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| w.join().expect("compression thread panicked"))
    })
}

fn write_compressed(path: &Path) -> anyhow::Result<()> {
    let data = fs::read(path)?;
    fs::write(sibling(path, "br"), brotli(&data))?;
    fs::write(sibling(path, "gz"), gzip(&data))?;
    Ok(())
}

/// `<path>.<ext>`.
pub fn sibling(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// Every file below `dir`, sorted, as full paths.
pub fn files_below(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() { pending.push(path) } else { files.push(path) }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn both_encodings_decode_to_the_input() {
        let text = "Tổng hợp số liệu báo cáo hằng tháng ".repeat(200);
        let mut back = String::new();
        brotli::Decompressor::new(&brotli(text.as_bytes())[..], 4096).read_to_string(&mut back).unwrap();
        assert_eq!(back, text);
        back.clear();
        flate2::read::GzDecoder::new(&gzip(text.as_bytes())[..]).read_to_string(&mut back).unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn text_and_wasm_are_compressed_pictures_are_not() {
        for name in ["index.html", "sw.js", "reporter_bg-0123456789abcdef.wasm", "style.css", "manifest.webmanifest", "a.json", "a.svg"] {
            assert!(is_compressible(Path::new(name)), "{name}");
        }
        for name in ["icons/icon-192.png", "index.html.br", "index.html.gz"] {
            assert!(!is_compressible(Path::new(name)), "{name}");
        }
    }
}
