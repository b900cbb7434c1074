//! The formatting buttons above the text: «Đậm» and «Nghiêng» wrap the
//! selection in `**` or `*`, «Gạch đầu dòng» puts `- ` before the line.
//!
//! The transforms are plain functions on the text and the selection (in
//! UTF-16 units, as the browser counts them), tested on the host.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// A text with its selection, in UTF-16 code units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    /// The whole text.
    pub text: String,
    /// Start of the selection.
    pub start: u32,
    /// End of the selection.
    pub end: u32,
}

/// The byte index of a UTF-16 offset (clamped to the text).
fn byte_at(text: &str, utf16: u32) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// The UTF-16 offset of a byte index.
fn utf16_at(text: &str, byte: usize) -> u32 {
    text[..byte].encode_utf16().count() as u32
}

/// Wraps the selection in `marker` (`**` or `*`), leaving spaces at its
/// edges outside; removes the markers if the selection is already wrapped.
/// With nothing selected, inserts a pair and puts the cursor between them.
pub fn wrap(text: &str, start: u32, end: u32, marker: &str) -> Edited {
    let (mut a, mut b) = (byte_at(text, start.min(end)), byte_at(text, start.max(end)));
    // Only the words: "từ " selected by a double tap becomes "**từ** ".
    let selected = &text[a..b];
    a += selected.len() - selected.trim_start().len();
    b -= selected.trim_start().len() - selected.trim().len();
    let b = b.max(a);
    let inner = &text[a..b];
    let before = &text[..a];
    let after = &text[b..];
    let wrapped_outside =
        before.ends_with(marker) && after.starts_with(marker) && !(marker == "*" && before.ends_with("**") && after.starts_with("**"));
    let out = if a != b && wrapped_outside {
        let text = format!("{}{inner}{}", &before[..before.len() - marker.len()], &after[marker.len()..]);
        let start = utf16_at(&text, a - marker.len());
        return Edited { end: start + inner.encode_utf16().count() as u32, start, text };
    } else {
        format!("{before}{marker}{inner}{marker}{after}")
    };
    let start = utf16_at(&out, a + marker.len());
    Edited { end: start + inner.encode_utf16().count() as u32, start, text: out }
}

/// Puts `- ` before each line of the selection (or the cursor's line);
/// removes it if every one of those lines has it already.
pub fn bullet(text: &str, start: u32, end: u32) -> Edited {
    let (a, b) = (byte_at(text, start.min(end)), byte_at(text, start.max(end)));
    let first = text[..a].rfind('\n').map_or(0, |i| i + 1);
    let last = text[b..].find('\n').map_or(text.len(), |i| b + i);
    let lines: Vec<&str> = text[first..last].split('\n').collect();
    let has = |l: &&str| l.trim_start().starts_with("- ");
    let all = lines.iter().any(has) && lines.iter().all(|l| has(l) || l.trim().is_empty());
    let changed: Vec<String> = lines
        .iter()
        .map(|l| match (all, l.trim().is_empty() && lines.len() > 1) {
            (_, true) => (*l).to_owned(),
            (true, false) => l.trim_start().strip_prefix("- ").unwrap_or(l).to_owned(),
            (false, false) if l.trim_start().starts_with("- ") => (*l).to_owned(),
            (false, false) => format!("- {}", l.trim_start()),
        })
        .collect();
    let block = changed.join("\n");
    let out = format!("{}{block}{}", &text[..first], &text[last..]);
    let end = utf16_at(&out, first + block.len());
    // One line: the cursor goes to its end, ready to type the item.
    let start = if lines.len() == 1 { end } else { utf16_at(&out, first) };
    Edited { text: out, start, end }
}

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The textarea the buttons act on.
    pub target: NodeRef,
    /// The text changed.
    pub on_edit: Callback<String>,
    /// Nothing can be typed now.
    #[prop_or_default]
    pub disabled: bool,
}

/// «Đậm», «Nghiêng», «Gạch đầu dòng».
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let button = |label: &'static str, testid: &'static str, class: &'static str, apply: fn(&str, u32, u32) -> Edited| {
        let (target, on_edit) = (props.target.clone(), props.on_edit.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            let Some(area) = target.cast::<HtmlTextAreaElement>() else { return };
            let value = area.value();
            let start = area.selection_start().ok().flatten().unwrap_or(value.encode_utf16().count() as u32);
            let end = area.selection_end().ok().flatten().unwrap_or(start);
            let edited = apply(&value, start, end);
            area.set_value(&edited.text);
            let _ = area.focus();
            let _ = area.set_selection_range(edited.start, edited.end);
            on_edit.emit(edited.text);
        });
        // Keep the cursor in the text: a button that took the focus would
        // close the phone's keyboard at every tap.
        let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
        html! {
            <button type="button" class={classes!("button", "button-small", "sec-tool", class)} data-testid={testid}
                disabled={props.disabled} {onclick} {onmousedown}>{ label }</button>
        }
    };
    html! {
        <div class="sec-toolbar" role="toolbar" aria-label="Định dạng">
            { button("Đậm", "section-bold", "sec-tool-bold", |t, s, e| wrap(t, s, e, "**")) }
            { button("Nghiêng", "section-italic", "sec-tool-italic", |t, s, e| wrap(t, s, e, "*")) }
            { button("Gạch đầu dòng", "section-bullet", "sec-tool-bullet", bullet) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, start: u32, end: u32) -> Edited {
        Edited { text: text.into(), start, end }
    }

    #[test]
    fn bold_wraps_the_words_selected_and_keeps_them_selected() {
        // "Hội đã tổ chức 3 lớp": select "3 lớp " (with the space a double tap takes).
        let text = "Hội đã tổ chức 3 lớp tập huấn";
        assert_eq!(wrap(text, 15, 21, "**"), edit("Hội đã tổ chức **3 lớp** tập huấn", 17, 22));
        assert_eq!(wrap(text, 15, 21, "*"), edit("Hội đã tổ chức *3 lớp* tập huấn", 16, 21));
    }

    #[test]
    fn wrapping_again_removes_the_markers() {
        let bold = wrap("a đậm b", 2, 5, "**");
        assert_eq!(bold, edit("a **đậm** b", 4, 7));
        assert_eq!(wrap(&bold.text, bold.start, bold.end, "**"), edit("a đậm b", 2, 5));
        // Italic inside bold is added, not taken for an italic to remove.
        assert_eq!(wrap(&bold.text, bold.start, bold.end, "*").text, "a ***đậm*** b");
    }

    #[test]
    fn with_nothing_selected_a_pair_is_inserted_around_the_cursor() {
        assert_eq!(wrap("ab", 1, 1, "**"), edit("a****b", 3, 3));
        assert_eq!(wrap("", 0, 0, "*"), edit("**", 1, 1));
    }

    #[test]
    fn offsets_count_utf16_units_beyond_the_basic_plane() {
        // "😀" is two UTF-16 units.
        assert_eq!(wrap("😀 x", 3, 4, "**"), edit("😀 **x**", 5, 6));
    }

    #[test]
    fn a_bullet_goes_before_the_cursors_line_and_comes_off_again() {
        let text = "Kết quả:\nThăm 120 hộ\nCuối";
        let once = bullet(text, 12, 12);
        assert_eq!(once, edit("Kết quả:\n- Thăm 120 hộ\nCuối", 22, 22));
        assert_eq!(bullet(&once.text, 12, 12).text, text);
        assert_eq!(bullet("", 0, 0), edit("- ", 2, 2));
    }

    #[test]
    fn every_line_of_a_selection_gets_a_bullet_but_blank_lines_stay_blank() {
        let text = "a\nb\n\nc";
        assert_eq!(bullet(text, 0, 6), edit("- a\n- b\n\n- c", 0, 12));
        assert_eq!(bullet("- a\nb", 0, 5).text, "- a\n- b");
    }
}
