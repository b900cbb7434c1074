//! The written file read back: page, fonts, sizes, texts and styles in
//! `word/document.xml`, as a reader of the DOCX would find them.

use std::io::{Cursor, Read};

use chrono::NaiveDate;
use tonghop_shared::richtext::parse;

use crate::reports::document::sample;
use crate::reports::document::{Appendix, Footnote, Part, Profile, ReportDocument, Signature};
use crate::reports::docx::write;

fn document(profile: Profile) -> ReportDocument {
    let mut sample = sample::xuan_phu_first_half_2026(profile);
    sample.date = NaiveDate::from_ymd_opt(2026, 2, 5).unwrap();
    sample.number = match profile {
        Profile::Party => "Số 12-BC/ĐU".into(),
        Profile::State => "Số: 12/BC-UBND".into(),
    };
    sample.parts = vec![
        Part { level: 0, heading: "Phần thứ nhất\nKẾT QUẢ".into(), blocks: vec![], footnotes: vec![] },
        Part {
            level: 2,
            heading: "1. Kinh tế".into(),
            blocks: parse(
                "Sản lượng **đạt 1.936 tấn**, *bằng 114% cùng kỳ*, ổn định.\n\n- Trồng mới 85 ha rừng\n- Thu ngân sách 2.657 triệu đồng",
            ),
            footnotes: vec![Footnote { block: 1, item: Some(0), text: "Chủ yếu là cây keo.".into() }],
        },
    ];
    sample.appendix = Some(Appendix {
        title: "PHỤ LỤC".into(),
        columns: vec!["STT".into(), "Chỉ tiêu".into(), "Thực hiện".into(), "% KH".into()],
        rows: vec![vec!["1".into(), "Sản lượng lương thực".into(), "1.936".into(), "60%".into()]],
    });
    sample
}

/// A part of the written file, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    let mut text = String::new();
    zip.by_name(name).expect(name).read_to_string(&mut text).unwrap();
    text
}

fn document_xml(profile: Profile) -> String {
    part(&write(&document(profile)).expect("written"), "word/document.xml")
}

/// The elements `<tag>…</tag>` or `<tag …>…</tag>` of `xml`, in order.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        if !after.starts_with('>') && !after.starts_with(' ') {
            rest = after;
            continue;
        }
        let end = start + rest[start..].find(&close).expect("closed") + close.len();
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

/// The text of an element: its `<w:t>` contents, unescaped.
fn text(xml: &str) -> String {
    elements(xml, "w:t")
        .iter()
        .map(|t| &t[t.find('>').unwrap() + 1..t.len() - "</w:t>".len()])
        .collect::<String>()
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The run properties of the one run whose text is exactly `wanted`.
fn run_props(xml: &str, wanted: &str) -> String {
    let runs: Vec<&str> = elements(xml, "w:r").into_iter().filter(|r| text(r) == wanted).collect();
    assert_eq!(runs.len(), 1, "one run reads {wanted:?}");
    elements(runs[0], "w:rPr")[0].to_string()
}

/// The one paragraph whose text is exactly `wanted`.
fn paragraph<'a>(xml: &'a str, wanted: &str) -> &'a str {
    let found: Vec<&str> = elements(xml, "w:p").into_iter().filter(|p| text(p) == wanted).collect();
    assert_eq!(found.len(), 1, "one paragraph reads {wanted:?}");
    found[0]
}

const SZ28: &str = r#"<w:sz w:val="28" />"#;
const BOLD: &str = "<w:b />";
const ITALIC: &str = "<w:i />";

#[test]
fn both_profiles_are_a4_with_the_margins_in_twips() {
    for profile in [Profile::Party, Profile::State] {
        let xml = document_xml(profile);
        assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#), "{profile:?}");
        assert!(
            xml.contains(r#"<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#),
            "{profile:?}: top 20, right 15, bottom 20, left 30 mm"
        );
    }
}

#[test]
fn every_run_and_the_defaults_are_times_new_roman() {
    let tnr = r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" />"#;
    let bytes = write(&document(Profile::Party)).unwrap();
    let xml = part(&bytes, "word/document.xml");
    let runs = elements(&xml, "w:r");
    assert!(runs.len() > 40);
    for run in runs {
        assert!(run.contains(tnr), "{run}");
    }
    assert_eq!(xml.matches("<w:rFonts").count(), xml.matches(tnr).count());
    let styles = part(&bytes, "word/styles.xml");
    let defaults = elements(&styles, "w:docDefaults")[0];
    assert!(defaults.contains(tnr) && defaults.contains(SZ28), "{defaults}");
}

#[test]
fn the_party_header_has_its_texts_sizes_and_styles() {
    let xml = document_xml(Profile::Party);
    let motto = run_props(&xml, "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert!(motto.contains(r#"<w:sz w:val="30" />"#) && motto.contains(BOLD), "{motto}");
    let superior = run_props(&xml, "ĐẢNG BỘ TỈNH THANH HÓA");
    assert!(superior.contains(SZ28) && !superior.contains(BOLD), "{superior}");
    let issuer = run_props(&xml, "ĐẢNG ỦY XÃ XUÂN PHÚ");
    assert!(issuer.contains(SZ28) && issuer.contains(BOLD), "{issuer}");
    assert!(paragraph(&xml, "*").contains(r#"<w:jc w:val="center" />"#));
    let number = run_props(&xml, "Số 12-BC/ĐU");
    assert!(number.contains(SZ28) && !number.contains(BOLD), "{number}");
    let date = run_props(&xml, "Xuân Phú, ngày 05 tháng 02 năm 2026");
    assert!(date.contains(SZ28) && date.contains(ITALIC) && !date.contains(BOLD), "{date}");
    let kind = run_props(&xml, "BÁO CÁO");
    assert!(kind.contains(r#"<w:sz w:val="32" />"#) && kind.contains(BOLD), "{kind}");
    assert!(!xml.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    // The header is a borderless table; the rule under the motto is a
    // bottom border and nothing else.
    let header = elements(&xml, "w:tbl")[0];
    assert!(header.contains("<w:tblBorders />"), "{header}");
    let rule = r#"<w:pBdr><w:bottom w:val="single" w:space="0" w:sz="6" w:color="000000" /></w:pBdr>"#;
    assert!(header.contains(rule), "{header}");
}

#[test]
fn the_state_header_has_the_national_motto() {
    let xml = document_xml(Profile::State);
    let motto = run_props(&xml, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(motto.contains(r#"<w:sz w:val="26" />"#) && motto.contains(BOLD), "{motto}");
    let slogan = run_props(&xml, "Độc lập - Tự do - Hạnh phúc");
    assert!(slogan.contains(SZ28) && slogan.contains(BOLD), "{slogan}");
    let number = run_props(&xml, "Số: 12/BC-UBND");
    assert!(number.contains(r#"<w:sz w:val="26" />"#), "{number}");
    // The issuer's two lines are one paragraph, bold 13 pt, with a short rule below.
    let issuer = paragraph(&xml, "ỦY BAN NHÂN DÂNXÃ XUÂN PHÚ");
    assert!(issuer.contains(r#"<w:br w:type="textWrapping" />"#), "{issuer}");
    assert!(run_props(&xml, "XÃ XUÂN PHÚ").contains(r#"<w:sz w:val="26" />"#));
    let header = elements(&xml, "w:tbl")[0];
    assert_eq!(header.matches("<w:pBdr>").count(), 2, "under the issuer and under the motto");
    assert!(run_props(&xml, "Xuân Phú, ngày 05 tháng 02 năm 2026").contains(ITALIC));
    assert!(run_props(&xml, "TM. ỦY BAN NHÂN DÂN").contains(BOLD));
    assert!(!xml.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
}

#[test]
fn body_text_keeps_bold_and_italic_and_lists_are_dashes() {
    let xml = document_xml(Profile::Party);
    let p = paragraph(&xml, "Sản lượng đạt 1.936 tấn, bằng 114% cùng kỳ, ổn định.");
    assert!(p.contains(r#"<w:jc w:val="both" />"#) && p.contains(r#"w:firstLine="567""#), "{p}");
    let bold = run_props(&xml, "đạt 1.936 tấn");
    assert!(bold.contains(BOLD) && !bold.contains(ITALIC) && bold.contains(SZ28), "{bold}");
    let italic = run_props(&xml, "bằng 114% cùng kỳ");
    assert!(italic.contains(ITALIC) && !italic.contains(BOLD), "{italic}");
    let plain = run_props(&xml, ", ổn định.");
    assert!(!plain.contains(ITALIC) && !plain.contains(BOLD), "{plain}");
    let item = paragraph(&xml, "- Thu ngân sách 2.657 triệu đồng");
    assert!(item.contains(r#"w:firstLine="567""#), "{item}");
    // The footnote follows the first item; its text is in footnotes.xml.
    assert!(paragraph(&xml, "- Trồng mới 85 ha rừng").contains("<w:footnoteReference w:id="));
    let notes = part(&write(&document(Profile::Party)).unwrap(), "word/footnotes.xml");
    assert!(notes.contains("Chủ yếu là cây keo."));
}

#[test]
fn headings_are_bold_and_a_part_is_centred() {
    let xml = document_xml(Profile::Party);
    let part = paragraph(&xml, "Phần thứ nhấtKẾT QUẢ");
    assert!(part.contains(r#"<w:jc w:val="center" />"#) && part.contains(BOLD), "{part}");
    assert!(run_props(&xml, "1. Kinh tế").contains(BOLD));
}

#[test]
fn the_appendix_is_a_bordered_table_with_figures_at_the_right() {
    let xml = document_xml(Profile::Party);
    let tables = elements(&xml, "w:tbl");
    assert_eq!(tables.len(), 3, "header, closing block, appendix");
    let appendix = tables[2];
    assert!(appendix.contains(r#"<w:insideV w:val="single""#), "{appendix}");
    assert!(run_props(appendix, "Chỉ tiêu").contains(BOLD));
    assert!(paragraph(appendix, "1.936").contains(r#"<w:jc w:val="right" />"#));
    assert!(paragraph(appendix, "60%").contains(r#"<w:jc w:val="right" />"#));
    assert!(paragraph(appendix, "Sản lượng lương thực").contains(r#"<w:jc w:val="left" />"#));
    assert!(run_props(appendix, "1.936").contains(r#"<w:sz w:val="24" />"#));
    paragraph(&xml, "(Kèm theo Báo cáo số 12-BC/ĐU, ngày 05/02/2026)");
    let grid: usize =
        elements(appendix, "w:tblGrid")[0].split("w:w=\"").skip(1).map(|s| s[..s.find('"').unwrap()].parse::<usize>().unwrap()).sum();
    assert_eq!(grid, 9355, "the table fills the text width");
}

#[test]
fn the_closing_block_has_recipients_and_signature() {
    let xml = document_xml(Profile::Party);
    let closing = elements(&xml, "w:tbl")[1];
    assert!(closing.contains("<w:tblBorders />"));
    let label = run_props(closing, "Nơi nhận:");
    assert!(label.contains(r#"<w:u w:val="single" />"#) && label.contains(r#"<w:sz w:val="24" />"#), "{label}");
    assert!(run_props(closing, "- Lưu Văn phòng Đảng ủy.").contains(r#"<w:sz w:val="24" />"#));
    for line in ["T/M ĐẢNG ỦY", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Lê Văn Thắng"] {
        let props = run_props(closing, line);
        assert!(props.contains(SZ28) && props.contains(BOLD), "{line}: {props}");
        assert!(paragraph(closing, line).contains(r#"<w:jc w:val="center" />"#));
    }
}

#[test]
fn a_report_without_appendix_or_superior_body_is_written() {
    let mut doc = document(Profile::State);
    doc.appendix = None;
    doc.superior_body = String::new();
    doc.signature =
        Signature { authority: "TM. ỦY BAN NHÂN DÂN".into(), title: "CHỦ TỊCH".into(), name: "Trần Minh Đức".into() };
    let xml = part(&write(&doc).unwrap(), "word/document.xml");
    assert_eq!(elements(&xml, "w:tbl").len(), 2);
    assert!(!xml.contains("PHỤ LỤC"));
    run_props(&xml, "Trần Minh Đức");
}

#[test]
fn figures_are_told_from_words() {
    use crate::reports::docx::body::is_number;
    for figure in ["1.936", "45,7%", "10/19", "-3", "2.657"] {
        assert!(is_number(figure), "{figure}");
    }
    for word in ["", "tấn", "KH", "1.936 tấn", "%"] {
        assert!(!is_number(word), "{word}");
    }
}

#[test]
fn the_sample_report_is_written_in_both_profiles() {
    for profile in [Profile::Party, Profile::State] {
        let bytes = write(&sample::xuan_phu_first_half_2026(profile)).unwrap();
        let xml = part(&bytes, "word/document.xml");
        run_props(&xml, "Xuân Phú, ngày 16 tháng 6 năm 2026");
        let all = text(&xml);
        assert!(all.contains("đạt 1.936 tấn, đạt 60% kế hoạch, bằng 114% cùng kỳ"), "{profile:?}");
        // Page numbers at the top from the second page: a PAGE field in the
        // default header, an empty first-page header.
        assert!(xml.contains("<w:titlePg />"));
        assert!(part(&bytes, "word/header1.xml").contains("PAGE"));
        assert!(!part(&bytes, "word/header2.xml").contains("PAGE"));
    }
}

#[test]
fn no_footnote_is_lost() {
    let mut doc = document(Profile::Party);
    let note = |block, item, text: &str| Footnote { block, item, text: text.into() };
    doc.parts[0].footnotes.push(note(0, None, "Ghi chú của phần."));
    doc.parts[1].footnotes.push(note(9, Some(9), "Ghi chú lạc chỗ."));
    let bytes = write(&doc).unwrap();
    let xml = part(&bytes, "word/document.xml");
    assert!(paragraph(&xml, "Phần thứ nhấtKẾT QUẢ").contains("<w:footnoteReference"));
    let last = paragraph(&xml, "- Thu ngân sách 2.657 triệu đồng");
    assert_eq!(last.matches("<w:footnoteReference").count(), 1, "{last}");
    let notes = part(&bytes, "word/footnotes.xml");
    assert!(notes.contains("Ghi chú của phần.") && notes.contains("Ghi chú lạc chỗ."));
}
