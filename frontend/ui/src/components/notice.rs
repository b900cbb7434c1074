//! The message area of a page: saved, sent, refused, offline...

use yew::prelude::*;

/// How a message should look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tone {
    /// Neutral information.
    Info,
    /// Something worked.
    Success,
    /// Something failed.
    Error,
}

/// A message for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Flash {
    /// How it looks.
    pub tone: Tone,
    /// What it says.
    pub text: String,
}

impl Flash {
    /// A neutral message.
    pub fn info(text: impl Into<String>) -> Self {
        Flash { tone: Tone::Info, text: text.into() }
    }
    /// A success.
    pub fn success(text: impl Into<String>) -> Self {
        Flash { tone: Tone::Success, text: text.into() }
    }
    /// A failure.
    pub fn error(text: impl Into<String>) -> Self {
        Flash { tone: Tone::Error, text: text.into() }
    }
}

/// Props of [`Notice`].
#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    /// The message, if any.
    pub flash: Option<Flash>,
    /// A button offered with the message (e.g. "Tải lại").
    #[prop_or_default]
    pub children: Html,
}

/// The message area. It is always in the page, even empty, because screen
/// readers only announce changes to a live region that already exists.
#[component]
pub fn Notice(props: &NoticeProps) -> Html {
    let (class, text) = match &props.flash {
        Some(flash) => {
            let tone = match flash.tone {
                Tone::Info => "notice-info",
                Tone::Success => "notice-success",
                Tone::Error => "notice-error",
            };
            (classes!("notice", tone), flash.text.clone())
        }
        None => (classes!("notice", "notice-empty"), String::new()),
    };
    html! {
        <div {class} data-testid="notice" role="status" aria-live="polite">
            <span>{ text }</span>
            if props.flash.is_some() { { props.children.clone() } }
        </div>
    }
}
