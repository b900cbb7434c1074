//! The text as the report will print it: paragraphs, bold, italic, bullets.
//!
//! Built from `tonghop_shared::richtext::parse` into yew nodes, never into
//! HTML source, so anything the writer types stays text on the page.

use tonghop_shared::richtext::{Block, Span, parse};
use yew::prelude::*;

/// Props of [`Preview`].
#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    /// The text as written.
    pub text: AttrValue,
    /// What to say when there is no text.
    #[prop_or(AttrValue::Static("Chưa có nội dung."))]
    pub empty: AttrValue,
}

fn span(s: &Span) -> Html {
    let text = html! { { s.text.clone() } };
    match (s.bold, s.italic) {
        (true, true) => html! { <strong><em>{ text }</em></strong> },
        (true, false) => html! { <strong>{ text }</strong> },
        (false, true) => html! { <em>{ text }</em> },
        (false, false) => text,
    }
}

fn block(b: &Block) -> Html {
    match b {
        Block::Paragraph(spans) => html! { <p>{ for spans.iter().map(span) }</p> },
        Block::Bullets(items) => html! {
            <ul>{ for items.iter().map(|item| html! { <li>{ for item.iter().map(span) }</li> }) }</ul>
        },
    }
}

/// The formatted text.
#[component]
pub fn Preview(props: &PreviewProps) -> Html {
    let blocks = parse(&props.text);
    html! {
        <div class="sec-preview" data-testid="section-preview">
            if blocks.is_empty() {
                <p class="muted">{ props.empty.clone() }</p>
            } else {
                { for blocks.iter().map(block) }
            }
        </div>
    }
}
