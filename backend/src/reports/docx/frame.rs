//! The frame of a document: the two-column header (issuer and number on the
//! left, motto and date on the right), the document type and title, and the
//! closing block (recipients on the left, signature on the right). Both
//! blocks are borderless tables, as in the official templates.

use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, Paragraph, Table, TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType,
    WidthType,
};
use tonghop_shared::dates::header_date;

use crate::reports::document::ReportDocument;
use crate::reports::document::layout::Layout;
use crate::reports::docx::parts::{line, rule, tight};

/// The header: issuer and number at the left, motto and date at the right.
/// The number and the date share the second row, so they stand level.
pub(super) fn header_table(doc: &ReportDocument, layout: &Layout) -> Table {
    let (left_w, right_w) = layout.header_columns;
    let center = AlignmentType::Center;

    let mut issuer = Vec::new();
    if !doc.superior_body.trim().is_empty() {
        issuer.push(line(&doc.superior_body.to_uppercase(), layout.superior, center, layout));
    }
    issuer.push(line(&doc.issuing_body.to_uppercase(), layout.issuer, center, layout));
    if let Some(mark) = layout.issuer_mark {
        issuer.push(line(mark, layout.issuer, center, layout));
    }
    if let Some(width) = layout.issuer_rule {
        issuer.push(rule(width, left_w));
    }

    let mut motto: Vec<Paragraph> = layout.motto.iter().map(|(text, style)| line(text, *style, center, layout)).collect();
    motto.push(rule(layout.motto_rule, right_w));

    let number = vec![spaced(line(&doc.number, layout.number, center, layout), 120)];
    let date = vec![spaced(line(&header_date(&doc.place, Some(doc.date)), layout.date, center, layout), 120)];

    frame_table(
        vec![
            TableRow::new(vec![cell(issuer, left_w), cell(motto, right_w)]),
            TableRow::new(vec![cell(number, left_w), cell(date, right_w)]),
        ],
        layout,
    )
}

/// The document type, the title and the short rule under it.
pub(super) fn title(doc: &ReportDocument, layout: &Layout) -> Vec<Paragraph> {
    let center = AlignmentType::Center;
    vec![
        spaced(line(&doc.document_type.to_uppercase(), layout.document_type, center, layout), 480),
        line(&doc.title, layout.title, center, layout),
        rule(layout.title_rule, layout.text_width()),
    ]
}

/// Recipients at the left, the signature block at the right.
pub(super) fn closing_table(doc: &ReportDocument, layout: &Layout) -> Table {
    let (left_w, right_w) = layout.header_columns;
    let center = AlignmentType::Center;
    let left = AlignmentType::Left;

    let mut recipients = vec![line("Nơi nhận:", layout.recipients_label, left, layout).keep_next(true)];
    for r in &doc.recipients {
        recipients.push(line(&format!("- {r}"), layout.recipients, left, layout));
    }

    let s = &doc.signature;
    let mut signature = vec![
        line(&s.authority.to_uppercase(), layout.signer, center, layout),
        line(&s.title.to_uppercase(), layout.signer, center, layout),
    ];
    for _ in 0..layout.signature_space {
        signature.push(line("", layout.signer, center, layout));
    }
    signature.push(line(&s.name, layout.signer_name, center, layout));

    frame_table(vec![TableRow::new(vec![cell(recipients, left_w), cell(signature, right_w)]).cant_split()], layout)
}

/// The same paragraph with space before it.
pub(super) fn spaced(p: Paragraph, before: u32) -> Paragraph {
    p.line_spacing(LineSpacing::new().before(before).after(0).line(240).line_rule(LineSpacingType::Auto))
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut cell = TableCell::new().width(width, WidthType::Dxa).vertical_align(VAlignType::Top);
    for p in paragraphs {
        cell = cell.add_paragraph(p);
    }
    if cell.children.is_empty() {
        cell = cell.add_paragraph(tight(AlignmentType::Left));
    }
    cell
}

/// A borderless table as wide as the text, with no cell padding at the
/// sides, so its columns line up with the margins.
fn frame_table(rows: Vec<TableRow>, layout: &Layout) -> Table {
    let (left_w, right_w) = layout.header_columns;
    Table::without_borders(rows)
        .set_grid(vec![left_w, right_w])
        .width(left_w + right_w, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}
