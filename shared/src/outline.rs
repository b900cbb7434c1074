//! Rules for a report template: a name and an outline the office can
//! adjust, checked the same way in the app and on the server. Whether the
//! indicator codes exist is the server's check (the app may not know them
//! all).

use crate::FieldError;
use crate::api::{OutlineContent, OutlineEntry};
use crate::text::{clean, clean_multiline};

/// Most parts an outline may have.
pub const MAX_PARTS: usize = 60;
/// Deepest heading level (`a)`).
pub const MAX_LEVEL: u8 = 3;
const MAX_NAME: usize = 120;
const MAX_HEADING: usize = 300;
const MAX_PROMPT: usize = 1_000;

/// The name and outline as stored: text cleaned (NFC, spaces), indicator
/// codes trimmed and upper-cased.
pub fn normalise(name: &str, outline: &[OutlineEntry]) -> (String, Vec<OutlineEntry>) {
    let outline = outline
        .iter()
        .map(|e| OutlineEntry {
            level: e.level,
            heading: clean_multiline(&e.heading),
            content: match &e.content {
                OutlineContent::Figures { indicators } => {
                    OutlineContent::Figures { indicators: indicators.iter().map(|c| c.trim().to_uppercase()).collect() }
                }
                OutlineContent::Prompt { text } => OutlineContent::Prompt { text: clean_multiline(text) },
                other => other.clone(),
            },
        })
        .collect();
    (clean(name), outline)
}

/// What is wrong with a (normalised) template, field by field: `name`,
/// `outline`, `outline[3].heading`, `outline[3].content.indicators`.
pub fn check(name: &str, outline: &[OutlineEntry]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(FieldError::new("name", "required", "Cần đặt tên cho mẫu báo cáo"));
    } else if name.chars().count() > MAX_NAME {
        errors.push(FieldError::new("name", "too_long", format!("Tên mẫu dài quá {MAX_NAME} ký tự")));
    }
    if outline.is_empty() {
        errors.push(FieldError::new("outline", "required", "Mẫu báo cáo cần ít nhất một mục"));
    } else if outline.len() > MAX_PARTS {
        errors.push(FieldError::new("outline", "too_long", format!("Mẫu báo cáo có tối đa {MAX_PARTS} mục")));
    }
    let mut once: Vec<&str> = Vec::new();
    let mut codes: Vec<&str> = Vec::new();
    for (i, entry) in outline.iter().enumerate() {
        let at = |f: &str| format!("outline[{i}].{f}");
        if entry.level > MAX_LEVEL {
            errors.push(FieldError::new(at("level"), "above_max", format!("Mục {}: cấp đề mục từ 0 đến {MAX_LEVEL}", i + 1)));
        }
        if entry.heading.is_empty() {
            errors.push(FieldError::new(at("heading"), "required", format!("Mục {}: cần có đề mục", i + 1)));
        } else if entry.heading.chars().count() > MAX_HEADING {
            errors.push(FieldError::new(at("heading"), "too_long", format!("Mục {}: đề mục dài quá {MAX_HEADING} ký tự", i + 1)));
        }
        match &entry.content {
            OutlineContent::TargetSummary | OutlineContent::OtherFigures | OutlineContent::Sections => {
                let kind = match entry.content {
                    OutlineContent::TargetSummary => "target_summary",
                    OutlineContent::OtherFigures => "other_figures",
                    _ => "sections",
                };
                if once.contains(&kind) {
                    let what = match kind {
                        "target_summary" => "câu tổng hợp chỉ tiêu Nghị quyết",
                        "other_figures" => "các chỉ tiêu khác",
                        _ => "báo cáo của các đoàn thể",
                    };
                    errors.push(FieldError::new(at("content"), "duplicate", format!("Mục {}: {what} chỉ đặt ở một mục", i + 1)));
                }
                once.push(kind);
            }
            OutlineContent::Figures { indicators } => {
                for code in indicators {
                    if code.is_empty() {
                        errors.push(FieldError::new(at("content.indicators"), "required", format!("Mục {}: mã chỉ tiêu trống", i + 1)));
                    } else if codes.contains(&code.as_str()) {
                        errors.push(FieldError::new(
                            at("content.indicators"),
                            "duplicate",
                            format!("Mục {}: chỉ tiêu {code} đã có ở mục khác", i + 1),
                        ));
                    } else {
                        codes.push(code);
                    }
                }
            }
            OutlineContent::Prompt { text } => {
                if text.chars().count() > MAX_PROMPT {
                    errors.push(FieldError::new(
                        at("content.text"),
                        "too_long",
                        format!("Mục {}: gợi ý dài quá {MAX_PROMPT} ký tự", i + 1),
                    ));
                }
            }
            OutlineContent::Heading => {}
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(level: u8, heading: &str, content: OutlineContent) -> OutlineEntry {
        OutlineEntry { level, heading: heading.into(), content }
    }

    #[test]
    fn a_usual_outline_passes() {
        let outline = vec![
            entry(0, "Phần thứ nhất", OutlineContent::Heading),
            entry(1, "I. KẾT QUẢ", OutlineContent::TargetSummary),
            entry(2, "1. Kinh tế", OutlineContent::Figures { indicators: vec!["GRAIN_OUTPUT".into()] }),
            entry(2, "2. Khác", OutlineContent::OtherFigures),
            entry(1, "II. HẠN CHẾ", OutlineContent::Prompt { text: "Nêu hạn chế.".into() }),
        ];
        assert_eq!(check("Báo cáo 6 tháng", &outline), Vec::new());
    }

    #[test]
    fn each_fault_names_its_field() {
        let outline = vec![
            entry(4, "", OutlineContent::Sections),
            entry(1, "B", OutlineContent::Sections),
            entry(2, "C", OutlineContent::Figures { indicators: vec!["A".into(), "A".into()] }),
        ];
        let fields: Vec<(String, String)> = check("", &outline).into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            [
                ("name", "required"),
                ("outline[0].level", "above_max"),
                ("outline[0].heading", "required"),
                ("outline[1].content", "duplicate"),
                ("outline[2].content.indicators", "duplicate"),
            ]
            .map(|(f, c)| (f.to_owned(), c.to_owned()))
        );
        assert_eq!(check("x", &[])[0].field, "outline");
    }

    #[test]
    fn normalising_cleans_text_and_codes() {
        let (name, outline) = normalise(
            "  Mẫu   6 tháng ",
            &[entry(2, " 1.  Kinh tế ", OutlineContent::Figures { indicators: vec![" grain_output ".into()] })],
        );
        assert_eq!(name, "Mẫu 6 tháng");
        assert_eq!(outline[0].heading, "1. Kinh tế");
        assert_eq!(outline[0].content, OutlineContent::Figures { indicators: vec!["GRAIN_OUTPUT".into()] });
    }
}
