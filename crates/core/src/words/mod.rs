//! The catalogue of words and the number formats: every label, phrase and
//! explanation reason that any surface shows, in every language, and one
//! formatter per language for counts, shares, intervals and percentage
//! points (docs/report.md#words).
//!
//! Words are keyed by typed enums ([`Word`]); phrases that carry values are
//! typed variants with fields ([`Phrase`], [`Reason`]). Each language is one
//! file (`en.rs`, `sv.rs`) that matches every key exhaustively, so the
//! compiler refuses a missing word. Adding a language is one file, one
//! [`Language`] variant and its arm in `Language::catalogue`.
//!
//! This layer sits just above the vocabulary: errors take their English
//! descriptions from it, and the report, the engine and the bindings take
//! everything they print from it.

mod en;
mod sv;
mod visible;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Deserialize;
use strum::{IntoStaticStr, VariantArray};

pub(crate) use visible::push_visible;
pub use visible::{is_hidden, visible};

use crate::vocab::{
    Counted, DataErrorKind, EsfIndicator, ExitOutcome, Gender, GoalStatus, IssueKind,
    PartialErrorKind, Population, ProgrammeErrorKind, Table, Truth,
};

// ------------------------------------------------------------------ language

/// The language of words and number formats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, VariantArray)]
pub enum Language {
    /// Svenska.
    Swedish,
    /// English.
    #[default]
    English,
}

/// A language name that is none of `sv`, `en`, `svenska`, `english`, `swedish`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownLanguage;

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown language (expected sv or en)")
    }
}

impl std::error::Error for UnknownLanguage {}

/// Parses `sv`, `svenska`, `swedish`, `en`, `english`, ignoring case and
/// surrounding space.
impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "sv" | "svenska" | "swedish" => Ok(Language::Swedish),
            "en" | "english" | "engelska" => Ok(Language::English),
            _ => Err(UnknownLanguage),
        }
    }
}

/// What one language file provides.
struct Catalogue {
    /// ISO 639-1 code.
    code: &'static str,
    /// The language's name in itself, for language switches.
    name: &'static str,
    word: fn(Word) -> &'static str,
    phrase: fn(&Phrase<'_>, Language, &mut String),
    reason: fn(&Reason<'_>, &mut String),
    style: Style,
}

impl Language {
    /// Every language.
    pub const ALL: &'static [Language] = Language::VARIANTS;

    fn catalogue(self) -> &'static Catalogue {
        match self {
            Language::English => &en::CATALOGUE,
            Language::Swedish => &sv::CATALOGUE,
        }
    }

    /// The ISO 639-1 code: `en`, `sv`.
    pub fn code(self) -> &'static str {
        self.catalogue().code
    }

    /// The language's own name (`English`, `Svenska`).
    pub fn name(self) -> &'static str {
        self.catalogue().name
    }

    /// A word (label, heading, status, …) in this language.
    pub fn word(self, word: impl Into<Word>) -> &'static str {
        (self.catalogue().word)(word.into())
    }

    /// The description of an error code in this language.
    pub fn error(self, code: ErrorCode) -> &'static str {
        self.word(Word::Error(code))
    }

    /// A phrase with values, in this language.
    pub fn phrase(self, phrase: &Phrase<'_>) -> String {
        let mut out = String::new();
        (self.catalogue().phrase)(phrase, self, &mut out);
        out
    }

    /// Appends an explanation reason in this language to `out`.
    pub fn write_reason(self, reason: &Reason<'_>, out: &mut String) {
        (self.catalogue().reason)(reason, out);
    }

    /// Every word in this language with its group and key (`"status"`,
    /// `"met"`, `"met"`), in catalogue order: what the bindings export.
    pub fn entries(self) -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
        Word::all()
            .into_iter()
            .map(move |w| (w.group(), w.key(), self.word(w)))
    }
}

// ------------------------------------------------------------------ words

/// Declares a group of words: a fieldless enum with snake_case keys, every
/// variant listed, and its conversion into [`Word`].
macro_rules! group {
    ($(#[$doc:meta])* $name:ident => $group:literal { $($(#[$vdoc:meta])* $variant:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, IntoStaticStr, VariantArray)]
        #[strum(serialize_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl From<$name> for Word {
            fn from(w: $name) -> Word {
                Word::$name(w)
            }
        }

        impl $name {
            /// The group's name in exported catalogues.
            pub const GROUP: &'static str = $group;
        }
    };
}

group! {
    /// Section headings.
    Section => "section" {
        /// The enrolment and the gender split.
        Enrolment,
        /// Goal attainment.
        Goals,
        /// Parameter change.
        Parameters,
        /// Exit outcomes.
        Exits,
        /// Follow-ups after exit.
        FollowUps,
        /// Exits and follow-ups side by side (the page).
        ExitsAndFollowUps,
        /// Data-quality issues.
        DataQuality,
        /// The page's input section.
        ProgrammeAndData,
        /// Results per group of each breakdown.
        Breakdowns,
        /// The ESF+ common indicators (`docs/esf.md#indicators`).
        Esf,
        /// Assistance before and after (`docs/method.md#assistance-before-after`).
        Assistance,
        /// The participants beside a comparison group.
        Comparison,
        /// Enrolment and goals at each trend date.
        Trend,
        /// Status on a calendar date (`docs/method.md#status-on-a-date`).
        StatusOn,
    }
}

group! {
    /// Column heads of report tables.
    Column => "column" {
        /// The goal.
        Goal,
        /// Which participants a goal counts.
        Population,
        /// The population's size.
        PopulationSize,
        /// How many achieved the goal.
        Achieved,
        /// How many are unknown.
        Unknown,
        /// How many unknown were left out of the denominator.
        Excluded,
        /// The denominator.
        Denominator,
        /// A share.
        Share,
        /// The 95 % confidence interval.
        Interval,
        /// A target share (never just "goal": a table has one goal column).
        Target,
        /// Met or not.
        Status,
        /// Whether the interval lies on one side of the target.
        Confident,
        /// Gender.
        Gender,
        /// A count.
        Count,
        /// Share minus target.
        Deviation,
        /// Whether the deviation is within the tolerance.
        WithinTolerance,
        /// Participants still to recruit to reach the target split.
        StillToRecruit,
        /// Participants the target split was missed by, once recruitment
        /// has closed.
        Missed,
        /// The projected share at the planned total, with its interval.
        Projected,
        /// A parameter.
        Parameter,
        /// Participants with a defined gain.
        Evaluable,
        /// Gain above zero.
        Improved,
        /// Gain zero.
        Unchanged,
        /// Gain below zero.
        Worsened,
        /// Mean gain.
        MeanGain,
        /// A name.
        Name,
        /// Where participants went.
        ExitOutcome,
        /// A follow-up horizon.
        FollowUp,
        /// Exited participants whose window has closed.
        Due,
        /// Due participants with a follow-up in the window.
        Reached,
        /// Due participants without one.
        NotReached,
        /// Reached over due.
        ResponseRate,
        /// Not yet due, but already followed up.
        Early,
        /// A share among the reached.
        ShareOfReached,
        /// A share among the due.
        ShareOfDue,
        /// Participants no longer receiving assistance, of the due.
        OffAssistanceOfDue,
        /// Participants exited by as-of.
        Exited,
        /// Participants no longer receiving assistance.
        OffAssistance,
        /// A data-quality issue.
        Issue,
        /// An input table.
        Table,
        /// The first offending rows.
        FirstRows,
        /// The corner of a transition matrix.
        TransitionCorner,
        /// A breakdown's group.
        Group,
        /// Participants enrolled (a column).
        Enrolled,
        /// A trend date (a column).
        Date,
        /// A share among those with a follow-up on the status date.
        ShareOfFollowedUp,
        /// A share among those exited by the status date.
        ShareOfExited,
    }
}

group! {
    /// Labels of single values and short notes.
    Label => "label" {
        /// Participants enrolled.
        Enrolled,
        /// Participants planned.
        Planned,
        /// Enrolled over planned.
        ShareOfPlan,
        /// Expected enrolment by now.
        ExpectedByNow,
        /// The last day of recruitment.
        RecruitmentEnd,
        /// Recruitment is still open.
        RecruitmentOpen,
        /// Recruitment has closed.
        RecruitmentClosed,
        /// Before a population's `where` criterion.
        Where,
        /// The women − men gap.
        GapWomenMen,
        /// A programme without goals.
        NoGoals,
        /// A programme without parameters.
        NoParameters,
        /// A programme without follow-up horizons.
        NoFollowUps,
        /// Data without issues.
        NoIssues,
        /// The row of every gender together.
        AllGenders,
        /// The due without a follow-up, as a row of a status table.
        NotReached,
        /// Title of the follow-up assistance table.
        AssistanceBothWays,
        /// Yes.
        Yes,
        /// No.
        No,
        /// The interval lies on the status's side of the target.
        Confident,
        /// The interval spans the target.
        NotConfident,
        /// The title of an age breakdown.
        ByAge,
        /// The title of a tag breakdown (followed by the tag).
        ByTag,
        /// The title of a column breakdown (followed by the column).
        ByColumn,
        /// The title of an entry-cohort breakdown.
        ByCohort,
        /// The group of participants without a value.
        UnknownGroup,
        /// How re-entry is counted (`docs/method.md#episodes`).
        Reentry,
        /// `reentry = "once"`.
        ReentryOnce,
        /// `reentry = "per_episode"`.
        ReentryPerEpisode,
        /// `reentry = "error"`.
        ReentryError,
        /// Distinct persons.
        Persons,
        /// Episodes begun by as-of.
        Episodes,
        /// Persons with two or more episodes.
        Reentrants,
        /// Returns after a gap.
        Reentries,
        /// ESF+: the output indicators.
        EsfOutputs,
        /// ESF+: the immediate results (28 days).
        EsfImmediate,
        /// ESF+: the longer-term results (six months).
        EsfLongerTerm,
        /// ESF+: the data-quality counts.
        EsfQuality,
        /// ESF+: the indicators that need registers.
        EsfRegisters,
        /// The before/after table's indicator column.
        AssistanceStep,
        /// The exit row of the before/after table.
        AtExit,
        /// On assistance at entry, of those recorded.
        OnAssistanceAtEntry,
        /// Population column of the before/after table.
        OnAtEntryAndDue,
        /// Recorded column of the before/after table.
        AssistanceRecorded,
        /// Count column of the before/after table.
        NotOnAssistance,
        /// Share column of the before/after table.
        ShareNotOnAssistance,
        /// No one with assistance recorded at entry.
        NoAssistanceAtEntry,
        /// The status date (`docs/method.md#status-on-a-date`).
        StatusDate,
        /// The status date's tolerance in days before it.
        StatusTolerance,
        /// Exited on or before the status date.
        ExitedByDate,
        /// With a follow-up within the tolerance.
        WithFollowUp,
        /// Without a follow-up within the tolerance, as a row.
        NoFollowUp,
        /// On assistance at the chosen follow-up.
        OnAssistance,
        /// Assistance not recorded at the chosen follow-up.
        AssistanceNotRecorded,
        /// The participants, as one side of a comparison.
        ComparisonParticipants,
        /// The comparison group.
        ComparisonGroup,
        /// The participants' share − the comparison group's, with its interval.
        ComparisonDifference,
        /// Title of the balance table.
        Balance,
        /// Column head of the balance table's characteristics.
        Characteristic,
        /// Column head of a difference of shares.
        Difference,
        /// A balance characteristic: gender.
        CharacteristicGender,
        /// A balance characteristic: age band at entry.
        CharacteristicAge,
        /// A balance characteristic: a tag.
        CharacteristicTag,
        /// Title of the comparison group's data-quality table.
        ComparisonDataQuality,
        /// The selection caveat (`docs/comparison.md#caveat`).
        CaveatSelection,
    }
}

group! {
    /// Markers that stand in for a value, and the units.
    Marker => "marker" {
        /// A value hidden by disclosure control.
        Suppressed,
        /// A value that is not defined (nobody to count).
        Undefined,
        /// More rows than listed.
        More,
        /// The percent sign.
        Percent,
        /// Percentage points, abbreviated (tables).
        PointsShort,
        /// Percentage points, in full (running text, legends).
        PointsLong,
        /// Between the bounds of a signed interval.
        To,
    }
}

group! {
    /// What the markers mean, for legends and tooltips.
    Legend => "legend" {
        /// Meaning of [`Marker::Undefined`].
        Undefined,
        /// Meaning of [`Marker::Suppressed`].
        Suppressed,
    }
}

group! {
    /// The labels of an explanation.
    Explain => "explain" {
        /// Whether the participant is in the population.
        InPopulation,
        /// The criterion's value.
        Value,
        /// How the participant is counted.
        Counted,
        /// Why.
        Reason,
        /// A participant's episodes (`docs/method.md#explanations`).
        Episodes,
        /// Which episode an explanation counts.
        Episode,
    }
}

group! {
    /// The page's own interface words.
    Ui => "ui" {
        /// Skip link.
        Skip,
        /// Under the page title.
        Tagline,
        /// The language switch's name.
        Language,
        /// What the language switch does.
        LanguageHint,
        /// Where files are dropped.
        DropHint,
        /// The programme file input.
        FileProgramme,
        /// The participants file input.
        FileParticipants,
        /// The assessments file input.
        FileAssessments,
        /// The follow-ups file input.
        FileFollowUps,
        /// Loads the bundled example.
        LoadExample,
        /// The as-of date input.
        AsOf,
        /// The status date input (`docs/method.md#status-on-a-date`).
        StatusOnDate,
        /// Clears everything.
        Clear,
        /// Downloads the report as JSON.
        DownloadJson,
        /// Downloads the report as CSV.
        DownloadCsv,
        /// Downloads the report as an Excel workbook (`docs/report.md#workbook`).
        DownloadXlsx,
        /// The footer.
        Footer,
        /// While the module loads.
        Loading,
        /// When the module has loaded.
        Ready,
        /// No programme chosen.
        NeedProgramme,
        /// No participants chosen.
        NeedParticipants,
        /// While computing.
        Computing,
        /// While the participants file is read (`docs/page.md#progress`).
        ReadingParticipants,
        /// While the assessments file is read.
        ReadingAssessments,
        /// While the follow-ups file is read.
        ReadingFollowUps,
        /// While an Excel workbook holding several tables is read.
        ReadingWorkbook,
        /// The example could not be fetched.
        ExampleFailed,
        /// Before the goals: the assessments a goal or table needs are not
        /// loaded (`docs/page.md#missing-tables`).
        MissingAssessments,
        /// Before the goals: the follow-ups a goal or table needs are not loaded.
        MissingFollowUps,
        /// In place of a status that needs the assessments file.
        WaitingAssessments,
        /// In place of a status that needs the follow-ups file.
        WaitingFollowUps,
        /// A met or not-met status whose whole interval is at or above the target.
        IntervalAbove,
        /// A not-met status whose whole interval is below the target.
        IntervalBelow,
        /// A status whose interval includes the target.
        IntervalSpans,
        /// The heading of the publishable copy's explanation
        /// (`docs/page.md#publishable-explanation`).
        PublishableHeading,
        /// Why the publishable copy hides what it hides.
        PublishableWhy,
        /// The gender split hidden as a whole.
        PublishableGenderSplit,
        /// A publishable copy that hides nothing.
        PublishableNothing,
        /// What the publishable switch does not protect against.
        PublishableLimits,
        /// Column head: a part of the report.
        ReportPart,
        /// Column head: how many values are hidden.
        HiddenValues,
        /// The cue under a table that scrolls sideways.
        ScrollHint,
        /// The heading of the templates and the column guide
        /// (`docs/page.md#templates`).
        Templates,
        /// What the templates are.
        TemplatesHint,
        /// Downloads the programme template.
        TemplateProgramme,
        /// Downloads the participants template.
        TemplateParticipants,
        /// Downloads the assessments template.
        TemplateAssessments,
        /// Downloads the follow-ups template.
        TemplateFollowUps,
        /// The title of the column guide.
        ColumnGuide,
        /// Column head of the guide: the column's name.
        ColumnName,
        /// Column head of the guide: whether the column is required.
        Required,
        /// Column head of the guide: what the column holds.
        Meaning,
        /// The programme file, in error locations.
        ProgrammeFile,
        /// The goal chart's title.
        GoalsChartTitle,
        /// The gender chart's title.
        GenderChartTitle,
        /// The title of the goal chart with a bar per gender.
        GoalsByGenderChartTitle,
        /// The workbook's sheet of goals per gender.
        GoalsByGenderSheet,
        /// The workbook's sheet of every figure (the tidy table).
        FiguresSheet,
    }
}

group! {
    /// What each column of the input tables holds, for the page's column
    /// guide (`docs/page.md#templates`, `docs/data.md#tables`).
    Guide => "guide" {
        /// participants.id.
        Id,
        /// participants.gender.
        Gender,
        /// participants.entry_date.
        EntryDate,
        /// participants.birth_date.
        BirthDate,
        /// participants.exit_date.
        ExitDate,
        /// participants.exit_outcome.
        ExitOutcome,
        /// participants.tags.
        Tags,
        /// participants.labour_status.
        LabourStatus,
        /// participants.education.
        Education,
        /// participants.assistance_at_entry.
        AssistanceAtEntry,
        /// participants.assistance_at_exit.
        AssistanceAtExit,
        /// participants.qualification.
        Qualification,
        /// A participant column of the breakdowns (`column:district`).
        BreakdownColumn,
        /// assessments.participant_id and follow_ups.participant_id.
        ParticipantId,
        /// assessments.date.
        AssessmentDate,
        /// assessments.parameter.
        Parameter,
        /// assessments.level.
        Level,
        /// follow_ups.date.
        FollowUpDate,
        /// follow_ups.status.
        Status,
        /// follow_ups.receives_assistance.
        ReceivesAssistance,
    }
}

group! {
    /// The printable report's own words (docs/report.md#printable-report):
    /// its method paragraphs, the glossary's definitions, the notes on
    /// disclosure control, and the page's print button.
    Doc => "document" {
        /// The heading of the method paragraphs.
        Method,
        /// How a goal is counted and judged (docs/method.md#goal-results).
        MethodGoals,
        /// The intervals (docs/method.md#intervals).
        MethodIntervals,
        /// The gender split (docs/method.md#enrolment).
        MethodGender,
        /// Parameters, exits and follow-ups (docs/method.md#parameter-table).
        MethodChange,
        /// The data and the as-of date (docs/method.md#who-is-in).
        MethodData,
        /// The heading of the glossary.
        Glossary,
        /// Defines [`Column::Population`].
        GlossPopulation,
        /// Defines [`Column::Achieved`].
        GlossAchieved,
        /// Defines [`Column::Unknown`].
        GlossUnknown,
        /// Defines [`Column::Excluded`].
        GlossExcluded,
        /// Defines [`Column::Share`].
        GlossShare,
        /// Defines [`Column::Interval`].
        GlossInterval,
        /// Defines [`Column::Target`].
        GlossTarget,
        /// Defines [`Column::Status`].
        GlossStatus,
        /// Defines [`Column::Confident`].
        GlossConfident,
        /// Defines [`Label::GapWomenMen`].
        GlossGap,
        /// Defines [`Column::Deviation`].
        GlossDeviation,
        /// Defines [`Column::WithinTolerance`].
        GlossTolerance,
        /// Defines [`Column::Evaluable`].
        GlossEvaluable,
        /// Defines [`Column::MeanGain`].
        GlossMeanGain,
        /// Defines [`Column::Due`].
        GlossDue,
        /// Defines [`Column::ResponseRate`].
        GlossResponseRate,
        /// The heading of the notes on disclosure control.
        Disclosure,
        /// What primary and secondary suppression hide, and why.
        DisclosureRule,
        /// A copy that is not publishable: nothing is hidden.
        NotSuppressed,
        /// A publishable copy that had nothing to hide.
        NothingHidden,
        /// Column head: a section of the report.
        Part,
        /// Column head: how many values a section hid.
        HiddenValues,
        /// The row of every section together.
        Total,
        /// The page's button that prints the document.
        PrintButton,
    }
}

/// The description of an error, by its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// An input-data error (or, in strict mode, a data-quality issue).
    Data(DataErrorKind),
    /// A programme-definition error.
    Programme(ProgrammeErrorKind),
    /// An error of a partial report (`docs/partials.md#errors`).
    Partial(PartialErrorKind),
}

impl ErrorCode {
    /// Every error code: the data errors (without the data-quality kinds,
    /// which are words of their own), then the programme errors.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::Data(DataErrorKind::Io),
        ErrorCode::Data(DataErrorKind::NotAFile),
        ErrorCode::Data(DataErrorKind::InvalidCsv),
        ErrorCode::Data(DataErrorKind::InvalidEncoding),
        ErrorCode::Data(DataErrorKind::RowTooLarge),
        ErrorCode::Data(DataErrorKind::TooManyRows),
        ErrorCode::Data(DataErrorKind::InvalidXlsx),
        ErrorCode::Data(DataErrorKind::XlsxTooLarge),
        ErrorCode::Data(DataErrorKind::MissingSheet),
        ErrorCode::Data(DataErrorKind::MissingColumn),
        ErrorCode::Data(DataErrorKind::MissingValue),
        ErrorCode::Data(DataErrorKind::InvalidDate),
        ErrorCode::Data(DataErrorKind::InvalidGender),
        ErrorCode::Data(DataErrorKind::InvalidExitOutcome),
        ErrorCode::Data(DataErrorKind::InvalidLevel),
        ErrorCode::Data(DataErrorKind::InvalidBool),
        ErrorCode::Data(DataErrorKind::InvalidId),
        ErrorCode::Data(DataErrorKind::InvalidTags),
        ErrorCode::Data(DataErrorKind::InvalidRecord),
        ErrorCode::Data(DataErrorKind::ExitBeforeEntry),
        ErrorCode::Data(DataErrorKind::OutcomeWithoutExit),
        ErrorCode::Data(DataErrorKind::DuplicateParticipant),
        ErrorCode::Data(DataErrorKind::OverlappingEpisodes),
        ErrorCode::Data(DataErrorKind::InvalidGroup),
        ErrorCode::Data(DataErrorKind::TooManyGroups),
        ErrorCode::Data(DataErrorKind::InvalidLabourStatus),
        ErrorCode::Data(DataErrorKind::InvalidEducation),
        ErrorCode::Data(DataErrorKind::Interrupted),
        ErrorCode::Programme(ProgrammeErrorKind::InvalidToml),
        ErrorCode::Programme(ProgrammeErrorKind::InvalidJson),
        ErrorCode::Programme(ProgrammeErrorKind::UnknownKey),
        ErrorCode::Programme(ProgrammeErrorKind::MissingKey),
        ErrorCode::Programme(ProgrammeErrorKind::InvalidValue),
        ErrorCode::Programme(ProgrammeErrorKind::UndefinedParameter),
        ErrorCode::Programme(ProgrammeErrorKind::DuplicateId),
        ErrorCode::Programme(ProgrammeErrorKind::TargetOutOfRange),
        ErrorCode::Programme(ProgrammeErrorKind::InvalidScale),
        ErrorCode::Programme(ProgrammeErrorKind::InvalidCriterion),
        ErrorCode::Programme(ProgrammeErrorKind::CriterionTooDeep),
        ErrorCode::Programme(ProgrammeErrorKind::CriterionTooLarge),
        ErrorCode::Programme(ProgrammeErrorKind::ProgrammeTooLarge),
        ErrorCode::Programme(ProgrammeErrorKind::InvalidPeriod),
        ErrorCode::Programme(ProgrammeErrorKind::StatusOnBeforeStart),
        ErrorCode::Programme(ProgrammeErrorKind::StatusOnAfterAsOf),
        ErrorCode::Partial(PartialErrorKind::InvalidPartial),
        ErrorCode::Partial(PartialErrorKind::UnsupportedPartialVersion),
        ErrorCode::Partial(PartialErrorKind::PartialProgrammeDiffers),
        ErrorCode::Partial(PartialErrorKind::PartialAsOfDiffers),
        ErrorCode::Partial(PartialErrorKind::PartialSettingsDiffer),
        ErrorCode::Partial(PartialErrorKind::NoPartials),
        ErrorCode::Partial(PartialErrorKind::PartialTooLarge),
    ];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::Data(kind) => kind.code(),
            ErrorCode::Programme(kind) => kind.code(),
            ErrorCode::Partial(kind) => kind.code(),
        }
    }
}

/// Any word of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Word {
    /// A section heading.
    Section(Section),
    /// A column head.
    Column(Column),
    /// A label or short note.
    Label(Label),
    /// A marker or unit.
    Marker(Marker),
    /// A legend text.
    Legend(Legend),
    /// A label of an explanation.
    Explain(Explain),
    /// An interface word of the page.
    Ui(Ui),
    /// What a column of an input table holds.
    Guide(Guide),
    /// A word of the printable report.
    Doc(Doc),
    /// A goal status.
    Status(GoalStatus),
    /// A gender as a group of participants (`women`).
    Gender(Gender),
    /// A gender of one participant (`woman`).
    GenderOne(Gender),
    /// An exit outcome or follow-up status; `None` when not recorded.
    Outcome(Option<ExitOutcome>),
    /// A goal's population.
    Population(Population),
    /// A data-quality issue kind.
    Issue(IssueKind),
    /// An input table.
    Table(Table),
    /// A criterion's three-valued truth.
    Truth(Truth),
    /// How a participant is counted for a goal.
    Counted(Counted),
    /// An error description.
    Error(ErrorCode),
    /// An ESF+ indicator (`docs/esf.md#indicators`).
    Esf(EsfIndicator),
}

/// `From` for the vocabulary's keys, so `lang.word(GoalStatus::Met)` reads.
macro_rules! keyed {
    ($($key:ty => $variant:ident),* $(,)?) => {$(
        impl From<$key> for Word {
            fn from(k: $key) -> Word {
                Word::$variant(k)
            }
        }
    )*};
}

keyed!(
    GoalStatus => Status,
    Gender => Gender,
    Option<ExitOutcome> => Outcome,
    Population => Population,
    IssueKind => Issue,
    Table => Table,
    Truth => Truth,
    Counted => Counted,
    ErrorCode => Error,
    EsfIndicator => Esf,
);

impl From<ExitOutcome> for Word {
    fn from(o: ExitOutcome) -> Word {
        Word::Outcome(Some(o))
    }
}

impl Word {
    /// Every word, group by group.
    pub fn all() -> Vec<Word> {
        let mut all = Vec::new();
        all.extend(Section::VARIANTS.iter().map(|&w| Word::Section(w)));
        all.extend(Column::VARIANTS.iter().map(|&w| Word::Column(w)));
        all.extend(Label::VARIANTS.iter().map(|&w| Word::Label(w)));
        all.extend(Marker::VARIANTS.iter().map(|&w| Word::Marker(w)));
        all.extend(Legend::VARIANTS.iter().map(|&w| Word::Legend(w)));
        all.extend(Explain::VARIANTS.iter().map(|&w| Word::Explain(w)));
        all.extend(Ui::VARIANTS.iter().map(|&w| Word::Ui(w)));
        all.extend(Guide::VARIANTS.iter().map(|&w| Word::Guide(w)));
        all.extend(Doc::VARIANTS.iter().map(|&w| Word::Doc(w)));
        all.extend(GoalStatus::VARIANTS.iter().map(|&w| Word::Status(w)));
        all.extend(Gender::ALL.iter().map(|&w| Word::Gender(w)));
        all.extend(Gender::ALL.iter().map(|&w| Word::GenderOne(w)));
        all.extend(ExitOutcome::ALL.iter().map(|&w| Word::Outcome(Some(w))));
        all.push(Word::Outcome(None));
        all.extend(Population::VARIANTS.iter().map(|&w| Word::Population(w)));
        all.extend(IssueKind::ALL.iter().map(|&w| Word::Issue(w)));
        all.extend(Table::VARIANTS.iter().map(|&w| Word::Table(w)));
        all.extend(Truth::VARIANTS.iter().map(|&w| Word::Truth(w)));
        all.extend(Counted::VARIANTS.iter().map(|&w| Word::Counted(w)));
        all.extend(ErrorCode::ALL.iter().map(|&w| Word::Error(w)));
        all.extend(EsfIndicator::VARIANTS.iter().map(|&w| Word::Esf(w)));
        all
    }

    /// The group's name in exported catalogues (`status`, `gender`, …).
    pub fn group(self) -> &'static str {
        match self {
            Word::Section(_) => Section::GROUP,
            Word::Column(_) => Column::GROUP,
            Word::Label(_) => Label::GROUP,
            Word::Marker(_) => Marker::GROUP,
            Word::Legend(_) => Legend::GROUP,
            Word::Explain(_) => Explain::GROUP,
            Word::Ui(_) => Ui::GROUP,
            Word::Guide(_) => Guide::GROUP,
            Word::Doc(_) => Doc::GROUP,
            Word::Status(_) => "status",
            Word::Gender(_) => "gender",
            Word::GenderOne(_) => "gender_one",
            Word::Outcome(_) => "outcome",
            Word::Population(_) => "population",
            Word::Issue(_) => "issue",
            Word::Table(_) => "table",
            Word::Truth(_) => "truth",
            Word::Counted(_) => "counted",
            Word::Error(_) => "error",
            Word::Esf(_) => "esf",
        }
    }

    /// Whether the key is a value that occurs in reports (`non_binary`,
    /// `not_met`, an error code), which bindings keep as it is, rather than
    /// a name of the catalogue's own (`load_example`), which they may spell
    /// in their language's style (`loadExample`).
    pub fn keyed_by_data(self) -> bool {
        !matches!(
            self,
            Word::Section(_)
                | Word::Column(_)
                | Word::Label(_)
                | Word::Marker(_)
                | Word::Legend(_)
                | Word::Explain(_)
                | Word::Ui(_)
                | Word::Guide(_)
                | Word::Doc(_)
        )
    }

    /// The word's key within its group: the snake_case name of the key
    /// (the same names as in the JSON report, `missing` for no outcome, the
    /// error code for errors).
    pub fn key(self) -> &'static str {
        match self {
            Word::Section(w) => w.into(),
            Word::Column(w) => w.into(),
            Word::Label(w) => w.into(),
            Word::Marker(w) => w.into(),
            Word::Legend(w) => w.into(),
            Word::Explain(w) => w.into(),
            Word::Ui(w) => w.into(),
            Word::Guide(w) => w.into(),
            Word::Doc(w) => w.into(),
            Word::Status(w) => w.as_str(),
            Word::Gender(w) | Word::GenderOne(w) => w.as_str(),
            Word::Outcome(w) => w.map_or(crate::vocab::MISSING, ExitOutcome::as_str),
            Word::Population(w) => w.as_str(),
            Word::Issue(w) => w.as_str(),
            Word::Table(w) => w.as_str(),
            Word::Truth(w) => w.as_str(),
            Word::Counted(w) => w.as_str(),
            Word::Error(w) => w.code(),
            Word::Esf(w) => w.as_str(),
        }
    }
}

// ------------------------------------------------------------------ phrases

/// A phrase with values, rendered by [`Language::phrase`]. Texts that are
/// themselves formatted figures (a count that may be suppressed) are passed
/// already formatted.
///
/// Deserialises from `{"phrase": "computed", "participants": 150, "ms": 12}`
/// (snake_case phrase names, camelCase fields), which is how the bindings
/// ask for one.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(
    tag = "phrase",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
#[non_exhaustive]
pub enum Phrase<'a> {
    /// "As of 2022-06-30".
    AsOf {
        /// The date.
        date: NaiveDate,
    },
    /// "programme 2020/00551".
    Programme {
        /// The programme's id.
        id: Cow<'a, str>,
    },
    /// "6 months ± 45 days".
    Horizon {
        /// Months after exit.
        months: u32,
        /// Half-width of the window in days.
        tolerance_days: u32,
    },
    /// The title of a transition matrix.
    Transitions {
        /// The parameter's id or name.
        parameter: Cow<'a, str>,
    },
    /// "Exited by as-of: 12".
    Exited {
        /// The (formatted) count.
        count: Cow<'a, str>,
    },
    /// The publishable toggle: "Publishable (hide counts below 5)".
    Publishable {
        /// The minimum cell size.
        min_cell: u64,
    },
    /// A note on a publishable copy.
    PublishableCopy {
        /// The minimum cell size.
        min_cell: u64,
    },
    /// Enrolment against plan in one sentence.
    EnrolmentSummary {
        /// Participants enrolled (formatted).
        enrolled: Cow<'a, str>,
        /// Participants planned (formatted).
        planned: Cow<'a, str>,
        /// Share of plan (formatted).
        share: Cow<'a, str>,
        /// Expected by now (formatted).
        expected: Cow<'a, str>,
    },
    /// "Computed 150 participants in 12 ms, in this browser."
    Computed {
        /// Participants enrolled.
        participants: u64,
        /// Milliseconds.
        ms: u64,
    },
    /// A dropped file whose table cannot be told from its columns.
    UnknownFile {
        /// The file name.
        name: Cow<'a, str>,
    },
    /// "row 5", in an error location.
    Row {
        /// The row (header = 1).
        row: u64,
    },
    /// "column gender", in an error location.
    Column {
        /// The column name.
        column: Cow<'a, str>,
    },
    /// "at `goals[1].target`", in an error location.
    At {
        /// The path in the programme definition.
        path: Cow<'a, str>,
    },
    /// "participant b (man)".
    Participant {
        /// The participant's id.
        id: Cow<'a, str>,
        /// The participant's gender.
        gender: Gender,
    },
    /// `stegvis validate`'s first line: the programme read and checked.
    ProgrammeChecked {
        /// The programme's name.
        name: Cow<'a, str>,
        /// The programme's id.
        id: Cow<'a, str>,
        /// How many parameters it defines.
        parameters: usize,
        /// How many goals it defines.
        goals: usize,
    },
    /// `stegvis validate`: how many data-quality issues the data has as of a date.
    DataChecked {
        /// The as-of date.
        date: NaiveDate,
        /// Offending rows, all kinds together.
        issues: u64,
    },
    /// `stegvis validate`'s last line when there are issues.
    IssuesFound {
        /// Offending rows, all kinds together.
        issues: u64,
    },
    /// `stegvis validate`'s last line when all is well.
    AllWell,
    /// The page's plain statement of the date a report describes.
    ReportDescribes {
        /// The as-of date.
        date: NaiveDate,
    },
    /// The page's warning that the as-of date lies outside the programme's
    /// period (the report still describes that date: docs/method.md#as-of).
    AsOfOutsidePeriod {
        /// The as-of date.
        date: NaiveDate,
        /// The programme's start.
        start: NaiveDate,
        /// The programme's end.
        end: NaiveDate,
    },
}

/// Which of the criterion's combinators an explanation opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combinator {
    /// `all(`.
    All,
    /// `any(`.
    Any,
    /// `not(`.
    Not,
}

/// One piece of an explanation, rendered by [`Language::write_reason`].
/// Built on the stack from borrowed names, so writing a reason allocates
/// only the text it appends to.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Reason<'a> {
    /// Whether the participant has a tag.
    Tag {
        /// The tag.
        name: &'a str,
        /// Has it.
        has: bool,
    },
    /// Opens a combinator.
    Open(Combinator),
    /// Between the items of a combinator.
    Separator,
    /// Closes a combinator.
    Close,
    /// A parameter with a gain.
    Gain {
        /// Parameter id.
        parameter: &'a str,
        /// Baseline level.
        baseline: i64,
        /// Latest level.
        latest: i64,
        /// Gain (in the direction of improvement).
        gain: i64,
        /// The smallest gain that counts.
        min_gain: i64,
    },
    /// A parameter assessed once.
    BaselineOnly {
        /// Parameter id.
        parameter: &'a str,
        /// The one level.
        baseline: i64,
    },
    /// A parameter never assessed, for a gain.
    NotEvaluable {
        /// Parameter id.
        parameter: &'a str,
    },
    /// How many parameters improved of how many.
    ImprovedCount {
        /// Improved.
        hits: usize,
        /// Listed.
        of: usize,
        /// Needed.
        needed: usize,
    },
    /// No parameter has a gain.
    NoMeanGain,
    /// The mean gain against the threshold.
    MeanGain {
        /// Mean gain.
        mean: f64,
        /// Over how many parameters.
        over: u32,
        /// The threshold.
        at_least: f64,
        /// Whether the mean reaches it (within the comparison tolerance).
        met: bool,
    },
    /// A parameter never assessed, for a level.
    NotAssessed {
        /// Parameter id.
        parameter: &'a str,
    },
    /// The latest level against the level to reach.
    Reached {
        /// Parameter id.
        parameter: &'a str,
        /// Latest level.
        latest: i64,
        /// Level to reach.
        level: i64,
        /// Reached.
        reached: bool,
    },
    /// Not exited, for an exit-outcome criterion.
    NotExited,
    /// Exited without a known outcome.
    OutcomeUnknown,
    /// Exited to an outcome.
    ExitedTo {
        /// The outcome.
        outcome: ExitOutcome,
        /// Whether the criterion lists it.
        listed: bool,
    },
    /// Assistance at entry, for `left_assistance`.
    AssistanceAtEntry {
        /// On assistance at entry, when recorded.
        on: Option<bool>,
    },
    /// Assistance at exit (`months` none) or at a follow-up.
    AssistanceAfter {
        /// Months after exit; none for the exit.
        months: Option<u32>,
        /// On assistance then, when recorded.
        on: Option<bool>,
    },
    /// Not exited, for a follow-up criterion.
    NoFollowUpYet {
        /// Months after exit.
        months: u32,
    },
    /// No follow-up in the window.
    NoFollowUp {
        /// Months after exit.
        months: u32,
        /// Half-width of the window in days.
        tolerance: u32,
    },
    /// Two follow-ups on one date disagree.
    ConflictingFollowUps {
        /// The date.
        date: NaiveDate,
    },
    /// The follow-up found.
    FollowUp {
        /// Months after exit.
        months: u32,
        /// Its date.
        date: NaiveDate,
        /// The status, when recorded.
        status: Option<ExitOutcome>,
        /// Whether assistance is received, when recorded.
        assistance: Option<bool>,
    },
    /// In the goal's population.
    InPopulation {
        /// The population.
        population: Population,
        /// Days in the programme.
        days: i64,
    },
    /// Exited, but not yet due for the population's follow-up
    /// (`docs/method.md#population`).
    NotDue {
        /// The horizon in months.
        months: u32,
        /// The window's last day, when within the calendar.
        closes: Option<NaiveDate>,
    },
    /// Left out by the population's `where` criterion; its reasoning follows.
    WhereNot {
        /// The criterion's value (false or unknown).
        value: Truth,
    },
    /// In the population, where the `where` criterion holds; its reasoning
    /// follows.
    WhereHolds,
    /// Not exited, for a goal counting the exited.
    NotExitedByAsOf,
    /// Exited, for a goal counting the active.
    ExitedByAsOf,
    /// Too few days in the programme.
    TooFewDays {
        /// Days in the programme.
        days: i64,
        /// Days required.
        min_days: u32,
    },
}

// ------------------------------------------------------------------ numbers

/// A language's number conventions.
#[derive(Debug, Clone, Copy)]
struct Style {
    /// The decimal separator.
    decimal: char,
    /// The thousands separator, used from [`GROUP_FROM`] up.
    group: char,
    /// The minus sign.
    minus: char,
    /// Between a number and its unit (`%`, `p.e.`): a no-break space, so
    /// a unit never wraps away from its number.
    unit_space: char,
}

/// Numbers below this are written without thousands separators, as
/// Swedish and English style guides allow for four digits; from five
/// digits on they are grouped so that columns of large counts read.
const GROUP_FROM: f64 = 10_000.0;

/// The no-break space between a number and its unit.
pub const NBSP: char = '\u{a0}';

/// How percentage points are written: abbreviated in tables, in full in
/// running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Points {
    /// `pp` / `p.e.`.
    Short,
    /// `percentage points` / `procentenheter`.
    Long,
}

impl Language {
    fn style(self) -> Style {
        self.catalogue().style
    }

    /// A count: `12`, `12,345` / `12 345`.
    pub fn count(self, n: u64) -> String {
        self.number(n as f64, 0)
    }

    /// A number with `decimals` decimals, the language's decimal separator
    /// and minus sign, grouped from five digits on; never `-0.0`.
    pub fn number(self, x: f64, decimals: usize) -> String {
        self.render(x, decimals, false)
    }

    /// A number with a sign: `+1.5`, `−1.5`, and `0.0` without one (a
    /// rounded zero has no direction).
    pub fn signed(self, x: f64, decimals: usize) -> String {
        self.render(x, decimals, true)
    }

    fn render(self, x: f64, decimals: usize, signed: bool) -> String {
        let style = self.style();
        let digits = format!("{:.decimals$}", x.abs());
        let zero = digits.chars().all(|c| c == '0' || c == '.');
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (digits.as_str(), None),
        };
        let mut out = String::with_capacity(digits.len() + 4);
        if !zero {
            if x < 0.0 {
                out.push(style.minus);
            } else if signed {
                out.push('+');
            }
        }
        if x.abs() >= GROUP_FROM {
            for (i, c) in whole.chars().enumerate() {
                if i > 0 && (whole.len() - i) % 3 == 0 {
                    out.push(style.group);
                }
                out.push(c);
            }
        } else {
            out.push_str(whole);
        }
        if let Some(f) = fraction {
            out.push(style.decimal);
            out.push_str(f);
        }
        out
    }

    /// A share as a percentage with one decimal: `66.7 %` / `66,7 %`.
    pub fn share(self, x: f64) -> String {
        self.percent(x, 1)
    }

    /// A share as a percentage with `decimals` decimals; shares in reports
    /// have one ([`Language::share`]), axis ticks none.
    pub fn percent(self, x: f64, decimals: usize) -> String {
        format!(
            "{}{}{}",
            self.number(x * 100.0, decimals),
            self.style().unit_space,
            self.word(Marker::Percent)
        )
    }

    /// A difference of shares in percentage points, signed: `+10.7 pp`.
    pub fn points(self, x: f64, form: Points) -> String {
        format!(
            "{}{}{}",
            self.signed(x * 100.0, 1),
            self.style().unit_space,
            self.points_unit(form)
        )
    }

    fn points_unit(self, form: Points) -> &'static str {
        self.word(match form {
            Points::Short => Marker::PointsShort,
            Points::Long => Marker::PointsLong,
        })
    }

    /// A share's interval: `20.8–93.9 %` (an en dash, the unit once).
    pub fn share_interval(self, lower: f64, upper: f64) -> String {
        format!(
            "{}–{}{}{}",
            self.number(lower * 100.0, 1),
            self.number(upper * 100.0, 1),
            self.style().unit_space,
            self.word(Marker::Percent)
        )
    }

    /// An interval of a difference, in percentage points: `−90.5 to +39.1
    /// pp`. Signed bounds take a word instead of the dash, which could be
    /// read as a minus.
    pub fn points_interval(self, lower: f64, upper: f64, form: Points) -> String {
        format!(
            "{} {} {}{}{}",
            self.signed(lower * 100.0, 1),
            self.word(Marker::To),
            self.signed(upper * 100.0, 1),
            self.style().unit_space,
            self.points_unit(form)
        )
    }

    /// A mean gain in levels, signed with two decimals: `+0.50`.
    pub fn mean_gain(self, x: f64) -> String {
        self.signed(x, 2)
    }

    /// `yes` / `ja` or `no` / `nej`.
    pub fn yes_no(self, b: bool) -> &'static str {
        self.word(if b { Label::Yes } else { Label::No })
    }

    /// The marker of a suppressed value: `supp.` / `dolt`.
    pub fn suppressed(self) -> &'static str {
        self.word(Marker::Suppressed)
    }

    /// The marker of an undefined value: `–`.
    pub fn undefined(self) -> &'static str {
        self.word(Marker::Undefined)
    }
}

// ------------------------------------------------------------------ checks

/// Every text the catalogue can produce in `lang`: each word, then each
/// phrase and reason rendered with sample values. For tests that a surface
/// prints nothing but catalogue words.
pub fn vocabulary(lang: Language) -> Vec<String> {
    let mut all: Vec<String> = lang.entries().map(|(_, _, text)| text.to_owned()).collect();
    all.extend(Language::ALL.iter().map(|l| l.name().to_owned()));
    all.extend(phrase_samples().iter().map(|p| lang.phrase(p)));
    for r in reason_samples() {
        let mut out = String::new();
        lang.write_reason(&r, &mut out);
        all.push(out);
    }
    all
}

#[cfg(test)]
/// The position of a phrase's variant: the match is exhaustive, so a new
/// phrase does not compile until it is numbered here, and a test then
/// checks that [`phrase_samples`] holds one of each.
fn phrase_variant(p: &Phrase<'_>) -> usize {
    match p {
        Phrase::AsOf { .. } => 0,
        Phrase::Programme { .. } => 1,
        Phrase::Horizon { .. } => 2,
        Phrase::Transitions { .. } => 3,
        Phrase::Exited { .. } => 4,
        Phrase::Publishable { .. } => 5,
        Phrase::PublishableCopy { .. } => 6,
        Phrase::EnrolmentSummary { .. } => 7,
        Phrase::Computed { .. } => 8,
        Phrase::UnknownFile { .. } => 9,
        Phrase::Row { .. } => 10,
        Phrase::Column { .. } => 11,
        Phrase::At { .. } => 12,
        Phrase::Participant { .. } => 13,
        Phrase::ProgrammeChecked { .. } => 14,
        Phrase::DataChecked { .. } => 15,
        Phrase::IssuesFound { .. } => 16,
        Phrase::AllWell => 17,
        Phrase::ReportDescribes { .. } => 18,
        Phrase::AsOfOutsidePeriod { .. } => 19,
    }
}

#[cfg(test)]
const PHRASES: usize = 20;

fn phrase_samples() -> Vec<Phrase<'static>> {
    let x = || Cow::Borrowed("x");
    let mut all = vec![
        Phrase::AsOf {
            date: NaiveDate::MIN,
        },
        Phrase::Programme { id: x() },
        Phrase::Horizon {
            months: 6,
            tolerance_days: 45,
        },
        Phrase::Transitions { parameter: x() },
        Phrase::Exited { count: x() },
        Phrase::Publishable { min_cell: 5 },
        Phrase::PublishableCopy { min_cell: 5 },
        Phrase::EnrolmentSummary {
            enrolled: x(),
            planned: x(),
            share: x(),
            expected: x(),
        },
        Phrase::Computed {
            participants: 1,
            ms: 1,
        },
        Phrase::UnknownFile { name: x() },
        Phrase::Row { row: 2 },
        Phrase::Column { column: x() },
        Phrase::At { path: x() },
        Phrase::ProgrammeChecked {
            name: x(),
            id: x(),
            parameters: 2,
            goals: 3,
        },
        Phrase::DataChecked {
            date: NaiveDate::MIN,
            issues: 2,
        },
        Phrase::IssuesFound { issues: 2 },
        Phrase::AllWell,
        Phrase::ReportDescribes {
            date: NaiveDate::MIN,
        },
        Phrase::AsOfOutsidePeriod {
            date: NaiveDate::MIN,
            start: NaiveDate::MIN,
            end: NaiveDate::MIN,
        },
    ];
    all.extend(
        Gender::ALL
            .iter()
            .map(|&gender| Phrase::Participant { id: x(), gender }),
    );
    all
}

#[cfg(test)]
/// As [`phrase_variant`], for reasons.
fn reason_variant(r: &Reason<'_>) -> usize {
    match r {
        Reason::Tag { .. } => 0,
        Reason::Open(_) => 1,
        Reason::Separator => 2,
        Reason::Close => 3,
        Reason::Gain { .. } => 4,
        Reason::BaselineOnly { .. } => 5,
        Reason::NotEvaluable { .. } => 6,
        Reason::ImprovedCount { .. } => 7,
        Reason::NoMeanGain => 8,
        Reason::MeanGain { .. } => 9,
        Reason::NotAssessed { .. } => 10,
        Reason::Reached { .. } => 11,
        Reason::NotExited => 12,
        Reason::OutcomeUnknown => 13,
        Reason::ExitedTo { .. } => 14,
        Reason::NoFollowUpYet { .. } => 15,
        Reason::NoFollowUp { .. } => 16,
        Reason::ConflictingFollowUps { .. } => 17,
        Reason::FollowUp { .. } => 18,
        Reason::InPopulation { .. } => 19,
        Reason::NotExitedByAsOf => 20,
        Reason::ExitedByAsOf => 21,
        Reason::AssistanceAtEntry { .. } => 22,
        Reason::AssistanceAfter { .. } => 23,
        Reason::TooFewDays { .. } => 22,
        Reason::NotDue { .. } => 23,
        Reason::WhereNot { .. } => 24,
        Reason::WhereHolds => 25,
    }
}

#[cfg(test)]
const REASONS: usize = 26;

fn reason_samples() -> Vec<Reason<'static>> {
    let p = "x";
    let mut all = Vec::new();
    for has in [true, false] {
        all.push(Reason::Tag { name: p, has });
        all.push(Reason::Reached {
            parameter: p,
            latest: 1,
            level: 2,
            reached: has,
        });
        all.push(Reason::MeanGain {
            mean: 0.5,
            over: 1,
            at_least: 1.0,
            met: has,
        });
        all.push(Reason::Gain {
            parameter: p,
            baseline: 1,
            latest: 2,
            gain: 1,
            min_gain: if has { 1 } else { 2 },
        });
    }
    for c in [Combinator::All, Combinator::Any, Combinator::Not] {
        all.push(Reason::Open(c));
    }
    all.extend([
        Reason::Separator,
        Reason::Close,
        Reason::BaselineOnly {
            parameter: p,
            baseline: 1,
        },
        Reason::NotEvaluable { parameter: p },
        Reason::ImprovedCount {
            hits: 1,
            of: 2,
            needed: 1,
        },
        Reason::NoMeanGain,
        Reason::NotAssessed { parameter: p },
        Reason::NotExited,
        Reason::OutcomeUnknown,
        Reason::NoFollowUpYet { months: 6 },
        Reason::NoFollowUp {
            months: 6,
            tolerance: 45,
        },
        Reason::ConflictingFollowUps {
            date: NaiveDate::MIN,
        },
        Reason::NotExitedByAsOf,
        Reason::ExitedByAsOf,
        Reason::AssistanceAtEntry { on: Some(true) },
        Reason::AssistanceAfter {
            months: Some(12),
            on: Some(false),
        },
        Reason::TooFewDays {
            days: 1,
            min_days: 2,
        },
        Reason::NotDue {
            months: 12,
            closes: Some(NaiveDate::MIN),
        },
        Reason::NotDue {
            months: 12,
            closes: None,
        },
        Reason::WhereNot {
            value: Truth::False,
        },
        Reason::WhereNot {
            value: Truth::Unknown,
        },
        Reason::WhereHolds,
    ]);
    for outcome in ExitOutcome::ALL {
        for listed in [true, false] {
            all.push(Reason::ExitedTo { outcome, listed });
        }
    }
    for status in <Option<ExitOutcome> as crate::vocab::Key>::ALL {
        for assistance in [Some(true), Some(false), None] {
            all.push(Reason::FollowUp {
                months: 6,
                date: NaiveDate::MIN,
                status: *status,
                assistance,
            });
        }
    }
    for &population in Population::VARIANTS {
        all.push(Reason::InPopulation {
            population,
            days: 1,
        });
    }
    all
}

#[cfg(test)]
mod tests;
