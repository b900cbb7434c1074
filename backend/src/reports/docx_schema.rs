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

use super::docx::WriteError;

/// The schema's sequence of child elements for each property element we
/// write, from the WordprocessingML schema (`CT_RPr`, `CT_PPr`, `CT_TblPr`,
/// …). One list serves an element's every context: where the schema has
/// several types of one name (a run's `w:rPr` and a paragraph mark's), their
/// common children come in the same order.
const SEQUENCES: &[(&str, &[&str])] = &[
    (
        "w:rPr",
        &[
            "w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
            "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
            "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
            "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
            "w:oMath", "w:rPrChange",
        ],
    ),
    (
        "w:pPr",
        &[
            "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
            "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
            "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
            "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
            "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
            "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
        ],
    ),
    (
        "w:trPr",
        &[
            "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:trHeight", "w:hidden", "w:cantSplit",
            "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:ins", "w:del", "w:trPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
            "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc",
            "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
            "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
        ],
    ),
    ("w:tblBorders", &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV"]),
    ("w:tcBorders", &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV", "w:tl2br", "w:tr2bl"]),
    ("w:tblCellMar", &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"]),
    ("w:tcMar", &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"]),
    ("w:pBdr", &["w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"]),
    ("w:docDefaults", &["w:rPrDefault", "w:pPrDefault"]),
    (
        "w:style",
        &[
            "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden", "w:uiPriority", "w:semiHidden",
            "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal", "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr",
            "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
        ],
    ),
    (
        "w:lvl",
        &["w:start", "w:numFmt", "w:lvlRestart", "w:pStyle", "w:isLgl", "w:suff", "w:lvlText", "w:lvlPicBulletId", "w:legacy", "w:lvlJc", "w:pPr", "w:rPr"],
    ),
    (
        "w:settings",
        &[
            "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime", "w:doNotDisplayPageBoundaries",
            "w:displayBackgroundShape", "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
            "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins",
            "w:alignBordersAndEdges", "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop",
            "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign",
            "w:attachedTemplate", "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
            "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting", "w:documentProtection",
            "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
            "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength",
            "w:clickAndTypeStyle", "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
            "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
            "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
            "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin", "w:doNotShadeFormData", "w:noPunctuationKerning",
            "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars", "w:noLineBreaksAfter", "w:noLineBreaksBefore",
            "w:savePreviewPicture", "w:doNotValidateAgainstSchema", "w:saveInvalidXml", "w:ignoreMixedContent",
            "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt",
            "w:showXMLTags", "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr",
            "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
            "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
            "w:shapeDefaults", "w:decimalSymbol", "w:listSeparator",
        ],
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
            "[Content_Types].xml" => insert_before(&bytes, "</Types>", &format!(r#"<Override PartName="/{THEME_PART}" ContentType="{THEME_CONTENT_TYPE}" />"#))?,
            "word/_rels/document.xml.rels" => {
                insert_before(&bytes, "</Relationships>", &format!(r#"<Relationship Id="rIdTheme1" Type="{THEME_TYPE}" Target="theme/theme1.xml" />"#))?
            }
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
    Element { start: BytesStart<'static>, children: Vec<Node>, open: bool },
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
            Event::End(_) => {
                let (start, children) = stack.pop().expect("the reader checks that tags match");
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
        let rank = |c: &Node| order.iter().position(|o| *o == c.name()).unwrap_or(order.len());
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
