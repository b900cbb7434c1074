//! The words of the review workflow, as plain functions (tested on the host):
//! "cũ → mới", status changes, the first line of a reason.

use std::str::FromStr;

use tonghop_shared::Amount;
use tonghop_shared::api::{HistoryEntry, HistoryKind, Indicator, Review, ReviewAction, SubmissionStatus, ValueChange};

/// What an empty figure reads as.
const EMPTY: &str = "trống";

/// A figure the Vietnamese way, or "trống".
pub fn figure(value: Option<Amount>, precision: u32) -> String {
    value.map_or_else(|| EMPTY.to_owned(), |v| v.format_vi_trimmed(precision))
}

/// `250 → 260`.
pub fn change_text(change: &ValueChange, precision: u32) -> String {
    format!("{} → {}", figure(change.before, precision), figure(change.after, precision))
}

/// "N số liệu đã sửa sau khi trả lại".
pub fn changes_summary(count: usize) -> String {
    format!("{count} số liệu đã sửa sau khi trả lại")
}

/// The first line of a reason, for a card.
pub fn first_line(text: &str) -> &str {
    text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
}

/// A stored status name in Vietnamese ("submitted" -> "Đã gửi").
pub fn status_label(name: Option<&str>) -> String {
    match name {
        None => SubmissionStatus::NotStarted.label_vi().to_owned(),
        Some(name) => SubmissionStatus::from_str(name).map_or_else(|_| name.to_owned(), |s| s.label_vi().to_owned()),
    }
}

/// The reviewer's comment on a figure, when the last decision was a return.
pub fn figure_comment(review: Option<&Review>, indicator_id: i64) -> Option<&str> {
    let review = review.filter(|r| r.action == ReviewAction::Return)?;
    review.figure_comments.iter().find(|c| c.indicator_id == indicator_id).map(|c| c.comment.as_str())
}

/// One history entry as the list shows it (the time and the person are
/// written by the page, which knows the phone's time zone).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryLine {
    /// `250 → 260` or `Đã gửi → Bị trả lại`.
    pub what: String,
    /// A figure's comment or a decision's reason.
    pub note: Option<String>,
    /// A change of status rather than of the figure.
    pub status: bool,
}

/// How an entry reads; `None` for a save that changed no status and gave no
/// reason (every draft save is logged, and would bury the real changes).
pub fn history_line(entry: &HistoryEntry, ind: &Indicator) -> Option<HistoryLine> {
    match entry.kind {
        HistoryKind::Value => Some(HistoryLine {
            what: format!("{} → {}", figure(entry.value_before, ind.precision), figure(entry.value_after, ind.precision)),
            note: entry.comment.clone().filter(|c| !c.trim().is_empty()).map(|c| format!("Ghi chú: {c}")),
            status: false,
        }),
        HistoryKind::Status => {
            if entry.status_before == entry.status_after && entry.reason.is_none() {
                return None;
            }
            Some(HistoryLine {
                what: format!("{} → {}", status_label(entry.status_before.as_deref()), status_label(entry.status_after.as_deref())),
                note: entry.reason.clone().map(|r| format!("Lý do: {r}")),
                status: true,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use tonghop_shared::api::{Aggregation, FigureComment};

    use super::*;

    fn indicator(precision: u32) -> Indicator {
        Indicator::new(2, "CATTLE", "Tổng đàn gia súc", "con", Aggregation::Stock, precision)
    }

    fn entry(kind: HistoryKind) -> HistoryEntry {
        HistoryEntry {
            at: DateTime::UNIX_EPOCH,
            by: Some("Văn phòng xã".into()),
            on_behalf: false,
            kind,
            indicator_code: None,
            value_before: None,
            value_after: None,
            comment: None,
            status_before: None,
            status_after: None,
            reason: None,
        }
    }

    fn amount(text: &str) -> Option<Amount> {
        Some(Amount::parse_vi(text).unwrap())
    }

    #[test]
    fn a_change_reads_old_to_new_the_vietnamese_way() {
        let change = ValueChange { indicator_id: 2, indicator_code: "CATTLE".into(), before: amount("1250"), after: amount("1260,5") };
        assert_eq!(change_text(&change, 1), "1.250 → 1.260,5");
        let cleared = ValueChange { after: None, ..change };
        assert_eq!(change_text(&cleared, 0), "1.250 → trống");
        assert_eq!(changes_summary(2), "2 số liệu đã sửa sau khi trả lại");
    }

    #[test]
    fn a_card_shows_the_first_line_that_says_something() {
        assert_eq!(first_line("\n  Số gia súc sai\nchi tiết"), "Số gia súc sai");
        assert_eq!(first_line(""), "");
    }

    #[test]
    fn statuses_are_named_in_vietnamese_and_unknown_names_pass_through() {
        assert_eq!(status_label(Some("returned")), "Bị trả lại");
        assert_eq!(status_label(None), "Chưa nhập");
        assert_eq!(status_label(Some("archived")), "archived");
    }

    #[test]
    fn figure_comments_belong_to_returns_only() {
        let mut review = Review {
            action: ReviewAction::Return,
            reason: Some("Sai".into()),
            figure_comments: vec![FigureComment { indicator_id: 2, comment: "Kiểm tra lại".into() }],
            by: "Văn phòng xã".into(),
            at: DateTime::UNIX_EPOCH,
        };
        assert_eq!(figure_comment(Some(&review), 2), Some("Kiểm tra lại"));
        assert_eq!(figure_comment(Some(&review), 3), None);
        review.action = ReviewAction::Approve;
        assert_eq!(figure_comment(Some(&review), 2), None);
    }

    #[test]
    fn history_shows_figure_changes_and_real_status_changes_but_not_plain_saves() {
        let ind = indicator(0);
        let value = HistoryEntry {
            value_before: amount("250"),
            value_after: amount("2600"),
            comment: Some("đếm lại".into()),
            ..entry(HistoryKind::Value)
        };
        let line = history_line(&value, &ind).unwrap();
        assert_eq!((line.what.as_str(), line.note.as_deref(), line.status), ("250 → 2.600", Some("Ghi chú: đếm lại"), false));

        let returned = HistoryEntry {
            status_before: Some("submitted".into()),
            status_after: Some("returned".into()),
            reason: Some("Số gia súc chưa khớp".into()),
            ..entry(HistoryKind::Status)
        };
        let line = history_line(&returned, &ind).unwrap();
        assert_eq!((line.what.as_str(), line.note.as_deref()), ("Đã gửi → Bị trả lại", Some("Lý do: Số gia súc chưa khớp")));

        let save = HistoryEntry { status_before: Some("draft".into()), status_after: Some("draft".into()), ..entry(HistoryKind::Status) };
        assert_eq!(history_line(&save, &ind), None);
        let first = HistoryEntry { status_after: Some("draft".into()), ..entry(HistoryKind::Status) };
        assert_eq!(history_line(&first, &ind).unwrap().what, "Chưa nhập → Đang nhập");
    }
}
