//! Changes to an outline being edited, as plain functions tested on the
//! host: move a part up or down, remove it, add one, change its level.

use tonghop_shared::api::{OutlineContent, OutlineEntry};

/// `Phần`, `I.`, `1.`, `a)`: what each heading level prints like.
pub const LEVELS: [&str; 4] = ["Phần (cấp 0)", "Mục I. (cấp 1)", "Mục 1. (cấp 2)", "Mục a) (cấp 3)"];

/// Swaps part `i` with the one above (`up`) or below; out of range: unchanged.
pub fn moved(outline: &[OutlineEntry], i: usize, up: bool) -> Vec<OutlineEntry> {
    let mut out = outline.to_vec();
    let j = if up { i.checked_sub(1) } else { Some(i + 1) };
    if let Some(j) = j.filter(|&j| j < out.len() && i < out.len()) {
        out.swap(i, j);
    }
    out
}

/// Without part `i`.
pub fn removed(outline: &[OutlineEntry], i: usize) -> Vec<OutlineEntry> {
    outline.iter().enumerate().filter(|&(k, _)| k != i).map(|(_, e)| e.clone()).collect()
}

/// The kinds of part a template may hold, in the order the editor offers
/// them, each as a new part starts.
pub fn kinds() -> [OutlineContent; 6] {
    [
        OutlineContent::Prompt { text: String::new() },
        OutlineContent::Heading,
        OutlineContent::Figures { indicators: Vec::new() },
        OutlineContent::TargetSummary,
        OutlineContent::OtherFigures,
        OutlineContent::Sections,
    ]
}

/// With a new part of this kind at the end (a heading at level 1, the
/// others one level below).
pub fn added(outline: &[OutlineEntry], content: OutlineContent) -> Vec<OutlineEntry> {
    let mut out = outline.to_vec();
    let level = if content == OutlineContent::Heading { 1 } else { 2 };
    out.push(OutlineEntry { level, heading: String::new(), content });
    out
}

/// What a part holds, in Vietnamese.
pub fn content_label(content: &OutlineContent) -> &'static str {
    match content {
        OutlineContent::Heading => "Chỉ có đề mục",
        OutlineContent::TargetSummary => "Câu tổng hợp chỉ tiêu Nghị quyết (tự động)",
        OutlineContent::Figures { .. } => "Số liệu các chỉ tiêu (tự động)",
        OutlineContent::OtherFigures => "Các chỉ tiêu khác (tự động)",
        OutlineContent::Sections => "Báo cáo của các đoàn thể (tự động)",
        OutlineContent::Prompt { .. } => "Văn phòng tự viết, có gợi ý",
    }
}

/// Indicator codes as typed, comma- or space-separated.
pub fn codes(typed: &str) -> Vec<String> {
    typed.split([',', ' ', '\n']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_uppercase).collect()
}

/// A copy's name: `… (bản sao)`.
pub fn copy_name(name: &str) -> String {
    format!("{name} (bản sao)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(headings: &[&str]) -> Vec<OutlineEntry> {
        headings.iter().map(|h| OutlineEntry { level: 1, heading: (*h).into(), content: OutlineContent::Heading }).collect()
    }

    fn headings(outline: &[OutlineEntry]) -> Vec<&str> {
        outline.iter().map(|e| e.heading.as_str()).collect()
    }

    #[test]
    fn a_part_moves_one_place_and_not_past_the_ends() {
        let o = outline(&["A", "B", "C"]);
        assert_eq!(headings(&moved(&o, 1, true)), ["B", "A", "C"]);
        assert_eq!(headings(&moved(&o, 1, false)), ["A", "C", "B"]);
        assert_eq!(headings(&moved(&o, 0, true)), ["A", "B", "C"]);
        assert_eq!(headings(&moved(&o, 2, false)), ["A", "B", "C"]);
    }

    #[test]
    fn a_part_is_removed_or_added_at_the_end() {
        let o = outline(&["A", "B", "C"]);
        assert_eq!(headings(&removed(&o, 1)), ["A", "C"]);
        let more = added(&o, OutlineContent::Prompt { text: String::new() });
        assert_eq!(more.len(), 4);
        assert!(matches!(more[3].content, OutlineContent::Prompt { .. }));
        for kind in kinds() {
            let more = added(&o, kind.clone());
            assert_eq!(more[3].content, kind, "every kind can be added");
            assert_eq!(more[3].level, if kind == OutlineContent::Heading { 1 } else { 2 });
        }
    }

    #[test]
    fn codes_are_read_from_a_list_typed_any_way() {
        assert_eq!(codes(" grain_output, RICE_AREA\nnew_households "), ["GRAIN_OUTPUT", "RICE_AREA", "NEW_HOUSEHOLDS"]);
        assert!(codes(" , ").is_empty());
    }
}
