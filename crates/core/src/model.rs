//! The participant data model (`docs/data.md#input-data`): participants,
//! assessments and follow-ups.
//!
//! Values are validated when they are built: a [`Gender`] or an [`ExitOutcome`]
//! can only be one of the listed variants, and [`Participant::new`] refuses an
//! exit before entry or an outcome without an exit date.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::DataErrorKind;
pub use crate::vocab::{ExitOutcome, Gender};

/// A pseudonymous participant id: a non-empty string of at most 128 bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ParticipantId(String);

impl ParticipantId {
    /// Longest id accepted, in bytes.
    pub const MAX_LEN: usize = 128;

    /// Checks the id: non-empty after trimming, at most 128 bytes.
    pub fn new(id: &str) -> Result<Self, DataErrorKind> {
        Self::check(id).map(|id| ParticipantId(id.to_owned()))
    }

    /// Validates without allocating; returns the trimmed id.
    pub(crate) fn check(id: &str) -> Result<&str, DataErrorKind> {
        let id = crate::vocab::trim(id);
        if id.is_empty() || id.len() > Self::MAX_LEN {
            Err(DataErrorKind::InvalidId)
        } else {
            Ok(id)
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ParticipantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person enrolled in the programme (deltagare).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    id: ParticipantId,
    gender: Gender,
    birth_date: Option<NaiveDate>,
    entry_date: NaiveDate,
    exit: Option<Exit>,
    tags: Vec<String>,
}

/// When and where a participant left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exit {
    /// The last day in the programme.
    pub date: NaiveDate,
    /// Where the participant went, when recorded.
    pub outcome: Option<ExitOutcome>,
}

impl Participant {
    /// Builds a participant who has not left. Add an exit with
    /// [`Participant::with_exit`] and tags with [`Participant::with_tags`].
    pub fn new(id: ParticipantId, gender: Gender, entry_date: NaiveDate) -> Self {
        Participant {
            id,
            gender,
            birth_date: None,
            entry_date,
            exit: None,
            tags: Vec::new(),
        }
    }

    /// Records the exit; an exit before entry is refused.
    pub fn with_exit(
        mut self,
        date: NaiveDate,
        outcome: Option<ExitOutcome>,
    ) -> Result<Self, DataErrorKind> {
        if date < self.entry_date {
            return Err(DataErrorKind::ExitBeforeEntry);
        }
        self.exit = Some(Exit { date, outcome });
        Ok(self)
    }

    /// Records the birth date (used for the eligible-age check).
    pub fn with_birth_date(mut self, birth_date: NaiveDate) -> Self {
        self.birth_date = Some(birth_date);
        self
    }

    /// Sets the tags (e.g. `long_term_assistance`); blanks and repeats are dropped.
    pub fn with_tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for tag in tags {
            let tag = tag.as_ref().trim();
            if !tag.is_empty() && !self.tags.iter().any(|t| t == tag) {
                self.tags.push(tag.to_owned());
            }
        }
        self
    }

    /// The pseudonymous id.
    pub fn id(&self) -> &ParticipantId {
        &self.id
    }
    /// Recorded gender.
    pub fn gender(&self) -> Gender {
        self.gender
    }
    /// Birth date, when known.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.birth_date
    }
    /// First day in the programme.
    pub fn entry_date(&self) -> NaiveDate {
        self.entry_date
    }
    /// The exit, when the participant has left.
    pub fn exit(&self) -> Option<Exit> {
        self.exit
    }
    /// Tags such as `long_term_assistance`.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }
}

/// The first date stegvis reads (`docs/data.md#dates`, decision 67): birth
/// dates need the 1900s.
pub const FIRST_DATE: NaiveDate = ymd(1900, 1, 1);

/// The last date stegvis reads (`docs/data.md#dates`, decision 67).
pub const LAST_DATE: NaiveDate = ymd(2199, 12, 31);

const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("a valid date"),
    }
}

/// The date if it lies from [`FIRST_DATE`] to [`LAST_DATE`]: the range of
/// every date stegvis reads, native values included.
pub fn date_in_range(date: NaiveDate) -> Option<NaiveDate> {
    (FIRST_DATE..=LAST_DATE).contains(&date).then_some(date)
}

/// Whether a time part may follow the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimePart {
    /// Data cells and as-of arguments: a time part is read and dropped.
    Dropped,
    /// Programme dates: `YYYY-MM-DD` only.
    Refused,
}

/// The one date rule (`docs/data.md#dates`): exactly `YYYY-MM-DD` within
/// the range, then, for [`TimePart::Dropped`], optionally `T` or one space
/// and a valid time of day (`HH:MM`, `HH:MM:SS` or `HH:MM:SS.f`, one to nine
/// fraction digits) with an optional `Z` or `±HH:MM` offset, which is
/// dropped. Read byte by byte, without chrono's format parser and without
/// allocating: this is on the hot path of reading data.
pub(crate) fn iso_date(text: &str, time: TimePart) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        digits(&b[..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )?;
    if b.len() > 10 && (time == TimePart::Refused || !time_of_day(&b[10..])) {
        return None;
    }
    date_in_range(date)
}

/// The value of a run of ASCII digits, at most four (a date's parts, a
/// level): as `str::parse` reads it. An empty run is 0.
pub(crate) fn digits(run: &[u8]) -> Option<u32> {
    run.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// Two digits no greater than `max`.
fn two_digits(b: &[u8], max: u32) -> bool {
    b.len() == 2 && digits(b).is_some_and(|n| n <= max)
}

/// `T` or one space, `HH:MM`, optionally `:SS` and then `.f` (one to nine
/// digits), optionally `Z` or `±HH:MM`: hours 00–23, minutes and seconds
/// 00–59.
fn time_of_day(b: &[u8]) -> bool {
    let Some((b'T' | b' ', rest)) = b.split_first() else {
        return false;
    };
    if rest.len() < 5 || !two_digits(&rest[..2], 23) || rest[2] != b':' {
        return false;
    }
    if !two_digits(&rest[3..5], 59) {
        return false;
    }
    let mut rest = &rest[5..];
    if let [b':', s1, s2, after @ ..] = rest {
        if !two_digits(&[*s1, *s2], 59) {
            return false;
        }
        rest = after;
        if let [b'.', after @ ..] = rest {
            let fraction = after.iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=9).contains(&fraction) {
                return false;
            }
            rest = &after[fraction..];
        }
    }
    match rest {
        [] | [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            two_digits(&[*h1, *h2], 23) && two_digits(&[*m1, *m2], 59)
        }
        _ => false,
    }
}

/// A level on a parameter's scale: an integer, or one of its level labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Level {
    /// A number on the scale (level i of a ladder is its i-th label, from 1).
    Number(i64),
    /// A label of a ladder parameter.
    Label(String),
}

/// One observed level of one parameter for one participant on one date (skattning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// Whose assessment.
    pub participant_id: String,
    /// When it was made.
    pub date: NaiveDate,
    /// The parameter's id in the programme.
    pub parameter: String,
    /// The level observed.
    pub level: Level,
}

/// A later observation of a participant who has left (uppföljning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// Whose follow-up.
    pub participant_id: String,
    /// When it was made.
    pub date: NaiveDate,
    /// Where the participant was, when recorded.
    pub status: Option<ExitOutcome>,
    /// Whether the participant still receives social assistance, when recorded.
    pub receives_assistance: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_before_entry_is_refused() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let p = Participant::new(
            ParticipantId::new("a").unwrap(),
            Gender::Woman,
            d("2021-03-01"),
        );
        assert_eq!(
            p.with_exit(d("2021-02-01"), None),
            Err(DataErrorKind::ExitBeforeEntry)
        );
    }
}
