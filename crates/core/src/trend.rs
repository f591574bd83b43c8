//! Trends over several as-of dates (`docs/method.md#trend`) and the
//! calendar periods that trends and entry cohorts use
//! (`docs/method.md#cohorts`).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Most dates one trend may have (`docs/decisions.md#decision-115`).
pub const MAX_TREND_DATES: usize = 100;

/// A calendar period: quarter, half-year or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    /// January–March, April–June, July–September, October–December.
    Quarter,
    /// January–June, July–December.
    HalfYear,
    /// A calendar year.
    Year,
}

impl Period {
    /// `quarter`, `half-year` or `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Quarter => "quarter",
            Period::HalfYear => "half-year",
            Period::Year => "year",
        }
    }

    /// Reads `quarter`, `half-year` or `year` (trimmed, exact).
    pub fn parse(text: &str) -> Option<Period> {
        match text.trim() {
            "quarter" => Some(Period::Quarter),
            "half-year" => Some(Period::HalfYear),
            "year" => Some(Period::Year),
            _ => None,
        }
    }

    fn months(self) -> u32 {
        match self {
            Period::Quarter => 3,
            Period::HalfYear => 6,
            Period::Year => 12,
        }
    }

    /// The last day of the period that contains `date`.
    pub fn end_of(self, date: NaiveDate) -> NaiveDate {
        let m = self.months();
        let last_month = (date.month0() / m + 1) * m;
        let next = if last_month == 12 {
            NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(date.year(), last_month + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    /// A cohort's ordinal: year × (periods per year) + the period's index
    /// within the year; ordinals sort in calendar order.
    pub(crate) fn ordinal(self, date: NaiveDate) -> i32 {
        let per_year = (12 / self.months()) as i32;
        date.year() * per_year + (date.month0() / self.months()) as i32
    }

    /// A cohort's key from its ordinal: `2021` for a year, `2021-H1` for a
    /// half-year, `2021-Q1` for a quarter.
    pub(crate) fn key(self, ordinal: i32) -> String {
        let per_year = (12 / self.months()) as i32;
        let (year, k) = (
            ordinal.div_euclid(per_year),
            ordinal.rem_euclid(per_year) + 1,
        );
        match self {
            Period::Year => format!("{year}"),
            Period::HalfYear => format!("{year}-H{k}"),
            Period::Quarter => format!("{year}-Q{k}"),
        }
    }

    /// The ordinal of a cohort's [`key`](Self::key), when it is one of
    /// this period's keys (a partial's cohorts are ordered by it,
    /// `docs/partials.md#combining`).
    pub(crate) fn ordinal_of_key(self, key: &str) -> Option<i32> {
        let per_year = (12 / self.months()) as i32;
        let (year, k) = match (self, key.rsplit_once('-')) {
            (Period::Year, _) => (key, 1),
            (Period::HalfYear, Some((y, h))) => (y, h.strip_prefix('H')?.parse().ok()?),
            (Period::Quarter, Some((y, q))) => (y, q.strip_prefix('Q')?.parse().ok()?),
            _ => return None,
        };
        let year: i32 = year.parse().ok()?;
        let ordinal = year.checked_mul(per_year)?.checked_add(k - 1)?;
        ((1..=per_year).contains(&k) && self.key(ordinal) == key).then_some(ordinal)
    }
}

/// Which dates a report's trend covers (`docs/method.md#trend`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trend {
    /// No trend, whatever the programme says (`every = none`).
    Off,
    /// The period ends from the programme's start before the report's
    /// date, then the report's date.
    Every(Period),
    /// These dates, sorted, without repeats; the report is at the last.
    Dates(Vec<NaiveDate>),
}

/// A list of trend dates that is empty or longer than [`MAX_TREND_DATES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a trend has from 1 to 100 dates")]
pub struct InvalidTrend;

impl InvalidTrend {
    /// The stable code every surface raises it with.
    pub fn code(self) -> &'static str {
        "invalid_argument"
    }
}

impl Trend {
    /// A trend over `dates`: sorted, a repeated date once, 1 to
    /// [`MAX_TREND_DATES`] dates.
    pub fn dates(mut dates: Vec<NaiveDate>) -> Result<Trend, InvalidTrend> {
        dates.sort_unstable();
        dates.dedup();
        if dates.is_empty() || dates.len() > MAX_TREND_DATES {
            return Err(InvalidTrend);
        }
        Ok(Trend::Dates(dates))
    }

    /// `every` a period, from `quarter`, `half-year`, `year` or `none`.
    pub fn every(text: &str) -> Option<Trend> {
        match text.trim() {
            "none" => Some(Trend::Off),
            other => Period::parse(other).map(Trend::Every),
        }
    }

    /// The report's date when the trend fixes it (the last of a list).
    pub fn as_of(&self) -> Option<NaiveDate> {
        match self {
            Trend::Dates(d) => d.last().copied(),
            _ => None,
        }
    }
}

/// The trend dates for a report at `as_of` of a programme starting on
/// `start`, ascending, `as_of` last; empty without a trend.
pub(crate) fn dates(trend: &Trend, start: NaiveDate, as_of: NaiveDate) -> Vec<NaiveDate> {
    match trend {
        Trend::Off => Vec::new(),
        Trend::Dates(d) => d.clone(),
        Trend::Every(p) => {
            let mut out = Vec::new();
            let mut end = p.end_of(start);
            while end < as_of {
                out.push(end);
                match end.succ_opt() {
                    Some(next) => end = p.end_of(next),
                    None => break,
                }
            }
            out.push(as_of);
            let extra = out.len().saturating_sub(MAX_TREND_DATES);
            out.drain(..extra);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn period_ends_and_keys() {
        assert_eq!(Period::Quarter.end_of(d("2021-02-01")), d("2021-03-31"));
        assert_eq!(Period::Quarter.end_of(d("2021-12-31")), d("2021-12-31"));
        assert_eq!(Period::HalfYear.end_of(d("2021-07-01")), d("2021-12-31"));
        assert_eq!(Period::HalfYear.end_of(d("2021-06-30")), d("2021-06-30"));
        assert_eq!(Period::Year.end_of(d("2021-01-01")), d("2021-12-31"));
        let h = Period::HalfYear;
        assert_eq!(h.key(h.ordinal(d("2021-06-30"))), "2021-H1");
        assert_eq!(h.key(h.ordinal(d("2021-07-01"))), "2021-H2");
        assert_eq!(
            Period::Year.key(Period::Year.ordinal(d("1900-01-01"))),
            "1900"
        );
    }

    /// `docs/method.md#trend`: period ends from the start before as-of, then as-of.
    #[test]
    fn every_quarter_from_start_to_as_of() {
        let t = Trend::Every(Period::Quarter);
        assert_eq!(
            dates(&t, d("2021-02-01"), d("2021-11-15")),
            [
                d("2021-03-31"),
                d("2021-06-30"),
                d("2021-09-30"),
                d("2021-11-15")
            ]
        );
        // As-of on a period end is not listed twice.
        assert_eq!(
            dates(&t, d("2021-02-01"), d("2021-06-30")),
            [d("2021-03-31"), d("2021-06-30")]
        );
        // Before the start: only as-of.
        assert_eq!(
            dates(&t, d("2021-02-01"), d("2020-12-31")),
            [d("2020-12-31")]
        );
        // At most 100, the latest kept.
        let long = dates(&t, d("1900-01-01"), d("2199-12-31"));
        assert_eq!(long.len(), MAX_TREND_DATES);
        assert_eq!(long[0], d("2175-03-31"));
    }

    #[test]
    fn lists_are_sorted_and_bounded() {
        let t = Trend::dates(vec![d("2022-12-31"), d("2022-06-30"), d("2022-12-31")]).unwrap();
        assert_eq!(t, Trend::Dates(vec![d("2022-06-30"), d("2022-12-31")]));
        assert_eq!(t.as_of(), Some(d("2022-12-31")));
        assert_eq!(Trend::dates(vec![]), Err(InvalidTrend));
        let many = (0..101)
            .map(|k| d("2022-01-01") + chrono::Days::new(k))
            .collect();
        assert_eq!(Trend::dates(many), Err(InvalidTrend));
    }
}
