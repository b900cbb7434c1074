//! A passage as the report prints it: the paragraphs, bold, italic and
//! bullets of `tonghop_shared::richtext`, plus Pandoc-style inline footnotes
//! `^[note]`, shown as a superscript number with the notes listed below.
//!
//! Built into yew nodes, never into HTML source, so nothing written here can
//! carry markup onto the page.

use tonghop_shared::richtext::{Block, Span, parse, split_notes};
use yew::prelude::*;

/// A paragraph or list item as shown: its runs without the notes, and the
/// numbers of its notes, whose marks follow it (as in the Word file, where a
/// note is referenced at the end of its paragraph or item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The text.
    pub runs: Vec<Span>,
    /// Its notes' numbers, from 1 within the passage.
    pub notes: Vec<usize>,
}

/// A block as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// A paragraph.
    Paragraph(Line),
    /// A bulleted list.
    Bullets(Vec<Line>),
}

/// The blocks of a passage with its notes taken out and numbered, and the
/// notes' texts in order.
pub fn layout(text: &str) -> (Vec<Shown>, Vec<String>) {
    let mut notes = Vec::new();
    let mut take = |spans: &[Span]| {
        let (runs, found) = split_notes(spans);
        let first = notes.len() + 1;
        notes.extend(found);
        Line { runs, notes: (first..=notes.len()).collect() }
    };
    let blocks = parse(text)
        .iter()
        .map(|b| match b {
            Block::Paragraph(spans) => Shown::Paragraph(take(spans)),
            Block::Bullets(items) => Shown::Bullets(items.iter().map(|i| take(i)).collect()),
        })
        .collect();
    (blocks, notes)
}

fn run(s: &Span) -> Html {
    let text = html! { { s.text.clone() } };
    match (s.bold, s.italic) {
        (true, true) => html! { <strong><em>{ text }</em></strong> },
        (true, false) => html! { <strong>{ text }</strong> },
        (false, true) => html! { <em>{ text }</em> },
        (false, false) => text,
    }
}

fn line(l: &Line) -> Html {
    let marks = l.notes.iter().map(|n| {
        html! { <sup class="fn-ref" data-testid="footnote-ref" aria-label={format!("Chú thích {n}")}>{ n }</sup> }
    });
    html! { <>{ for l.runs.iter().map(run) }{ for marks }</> }
}

fn block(b: &Shown) -> Html {
    match b {
        Shown::Paragraph(l) => html! { <p>{ line(l) }</p> },
        Shown::Bullets(items) => html! { <ul>{ for items.iter().map(|l| html! { <li>{ line(l) }</li> }) }</ul> },
    }
}

/// Props of [`PassageText`].
#[derive(Properties, PartialEq)]
pub struct PassageTextProps {
    /// The text as stored.
    pub text: AttrValue,
    /// `data-testid` of the whole.
    #[prop_or(AttrValue::Static("passage-preview"))]
    pub testid: AttrValue,
}

/// The formatted text, its footnotes numbered below it.
#[component]
pub fn PassageText(props: &PassageTextProps) -> Html {
    let (blocks, notes) = layout(&props.text);
    html! {
        <div class="sec-preview rp-text" data-testid={props.testid.clone()}>
            if blocks.is_empty() {
                <p class="muted">{ "Chưa có nội dung." }</p>
            } else {
                { for blocks.iter().map(block) }
            }
            if !notes.is_empty() {
                <ol class="rp-notes sec-hint" data-testid="footnotes">{ for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ol>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Span {
        Span { text: text.into(), bold: false, italic: false }
    }

    #[test]
    fn a_note_becomes_a_numbered_mark_after_its_paragraph_and_a_line_below() {
        let (blocks, notes) = layout("Đạt 10/12 chỉ tiêu ^[Chưa đạt: thu ngân sách, trồng rừng.]; còn 2.");
        assert_eq!(blocks, [Shown::Paragraph(Line { runs: vec![plain("Đạt 10/12 chỉ tiêu; còn 2.")], notes: vec![1] })]);
        assert_eq!(notes, ["Chưa đạt: thu ngân sách, trồng rừng."]);
    }

    #[test]
    fn notes_are_numbered_through_the_passage_and_keep_nested_brackets() {
        let (blocks, notes) = layout("Mở đầu^[một]\n\n- mục a^[theo [Điều 3]]\n- mục b\n- mục c^[ba]^[bốn]");
        assert_eq!(notes, ["một", "theo [Điều 3]", "ba", "bốn"]);
        let Shown::Bullets(items) = &blocks[1] else { panic!("a list second: {blocks:?}") };
        let numbers: Vec<Vec<usize>> = items.iter().map(|i| i.notes.clone()).collect();
        assert_eq!(numbers, [vec![2], vec![], vec![3, 4]]);
        assert!(items.iter().all(|i| i.runs.iter().all(|r| !r.text.contains("^["))), "no raw markup left");
    }

    #[test]
    fn an_unclosed_note_stays_as_typed_and_styles_survive() {
        let (blocks, notes) = layout("**Đạt** giá ^[chưa đóng");
        assert!(notes.is_empty());
        let Shown::Paragraph(l) = &blocks[0] else { panic!("a paragraph") };
        assert!(l.runs[0].bold);
        assert!(l.runs.iter().any(|r| r.text.contains("^[chưa đóng")));
    }
}
