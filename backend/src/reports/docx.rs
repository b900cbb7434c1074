//! Writes a [`ReportDocument`] as a Word file (DOCX) with `docx-rs`.
//!
//! The page, fonts and sizes come from [`Layout`]; the header and closing
//! blocks are in `docx_frame.rs`, the body and appendix in `docx_body.rs`;
//! `docx_schema.rs` puts the packed file in the schema's order.
//! Every run names its font and size, so the file looks the same whatever
//! the reader's default template.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Docx, Footnote, Header, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Style, StyleType, VertAlignType,
};

use super::document::ReportDocument;
use super::docx_body;
use super::docx_frame;
use super::docx_schema;
use super::layout::{Layout, Style as TextStyle};

/// The file could not be put together.
#[derive(Debug, thiserror::Error)]
#[error("could not write the Word file: {0}")]
pub struct WriteError(pub(super) String);

/// The bytes of the DOCX file of a report.
pub fn write(doc: &ReportDocument) -> Result<Vec<u8>, WriteError> {
    let layout = Layout::of(doc.profile);
    let m = layout.margins;
    let mut docx = Docx::new()
        .page_size(layout.page.0, layout.page.1)
        .page_margin(
            PageMargin::new()
                .top(m.top)
                .bottom(m.bottom)
                .left(m.left)
                .right(m.right)
                .header(super::layout::mm(10))
                .footer(super::layout::mm(10)),
        )
        .default_fonts(fonts(&layout))
        .default_size(layout.body.size)
        .add_style(footnote_reference_style())
        // Page numbers: centred at the top, from the second page on.
        .header(Header::new().add_paragraph(tight(AlignmentType::Center).add_page_num(PageNum::new()).size(layout.body.size)))
        .first_header(Header::new().add_paragraph(tight(AlignmentType::Center)));

    docx = docx.add_table(docx_frame::header_table(doc, &layout));
    for p in docx_frame::title(doc, &layout) {
        docx = docx.add_paragraph(p);
    }
    for p in docx_body::parts(&doc.parts, &layout) {
        docx = docx.add_paragraph(p);
    }
    docx = docx.add_paragraph(tight(AlignmentType::Left));
    docx = docx.add_table(docx_frame::closing_table(doc, &layout));
    if let Some(appendix) = &doc.appendix {
        docx = docx.add_paragraph(tight(AlignmentType::Left).add_run(run("", layout.body, &layout).add_break(BreakType::Page)));
        for p in docx_body::appendix_heading(appendix, doc, &layout) {
            docx = docx.add_paragraph(p);
        }
        docx = docx.add_table(docx_body::appendix_table(appendix, &layout));
    }

    let mut out = Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(|e| WriteError(e.to_string()))?;
    docx_schema::conform(&out.into_inner())
}

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

fn footnote_reference_style() -> Style {
    let mut style = Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    style.run_property = style.run_property.vert_align(VertAlignType::SuperScript);
    style
}
