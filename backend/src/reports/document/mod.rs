//! The commune report as a document: header, parts of formatted text, an
//! optional appendix table, recipients and signature. Plain data, independent
//! of the database and of the file format. The sizes
//! and fixed texts of each profile (`layout.rs`) and a sample report
//! (`sample.rs`) are beside it.

pub mod layout;
pub mod sample;

use chrono::NaiveDate;
use tonghop_shared::richtext::Block;

/// Which set of presentation rules the document follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// A Party committee's document (Hướng dẫn 36-HD/VPTW): `ĐẢNG CỘNG SẢN
    /// VIỆT NAM` at the top right, numbers like `Số 12-BC/ĐU`.
    Party,
    /// A State body's document (Decree 30/2020/NĐ-CP): the national motto at
    /// the top right, numbers like `Số: 12/BC-UBND`.
    State,
}

/// One report, ready to be written out.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportDocument {
    /// The presentation rules.
    pub profile: Profile,
    /// The body above the issuer, e.g. `ĐẢNG BỘ TỈNH THANH HÓA`. Empty when
    /// the issuer's name stands alone.
    pub superior_body: String,
    /// The issuer, e.g. `ĐẢNG ỦY XÃ XUÂN PHÚ`. A `\n` breaks the line.
    pub issuing_body: String,
    /// The full number line as printed, e.g. `Số 12-BC/ĐU` or
    /// `Số: 12/BC-UBND`.
    pub number: String,
    /// The place in the date line, e.g. `Xuân Phú`.
    pub place: String,
    /// The date of issue.
    pub date: NaiveDate,
    /// The document type, e.g. `BÁO CÁO`.
    pub document_type: String,
    /// The summary title (trích yếu). A `\n` breaks the line.
    pub title: String,
    /// The body, in reading order.
    pub parts: Vec<Part>,
    /// A table printed on its own page after the signature.
    pub appendix: Option<Appendix>,
    /// The recipients under `Nơi nhận:`, without the leading dash, e.g.
    /// `Ban Thường vụ Đảng ủy tỉnh (b/c),`.
    pub recipients: Vec<String>,
    /// Who signs.
    pub signature: Signature,
}

/// A heading and the text under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Heading level: 0 for a part of the report (`Phần thứ nhất`, centred),
    /// 1 for `I.`, 2 for `1.`, 3 and deeper for `1.1.` or `a)`.
    pub level: u8,
    /// The heading as printed, with its number. A `\n` breaks the line; an
    /// empty heading prints nothing.
    pub heading: String,
    /// The text under the heading.
    pub blocks: Vec<Block>,
    /// Notes printed at the foot of the page.
    pub footnotes: Vec<Footnote>,
}

/// A note at the foot of the page, referenced from the end of one paragraph
/// or list item of its part. A note that points past the last block or item
/// is referenced from the last one; in a part without text, from the heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    /// Index of the block in [`Part::blocks`] the reference follows.
    pub block: usize,
    /// For a bulleted list, the index of the item; `None` means the last.
    pub item: Option<usize>,
    /// The note.
    pub text: String,
}

/// A table of figures printed after the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appendix {
    /// The heading, e.g. `PHỤ LỤC\nKết quả thực hiện các chỉ tiêu 6 tháng đầu năm 2026`.
    pub title: String,
    /// The column headings.
    pub columns: Vec<String>,
    /// The rows; a cell that reads as a number is right-aligned.
    pub rows: Vec<Vec<String>>,
}

/// The signature block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// On whose behalf, e.g. `T/M ĐẢNG ỦY` or `TM. ỦY BAN NHÂN DÂN`.
    pub authority: String,
    /// The signer's title, e.g. `PHÓ BÍ THƯ THƯỜNG TRỰC`.
    pub title: String,
    /// The signer's name, e.g. `Lê Văn Hùng`.
    pub name: String,
}
