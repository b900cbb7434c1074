//! Puts the Word file that `docx-rs` packs into the order the OOXML schema
//! (ECMA-376 / ISO 29500 transitional) requires.
//!
//! `docx-rs` writes the children of property elements in an order of its
//! own (`w:sz` before `w:rFonts`, `w:rPr` before `w:jc` in a paragraph's
//! properties), a `w:type` attribute on grid columns, run properties where
//! the schema has none, and no theme. LibreOffice forgives that; Word drops
//! run properties found out of order and Word for the web opens such a file
//! read-only as damaged. Every part of the package passes through
//! [`conform`], the one place that knows the schema's sequences, so no
//! writer has to care in which order it sets a property; the API test
//! `word_files_pass_an_ooxml_schema_validator` keeps the result valid.

use std::io::{Cursor, Read, Write};

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;

use crate::reports::docx::parts::WriteError;

/// The schema's sequence of child elements for each property element we
/// write, from the WordprocessingML schema (`CT_RPr`, `CT_PPr`, `CT_TblPr`,
/// …), as local names in the `w:` namespace unless prefixed. One list
/// serves an element's every context: where the schema has several types of
/// one name (a run's `w:rPr` and a paragraph mark's), their common children
/// come in the same order.
const SEQUENCES: &[(&str, &str)] = &[
    (
        "w:rPr",
        "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow \
         emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u \
         effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange",
    ),
    (
        "w:pPr",
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd \
         tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi \
         adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc \
         textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    ),
    (
        "w:tblPr",
        "tblStyle tblpPr tblOverlap bidiVisual tblW jc tblCellSpacing tblInd tblBorders shd tblLayout \
         tblCellMar tblLook tblCaption tblDescription tblPrChange",
    ),
    (
        "w:trPr",
        "cnfStyle divId gridBefore gridAfter wBefore wAfter trHeight hidden cantSplit tblHeader \
         tblCellSpacing jc ins del trPrChange",
    ),
    (
        "w:tcPr",
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign \
         hideMark cellIns cellDel cellMerge tcPrChange",
    ),
    (
        "w:sectPr",
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType \
         pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid \
         printerSettings sectPrChange",
    ),
    ("w:tblBorders", "top left start bottom right end insideH insideV"),
    ("w:tcBorders", "top left start bottom right end insideH insideV tl2br tr2bl"),
    ("w:tblCellMar", "top left start bottom right end"),
    ("w:tcMar", "top left start bottom right end"),
    ("w:pBdr", "top left bottom right between bar"),
    ("w:docDefaults", "rPrDefault pPrDefault"),
    (
        "w:style",
        "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat \
         locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    ),
    ("w:lvl", "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr"),
    (
        "w:settings",
        "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries \
         displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData \
         embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges \
         bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors \
         hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate linkStyles \
         stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView trackRevisions \
         doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme \
         styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone \
         doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders \
         bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing \
         drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery \
         doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin \
         doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne \
         strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture \
         doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText \
         doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags \
         alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids \
         m:mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats \
         doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown shapeDefaults decimalSymbol \
         listSeparator",
    ),
];

/// Elements whose `w:pPr` is the schema's `CT_PPrGeneral`, which has no
/// `w:rPr` (a style's, a numbering level's, the document default's).
const GENERAL_PARAGRAPH_PROPERTIES: &[&str] = &["w:style", "w:lvl", "w:pPrDefault"];

const THEME_PART: &str = "word/theme/theme1.xml";
const THEME_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
const THEME_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.theme+xml";

/// The package with every WordprocessingML part in schema order and the
/// theme part the main document requires added.
pub(super) fn conform(packed: &[u8]) -> Result<Vec<u8>, WriteError> {
    let fail = |e: &dyn std::fmt::Display| WriteError(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(packed)).map_err(|e| fail(&e))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| fail(&e))?;
        let name = file.name().map_err(|e| fail(&e))?.into_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| fail(&e))?;
        let bytes = match name.as_str() {
            "[Content_Types].xml" => {
                insert_before(&bytes, "</Types>", &format!(r#"<Override PartName="/{THEME_PART}" ContentType="{THEME_CONTENT_TYPE}" />"#))?
            }
            "word/_rels/document.xml.rels" => insert_before(
                &bytes,
                "</Relationships>",
                &format!(r#"<Relationship Id="rIdTheme1" Type="{THEME_TYPE}" Target="theme/theme1.xml" />"#),
            )?,
            _ if name.starts_with("word/") && name.ends_with(".xml") => reorder(&bytes).map_err(|e| fail(&e))?,
            _ => bytes,
        };
        out.start_file(name, options).map_err(|e| fail(&e))?;
        out.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    out.start_file(THEME_PART, options).map_err(|e| fail(&e))?;
    out.write_all(THEME.as_bytes()).map_err(|e| fail(&e))?;
    Ok(out.finish().map_err(|e| fail(&e))?.into_inner())
}

fn insert_before(bytes: &[u8], closing: &str, addition: &str) -> Result<Vec<u8>, WriteError> {
    let text = std::str::from_utf8(bytes).map_err(|e| WriteError(e.to_string()))?;
    let at = text.rfind(closing).ok_or_else(|| WriteError(format!("no {closing} in the package")))?;
    Ok([&text[..at], addition, &text[at..]].concat().into_bytes())
}

/// An element and what it holds, or any other event (text, declaration).
enum Node {
    /// `open`: written with an end tag, as read, even when it holds nothing.
    Element {
        start: BytesStart<'static>,
        children: Vec<Node>,
        open: bool,
    },
    Other(Event<'static>),
}

impl Node {
    fn name(&self) -> &str {
        match self {
            Node::Element { start, .. } => start.name().into_inner(),
            Node::Other(_) => "",
        }
    }
}

/// One XML part, its elements' children in schema order.
fn reorder(xml: &[u8]) -> Result<Vec<u8>, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut stack: Vec<(BytesStart<'static>, Vec<Node>)> = Vec::new();
    let mut top = Vec::new();
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf)?.into_owned();
        let node = match event {
            Event::Eof => break,
            Event::Start(start) => {
                stack.push((start, Vec::new()));
                buf.clear();
                continue;
            }
            Event::End(end) => {
                let Some((start, children)) = stack.pop() else {
                    let name = end.name().as_ref().to_owned();
                    return Err(quick_xml::Error::IllFormed(quick_xml::errors::IllFormedError::UnmatchedEndTag(name)));
                };
                Node::Element { start, children, open: true }
            }
            Event::Empty(start) => Node::Element { start, children: Vec::new(), open: false },
            other => Node::Other(other),
        };
        match stack.last_mut() {
            Some((_, children)) => children.push(node),
            None => top.push(node),
        }
        buf.clear();
    }
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(xml.len()));
    for node in &mut top {
        fix(node, "");
        write(&mut writer, node)?;
    }
    Ok(writer.into_inner())
}

/// Sorts the children of `node` and below by the schema's sequences and
/// drops what the schema does not allow where it stands.
fn fix(node: &mut Node, parent: &str) {
    let Node::Element { start, children, .. } = node else { return };
    let name = start.name().into_inner().to_owned();
    if name == "w:gridCol" {
        // The grid column's width is always in twips: the schema has no unit.
        let kept: Vec<(String, String)> = start
            .attributes()
            .flatten()
            .filter(|a| a.key.into_inner() != "w:type")
            .map(|a| (a.key.into_inner().to_owned(), a.value.into_owned()))
            .collect();
        start.clear_attributes();
        for (key, value) in &kept {
            // The value as read, already escaped.
            start.push_attribute(Attribute { key: QName(key), value: value.as_str().into() });
        }
    }
    let general = name == "w:pPr" && GENERAL_PARAGRAPH_PROPERTIES.contains(&parent);
    // An empty run-properties element says nothing; in a general paragraph's
    // properties the schema has none at all.
    children.retain(|c| !(c.name() == "w:rPr" && (general || matches!(c, Node::Element { children, .. } if children.is_empty()))));
    for child in children.iter_mut() {
        fix(child, &name);
    }
    if let Some((_, order)) = SEQUENCES.iter().find(|(n, _)| *n == name) {
        let rank = |c: &Node| {
            let name = c.name();
            let local = name.strip_prefix("w:").unwrap_or(if name.contains(':') { name } else { "" });
            order.split_whitespace().position(|o| o == local).unwrap_or(usize::MAX)
        };
        children.sort_by_key(rank);
    }
}

fn write(writer: &mut quick_xml::Writer<Vec<u8>>, node: &Node) -> Result<(), quick_xml::Error> {
    match node {
        Node::Element { start, children, open: false } => {
            debug_assert!(children.is_empty());
            writer.write_event(Event::Empty(start.borrow()))?;
        }
        Node::Element { start, children, open: true } => {
            writer.write_event(Event::Start(start.borrow()))?;
            for child in children {
                write(writer, child)?;
            }
            writer.write_event(Event::End(start.to_end()))?;
        }
        Node::Other(event) => writer.write_event(event.borrow())?,
    }
    Ok(())
}

/// The smallest complete DrawingML theme: Office's colours, Times New Roman
/// for every script (the documents' only typeface), plain fills and lines.
const THEME: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="tonghop"><a:themeElements>"#,
    r#"<a:clrScheme name="Office">"#,
    r#"<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>"#,
    r#"<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>"#,
    r#"<a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2>"#,
    r#"<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>"#,
    r#"<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>"#,
    r#"<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink>"#,
    r#"</a:clrScheme>"#,
    r#"<a:fontScheme name="tonghop">"#,
    r#"<a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>"#,
    r#"<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>"#,
    r#"</a:fontScheme>"#,
    r#"<a:fmtScheme name="Office">"#,
    r#"<a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>"#,
    r#"<a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>"#,
    r#"<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"#,
    r#"<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst>"#,
    r#"</a:fmtScheme>"#,
    r#"</a:themeElements></a:theme>"#,
);

#[cfg(test)]
mod tests {
    use super::reorder;

    fn reordered(xml: &str) -> String {
        String::from_utf8(reorder(xml.as_bytes()).expect("XML")).expect("UTF-8")
    }

    #[test]
    fn run_and_paragraph_properties_come_in_schema_order() {
        let xml = r#"<w:p><w:pPr><w:rPr /><w:jc w:val="center" /><w:spacing w:before="0" /></w:pPr><w:r><w:rPr><w:sz w:val="28" /><w:b /><w:rFonts w:ascii="T" /></w:rPr><w:t xml:space="preserve"></w:t></w:r></w:p>"#;

        assert_eq!(
            reordered(xml),
            r#"<w:p><w:pPr><w:spacing w:before="0" /><w:jc w:val="center" /></w:pPr><w:r><w:rPr><w:rFonts w:ascii="T" /><w:b /><w:sz w:val="28" /></w:rPr><w:t xml:space="preserve"></w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn a_grid_column_loses_its_unit_and_a_style_its_paragraph_run_properties() {
        let xml = r#"<w:tblGrid><w:gridCol w:w="4400" w:type="dxa" /></w:tblGrid><w:style><w:rPr><w:b /></w:rPr><w:pPr><w:rPr><w:b /></w:rPr></w:pPr><w:name w:val="x" /></w:style>"#;

        assert_eq!(
            reordered(xml),
            r#"<w:tblGrid><w:gridCol w:w="4400"/></w:tblGrid><w:style><w:name w:val="x" /><w:pPr></w:pPr><w:rPr><w:b /></w:rPr></w:style>"#
        );
    }
}
