//! Vietnamese text as it is stored and compared: Unicode NFC, trimmed.
//!
//! The same word typed on an Android keyboard and pasted from Word can arrive
//! as different code points (composed `ệ` or `e` plus two combining marks).
//! Everything is normalised to NFC before it is stored or compared.

use unicode_normalization::UnicodeNormalization;

/// Trims and normalises to NFC, collapsing runs of white space to one space.
pub fn clean(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Like [`clean`], line by line: keeps the line breaks of a reason or a
/// comment (at most one empty line in a row), trims the rest.
pub fn clean_multiline(text: &str) -> String {
    let nfc: String = text.nfc().collect();
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
