//! The presentation rules of each profile in one place: page, margins, font,
//! sizes and the fixed texts of the header. A new set of rules (such as the
//! Party's Quy định 399-QĐ/TW of 2026) is a new constructor here.

use crate::reports::document::Profile;

/// Sizes are in half-points (14 pt = 28), lengths in twips (1/1440 inch).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Page width and height.
    pub page: (u32, u32),
    /// Top, bottom, left and right margins.
    pub margins: Margins,
    /// The one typeface of the document.
    pub font: &'static str,
    /// Widths of the two columns of the header and of the closing block.
    pub header_columns: (usize, usize),
    /// The body above the issuer.
    pub superior: Style,
    /// The issuer.
    pub issuer: Style,
    /// Printed centred under the issuer (`*` for the Party), if any.
    pub issuer_mark: Option<&'static str>,
    /// Length of the rule under the issuer (State), if any.
    pub issuer_rule: Option<usize>,
    /// The number line.
    pub number: Style,
    /// The top right lines and their styles.
    pub motto: Vec<(&'static str, Style)>,
    /// Length of the rule under the last motto line.
    pub motto_rule: usize,
    /// The place and date line.
    pub date: Style,
    /// `BÁO CÁO`.
    pub document_type: Style,
    /// The summary title.
    pub title: Style,
    /// Length of the rule under the title.
    pub title_rule: usize,
    /// Headings by level (0 is centred); deeper levels take the last.
    pub headings: Vec<Style>,
    /// Running text.
    pub body: Style,
    /// Notes at the foot of the page.
    pub footnote: Style,
    /// First-line indent of running text.
    pub first_line_indent: i32,
    /// Space before each paragraph, and the line height (240 = single).
    pub spacing: (u32, i32),
    /// The word `Nơi nhận:`.
    pub recipients_label: Style,
    /// The recipients.
    pub recipients: Style,
    /// The signer's authority and title.
    pub signer: Style,
    /// The signer's name.
    pub signer_name: Style,
    /// Empty lines left for the signature and seal.
    pub signature_space: usize,
    /// The appendix table.
    pub table: Style,
}

/// Page margins in twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Margins {
    /// Top.
    pub top: i32,
    /// Bottom.
    pub bottom: i32,
    /// Left (the binding side).
    pub left: i32,
    /// Right.
    pub right: i32,
}

/// How one kind of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Size in half-points.
    pub size: usize,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
}

const fn style(pt: usize, bold: bool, italic: bool) -> Style {
    Style { size: pt * 2, bold, italic, underline: false }
}

/// Millimetres to twips, rounded.
pub const fn mm(v: i32) -> i32 {
    (v * 14400 + 127) / 254
}

/// A4 portrait in twips.
pub const A4: (u32, u32) = (11906, 16838);

impl Layout {
    /// The rules of a profile.
    pub fn of(profile: Profile) -> Layout {
        match profile {
            Profile::Party => Layout::party_36(),
            Profile::State => Layout::state_30(),
        }
    }

    /// Width of the text column between the margins.
    pub fn text_width(&self) -> usize {
        (self.page.0 as i32 - self.margins.left - self.margins.right) as usize
    }

    /// Party documents, Hướng dẫn 36-HD/VPTW (2018).
    pub fn party_36() -> Layout {
        let body = style(14, false, false);
        Layout {
            page: A4,
            margins: Margins { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
            font: "Times New Roman",
            header_columns: (4400, 4955),
            superior: body,
            issuer: style(14, true, false),
            issuer_mark: Some("*"),
            issuer_rule: None,
            number: body,
            motto: vec![("ĐẢNG CỘNG SẢN VIỆT NAM", style(15, true, false))],
            motto_rule: 4300,
            date: style(14, false, true),
            document_type: style(16, true, false),
            title: style(14, true, false),
            title_rule: 1400,
            headings: vec![style(14, true, false), style(14, true, false), style(14, true, false), style(14, true, true)],
            body,
            footnote: style(12, false, false),
            first_line_indent: mm(10),
            spacing: (120, 264),
            recipients_label: Style { underline: true, ..style(12, false, false) },
            recipients: style(12, false, false),
            signer: style(14, true, false),
            signer_name: style(14, true, false),
            signature_space: 4,
            table: style(12, false, false),
        }
    }

    /// State documents, Decree 30/2020/NĐ-CP.
    pub fn state_30() -> Layout {
        let body = style(14, false, false);
        Layout {
            page: A4,
            margins: Margins { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
            font: "Times New Roman",
            header_columns: (3700, 5655),
            superior: style(13, false, false),
            issuer: style(13, true, false),
            issuer_mark: None,
            issuer_rule: Some(1300),
            number: style(13, false, false),
            motto: vec![
                ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style(13, true, false)),
                ("Độc lập - Tự do - Hạnh phúc", style(14, true, false)),
            ],
            motto_rule: 3250,
            date: style(14, false, true),
            document_type: style(14, true, false),
            title: style(14, true, false),
            title_rule: 1400,
            headings: vec![style(14, true, false), style(14, true, false), style(14, true, false), style(14, true, true)],
            body,
            footnote: style(12, false, false),
            first_line_indent: mm(10),
            spacing: (120, 264),
            recipients_label: style(12, true, true),
            recipients: style(11, false, false),
            signer: style(14, true, false),
            signer_name: style(14, true, false),
            signature_space: 4,
            table: style(12, false, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_become_twips() {
        assert_eq!(mm(20), 1134);
        assert_eq!(mm(30), 1701);
        assert_eq!(mm(15), 850);
    }

    #[test]
    fn the_header_columns_fill_the_text_width() {
        for layout in [Layout::party_36(), Layout::state_30()] {
            assert_eq!(layout.header_columns.0 + layout.header_columns.1, layout.text_width());
        }
    }
}
