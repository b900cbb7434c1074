//! Report periods: a month, a quarter, six months, nine months or a year,
//! each a run of reporting months of one year.
//!
//! Totals are kept by reporting month ([`MonthPeriod`]); a report period is
//! the months it spans, so it follows the commune's calendar: under Decree 09
//! the six-month period runs from 15 December of the previous year to 14 June,
//! because it ends with June's month.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Amount, MonthPeriod, ReportingCalendar};

/// The kind of a report period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// One month: `2026-06`.
    Month,
    /// A quarter: `2026-Q2`.
    Quarter,
    /// The first six months: `2026-H1`.
    FirstHalf,
    /// The last six months: `2026-H2`.
    SecondHalf,
    /// The first nine months: `2026-9M`.
    NineMonths,
    /// The year: `2026`.
    Year,
}

/// A report period: consecutive reporting months of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReportPeriod {
    kind: PeriodKind,
    year: i32,
    /// The month, or the quarter (1 to 4); unused for the other kinds.
    index: u32,
}

impl ReportPeriod {
    /// One month.
    pub fn month(month: MonthPeriod) -> Self {
        Self { kind: PeriodKind::Month, year: month.year(), index: month.month() }
    }

    /// A period of a kind that needs no index (halves, nine months, year).
    pub fn of_year(kind: PeriodKind, year: i32) -> Option<Self> {
        let index = match kind {
            PeriodKind::Month | PeriodKind::Quarter => return None,
            _ => 0,
        };
        MonthPeriod::new(year, 1).map(|_| Self { kind, year, index })
    }

    /// The half (`FirstHalf`, `SecondHalf`), nine months or year of the
    /// calendar year `day` falls in, `kind` saying which, with the year held
    /// to the years the product handles (2000 to 2100): what a screen
    /// opens on, whatever the phone's clock says.
    pub fn around(kind: PeriodKind, day: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        let kind = match kind {
            PeriodKind::Month | PeriodKind::Quarter => PeriodKind::Year,
            other => other,
        };
        Self { kind, year: day.year().clamp(2000, 2100), index: 0 }
    }

    /// The six months a reporting month belongs to: `2026-H1` for January's
    /// month to June's, `2026-H2` for July's to December's.
    pub fn half_of(month: MonthPeriod) -> Self {
        let kind = if month.month() <= 6 { PeriodKind::FirstHalf } else { PeriodKind::SecondHalf };
        Self { kind, year: month.year(), index: 0 }
    }

    /// The six months in progress on `day` under the commune's calendar:
    /// those of the reporting month `day` falls in (under Decree 09, 15 June
    /// is July's, so the second six months), with the year held to the years
    /// the product handles (2000 to 2100), whatever the phone's clock says.
    pub fn current_half(day: NaiveDate, calendar: &ReportingCalendar) -> Self {
        let month = MonthPeriod::containing(day, calendar);
        Self { year: month.year().clamp(2000, 2100), ..Self::half_of(month) }
    }

    /// The six months before: the other half, a year back for the first;
    /// for a period of another kind, the six months it ends in. `None`
    /// before the years the product handles.
    pub fn previous_half(self) -> Option<Self> {
        match self.kind {
            PeriodKind::FirstHalf => Self::of_year(PeriodKind::SecondHalf, self.year - 1),
            PeriodKind::SecondHalf => Self::of_year(PeriodKind::FirstHalf, self.year),
            _ => Some(Self::half_of(self.months().1)),
        }
    }

    /// The six months after a half; `None` for a period of another kind and
    /// after the years the product handles.
    pub fn next_half(self) -> Option<Self> {
        match self.kind {
            PeriodKind::FirstHalf => Self::of_year(PeriodKind::SecondHalf, self.year),
            PeriodKind::SecondHalf => Self::of_year(PeriodKind::FirstHalf, self.year + 1),
            _ => None,
        }
    }

    /// Whether its first reporting month has come by `current`, the month in
    /// progress: a section can be written from the first day of its period.
    pub fn has_begun(self, current: MonthPeriod) -> bool {
        self.months().0 <= current
    }

    /// A quarter, 1 to 4.
    pub fn quarter(year: i32, quarter: u32) -> Option<Self> {
        ((1..=4).contains(&quarter) && MonthPeriod::new(year, 1).is_some()).then_some(Self {
            kind: PeriodKind::Quarter,
            year,
            index: quarter,
        })
    }

    /// The kind.
    pub fn kind(self) -> PeriodKind {
        self.kind
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// First and last reporting month, both included.
    pub fn months(self) -> (MonthPeriod, MonthPeriod) {
        let (first, last) = match self.kind {
            PeriodKind::Month => (self.index, self.index),
            PeriodKind::Quarter => (self.index * 3 - 2, self.index * 3),
            PeriodKind::FirstHalf => (1, 6),
            PeriodKind::SecondHalf => (7, 12),
            PeriodKind::NineMonths => (1, 9),
            PeriodKind::Year => (1, 12),
        };
        #[allow(clippy::expect_used, reason = "the months above are 1-12 and the year is a ReportPeriod's, checked when it was made")]
        let month = |m| MonthPeriod::new(self.year, m).expect("valid by construction");
        (month(first), month(last))
    }

    /// How many months it spans.
    pub fn month_count(self) -> u32 {
        let (first, last) = self.months();
        last.month() - first.month() + 1
    }

    /// Whether it ends with the year's last month: figures that exist only at
    /// year end can be judged then.
    pub fn ends_the_year(self) -> bool {
        self.months().1.month() == 12
    }

    /// The same period a year earlier (CK, cùng kỳ).
    pub fn a_year_earlier(self) -> Option<Self> {
        MonthPeriod::new(self.year - 1, 1).map(|_| Self { year: self.year - 1, ..self })
    }

    /// First and last day of the data it covers under a calendar.
    pub fn date_range(self, calendar: &ReportingCalendar) -> (NaiveDate, NaiveDate) {
        let (first, last) = self.months();
        (first.date_range(calendar).0, last.date_range(calendar).1)
    }

    /// How many of its months have ended before `current`, the reporting
    /// month in progress.
    pub fn months_ended_before(self, current: MonthPeriod) -> u32 {
        let (first, last) = self.months();
        if current <= first {
            0
        } else if current > last {
            self.month_count()
        } else {
            current.month() - first.month()
        }
    }

    /// Whether all its months have ended.
    pub fn is_over(self, current: MonthPeriod) -> bool {
        self.months_ended_before(current) == self.month_count()
    }

    /// The share of the annual plan that is on track by now, in percent (one
    /// decimal): a twelfth per month ended, so 50 for six months over, 100
    /// for a year over, 83,3 for a year with ten months over.
    pub fn expected_share(self, current: MonthPeriod) -> Amount {
        Amount::percent_rounded(self.months_ended_before(current).into(), 12, 1).unwrap_or(Amount::ZERO)
    }

    /// Vietnamese label: `Tháng 6/2026`, `Quý II/2026`, `6 tháng đầu năm 2026`.
    pub fn label_vi(self) -> String {
        let y = self.year;
        match self.kind {
            PeriodKind::Month => format!("Tháng {}/{y}", self.index),
            PeriodKind::Quarter => format!("Quý {}/{y}", ["I", "II", "III", "IV"][self.index as usize - 1]),
            PeriodKind::FirstHalf => format!("6 tháng đầu năm {y}"),
            PeriodKind::SecondHalf => format!("6 tháng cuối năm {y}"),
            PeriodKind::NineMonths => format!("9 tháng năm {y}"),
            PeriodKind::Year => format!("Năm {y}"),
        }
    }
}

impl fmt::Display for ReportPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let y = self.year;
        match self.kind {
            PeriodKind::Month => write!(f, "{y:04}-{:02}", self.index),
            PeriodKind::Quarter => write!(f, "{y:04}-Q{}", self.index),
            PeriodKind::FirstHalf => write!(f, "{y:04}-H1"),
            PeriodKind::SecondHalf => write!(f, "{y:04}-H2"),
            PeriodKind::NineMonths => write!(f, "{y:04}-9M"),
            PeriodKind::Year => write!(f, "{y:04}"),
        }
    }
}

/// Why a report period code was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseReportPeriodError;

impl fmt::Display for ParseReportPeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Kỳ phải có dạng 2026-06 (tháng), 2026-Q2 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng) hoặc 2026 (năm)")
    }
}

impl std::error::Error for ParseReportPeriodError {}

/// Read back from a text column (diesel's `deserialize_as = String`).
impl TryFrom<String> for ReportPeriod {
    type Error = ParseReportPeriodError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl FromStr for ReportPeriod {
    type Err = ParseReportPeriodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let parse_year = |y: &str| -> Result<i32, ParseReportPeriodError> {
            if y.len() != 4 {
                return Err(ParseReportPeriodError);
            }
            let year = y.parse().map_err(|_| ParseReportPeriodError)?;
            MonthPeriod::new(year, 1).map(|_| year).ok_or(ParseReportPeriodError)
        };
        let Some((y, rest)) = s.split_once('-') else {
            return Self::of_year(PeriodKind::Year, parse_year(s)?).ok_or(ParseReportPeriodError);
        };
        let year = parse_year(y)?;
        match rest.to_ascii_uppercase().as_str() {
            "H1" => Self::of_year(PeriodKind::FirstHalf, year).ok_or(ParseReportPeriodError),
            "H2" => Self::of_year(PeriodKind::SecondHalf, year).ok_or(ParseReportPeriodError),
            "9M" => Self::of_year(PeriodKind::NineMonths, year).ok_or(ParseReportPeriodError),
            q if q.len() == 2 && q.starts_with('Q') => {
                Self::quarter(year, q[1..].parse().map_err(|_| ParseReportPeriodError)?).ok_or(ParseReportPeriodError)
            }
            _ => s.parse::<MonthPeriod>().map(Self::month).map_err(|_| ParseReportPeriodError),
        }
    }
}

impl Serialize for ReportPeriod {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReportPeriod {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ReportPeriod {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r"^\d{4}(-(\d{2}|Q[1-4]|H[12]|9M))?$"))
            .description(Some("A report period: `2026-06` (month), `2026-Q2`, `2026-H1` (six months), `2026-H2`, `2026-9M`, `2026` (year)"))
            .examples(["2026-H1"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ReportPeriod {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CalendarKind;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_screen_opens_on_the_period_around_today_whatever_the_clock_says() {
        assert_eq!(ReportPeriod::around(PeriodKind::FirstHalf, date(2026, 3, 9)).to_string(), "2026-H1");
        assert_eq!(ReportPeriod::around(PeriodKind::Year, date(2031, 12, 31)).to_string(), "2031");
        assert_eq!(ReportPeriod::around(PeriodKind::SecondHalf, date(1970, 1, 1)).to_string(), "2000-H2");
        assert_eq!(ReportPeriod::around(PeriodKind::Year, date(2200, 5, 1)).to_string(), "2100");
        assert_eq!(ReportPeriod::around(PeriodKind::Month, date(2026, 5, 1)).to_string(), "2026", "a month has no year-long form");
    }

    #[test]
    fn codes_round_trip() {
        for code in ["2026-06", "2026-Q2", "2026-H1", "2026-H2", "2026-9M", "2026"] {
            let period: ReportPeriod = code.parse().unwrap();
            assert_eq!(period.to_string(), code);
        }
        for bad in ["2026-13", "2026-Q5", "26-H1", "2026-H3", "", "2026-", "abcd"] {
            assert!(bad.parse::<ReportPeriod>().is_err(), "{bad}");
        }
    }

    #[test]
    fn six_months_under_decree_09_run_from_15_december_to_14_june() {
        let h1: ReportPeriod = "2026-H1".parse().unwrap();
        let decree = ReportingCalendar::default();
        assert_eq!(h1.date_range(&decree), (date(2025, 12, 15), date(2026, 6, 14)));
        // 14 June is in June's month, which ends the six months; 15 June is July's.
        assert_eq!(MonthPeriod::containing(date(2026, 6, 14), &decree), h1.months().1);
        assert_eq!(MonthPeriod::containing(date(2026, 6, 15), &decree), h1.months().1.next());
        let calendar = ReportingCalendar { kind: CalendarKind::CalendarMonth, deadline_working_days: 2 };
        assert_eq!(h1.date_range(&calendar), (date(2026, 1, 1), date(2026, 6, 30)));
    }

    #[test]
    fn the_six_months_in_progress_follow_the_communes_calendar() {
        let decree = ReportingCalendar::default();
        let months = ReportingCalendar { kind: CalendarKind::CalendarMonth, deadline_working_days: 2 };
        let half = |day, calendar| ReportPeriod::current_half(day, calendar).to_string();
        assert_eq!(half(date(2026, 6, 14), &decree), "2026-H1");
        // Under Decree 09, 15 June is July's month: the second six months have begun.
        assert_eq!(half(date(2026, 6, 15), &decree), "2026-H2");
        assert_eq!(half(date(2026, 6, 30), &months), "2026-H1");
        assert_eq!(half(date(2026, 7, 1), &months), "2026-H2");
        // 15 December is January's month, the next year's first six months.
        assert_eq!(half(date(2026, 12, 15), &decree), "2027-H1");
        assert_eq!(half(date(2026, 12, 31), &months), "2026-H2");
        assert_eq!(half(date(1970, 1, 1), &months), "2000-H1", "a phone's clock far off stays within the years handled");
        assert_eq!(half(date(2200, 8, 1), &months), "2100-H2");
    }

    #[test]
    fn halves_step_across_years_and_other_periods_step_back_to_the_half_they_end_in() {
        let p = |c: &str| c.parse::<ReportPeriod>().unwrap();
        assert_eq!(p("2026-H1").previous_half(), Some(p("2025-H2")));
        assert_eq!(p("2026-H1").next_half(), Some(p("2026-H2")));
        assert_eq!(p("2026-H2").next_half(), Some(p("2027-H1")));
        assert_eq!(p("2026-H2").previous_half(), Some(p("2026-H1")));
        assert_eq!(p("2026-06").previous_half(), Some(p("2026-H1")));
        assert_eq!(p("2026-9M").previous_half(), Some(p("2026-H2")));
        assert_eq!(p("2026-06").next_half(), None);
        assert_eq!(p("2000-H1").previous_half(), None, "no six months before the years handled");
        assert_eq!(p("2100-H2").next_half(), None);
    }

    #[test]
    fn a_period_has_begun_from_its_first_reporting_month() {
        let h2: ReportPeriod = "2026-H2".parse().unwrap();
        assert!(!h2.has_begun(MonthPeriod::new(2026, 6).unwrap()));
        assert!(h2.has_begun(MonthPeriod::new(2026, 7).unwrap()));
        assert!(h2.has_begun(MonthPeriod::new(2027, 1).unwrap()));
    }

    #[test]
    fn thresholds_follow_the_share_of_the_year_that_is_over() {
        let p = |c: &str| c.parse::<ReportPeriod>().unwrap();
        let after = MonthPeriod::new(2027, 1).unwrap();
        let pct = |a: Amount| a.format_vi_trimmed(1);
        assert_eq!(pct(p("2026-H1").expected_share(after)), "50");
        assert_eq!(pct(p("2026-9M").expected_share(after)), "75");
        assert_eq!(pct(p("2026").expected_share(after)), "100");
        assert_eq!(pct(p("2026-Q1").expected_share(after)), "25");
        // November's month in progress: ten months of the year are over.
        let november = MonthPeriod::new(2026, 11).unwrap();
        assert_eq!(pct(p("2026").expected_share(november)), "83,3");
        assert!(!p("2026").is_over(november) && p("2026-9M").is_over(november));
        assert_eq!(pct(p("2026-H1").expected_share(MonthPeriod::new(2026, 1).unwrap())), "0");
        assert!(p("2026").ends_the_year() && p("2026-H2").ends_the_year() && !p("2026-9M").ends_the_year());
        assert_eq!(p("2026-H1").a_year_earlier().unwrap().to_string(), "2025-H1");
        assert_eq!(p("2026-Q3").label_vi(), "Quý III/2026");
    }
}
