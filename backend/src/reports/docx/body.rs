//! The body of a document: headings, paragraphs and dash lists with their
//! footnotes, and the appendix table.

use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, Paragraph, Run, SpecialIndentType, Table, TableCell, TableCellMargins, TableLayoutType,
    TableRow, VAlignType, WidthType,
};
use tonghop_shared::dates::numeric_date;
use tonghop_shared::richtext::{Block, Span};

use crate::reports::document::layout::{Layout, Style};
use crate::reports::document::{Appendix, Footnote, Part, ReportDocument};
use crate::reports::docx::frame::spaced;
use crate::reports::docx::parts::{fonts, footnote, line, run};

/// Padding at the left and right of an appendix cell, in twips.
const CELL_SIDE: usize = 80;

/// The paragraphs of all parts, in order.
pub(super) fn parts(parts: &[Part], layout: &Layout) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for part in parts {
        let with_notes = |mut p: Paragraph, notes: Vec<&Footnote>| {
            for note in notes {
                p = p.add_run(reference(&note.text, layout));
            }
            p
        };
        if !part.heading.trim().is_empty() {
            // A part without text carries its notes on its heading.
            let notes = if part.blocks.is_empty() { part.footnotes.iter().collect() } else { Vec::new() };
            out.push(with_notes(heading(part, layout), notes));
        }
        for (b, block) in part.blocks.iter().enumerate() {
            match block {
                Block::Paragraph(spans) => {
                    out.push(with_notes(body_paragraph(spans, None, layout), notes_at(part, b, 0, 1)));
                }
                Block::Bullets(items) => {
                    for (i, spans) in items.iter().enumerate() {
                        let p = body_paragraph(spans, Some("- "), layout);
                        out.push(with_notes(p, notes_at(part, b, i, items.len())));
                    }
                }
            }
        }
    }
    out
}

/// The notes referenced from item `item` (of `items`) of block `block`. A
/// note pointing past the last block or item goes to the last one, so no
/// note is lost.
fn notes_at(part: &Part, block: usize, item: usize, items: usize) -> Vec<&Footnote> {
    let last_block = part.blocks.len().saturating_sub(1);
    let last_item = item + 1 == items;
    part.footnotes
        .iter()
        .filter(|f| f.block.min(last_block) == block)
        .filter(|f| match f.item {
            Some(i) => i == item || (i > item && last_item),
            None => last_item,
        })
        .collect()
}

fn heading(part: &Part, layout: &Layout) -> Paragraph {
    let level = usize::from(part.level).min(layout.headings.len() - 1);
    let style = layout.headings[level];
    if level == 0 {
        spaced(line(&part.heading, style, AlignmentType::Center, layout), 240).keep_next(true)
    } else {
        let spans = [Span { text: part.heading.clone(), bold: true, italic: style.italic }];
        body_paragraph(&spans, None, layout).keep_next(true)
    }
}

/// Justified running text with a first-line indent; `prefix` (the dash of a
/// list item) is set in the plain body style.
fn body_paragraph(spans: &[Span], prefix: Option<&str>, layout: &Layout) -> Paragraph {
    let (before, line_height) = layout.spacing;
    let mut p = Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(layout.first_line_indent)), None, None)
        .line_spacing(LineSpacing::new().before(before).after(0).line(line_height).line_rule(LineSpacingType::Auto));
    if let Some(prefix) = prefix {
        p = p.add_run(run(prefix, layout.body, layout));
    }
    for span in spans {
        let style = Style { bold: span.bold, italic: span.italic, ..layout.body };
        p = p.add_run(run(&span.text, style, layout));
    }
    p
}

/// A footnote reference in the body, with its note.
fn reference(text: &str, layout: &Layout) -> Run {
    Run::new().add_footnote_reference(footnote(text, layout.footnote, layout)).size(layout.body.size).fonts(fonts(layout))
}

/// `PHỤ LỤC`, the appendix title and the line that ties it to the report.
pub(super) fn appendix_heading(appendix: &Appendix, doc: &ReportDocument, layout: &Layout) -> Vec<Paragraph> {
    let center = AlignmentType::Center;
    let heading = layout.headings[0];
    let number = doc.number.trim_start_matches("Số").trim_start_matches(':').trim();
    let attached = format!("(Kèm theo {} số {}, ngày {})", sentence_case(&doc.document_type), number, numeric_date(doc.date));
    vec![
        line(&appendix.title, heading, center, layout),
        line(&attached, Style { bold: false, italic: true, ..layout.body }, center, layout),
        line("", layout.body, center, layout),
    ]
}

/// The figures, with borders; the header row bold, numbers at the right.
pub(super) fn appendix_table(appendix: &Appendix, layout: &Layout) -> Table {
    let widths = column_widths(appendix, layout.text_width());
    let figures = figure_columns(appendix);
    let header_style = Style { bold: true, ..layout.table };
    let mut rows = vec![
        TableRow::new(
            appendix.columns.iter().zip(&widths).map(|(c, w)| table_cell(c, header_style, AlignmentType::Center, *w, layout)).collect(),
        )
        .cant_split(),
    ];
    for row in &appendix.rows {
        let cells = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text = row.get(i).map(String::as_str).unwrap_or("");
                let align = match () {
                    _ if i == 0 && appendix.columns[0] == "STT" => AlignmentType::Center,
                    _ if figures[i] || is_number(text) => AlignmentType::Right,
                    _ => AlignmentType::Left,
                };
                table_cell(text, layout.table, align, *w, layout)
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(20, CELL_SIDE, 20, CELL_SIDE))
}

fn table_cell(text: &str, style: Style, align: AlignmentType, width: usize, layout: &Layout) -> TableCell {
    TableCell::new().width(width, WidthType::Dxa).vertical_align(VAlignType::Center).add_paragraph(line(text, style, align, layout))
}

/// Column widths that add up to the text width. A column of figures gets
/// the width of its longest entry (or heading word) and never wraps; the
/// text columns share the rest in proportion to their longest entry.
fn column_widths(appendix: &Appendix, total: usize) -> Vec<usize> {
    const CHAR: usize = 120; // an average character at 12 pt, in twips
    const HEADING_CHAR: usize = 150; // the same in bold capitals
    const PADDING: usize = 2 * CELL_SIDE + 40;
    let columns = appendix.columns.len();
    let cells = |i: usize| appendix.rows.iter().filter_map(move |r| r.get(i)).map(|t| t.trim());
    let longest = |i: usize| cells(i).map(|t| t.chars().count()).max().unwrap_or(0).max(2);
    let heading_word = |i: usize| appendix.columns[i].split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
    let figures = figure_columns(appendix);
    let mut widths: Vec<usize> =
        (0..columns).map(|i| if figures[i] { (longest(i) * CHAR).max(heading_word(i) * HEADING_CHAR) + PADDING } else { 0 }).collect();
    let fixed: usize = widths.iter().sum();
    let text: Vec<usize> = (0..columns).filter(|i| !figures[*i]).collect();
    let weight: usize = text.iter().map(|i| longest(*i)).sum::<usize>().max(1);
    let rest = total.saturating_sub(fixed);
    for i in &text {
        widths[*i] = rest * longest(*i) / weight;
    }
    // Rounding, or a table of figures only: the last column takes the slack.
    let sum: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last = (*last + total).saturating_sub(sum);
    }
    widths
}

/// Which columns hold figures: every cell a number, a dash for "none", or
/// empty.
fn figure_columns(appendix: &Appendix) -> Vec<bool> {
    (0..appendix.columns.len())
        .map(|i| appendix.rows.iter().filter_map(|r| r.get(i)).map(|t| t.trim()).all(|t| t.is_empty() || t == "-" || is_number(t)))
        .collect()
}

/// Whether a cell reads as a figure: `1.936`, `45,7%`, `10/19`, `-3`.
pub(super) fn is_number(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(|c| c.is_ascii_digit()) && t.chars().all(|c| c.is_ascii_digit() || ".,%/-+ ".contains(c))
}

/// `BÁO CÁO` → `Báo cáo`.
fn sentence_case(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
