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
}

impl ProgrammeErrorKind {
    /// The stable code, e.g. `undefined_parameter`.
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
    /// A participant id appears twice.
    DuplicateParticipant,
    /// A breakdown column's cell that is a list or no value a column takes
    /// (`docs/data.md#breakdown-columns`).
    InvalidGroup,
    /// A breakdown column with more than 1 000 distinct values.
    TooManyGroups,
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
    Counted
);

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
    pub const ALL: [IssueKind; 9] = [
        IssueKind::UnknownParticipant,
        IssueKind::UnknownParameter,
        IssueKind::OutsideWindow,
        IssueKind::ConflictingDuplicate,
        IssueKind::LevelOutsideScale,
        IssueKind::AgeOutsideEligible,
        IssueKind::UnknownGender,
        IssueKind::MissingExitOutcome,
        IssueKind::ConflictingFollowUp,
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

/// Whether two words are equal ignoring case (Unicode lowercase, so `Okänt`
/// = `okänt`), without allocating: how labels and names are compared.
pub(crate) fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The name of the "not recorded" row of an outcome breakdown.
pub const MISSING: &str = "missing";

#[cfg(test)]
mod tests {
    use super::*;

    /// strum's names (as_str) and serde's (JSON, programme files) come from
    /// two attributes; they must never disagree.
    fn agree<T: Serialize + Copy + Into<&'static str>>(all: &[T]) {
        for &word in all {
            let json = serde_json::to_value(word).expect("serialises");
            assert_eq!(json, serde_json::Value::from(word.into()));
        }
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
