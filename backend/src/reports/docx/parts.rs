//! The pieces every part of the Word file is made of: runs of text in a
//! style (with the characters XML cannot carry left out), tight paragraphs,
//! lines, rules, footnotes; and the error of a file that cannot be written.
//! `docx.rs` puts the file together from `docx_frame.rs` and `docx_body.rs`,
//! which build on these.

use docx_rs::{
    AlignmentType, BreakType, Footnote, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts,
};

use crate::reports::document::layout::{Layout, Style as TextStyle};

/// The file could not be put together.
#[derive(Debug, thiserror::Error)]
#[error("could not write the Word file: {0}")]
pub struct WriteError(pub(super) String);

/// The document's typeface for every script.
pub(super) fn fonts(layout: &Layout) -> RunFonts {
    RunFonts::new().ascii(layout.font).hi_ansi(layout.font).cs(layout.font).east_asia(layout.font)
}

/// A run of text in a style. Every text of the file goes through here.
pub(super) fn run(text: &str, style: TextStyle, layout: &Layout) -> Run {
    let mut run = Run::new().add_text(xml_text(text)).size(style.size).fonts(fonts(layout));
    if style.bold {
        run = run.bold();
    }
    if style.italic {
        run = run.italic();
    }
    if style.underline {
        run = run.underline("single");
    }
    run
}

/// The text without the characters XML 1.0 cannot carry (the C0 controls
/// but tab, line feed and carriage return; U+FFFE, U+FFFF), which would
/// make the file one that Word refuses to open. The API refuses them in
/// what it is sent; this keeps the file whole whatever the database holds.
pub(super) fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..);
    if text.chars().all(allowed) { text.into() } else { text.chars().filter(|c| allowed(*c)).collect::<String>().into() }
}

/// A paragraph with single line spacing and no space around it.
pub(super) fn tight(align: AlignmentType) -> Paragraph {
    Paragraph::new().align(align).line_spacing(LineSpacing::new().before(0).after(0).line(240).line_rule(LineSpacingType::Auto))
}

/// A tight paragraph of one style; `\n` in the text breaks the line.
pub(super) fn line(text: &str, style: TextStyle, align: AlignmentType, layout: &Layout) -> Paragraph {
    let mut p = tight(align);
    for (i, piece) in text.split('\n').enumerate() {
        if i > 0 {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping).size(style.size).fonts(fonts(layout)));
        }
        p = p.add_run(run(piece, style, layout));
    }
    p
}

/// A centred solid rule `width` twips long, in a column `available` wide,
/// drawn as the bottom border of an empty paragraph 5 pt high.
pub(super) fn rule(width: usize, available: usize) -> Paragraph {
    let side = (available.saturating_sub(width) / 2) as i32;
    let mut p = Paragraph::new()
        .indent(Some(side), None, Some(side), None)
        .line_spacing(LineSpacing::new().before(0).after(0).line(100).line_rule(LineSpacingType::Exact))
        .size(2);
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(ParagraphBorder::new(ParagraphBorderPosition::Bottom).size(6).space(0).color("000000")),
    );
    p
}

/// A footnote with its text in the given style.
pub(super) fn footnote(text: &str, style: TextStyle, layout: &Layout) -> Footnote {
    let p = tight(AlignmentType::Both).add_run(run(text, style, layout));
    Footnote::new().add_content(p)
}
