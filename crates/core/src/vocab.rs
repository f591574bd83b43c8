//! The vocabulary: the closed sets of domain words every other module speaks
//! in — genders, exit outcomes, the input tables, data-quality kinds, goal
//! statuses, three-valued truth and how a participant is counted.
//!
//! This is the bottom layer of the crate: it imports nothing from it. Each
//! word's snake_case name is written once, by the `rename_all` /
//! `serialize_all` attributes (serde for reports and programme files, strum
//! for `as_str`); a test checks that the two agree. Parsing the spellings
//! people type (aliases such as `kvinna` or `Okänt`) is input handling and
//! lives in `data/field.rs`; the words shown to people, in each language,
//! live in the catalogue.

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

/// A participant's gender as recorded by the programme.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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

/// Where a participant went on leaving the programme (avslutsorsak), or
/// where they were at a follow-up.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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

/// The three input tables.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Table {
    /// One row per participant.
    Participants,
    /// One row per assessment.
    Assessments,
    /// One row per follow-up.
    FollowUps,
}

/// The kinds of data-quality issue, in report order.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum IssueKind {
    /// An assessment or follow-up names a participant not in the participants table.
    UnknownParticipant,
    /// An assessment names a parameter the programme does not define.
    UnknownParameter,
    /// An assessment dated outside [entry − 30 days, exit + 30 days], or a
    /// follow-up dated before the exit (or of a participant who has not exited).
    OutsideWindow,
    /// Two assessments of one participant, parameter and date with different levels.
    ConflictingDuplicate,
    /// An integer level outside the parameter's scale (the row is dropped).
    LevelOutsideScale,
    /// Age at entry outside the programme's `eligible_age`.
    AgeOutsideEligible,
    /// A participant whose gender is not recorded.
    UnknownGender,
    /// A participant who has exited without a recorded exit outcome.
    MissingExitOutcome,
    /// Two follow-ups of one participant on one date with different values.
    ConflictingFollowUp,
    /// A later episode of a person whose known gender or birth date differs
    /// from the first episode's (`docs/data.md#episodes`).
    ConflictingEpisode,
}

/// Whether a goal is met.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum GoalStatus {
    /// share ≥ target.
    Met,
    /// share < target.
    NotMet,
    /// Nobody in the denominator.
    NoData,
}

/// Which participants a goal counts (a goal's `population` in a programme
/// file, docs/method.md#population).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Population {
    /// Everyone who entered by as-of.
    #[default]
    Enrolled,
    /// Those who exited by as-of.
    Exited,
    /// Those enrolled and not exited.
    Active,
    /// Those exited by as-of whose window for one follow-up horizon has
    /// closed (`docs/method.md#population`); only in a population object.
    Due,
}

/// What a row of a comparison's balance table describes
/// (`docs/comparison.md#balance`): each row is one group of one
/// characteristic, so a new characteristic is one more variant.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Characteristic {
    /// Gender (groups: the genders, unknown included).
    Gender,
    /// Age band at entry (groups: the programme's age bands, then unknown).
    Age,
    /// A tag the programme uses (group: the tag's name; counts those with it).
    Tag,
}

/// Why a comparison is to be read with care (`docs/comparison.md#caveat`):
/// a code the surfaces render in words.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Caveat {
    /// The comparison group was not formed by chance: differences may come
    /// from who was selected, not from the programme.
    Selection,
}

/// What a breakdown groups participants by (`docs/method.md#breakdowns`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum BreakdownKind {
    /// Age band at entry.
    Age,
    /// Whether the participant has a tag.
    Tag,
    /// The value of an extra participant column.
    Column,
    /// The calendar period of entry.
    Cohort,
}

/// A criterion's value for one participant, in Kleene's three-valued logic.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Truth {
    /// Met.
    True,
    /// Not met.
    False,
    /// Cannot be told from the data (yet).
    Unknown,
}

/// How one participant counts for one goal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Counted {
    /// In the numerator and the denominator.
    Achieved,
    /// In the denominator only (false, or unknown under policy `fail`).
    NotAchieved,
    /// Unknown under policy `exclude`: in neither.
    Excluded,
    /// Not in the goal's population.
    OutsidePopulation,
}

/// What is wrong with a programme definition; its snake_case name is the
/// error's stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum ProgrammeErrorKind {
    /// The text is not valid TOML.
    InvalidToml,
    /// The text is not valid JSON.
    InvalidJson,
    /// A key that the definition does not know.
    UnknownKey,
    /// A required key is absent.
    MissingKey,
    /// A value of the wrong type or form (a date, a number, an unknown option).
    InvalidValue,
    /// A criterion names a parameter the programme does not define.
    UndefinedParameter,
    /// Two parameters or two goals share an id.
    DuplicateId,
    /// A target or tolerance outside [0, 1].
    TargetOutOfRange,
    /// A parameter with an empty or reversed scale, or none at all; a scale
    /// bound beyond ±1 000 000 or a ladder of more than 50 levels.
    InvalidScale,
    /// A criterion that cannot be evaluated (empty `any`, `at_least` too large, …).
    InvalidCriterion,
    /// Criteria nested deeper than 64 levels.
    CriterionTooDeep,
    /// More than 10 000 criteria in all goals together, counted as written
    /// (a shared sub-criterion counts each time it appears).
    CriterionTooLarge,
    /// A definition text longer than 1 MiB (`docs/programme.md#limits`).
    ProgrammeTooLarge,
    /// `start` not before `end`, or `planned_participants` below 1.
    InvalidPeriod,
    /// A status date before the programme's `start`
    /// (`docs/method.md#status-on-a-date`).
    StatusOnBeforeStart,
    /// A status date after the report's as-of date
    /// (`docs/method.md#status-on-a-date`).
    StatusOnAfterAsOf,
}

impl ProgrammeErrorKind {
    /// The stable code, e.g. `undefined_parameter`.
    pub fn code(self) -> &'static str {
        self.into()
    }
}

/// What is wrong with a partial report or a combination of partials
/// (`docs/partials.md#errors`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum PartialErrorKind {
    /// The text is not a stegvis partial: not JSON, another format, or
    /// counts that do not fit its programme or each other.
    InvalidPartial,
    /// A partial of a format version this stegvis does not read.
    UnsupportedPartialVersion,
    /// Partials of different programme definitions.
    PartialProgrammeDiffers,
    /// Partials of different as-of dates.
    PartialAsOfDiffers,
    /// Partials counted under different settings: trend dates, status
    /// date or profile.
    PartialSettingsDiffer,
    /// Nothing to combine.
    NoPartials,
    /// Combined counts beyond the limits (`docs/partials.md#limits`).
    PartialTooLarge,
}

impl PartialErrorKind {
    /// The stable code, e.g. `partial_as_of_differs`.
    pub fn code(self) -> &'static str {
        self.into()
    }
}

/// What is wrong with an input row; its snake_case name is the error's
/// stable code (in strict mode, the data-quality kind's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum DataErrorKind {
    /// The file could not be read.
    #[strum(serialize = "io_error")]
    Io,
    /// The path names a directory, not a file.
    NotAFile,
    /// The CSV is malformed (unbalanced quotes, a NUL byte, …).
    InvalidCsv,
    /// Bytes that are not valid in the file's encoding (detected or given).
    InvalidEncoding,
    /// A row of a CSV file longer than 1 MiB.
    RowTooLarge,
    /// An assessments or follow-ups table of more than 4 294 967 295 rows
    /// (`docs/data.md#size-limits`).
    TooManyRows,
    /// A file read as an .xlsx workbook that is not one: not a zip archive,
    /// an encrypted or damaged one, or one without a workbook in it
    /// (`docs/data.md#xlsx-files`).
    InvalidXlsx,
    /// An .xlsx workbook over the size bounds (`docs/data.md#xlsx-limits`).
    XlsxTooLarge,
    /// A workbook read for all tables has no sheet for a required table
    /// (`docs/data.md#workbook-sheets`).
    MissingSheet,
    /// A required column is absent.
    MissingColumn,
    /// A required value is empty.
    MissingValue,
    /// Not an ISO 8601 calendar date.
    InvalidDate,
    /// Not one of the accepted gender spellings.
    InvalidGender,
    /// Not one of the accepted exit outcomes.
    InvalidExitOutcome,
    /// Not an integer and not a label of the parameter.
    InvalidLevel,
    /// Not true/false (or ja/nej, yes/no, 1/0).
    InvalidBool,
    /// An empty id, or one longer than 128 bytes.
    InvalidId,
    /// Tags that are not text (or a list of texts).
    InvalidTags,
    /// A record (in a list of records) that is not an object.
    InvalidRecord,
    /// The exit date is before the entry date.
    ExitBeforeEntry,
    /// An exit outcome is given without an exit date.
    OutcomeWithoutExit,
    /// A participant id appears twice (under `reentry = "error"`).
    DuplicateParticipant,
    /// Two episodes of one participant overlap (`docs/data.md#episodes`).
    OverlappingEpisodes,
    /// A breakdown column's cell that is a list or no value a column takes
    /// (`docs/data.md#breakdown-columns`).
    InvalidGroup,
    /// A breakdown column with more than 1 000 distinct values.
    TooManyGroups,
    /// Not one of the labour-market statuses (`docs/data.md#labour-status`).
    InvalidLabourStatus,
    /// Not one of the education bands (`docs/data.md#education`).
    InvalidEducation,
    /// The caller stopped the reading or the evaluation (a Python Ctrl-C,
    /// through the readers' and the evaluation's `Interrupt` hook).
    Interrupted,
    /// A data-quality issue, raised as an error in strict mode.
    Quality(IssueKind),
}

impl DataErrorKind {
    /// The stable code; in strict mode the data-quality kind.
    pub fn code(self) -> &'static str {
        match self {
            Self::Quality(kind) => kind.as_str(),
            other => other.into(),
        }
    }
}

/// `as_str`, `Display` and the position in `VARIANTS` for each vocabulary
/// enum, all from the strum and serde attributes above.
macro_rules! words {
    ($($word:ty),* $(,)?) => {$(
        impl $word {
            /// The snake_case name used in reports, programme files and codes.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// Position in report order, for per-word arrays and bit sets.
            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl std::fmt::Display for $word {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

words!(
    Gender,
    ExitOutcome,
    Table,
    IssueKind,
    GoalStatus,
    Population,
    Truth,
    Counted,
    LabourStatus,
    Education,
    Profile,
    EsfIndicator
);

impl Key for EsfIndicator {
    const ALL: &'static [Self] = EsfIndicator::VARIANTS;
    fn name(self) -> &'static str {
        self.as_str()
    }
    fn index(self) -> usize {
        EsfIndicator::index(self)
    }
}

impl Gender {
    /// Every gender, in report order.
    pub const ALL: [Gender; 4] = [
        Gender::Woman,
        Gender::Man,
        Gender::NonBinary,
        Gender::Unknown,
    ];
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
}

impl IssueKind {
    /// Every kind, in report order.
    pub const ALL: [IssueKind; 10] = [
        IssueKind::UnknownParticipant,
        IssueKind::UnknownParameter,
        IssueKind::OutsideWindow,
        IssueKind::ConflictingDuplicate,
        IssueKind::LevelOutsideScale,
        IssueKind::AgeOutsideEligible,
        IssueKind::UnknownGender,
        IssueKind::MissingExitOutcome,
        IssueKind::ConflictingFollowUp,
        IssueKind::ConflictingEpisode,
    ];
}

impl Truth {
    pub(crate) fn from_bool(b: bool) -> Self {
        if b { Truth::True } else { Truth::False }
    }
}

/// Kleene negation: unknown stays unknown.
impl std::ops::Not for Truth {
    type Output = Truth;

    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// The keys of a report breakdown: a closed set of words in report order,
/// each with its name in the JSON report.
pub trait Key: Copy + PartialEq + 'static {
    /// Every key, in report order.
    const ALL: &'static [Self];
    /// The key's name in reports (`woman`, `employment`, `missing`).
    fn name(self) -> &'static str;
    /// Position in [`Key::ALL`].
    fn index(self) -> usize;
}

impl Key for Gender {
    const ALL: &'static [Self] = &Gender::ALL;
    fn name(self) -> &'static str {
        self.as_str()
    }
    fn index(self) -> usize {
        Gender::index(self)
    }
}

/// An exit outcome or follow-up status as a report row: one of the
/// outcomes, or `None` (named `missing`) when none was recorded.
impl Key for Option<ExitOutcome> {
    const ALL: &'static [Self] = &{
        let mut all = [None; ExitOutcome::ALL.len() + 1];
        let mut i = 0;
        while i < ExitOutcome::ALL.len() {
            all[i] = Some(ExitOutcome::ALL[i]);
            i += 1;
        }
        all
    };
    fn name(self) -> &'static str {
        self.map_or(MISSING, ExitOutcome::as_str)
    }
    fn index(self) -> usize {
        self.map_or(ExitOutcome::ALL.len(), ExitOutcome::index)
    }
}

/// A participant's labour-market status at entry (`docs/data.md#labour-status`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum LabourStatus {
    /// Unemployed, not long-term (arbetslös).
    Unemployed,
    /// Long-term unemployed (långtidsarbetslös); also unemployed.
    LongTermUnemployed,
    /// Outside the labour force (utanför arbetskraften).
    Inactive,
    /// Employed, including self-employed (sysselsatt).
    Employed,
}

/// A participant's highest education at entry, as an ISCED band
/// (`docs/data.md#education`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Education {
    /// ISCED 0–2: at most lower secondary (grundskola).
    #[serde(rename = "isced_0_2")]
    #[strum(serialize = "isced_0_2")]
    Isced02,
    /// ISCED 3–4: upper secondary or post-secondary non-tertiary (gymnasium).
    #[serde(rename = "isced_3_4")]
    #[strum(serialize = "isced_3_4")]
    Isced34,
    /// ISCED 5–8: tertiary (eftergymnasial).
    #[serde(rename = "isced_5_8")]
    #[strum(serialize = "isced_5_8")]
    Isced58,
}

/// A report profile (`docs/esf.md#profile`): extra sections a funder asks for.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Profile {
    /// The ESF+ common indicators (`docs/esf.md#indicators`).
    Esf,
}

/// A profile name that is not `esf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownProfile;

impl std::fmt::Display for UnknownProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unknown profile (expected esf)")
    }
}

impl std::error::Error for UnknownProfile {}

/// Parses `esf`, ignoring case and surrounding space (`docs/esf.md#profile`).
impl std::str::FromStr for Profile {
    type Err = UnknownProfile;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim().eq_ignore_ascii_case("esf") {
            Ok(Profile::Esf)
        } else {
            Err(UnknownProfile)
        }
    }
}

/// One row of the ESF+ section (`docs/esf.md#indicators`), in report order.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EsfIndicator {
    /// Output: every participant.
    Participants,
    /// Output: unemployed, long-term unemployed included.
    Unemployed,
    /// Output: long-term unemployed.
    LongTermUnemployed,
    /// Output: inactive.
    Inactive,
    /// Output: employed, self-employed included.
    Employed,
    /// Output: under 18 at entry.
    #[serde(rename = "age_under_18")]
    #[strum(serialize = "age_under_18")]
    AgeUnder18,
    /// Output: 18–29 at entry.
    #[serde(rename = "age_18_29")]
    #[strum(serialize = "age_18_29")]
    Age18To29,
    /// Output: 55 or over at entry.
    #[serde(rename = "age_55_plus")]
    #[strum(serialize = "age_55_plus")]
    Age55Plus,
    /// Output: ISCED 0–2.
    #[serde(rename = "isced_0_2")]
    #[strum(serialize = "isced_0_2")]
    Isced02,
    /// Output: ISCED 3–4.
    #[serde(rename = "isced_3_4")]
    #[strum(serialize = "isced_3_4")]
    Isced34,
    /// Output: ISCED 5–8.
    #[serde(rename = "isced_5_8")]
    #[strum(serialize = "isced_5_8")]
    Isced58,
    /// Immediate: the exited whose 28-day window has closed.
    Left,
    /// Immediate: engaged in job searching.
    JobSearching,
    /// Immediate: in education or training.
    InEducation,
    /// Immediate: gaining a qualification.
    GainingQualification,
    /// Immediate: in employment, self-employment included.
    InEmployment,
    /// Longer-term: due for the six-month follow-up.
    #[serde(rename = "due_6_months")]
    #[strum(serialize = "due_6_months")]
    Due6Months,
    /// Longer-term: reached at the six-month follow-up.
    #[serde(rename = "reached_6_months")]
    #[strum(serialize = "reached_6_months")]
    Reached6Months,
    /// Longer-term: in employment at the six-month follow-up.
    #[serde(rename = "employed_6_months")]
    #[strum(serialize = "employed_6_months")]
    Employed6Months,
    /// Data quality: no labour-market status.
    MissingLabourStatus,
    /// Data quality: no education band.
    MissingEducation,
    /// Data quality: no birth date (no age band).
    MissingBirthDate,
    /// Data quality: unknown gender.
    MissingGender,
    /// Data quality: left, with no event in the 28-day window.
    NoEventInWindow,
    /// Data quality: left, window still open at the as-of date.
    WindowOpen,
}

impl EsfIndicator {
    /// The output indicators, at entry, in report order
    /// (`docs/esf.md#indicators`).
    pub const OUTPUTS: [EsfIndicator; 11] = [
        EsfIndicator::Participants,
        EsfIndicator::Unemployed,
        EsfIndicator::LongTermUnemployed,
        EsfIndicator::Inactive,
        EsfIndicator::Employed,
        EsfIndicator::AgeUnder18,
        EsfIndicator::Age18To29,
        EsfIndicator::Age55Plus,
        EsfIndicator::Isced02,
        EsfIndicator::Isced34,
        EsfIndicator::Isced58,
    ];
    /// The immediate results (28 days, last event), in report order.
    pub const IMMEDIATE: [EsfIndicator; 5] = [
        EsfIndicator::Left,
        EsfIndicator::JobSearching,
        EsfIndicator::InEducation,
        EsfIndicator::GainingQualification,
        EsfIndicator::InEmployment,
    ];
    /// The longer-term results (six months), in report order.
    pub const LONGER_TERM: [EsfIndicator; 3] = [
        EsfIndicator::Due6Months,
        EsfIndicator::Reached6Months,
        EsfIndicator::Employed6Months,
    ];
    /// The data-quality counts, in report order.
    pub const QUALITY: [EsfIndicator; 6] = [
        EsfIndicator::MissingLabourStatus,
        EsfIndicator::MissingEducation,
        EsfIndicator::MissingBirthDate,
        EsfIndicator::MissingGender,
        EsfIndicator::NoEventInWindow,
        EsfIndicator::WindowOpen,
    ];
}

/// `str::trim`, skipped when the text visibly needs none: the usual case,
/// and the Unicode-aware trim was a noticeable share of reading time (of
/// every id, label and gender cell). How cells, ids and labels are trimmed.
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Whether two words are equal ignoring case (Unicode lowercase, so `Okänt`
/// = `okänt`), without allocating: how labels and names are compared.
pub(crate) fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The name of the "not recorded" row of an outcome breakdown.
pub const MISSING: &str = "missing";

/// The Swedish names a column may also have (`docs/data.md#column-names`),
/// as Swedish spreadsheets head them; empty for a name without any.
pub fn column_aliases(name: &str) -> &'static [&'static str] {
    match name {
        "id" => &["deltagare", "deltagar_id", "deltagar-id", "deltagarid"],
        "participant_id" => &["deltagare", "deltagar_id", "deltagar-id", "deltagarid"],
        "gender" => &["kön", "kon"],
        "birth_date" => &["födelsedatum"],
        "entry_date" => &["startdatum", "inskrivningsdatum"],
        "exit_date" => &["slutdatum", "avslutsdatum", "utskrivningsdatum"],
        "exit_outcome" => &["avslutsorsak"],
        "tags" => &["taggar"],
        "date" => &["datum"],
        "parameter" => &["område"],
        "level" => &["nivå", "skattning"],
        "receives_assistance" => &["försörjningsstöd"],
        _ => &[],
    }
}

/// The sheet names that hold `table` in a workbook read for all tables
/// (`docs/data.md#workbook-sheets`), in lowercase: the English name, then
/// the Swedish. A sheet's name is compared after trimming, ignoring case.
pub fn sheet_names(table: Table) -> &'static [&'static str] {
    match table {
        Table::Participants => &["participants", "deltagare"],
        Table::Assessments => &["assessments", "skattningar"],
        Table::FollowUps => &["follow_ups", "follow-ups", "uppföljningar", "uppfoljningar"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_trim_trims_as_str_trim_does() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "N-1",
            "\u{a0}N1",
            "N1\u{3000}",
            "\u{feff}N1",
            "Å",
            " Å ",
            "Arbete/studier",
            "ab\u{2028}",
            "\u{85}x",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_quick_trim_is_str_trim(s in "\\PC{0,6}|[ \t\u{a0}\u{3000}]{0,2}[a-zÅ]{0,3}[ \u{85}]{0,2}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }
    }

    /// strum's names (as_str) and serde's (JSON, programme files) come from
    /// two attributes; they must never disagree.
    fn agree<T: Serialize + Copy + Into<&'static str>>(all: &[T]) {
        for &word in all {
            let json = serde_json::to_value(word).expect("serialises");
            assert_eq!(json, serde_json::Value::from(word.into()));
        }
    }

    #[test]
    fn the_esf_groups_are_every_indicator_in_report_order() {
        let grouped: Vec<EsfIndicator> = [
            &EsfIndicator::OUTPUTS[..],
            &EsfIndicator::IMMEDIATE,
            &EsfIndicator::LONGER_TERM,
            &EsfIndicator::QUALITY,
        ]
        .concat();
        assert_eq!(grouped, EsfIndicator::VARIANTS);
    }

    #[test]
    fn serde_and_strum_names_agree() {
        agree(Gender::VARIANTS);
        agree(ExitOutcome::VARIANTS);
        agree(Table::VARIANTS);
        agree(IssueKind::VARIANTS);
        agree(GoalStatus::VARIANTS);
        agree(Population::VARIANTS);
        agree(Truth::VARIANTS);
        agree(Counted::VARIANTS);
        agree(BreakdownKind::VARIANTS);
        agree(LabourStatus::VARIANTS);
        agree(Education::VARIANTS);
        agree(Profile::VARIANTS);
        agree(EsfIndicator::VARIANTS);
        agree(Characteristic::VARIANTS);
        agree(Caveat::VARIANTS);
    }

    #[test]
    fn all_lists_every_variant_in_declaration_order() {
        assert_eq!(&Gender::ALL[..], Gender::VARIANTS);
        assert_eq!(&ExitOutcome::ALL[..], ExitOutcome::VARIANTS);
        assert_eq!(&IssueKind::ALL[..], IssueKind::VARIANTS);
        for (i, g) in Gender::ALL.iter().enumerate() {
            assert_eq!(g.index(), i);
        }
    }

    #[test]
    fn outcome_keys_end_with_missing() {
        let names: Vec<&str> = <Option<ExitOutcome> as Key>::ALL
            .iter()
            .map(|k| k.name())
            .collect();
        assert_eq!(names.len(), 11);
        assert_eq!(names[0], "employment");
        assert_eq!(names[10], "missing");
        assert_eq!(Key::index(None::<ExitOutcome>), 10);
    }
}
