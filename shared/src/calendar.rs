//! The reporting calendar: which period a date belongs to, and when a period's
//! report is due.
//!
//! Under Decree 09/2019/NĐ-CP a month's figures run from the 15th of the
//! previous month to the 14th of the report month, so 14 June belongs to June
//! and 15 June to July. Party committees often use calendar months instead.
//! Each commune chooses; Decree 09 is the default.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// How a commune cuts its reporting months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CalendarKind {
    /// 15th of the previous month to the 14th (Decree 09/2019/NĐ-CP, art. 12).
    #[default]
    Decree09,
    /// 1st to the last day of the month.
    CalendarMonth,
}

impl CalendarKind {
    /// Stable text for storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Decree09 => "decree09",
            Self::CalendarMonth => "calendar_month",
        }
    }

    /// Vietnamese label for the app.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Decree09 => "Theo Nghị định 09 (15 tháng trước đến 14 tháng này)",
            Self::CalendarMonth => "Theo tháng dương lịch",
        }
    }
}

impl FromStr for CalendarKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "decree09" => Ok(Self::Decree09),
            "calendar_month" => Ok(Self::CalendarMonth),
            other => Err(format!("unknown calendar kind: {other}")),
        }
    }
}

/// A commune's reporting calendar: how months are cut and how long units have
/// after the cut-off to send their figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportingCalendar {
    /// How months are cut.
    pub kind: CalendarKind,
    /// Working days (Monday to Friday) after the last day of the period by
    /// which the report is due. 0 means the last day itself.
    pub deadline_working_days: u32,
}

impl Default for ReportingCalendar {
    fn default() -> Self {
        Self { kind: CalendarKind::Decree09, deadline_working_days: 2 }
    }
}

/// A reporting month, written `2026-06`. It is named after the month whose
/// report it feeds, whatever the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthPeriod {
    year: i32,
    month: u32,
}

impl MonthPeriod {
    /// A month of a year; `None` when the month is not 1 to 12 or the year is
    /// out of the range the product handles (2000 to 2100).
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (2000..=2100).contains(&year)).then_some(Self { year, month })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The period that follows.
    pub fn next(self) -> Self {
        if self.month == 12 { Self { year: self.year + 1, month: 1 } } else { Self { year: self.year, month: self.month + 1 } }
    }

    /// The period before.
    pub fn previous(self) -> Self {
        if self.month == 1 { Self { year: self.year - 1, month: 12 } } else { Self { year: self.year, month: self.month - 1 } }
    }

    /// First and last day (both included) of the data this period covers.
    #[allow(
        clippy::expect_used,
        reason = "a MonthPeriod holds a year of 2000-2100 and a month of 1-12 (MonthPeriod::new), so days 1, 14 and 15 exist"
    )]
    pub fn date_range(self, calendar: &ReportingCalendar) -> (NaiveDate, NaiveDate) {
        let first_of_month = NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid by construction");
        match calendar.kind {
            CalendarKind::Decree09 => {
                let prev = self.previous();
                let start = NaiveDate::from_ymd_opt(prev.year, prev.month, 15).expect("valid");
                let end = NaiveDate::from_ymd_opt(self.year, self.month, 14).expect("valid");
                (start, end)
            }
            CalendarKind::CalendarMonth => {
                let next = self.next();
                let end = NaiveDate::from_ymd_opt(next.year, next.month, 1).expect("valid").pred_opt().expect("valid");
                (first_of_month, end)
            }
        }
    }

    /// The period a day's data belongs to.
    pub fn containing(date: NaiveDate, calendar: &ReportingCalendar) -> Self {
        let this = Self { year: date.year(), month: date.month() };
        match calendar.kind {
            CalendarKind::Decree09 if date.day() >= 15 => this.next(),
            _ => this,
        }
    }

    /// The day the report for this period is due: the given number of working
    /// days after its last day, weekends and public holidays not counted.
    pub fn deadline(self, calendar: &ReportingCalendar, holidays: &Holidays) -> NaiveDate {
        let (_, end) = self.date_range(calendar);
        add_working_days(end, calendar.deadline_working_days, holidays)
    }

    /// Vietnamese label, e.g. `Tháng 6/2026`.
    pub fn label_vi(self) -> String {
        format!("Tháng {}/{}", self.month, self.year)
    }
}

/// The public holidays in force for a unit (the days the government
/// announces each year, and any its commune adds), sorted: days that are
/// not working days although they fall on a weekday.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Holidays(Vec<NaiveDate>);

impl Holidays {
    /// The days, in any order, repeated or not.
    pub fn new(mut days: Vec<NaiveDate>) -> Self {
        days.sort_unstable();
        days.dedup();
        Holidays(days)
    }

    /// Whether the day is a holiday.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.0.binary_search(&day).is_ok()
    }

    /// Whether a day is worked: Monday to Friday, not a holiday.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.contains(day)
    }
}

/// Adds working days (Monday to Friday, holidays left out) to a date. A
/// deadline of zero days that falls on a weekend or a holiday stays where it
/// is: the cut-off day is fixed.
pub fn add_working_days(from: NaiveDate, days: u32, holidays: &Holidays) -> NaiveDate {
    let mut date = from;
    let mut left = days;
    while left > 0 {
        // chrono's last date (year 262142) ends the count.
        let Some(next) = date.checked_add_days(Days::new(1)) else { return date };
        date = next;
        if holidays.is_working_day(date) {
            left -= 1;
        }
    }
    date
}

impl fmt::Display for MonthPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Why a period code was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsePeriodError;

impl fmt::Display for ParsePeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Kỳ báo cáo phải có dạng NNNN-TT, ví dụ 2026-06")
    }
}

impl std::error::Error for ParsePeriodError {}

impl FromStr for MonthPeriod {
    type Err = ParsePeriodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (y, m) = s.split_once('-').ok_or(ParsePeriodError)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(ParsePeriodError);
        }
        let year = y.parse().map_err(|_| ParsePeriodError)?;
        let month = m.parse().map_err(|_| ParsePeriodError)?;
        Self::new(year, month).ok_or(ParsePeriodError)
    }
}

impl Serialize for MonthPeriod {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MonthPeriod {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn p(y: i32, m: u32) -> MonthPeriod {
        MonthPeriod::new(y, m).unwrap()
    }
    const DECREE: ReportingCalendar = ReportingCalendar { kind: CalendarKind::Decree09, deadline_working_days: 2 };
    const MONTHS: ReportingCalendar = ReportingCalendar { kind: CalendarKind::CalendarMonth, deadline_working_days: 0 };

    #[test]
    fn under_decree_09_the_14th_closes_the_month_and_the_15th_opens_the_next() {
        assert_eq!(MonthPeriod::containing(d(2026, 6, 14), &DECREE), p(2026, 6));
        assert_eq!(MonthPeriod::containing(d(2026, 6, 15), &DECREE), p(2026, 7));
        assert_eq!(MonthPeriod::containing(d(2026, 6, 1), &DECREE), p(2026, 6));
    }

    #[test]
    fn under_decree_09_late_december_belongs_to_next_january() {
        assert_eq!(MonthPeriod::containing(d(2025, 12, 15), &DECREE), p(2026, 1));
        assert_eq!(p(2026, 1).date_range(&DECREE), (d(2025, 12, 15), d(2026, 1, 14)));
    }

    #[test]
    fn calendar_months_run_from_the_first_to_the_last_day() {
        assert_eq!(MonthPeriod::containing(d(2026, 6, 15), &MONTHS), p(2026, 6));
        assert_eq!(p(2026, 2).date_range(&MONTHS), (d(2026, 2, 1), d(2026, 2, 28)));
        assert_eq!(p(2024, 2).date_range(&MONTHS), (d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!(p(2026, 12).date_range(&MONTHS), (d(2026, 12, 1), d(2026, 12, 31)));
    }

    #[test]
    fn every_day_belongs_to_exactly_the_period_whose_range_contains_it() {
        for calendar in [DECREE, MONTHS] {
            let mut day = d(2025, 1, 1);
            while day < d(2027, 1, 1) {
                let period = MonthPeriod::containing(day, &calendar);
                let (start, end) = period.date_range(&calendar);
                assert!(start <= day && day <= end, "{day} in {period} under {calendar:?}");
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn the_deadline_counts_working_days_after_the_cut_off() {
        // June 2026 under Decree 09 ends on Sunday 14 June; two working days on
        // is Tuesday 16 June.
        let none = Holidays::default();
        assert_eq!(p(2026, 6).deadline(&DECREE, &none), d(2026, 6, 16));
        // May 2026 ends on Thursday 14 May: Friday 15, Monday 18.
        assert_eq!(p(2026, 5).deadline(&DECREE, &none), d(2026, 5, 18));
        assert_eq!(p(2026, 6).deadline(&MONTHS, &none), d(2026, 6, 30));
    }

    #[test]
    fn holidays_are_not_working_days_so_a_deadline_never_falls_in_tet() {
        // February 2026 under Decree 09 ends on Saturday 14 February, the
        // first day of the Tết holiday (14 to 22 February 2026).
        let tet = Holidays::new((14..=22).map(|day| d(2026, 2, day)).collect());
        assert_eq!(p(2026, 2).deadline(&DECREE, &Holidays::default()), d(2026, 2, 17), "without the holiday: in Tết");
        assert_eq!(p(2026, 2).deadline(&DECREE, &tet), d(2026, 2, 24), "Monday 23 and Tuesday 24 February");
        // 30/4 and 1/5 2026 are a Thursday and a Friday.
        let may_day = Holidays::new(vec![d(2026, 5, 1), d(2026, 4, 30), d(2026, 4, 30)]);
        assert!(may_day.contains(d(2026, 4, 30)) && !may_day.is_working_day(d(2026, 5, 1)));
        assert_eq!(add_working_days(d(2026, 4, 29), 1, &may_day), d(2026, 5, 4));
        assert_eq!(add_working_days(d(2026, 4, 30), 0, &may_day), d(2026, 4, 30), "zero days: the day itself");
    }

    #[test]
    fn period_codes_parse_and_print() {
        assert_eq!("2026-06".parse::<MonthPeriod>(), Ok(p(2026, 6)));
        assert_eq!(p(2026, 6).to_string(), "2026-06");
        for bad in ["2026-13", "2026-6", "26-06", "2026/06", "", "1999-01", "abcd-01"] {
            assert!(bad.parse::<MonthPeriod>().is_err(), "{bad}");
        }
        assert_eq!(p(2026, 6).label_vi(), "Tháng 6/2026");
    }

    #[test]
    fn next_and_previous_cross_years() {
        assert_eq!(p(2026, 12).next(), p(2027, 1));
        assert_eq!(p(2026, 1).previous(), p(2025, 12));
    }
}
