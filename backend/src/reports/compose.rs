//! A draft of the commune report from live data: the header from the unit
//! tree, a sentence for every figure against plan and last year, the target
//! summary, the approved activity sections, and the appendix of all
//! indicators. Nothing is stored: the draft is made afresh when asked.

use tonghop_shared::api::{SubmissionStatus, TotalRow, TotalsTable, UnitKind};
use tonghop_shared::richtext::{self, Block, Span};
use tonghop_shared::sentences::figure_sentence;
use tonghop_shared::{Amount, PeriodKind, ReportPeriod};

use super::document::{Appendix, Part, Profile, ReportDocument, Signature};
use super::outline::{self, Content};
use crate::db::DbConn;
use crate::error::ApiResult;
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
pub fn generated(conn: &mut DbConn, unit: &UnitRow, period: ReportPeriod, include_provisional: bool) -> ApiResult<Generated> {
    let table = totals::table(conn, None, unit, Request { period, include_provisional, threshold_percent: None })?;
    let org_sections = approved_sections(conn, unit, period)?;
    let parts = parts(&table, &org_sections, period);
    Ok((table, parts))
}

/// The document from its frame, its parts (one per outline entry) and the
/// totals of its appendix. Empty parts of figures or sections are left out.
pub fn assemble(mut document: ReportDocument, parts: Vec<Part>, table: &TotalsTable) -> ReportDocument {
    document.parts = parts
        .into_iter()
        .zip(outline::DEFAULT)
        .filter(|(part, entry)| !(matches!(entry.content, Content::Figures(_) | Content::Sections) && part.blocks.is_empty()))
        .map(|(part, _)| part)
        .collect();
    document.appendix = Some(appendix(table));
    document
}

/// The draft for a unit and period, made afresh.
pub fn draft(
    conn: &mut DbConn,
    unit: &UnitRow,
    period: ReportPeriod,
    profile: Profile,
    include_provisional: bool,
) -> ApiResult<ReportDocument> {
    let frame = frame(conn, unit, period, profile)?;
    let (table, parts) = generated(conn, unit, period, include_provisional)?;
    Ok(assemble(frame, parts, &table))
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

fn parts(table: &TotalsTable, org_sections: &[(String, Vec<Block>)], period: ReportPeriod) -> Vec<Part> {
    let named: Vec<&str> = outline::DEFAULT
        .iter()
        .flat_map(|p| match p.content {
            Content::Figures(codes) => codes.to_vec(),
            _ => Vec::new(),
        })
        .collect();
    let with_figures: Vec<&TotalRow> = table.rows.iter().filter(|r| r.actual.is_some()).collect();
    outline::DEFAULT
        .iter()
        .map(|p| {
            let blocks = match p.content {
                Content::Heading => Vec::new(),
                Content::TargetSummary => richtext::parse(&table.summary.sentence),
                Content::Figures([]) => {
                    bullets(&with_figures.iter().copied().filter(|r| !named.contains(&r.indicator.code.as_str())).collect::<Vec<_>>())
                }
                Content::Figures(codes) => {
                    bullets(&codes.iter().filter_map(|c| with_figures.iter().copied().find(|r| r.indicator.code == *c)).collect::<Vec<_>>())
                }
                Content::Sections => org_sections
                    .iter()
                    .flat_map(|(name, blocks)| {
                        std::iter::once(Block::Paragraph(vec![Span { text: format!("{name}:"), bold: true, italic: false }]))
                            .chain(blocks.iter().cloned())
                    })
                    .collect(),
                Content::Prompt(text) => vec![Block::Paragraph(vec![Span { text: text.to_owned(), bold: false, italic: true }])],
            };
            let heading =
                p.heading.replace("{period}", &period.label_vi().to_uppercase()).replace("{next}", &next_label(period).to_uppercase());
            Part { level: p.level, heading, blocks, footnotes: Vec::new() }
        })
        .collect()
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
            let p = r.indicator.precision;
            vec![
                (n + 1).to_string(),
                r.indicator.name.clone(),
                r.indicator.unit_of_measure.clone(),
                cell(r.plan.base, p),
                cell(r.actual, p),
                pct(r.plan.percent, p),
                cell(r.last_year.base, p),
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
