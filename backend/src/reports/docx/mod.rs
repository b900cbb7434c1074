//! Writes a [`ReportDocument`] as a Word file (DOCX) with `docx-rs`.
//!
//! The page, fonts and sizes come from [`Layout`]; the header and closing
//! blocks are in `frame.rs`, the body and appendix in `body.rs`, the runs
//! and lines both use in `parts.rs`; `schema.rs` puts the packed file in the schema's order.
//! Every run names its font and size, so the file looks the same whatever
//! the reader's default template.

mod body;
mod frame;
mod parts;
mod schema;
#[cfg(test)]
mod tests;

use std::io::Cursor;

use docx_rs::{AlignmentType, BreakType, Docx, Header, PageMargin, PageNum, Style, StyleType, VertAlignType};

use crate::reports::document::ReportDocument;
use crate::reports::document::layout::Layout;
use crate::reports::docx::parts::{fonts, run, tight};

pub use crate::reports::docx::parts::WriteError;

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
                .header(crate::reports::document::layout::mm(10))
                .footer(crate::reports::document::layout::mm(10)),
        )
        .default_fonts(fonts(&layout))
        .default_size(layout.body.size)
        .add_style(footnote_reference_style())
        // Page numbers: centred at the top, from the second page on.
        .header(Header::new().add_paragraph(tight(AlignmentType::Center).add_page_num(PageNum::new()).size(layout.body.size)))
        .first_header(Header::new().add_paragraph(tight(AlignmentType::Center)));

    docx = docx.add_table(frame::header_table(doc, &layout));
    for p in frame::title(doc, &layout) {
        docx = docx.add_paragraph(p);
    }
    for p in body::parts(&doc.parts, &layout) {
        docx = docx.add_paragraph(p);
    }
    docx = docx.add_paragraph(tight(AlignmentType::Left));
    docx = docx.add_table(frame::closing_table(doc, &layout));
    if let Some(appendix) = &doc.appendix {
        docx = docx.add_paragraph(tight(AlignmentType::Left).add_run(run("", layout.body, &layout).add_break(BreakType::Page)));
        for p in body::appendix_heading(appendix, doc, &layout) {
            docx = docx.add_paragraph(p);
        }
        docx = docx.add_table(body::appendix_table(appendix, &layout));
    }

    let mut out = Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(|e| WriteError(e.to_string()))?;
    schema::conform(&out.into_inner())
}

fn footnote_reference_style() -> Style {
    let mut style = Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    style.run_property = style.run_property.vert_align(VertAlignType::SuperScript);
    style
}
