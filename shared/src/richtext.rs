//! The formatted text of activity sections and report passages: paragraphs,
//! bold, italic and bulleted lists, and nothing else.
//!
//! It is stored as the plain text a user types, in a small subset of
//! Markdown: a blank line between paragraphs, `**bold**`, `*italic*`, and
//! lines starting with `- ` for a bulleted list. Everything else is literal
//! text, so angle brackets and links stay characters on the page: there is
//! nothing that can carry script into the app or the Word file.

use serde::{Deserialize, Serialize};

/// Longest text of one section or passage, in characters.
pub const MAX_CHARS: usize = 30_000;

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Span {
    /// The characters.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// A block of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "items", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Span>),
    /// A bulleted list: one entry per item.
    Bullets(Vec<Vec<Span>>),
}

/// Splits stored text into blocks. Lines of one paragraph are joined with a
/// space, as a word processor would wrap them.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut bullets: Vec<Vec<Span>> = Vec::new();
    let flush_paragraph = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(spans(&paragraph.join(" "))));
            paragraph.clear();
        }
    };
    let flush_bullets = |bullets: &mut Vec<Vec<Span>>, blocks: &mut Vec<Block>| {
        if !bullets.is_empty() {
            blocks.push(Block::Bullets(std::mem::take(bullets)));
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(item) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("• ")) {
            flush_paragraph(&mut paragraph, &mut blocks);
            bullets.push(spans(item.trim()));
        } else if trimmed.is_empty() {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_bullets(&mut bullets, &mut blocks);
        } else {
            flush_bullets(&mut bullets, &mut blocks);
            paragraph.push(trimmed);
        }
    }
    flush_paragraph(&mut paragraph, &mut blocks);
    flush_bullets(&mut bullets, &mut blocks);
    blocks
}

/// Splits one line into styled runs: `**` toggles bold, a single `*`
/// toggles italic. An unclosed marker is kept as a literal character.
pub fn spans(line: &str) -> Vec<Span> {
    let chars: Vec<char> = line.chars().collect();
    let closes = |from: usize, bold: bool| -> bool {
        let rest: String = chars[from..].iter().collect();
        if bold { rest.contains("**") } else { rest.replace("**", "").contains('*') }
    };
    let mut out: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut current = String::new();
    let mut i = 0;
    while i < chars.len() {
        let double = chars[i] == '*' && chars.get(i + 1) == Some(&'*');
        if double && (bold || closes(i + 2, true)) {
            push(&mut out, &mut current, bold, italic);
            bold = !bold;
            i += 2;
        } else if chars[i] == '*' && !double && (italic || closes(i + 1, false)) {
            push(&mut out, &mut current, bold, italic);
            italic = !italic;
            i += 1;
        } else {
            current.push(chars[i]);
            i += 1;
        }
    }
    push(&mut out, &mut current, bold, italic);
    out
}

fn push(out: &mut Vec<Span>, current: &mut String, bold: bool, italic: bool) {
    if !current.is_empty() {
        out.push(Span { text: std::mem::take(current), bold, italic });
    }
}

/// Writes blocks back as stored text: the inverse of [`parse`], so that a
/// generated passage can be edited as the user would have typed it.
pub fn to_text(blocks: &[Block]) -> String {
    let line = |spans: &[Span]| -> String {
        spans
            .iter()
            .map(|s| match (s.bold, s.italic) {
                (true, true) => format!("***{}***", s.text),
                (true, false) => format!("**{}**", s.text),
                (false, true) => format!("*{}*", s.text),
                (false, false) => s.text.clone(),
            })
            .collect()
    };
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(s) => line(s),
            Block::Bullets(items) => items.iter().map(|i| format!("- {}", line(i))).collect::<Vec<_>>().join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Takes the notes out of one paragraph or list item: a note is written
/// `^[text]` (as in Pandoc) inside one run, and becomes a footnote of the
/// Word file, referenced at the end of its paragraph or item. Returns the
/// runs without their notes, and the notes in order. An unclosed `^[` stays
/// literal text.
pub fn split_notes(spans: &[Span]) -> (Vec<Span>, Vec<String>) {
    let mut notes = Vec::new();
    let mut out: Vec<Span> = Vec::new();
    for span in spans {
        let mut text = String::new();
        let mut rest = span.text.as_str();
        while let Some(start) = rest.find("^[") {
            let after = &rest[start + 2..];
            let mut depth = 1;
            let close = after.char_indices().find_map(|(i, c)| {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(i)
            });
            let Some(close) = close else { break };
            text.push_str(rest[..start].trim_end());
            let note = after[..close].trim();
            if !note.is_empty() {
                notes.push(note.to_owned());
            }
            rest = &after[close + 1..];
        }
        text.push_str(rest);
        if !text.is_empty() {
            out.push(Span { text, ..span.clone() });
        }
    }
    (out, notes)
}

/// The plain text of blocks, for search and previews.
pub fn plain(blocks: &[Block]) -> String {
    let line = |spans: &[Span]| spans.iter().map(|s| s.text.as_str()).collect::<String>();
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(s) => line(s),
            Block::Bullets(items) => items.iter().map(|i| format!("- {}", line(i))).collect::<Vec<_>>().join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool, italic: bool) -> Span {
        Span { text: text.into(), bold, italic }
    }

    #[test]
    fn notes_come_out_of_their_runs() {
        let (kept, notes) = split_notes(&spans("Có **12** chỉ tiêu đạt ^[Gồm: lúa [vụ chiêm], ngô.] và 1 chưa đạt.^[Giảm nghèo.]"));
        assert_eq!(kept, vec![span("Có ", false, false), span("12", true, false), span(" chỉ tiêu đạt và 1 chưa đạt.", false, false)]);
        assert_eq!(notes, vec!["Gồm: lúa [vụ chiêm], ngô.".to_owned(), "Giảm nghèo.".to_owned()]);
        let (kept, notes) = split_notes(&spans("Chưa đóng ^[ghi chú"));
        assert_eq!((kept[0].text.as_str(), notes.len()), ("Chưa đóng ^[ghi chú", 0));
    }

    #[test]
    fn paragraphs_lists_bold_and_italic() {
        let text = "Hội đã tổ chức **3 lớp** tập huấn\ncho hội viên.\n\n- Thăm *120* hộ\n- Tặng quà\n\nKết quả tốt.";
        assert_eq!(
            parse(text),
            vec![
                Block::Paragraph(vec![
                    span("Hội đã tổ chức ", false, false),
                    span("3 lớp", true, false),
                    span(" tập huấn cho hội viên.", false, false)
                ]),
                Block::Bullets(vec![
                    vec![span("Thăm ", false, false), span("120", false, true), span(" hộ", false, false)],
                    vec![span("Tặng quà", false, false)]
                ]),
                Block::Paragraph(vec![span("Kết quả tốt.", false, false)]),
            ]
        );
    }

    #[test]
    fn markup_and_unclosed_markers_stay_literal_text() {
        assert_eq!(spans("<script>alert(1)</script>"), vec![span("<script>alert(1)</script>", false, false)]);
        assert_eq!(spans("3 * 4 = 12"), vec![span("3 * 4 = 12", false, false)]);
        assert_eq!(spans("**đậm *nghiêng* đậm**"), vec![span("đậm ", true, false), span("nghiêng", true, true), span(" đậm", true, false)]);
    }

    #[test]
    fn blocks_written_back_parse_to_the_same_blocks() {
        let text = "Hội đã tổ chức **3 lớp** tập huấn cho *450* hội viên.\n\n- Thăm 120 hộ\n- Tặng **quà**\n\nKết quả tốt.";
        assert_eq!(to_text(&parse(text)), text);
        assert_eq!(parse(&to_text(&parse(text))), parse(text));
    }

    #[test]
    fn plain_text_keeps_the_words() {
        assert_eq!(plain(&parse("**A** b\n\n- c\n- d")), "A b\n\n- c\n- d");
    }
}
