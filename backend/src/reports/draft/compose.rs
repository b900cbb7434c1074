//! A draft of the commune report from live data: the header from the unit
//! tree, a sentence for every figure against plan and last year, the target
//! summary, the approved activity sections, and the appendix of all
//! indicators. Nothing is stored: the draft is made afresh when asked.

use tonghop_shared::api::{OutlineContent, OutlineEntry, SubmissionStatus, TotalRow, TotalsTable, UnitKind};
use tonghop_shared::richtext::{self, Block, Span};
use tonghop_shared::sentences::figure_sentence;
use tonghop_shared::{Amount, PeriodKind, ReportPeriod};

use crate::db::DbConn;
use crate::error::ApiResult;
use crate::reports::document::{Appendix, Footnote, Part, Profile, ReportDocument, Signature};
use crate::sections::model as sections;
use crate::totals::service::{self as totals, Request};
use crate::units::model::{self as units, UnitRow};

/// The period the report after this one covers, for «Phần thứ hai».
fn next_label(period: ReportPeriod) -> String {
    let next = match period.kind() {
        PeriodKind::FirstHalf => ReportPeriod::of_year(PeriodKind::SecondHalf, period.year()),
        _ => ReportPeriod::of_year(PeriodKind::Year, period.year() + 1),
    };
    next.map_or_else(String::new, |p| p.label_vi())
}

/// The name without its kind: `Xã Xuân Phú` -> `Xuân Phú`.
fn place_of(unit: &UnitRow) -> String {
    let name = unit.name.as_str();
    ["Xã ", "Phường ", "Thị trấn ", "Đặc khu "].iter().find_map(|p| name.strip_prefix(p)).unwrap_or(name).to_owned()
}

/// Everything the document says above and below its parts: header, title,
/// recipients, signature. Parts and appendix are empty.
pub fn frame(conn: &mut DbConn, unit: &UnitRow, period: ReportPeriod, profile: Profile) -> ApiResult<ReportDocument> {
    let parent = match unit.parent_id {
        Some(id) => Some(units::find(conn, id)?),
        None => None,
    };
    let upper = |s: &str| s.to_uppercase();
    let (superior, issuer, number, signature, recipients) = match profile {
        Profile::Party => (
            parent.as_ref().map_or_else(String::new, |p| format!("ĐẢNG BỘ {}", upper(&p.name))),
            format!("ĐẢNG ỦY {}", upper(&unit.name)),
            "Số      -BC/ĐU".to_owned(),
            Signature { authority: "T/M ĐẢNG ỦY".into(), title: "BÍ THƯ".into(), name: String::new() },
            vec!["Ban Thường vụ cấp trên (b/c),".to_owned(), "Các chi bộ trực thuộc,".to_owned(), "Lưu Văn phòng Đảng ủy.".to_owned()],
        ),
        Profile::State => (
            String::new(),
            format!("ỦY BAN NHÂN DÂN\n{}", upper(&unit.name)),
            "Số:      /BC-UBND".to_owned(),
            Signature { authority: "TM. ỦY BAN NHÂN DÂN".into(), title: "CHỦ TỊCH".into(), name: String::new() },
            vec!["UBND cấp trên (b/c);".to_owned(), "Thường trực Đảng ủy, HĐND;".to_owned(), "Lưu: VT.".to_owned()],
        ),
    };
    Ok(ReportDocument {
        profile,
        superior_body: superior,
        issuing_body: issuer,
        number,
        place: place_of(unit),
        date: crate::clock::today(),
        document_type: "BÁO CÁO".into(),
        title: format!(
            "Kết quả thực hiện nhiệm vụ {},\nphương hướng, nhiệm vụ {}",
            period.label_vi().to_lowercase(),
            next_label(period).to_lowercase()
        ),
        appendix: None,
        parts: Vec::new(),
        recipients,
        signature,
    })
}

/// The totals, and the parts generated from them.
pub type Generated = (TotalsTable, Vec<Part>);

/// The totals and the generated parts, one per entry of the outline, in its
/// order (a part of figures or sections with nothing to tell is empty).
pub fn generated(
    conn: &mut DbConn,
    unit: &UnitRow,
    period: ReportPeriod,
    include_provisional: bool,
    outline: &[OutlineEntry],
) -> ApiResult<Generated> {
    let table = totals::table(conn, None, unit, Request { period, include_provisional, threshold_percent: None })?;
    let org_sections = approved_sections(conn, unit, period)?;
    let parts = parts(&table, &org_sections, period, outline);
    Ok((table, parts))
}

/// The document from its frame, its parts (one per outline entry) and the
/// totals of its appendix. Empty parts of figures or sections are left out;
/// notes written `^[…]` become footnotes.
pub fn assemble(mut document: ReportDocument, parts: Vec<Part>, table: &TotalsTable, outline: &[OutlineEntry]) -> ReportDocument {
    document.parts = parts
        .into_iter()
        .zip(outline)
        .filter(|(part, entry)| {
            let data = matches!(entry.content, OutlineContent::Figures { .. } | OutlineContent::OtherFigures | OutlineContent::Sections);
            !(data && part.blocks.is_empty())
        })
        .map(|(part, _)| with_footnotes(part))
        .collect();
    document.appendix = Some(appendix(table));
    document
}

/// Moves the `^[…]` notes of a part's text into its footnotes, each
/// referenced from the paragraph or list item it was written in.
fn with_footnotes(mut part: Part) -> Part {
    let mut footnotes = Vec::new();
    for (b, block) in part.blocks.iter_mut().enumerate() {
        match block {
            Block::Paragraph(spans) => {
                let (kept, notes) = richtext::split_notes(spans);
                *spans = kept;
                footnotes.extend(notes.into_iter().map(|text| Footnote { block: b, item: None, text }));
            }
            Block::Bullets(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let (kept, notes) = richtext::split_notes(item);
                    *item = kept;
                    footnotes.extend(notes.into_iter().map(|text| Footnote { block: b, item: Some(i), text }));
                }
            }
        }
    }
    part.footnotes.extend(footnotes);
    part
}

/// The draft for a unit and period, made afresh.
pub fn draft(
    conn: &mut DbConn,
    unit: &UnitRow,
    period: ReportPeriod,
    profile: Profile,
    include_provisional: bool,
    outline: &[OutlineEntry],
) -> ApiResult<ReportDocument> {
    let frame = frame(conn, unit, period, profile)?;
    let (table, parts) = generated(conn, unit, period, include_provisional, outline)?;
    Ok(assemble(frame, parts, &table, outline))
}

/// Approved sections of the mass organisations below the unit: (name, text).
fn approved_sections(conn: &mut DbConn, unit: &UnitRow, period: ReportPeriod) -> ApiResult<Vec<(String, Vec<Block>)>> {
    let orgs: Vec<UnitRow> = units::subtree(conn, unit)?.into_iter().filter(|u| u.kind() == UnitKind::MassOrganisation).collect();
    Ok(sections::present(conn, &orgs, period)?
        .into_iter()
        .filter(|s| s.status == SubmissionStatus::Approved)
        .map(|s| (s.unit.name, s.blocks))
        .collect())
}

fn bullets(rows: &[&TotalRow]) -> Vec<Block> {
    if rows.is_empty() {
        return Vec::new();
    }
    vec![Block::Bullets(rows.iter().map(|r| vec![Span { text: figure_sentence(r), bold: false, italic: false }]).collect())]
}

fn parts(table: &TotalsTable, org_sections: &[(String, Vec<Block>)], period: ReportPeriod, outline: &[OutlineEntry]) -> Vec<Part> {
    let named: Vec<&str> = outline
        .iter()
        .flat_map(|p| match &p.content {
            OutlineContent::Figures { indicators } => indicators.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        })
        .collect();
    let with_figures: Vec<&TotalRow> = table.rows.iter().filter(|r| r.actual.is_some()).collect();
    outline
        .iter()
        .map(|p| {
            let blocks = match &p.content {
                OutlineContent::Heading => Vec::new(),
                OutlineContent::TargetSummary => target_summary(table),
                OutlineContent::OtherFigures => {
                    bullets(&with_figures.iter().copied().filter(|r| !named.contains(&r.indicator.code.as_str())).collect::<Vec<_>>())
                }
                OutlineContent::Figures { indicators } => bullets(
                    &indicators.iter().filter_map(|c| with_figures.iter().copied().find(|r| r.indicator.code == *c)).collect::<Vec<_>>(),
                ),
                OutlineContent::Sections => org_sections
                    .iter()
                    .flat_map(|(name, blocks)| {
                        std::iter::once(Block::Paragraph(vec![Span { text: format!("{name}:"), bold: true, italic: false }]))
                            .chain(blocks.iter().cloned())
                    })
                    .collect(),
                OutlineContent::Prompt { text } => {
                    vec![Block::Paragraph(vec![Span { text: text.clone(), bold: false, italic: true }])]
                }
            };
            let heading =
                p.heading.replace("{period}", &period.label_vi().to_uppercase()).replace("{next}", &next_label(period).to_uppercase());
            Part { level: p.level, heading, blocks, footnotes: Vec::new() }
        })
        .collect()
}

/// The target summary sentence, with a note (a footnote in the Word file)
/// naming the targets behind and those not judged yet: the detail a reader
/// looks up, too long for the sentence.
fn target_summary(table: &TotalsTable) -> Vec<Block> {
    let summary = &table.summary;
    let name = |code: &String| -> String {
        match table.rows.iter().find(|r| r.indicator.code == *code) {
            Some(r) => match r.plan.percent {
                Some(p) => format!("{} ({}% kế hoạch)", r.indicator.name, p.format_vi_trimmed(r.indicator.precision)),
                None => r.indicator.name.clone(),
            },
            None => code.clone(),
        }
    };
    let threshold = format!("{}%", summary.threshold_percent.format_vi_trimmed(1));
    let mut detail = Vec::new();
    if !summary.behind.is_empty() {
        let list: Vec<String> = summary.behind.iter().map(name).collect();
        let what = if summary.threshold_percent >= Amount::from_int(100) {
            "Chỉ tiêu chưa đạt kế hoạch".to_owned()
        } else {
            format!("Chỉ tiêu đạt dưới {threshold} kế hoạch")
        };
        detail.push(format!("{what}: {}.", list.join("; ")));
    }
    if !summary.not_evaluable.is_empty() {
        let list: Vec<String> = summary.not_evaluable.iter().map(name).collect();
        detail.push(format!("Chỉ tiêu chưa đánh giá được trong kỳ: {}.", list.join("; ")));
    }
    let mut sentence = summary.sentence.clone();
    if !detail.is_empty() {
        sentence.push_str(&format!("^[{}]", detail.join(" ")));
    }
    richtext::parse(&sentence)
}

/// The appendix: every indicator with actual, KH, % KH, CK and % CK.
pub fn appendix(table: &TotalsTable) -> Appendix {
    let cell = |v: Option<Amount>, precision: u32| v.map_or_else(|| "-".to_owned(), |v| v.format_vi_trimmed(precision));
    let pct = |v: Option<Amount>, precision: u32| v.map_or_else(|| "-".to_owned(), |v| format!("{}%", v.format_vi_trimmed(precision)));
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(n, r)| {
            // Figures as entered (82,5 ha), percentages to the places shown (103%).
            let (f, p) = (r.indicator.figure_places(), r.indicator.precision);
            vec![
                (n + 1).to_string(),
                r.indicator.name.clone(),
                r.indicator.unit_of_measure.clone(),
                cell(r.plan.base, f),
                cell(r.actual, f),
                pct(r.plan.percent, p),
                cell(r.last_year.base, f),
                pct(r.last_year.percent, p),
            ]
        })
        .collect();
    Appendix {
        title: format!("PHỤ LỤC\nKết quả thực hiện các chỉ tiêu {}", table.period_label.to_lowercase()),
        columns: ["STT", "Chỉ tiêu", "ĐVT", "KH", "Thực hiện", "% KH", "CK", "% CK"].into_iter().map(String::from).collect(),
        rows,
    }
}
