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
    fn white_space_is_trimmed_and_collapsed() {
        assert_eq!(clean("  Thôn   Ba  Ngọc \n"), "Thôn Ba Ngọc");
    }
}
