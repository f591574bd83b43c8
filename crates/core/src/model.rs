//! The participant data model (SPEC §2): participants, assessments and follow-ups.
//!
//! Values are validated when they are built: a [`Gender`] or an [`ExitOutcome`]
//! can only be one of the listed variants, and [`Participant::new`] refuses an
//! exit before entry or an outcome without an exit date.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::DataErrorKind;

/// Case-insensitive equality (Unicode lowercase, so `Okänt` = `okänt`)
/// without allocating.
pub(crate) fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Whether `text` is `alias` (written in lowercase) ignoring case. ASCII
/// text can only be an ASCII alias, compared byte by byte; other text is
/// folded to lowercase as it is compared, without a copy.
fn is_alias(text: &str, alias: &str) -> bool {
    if text.is_ascii() {
        return text.eq_ignore_ascii_case(alias);
    }
    text.chars().flat_map(char::to_lowercase).eq(alias.chars())
}

/// A participant's gender as recorded by the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// kvinna
    Woman,
    /// man
    Man,
    /// icke-binär
    NonBinary,
    /// not recorded
    Unknown,
}

impl Gender {
    /// Every gender, in report order.
    pub const ALL: [Gender; 4] = [
        Gender::Woman,
        Gender::Man,
        Gender::NonBinary,
        Gender::Unknown,
    ];

    /// The snake_case name used in reports and programme files.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Woman => "woman",
            Gender::Man => "man",
            Gender::NonBinary => "non_binary",
            Gender::Unknown => "unknown",
        }
    }

    /// Position in [`Gender::ALL`], for per-gender arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses the spellings of SPEC §2, ignoring case and surrounding space.
/// The empty string is [`Gender::Unknown`].
impl FromStr for Gender {
    type Err = DataErrorKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let matches = |aliases: &[&str]| aliases.iter().any(|a| is_alias(s, a));
        if matches(&["woman", "women", "female", "f", "w", "kvinna", "k"]) {
            Ok(Gender::Woman)
        } else if matches(&["man", "men", "male", "m"]) {
            Ok(Gender::Man)
        } else if matches(&[
            "non_binary",
            "non-binary",
            "nonbinary",
            "x",
            "icke-binär",
            "ickebinär",
            "annat",
            "other",
        ]) {
            Ok(Gender::NonBinary)
        } else if s.is_empty() || matches(&["unknown", "okänt", "okänd", "-"]) {
            Ok(Gender::Unknown)
        } else {
            Err(DataErrorKind::InvalidGender)
        }
    }
}

/// Where a participant went on leaving the programme (avslutsorsak).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExitOutcome {
    /// Work, including self-employment (arbete).
    Employment,
    /// Employment with a wage subsidy (anställning med stöd).
    SubsidisedEmployment,
    /// Studies (studier, utbildning).
    Education,
    /// Seeking work (arbetssökande).
    JobSeeking,
    /// Another labour-market programme (annan arbetsmarknadsinsats).
    LabourMarketProgramme,
    /// Health care or rehabilitation (vård, rehabilitering).
    HealthCare,
    /// Parental leave (föräldraledighet).
    ParentalLeave,
    /// Moved away (flyttat).
    Moved,
    /// Another known destination (annat).
    Other,
    /// Recorded as not known (okänt).
    Unknown,
}

impl ExitOutcome {
    /// Every outcome, in report order.
    pub const ALL: [ExitOutcome; 10] = [
        ExitOutcome::Employment,
        ExitOutcome::SubsidisedEmployment,
        ExitOutcome::Education,
        ExitOutcome::JobSeeking,
        ExitOutcome::LabourMarketProgramme,
        ExitOutcome::HealthCare,
        ExitOutcome::ParentalLeave,
        ExitOutcome::Moved,
        ExitOutcome::Other,
        ExitOutcome::Unknown,
    ];

    /// The snake_case name used in reports and programme files.
    pub fn as_str(self) -> &'static str {
        match self {
            ExitOutcome::Employment => "employment",
            ExitOutcome::SubsidisedEmployment => "subsidised_employment",
            ExitOutcome::Education => "education",
            ExitOutcome::JobSeeking => "job_seeking",
            ExitOutcome::LabourMarketProgramme => "labour_market_programme",
            ExitOutcome::HealthCare => "health_care",
            ExitOutcome::ParentalLeave => "parental_leave",
            ExitOutcome::Moved => "moved",
            ExitOutcome::Other => "other",
            ExitOutcome::Unknown => "unknown",
        }
    }

    /// Swedish words accepted as aliases (SPEC §2).
    fn swedish_aliases(self) -> &'static [&'static str] {
        match self {
            ExitOutcome::Employment => &["arbete"],
            ExitOutcome::SubsidisedEmployment => &["anställning med stöd"],
            ExitOutcome::Education => &["studier", "utbildning"],
            ExitOutcome::JobSeeking => &["arbetssökande"],
            ExitOutcome::LabourMarketProgramme => &["annan arbetsmarknadsinsats"],
            ExitOutcome::HealthCare => &["vård", "rehabilitering"],
            ExitOutcome::ParentalLeave => &["föräldraledighet", "föräldraledig"],
            ExitOutcome::Moved => &["flyttat", "flytt"],
            ExitOutcome::Other => &["annat", "övrigt"],
            ExitOutcome::Unknown => &["okänt", "okänd"],
        }
    }

    /// Position in [`ExitOutcome::ALL`], for per-outcome arrays and bit sets.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for ExitOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses the English names and their Swedish aliases, ignoring case and
/// surrounding space.
impl FromStr for ExitOutcome {
    type Err = DataErrorKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        ExitOutcome::ALL
            .into_iter()
            .find(|o| is_alias(s, o.as_str()) || o.swedish_aliases().iter().any(|a| is_alias(s, a)))
            .ok_or(DataErrorKind::InvalidExitOutcome)
    }
}

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
        let id = id.trim();
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
    fn gender_aliases() {
        for (s, g) in [
            ("K", Gender::Woman),
            (" kvinna ", Gender::Woman),
            ("Female", Gender::Woman),
            ("m", Gender::Man),
            ("Icke-binär", Gender::NonBinary),
            ("X", Gender::NonBinary),
            ("", Gender::Unknown),
            ("Okänt", Gender::Unknown),
            ("-", Gender::Unknown),
        ] {
            assert_eq!(s.parse::<Gender>(), Ok(g), "{s:?}");
        }
        assert_eq!("q".parse::<Gender>(), Err(DataErrorKind::InvalidGender));
    }

    #[test]
    fn outcome_aliases() {
        assert_eq!("Arbete".parse(), Ok(ExitOutcome::Employment));
        assert_eq!(
            "anställning med stöd".parse(),
            Ok(ExitOutcome::SubsidisedEmployment)
        );
        assert_eq!(" utbildning".parse(), Ok(ExitOutcome::Education));
        assert_eq!(
            "labour_market_programme".parse(),
            Ok(ExitOutcome::LabourMarketProgramme)
        );
        assert_eq!(
            "jobb".parse::<ExitOutcome>(),
            Err(DataErrorKind::InvalidExitOutcome)
        );
    }

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
