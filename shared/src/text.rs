//! Vietnamese text as it is stored and compared: Unicode NFC, trimmed.
//!
//! The same word typed on an Android keyboard and pasted from Word can arrive
//! as different code points (composed `ệ` or `e` plus two combining marks).
//! Everything is normalised to NFC before it is stored or compared.

/// The text in Unicode NFC.
#[cfg(not(target_arch = "wasm32"))]
fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

/// The text in Unicode NFC, by the browser (the same Unicode data the server's
/// crate follows, to within the browsers' Unicode version).
#[cfg(target_arch = "wasm32")]
fn nfc(text: &str) -> String {
    String::from(js_sys::JsString::from(text).normalize("NFC"))
}

/// Lower case, e.g. an indicator's name inside a sentence («Không được lớn
/// hơn tổng số hộ»). In the browser by the browser (Rust's case tables would
/// add to every phone's download), elsewhere by Rust; both follow Unicode.
#[cfg(not(target_arch = "wasm32"))]
pub fn lowercase(text: &str) -> String {
    text.to_lowercase()
}

/// Lower case, by the browser.
#[cfg(target_arch = "wasm32")]
pub fn lowercase(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}

/// Trims and normalises to NFC, collapsing runs of white space to one space.
pub fn clean(text: &str) -> String {
    let nfc = nfc(text);
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Like [`clean`], line by line: keeps the line breaks of a reason or a
/// comment (at most one empty line in a row), trims the rest.
pub fn clean_multiline(text: &str) -> String {
    let nfc = nfc(text);
    let mut lines: Vec<String> = Vec::new();
    for line in nfc.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")) {
        if !(line.is_empty() && lines.last().is_none_or(String::is_empty)) {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_and_composed_vietnamese_become_the_same_text() {
        let composed = "Xuân Phú";
        let decomposed = "Xua\u{0302}n Phu\u{0301}";
        assert_ne!(composed, decomposed);
        assert_eq!(clean(decomposed), composed);
    }

    #[test]
    fn multiline_text_keeps_its_lines() {
        assert_eq!(clean_multiline("  Thiếu số liệu:\r\n\n\n - chăn  nuôi \n\n"), "Thiếu số liệu:\n\n- chăn nuôi");
        assert_eq!(clean_multiline("\n\n"), "");
    }

    #[test]
    fn white_space_is_trimmed_and_collapsed() {
        assert_eq!(clean("  Thôn   Ba  Ngọc \n"), "Thôn Ba Ngọc");
    }
}
