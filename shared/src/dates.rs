//! Dates as Vietnamese documents write them, the same in the Word file the
//! server writes and on the screen. Written out by hand: chrono's formatter
//! would add its pattern parser to every phone's download.

use chrono::{Datelike, NaiveDate};

/// The place and date line of a document header:
/// `Xuân Phú, ngày 05 tháng 02 năm 2026`. Days below 10 and the months
/// January and February take a leading zero (Decree 30/2020, Hướng dẫn
/// 36-HD/VPTW); other months do not (`tháng 6`, `tháng 12`). Without a
/// date (a report not issued yet) the line leaves it to be written:
/// `Xuân Phú, ngày … tháng … năm …`.
pub fn header_date(place: &str, date: Option<NaiveDate>) -> String {
    let Some(date) = date else { return format!("{place}, ngày … tháng … năm …") };
    let month = if date.month() <= 2 { format!("{:02}", date.month()) } else { date.month().to_string() };
    format!("{place}, ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// A date in running text and on the screen: `28/12/2022`, `05/02/2026`.
pub fn numeric_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn small_days_and_first_two_months_take_a_leading_zero() {
        assert_eq!(header_date("Xuân Phú", d(2026, 2, 5)), "Xuân Phú, ngày 05 tháng 02 năm 2026");
        assert_eq!(header_date("Xuân Phú", d(2026, 1, 9)), "Xuân Phú, ngày 09 tháng 01 năm 2026");
        assert_eq!(header_date("Xuân Phú", d(2026, 1, 31)), "Xuân Phú, ngày 31 tháng 01 năm 2026");
    }

    #[test]
    fn later_months_and_two_digit_days_are_written_as_they_are() {
        assert_eq!(header_date("Xuân Phú", d(2026, 6, 15)), "Xuân Phú, ngày 15 tháng 6 năm 2026");
        assert_eq!(header_date("Xuân Phú", d(2026, 3, 1)), "Xuân Phú, ngày 01 tháng 3 năm 2026");
        assert_eq!(header_date("Thọ Xuân", d(2025, 12, 10)), "Thọ Xuân, ngày 10 tháng 12 năm 2025");
        assert_eq!(header_date("Xuân Phú", d(2026, 10, 20)), "Xuân Phú, ngày 20 tháng 10 năm 2026");
    }

    #[test]
    fn a_report_not_issued_leaves_its_date_to_be_written() {
        assert_eq!(header_date("Xuân Phú", None), "Xuân Phú, ngày … tháng … năm …");
    }

    #[test]
    fn numeric_dates_are_day_month_year_with_zeros() {
        assert_eq!(numeric_date(NaiveDate::from_ymd_opt(2022, 12, 28).unwrap()), "28/12/2022");
        assert_eq!(numeric_date(NaiveDate::from_ymd_opt(2026, 2, 5).unwrap()), "05/02/2026");
    }
}
