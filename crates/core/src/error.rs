//! Errors, each with a stable snake_case [`code`](Error::code).
//!
//! Messages name the file or table, the row (1-based, the header is row 1)
//! and the column, or the path in a programme definition. They never repeat
//! the offending value: input rows hold personal data.

use std::fmt;

use crate::vocab::{IssueKind, Table};

/// Any error stegvis reports.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The programme definition is invalid.
    #[error(transparent)]
    Programme(#[from] ProgrammeError),
    /// An input table is invalid (or, in strict mode, has a data-quality issue).
    #[error(transparent)]
    Data(#[from] DataError),
}

impl Error {
    /// The stable error code, e.g. `undefined_parameter` or `invalid_date`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Programme(e) => e.code(),
            Error::Data(e) => e.code(),
        }
    }
}

/// What is wrong with a programme definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// `start` not before `end`, or `planned_participants` below 1.
    InvalidPeriod,
}

impl ProgrammeErrorKind {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::InvalidToml => "invalid_toml",
            Self::InvalidJson => "invalid_json",
            Self::UnknownKey => "unknown_key",
            Self::MissingKey => "missing_key",
            Self::InvalidValue => "invalid_value",
            Self::UndefinedParameter => "undefined_parameter",
            Self::DuplicateId => "duplicate_id",
            Self::TargetOutOfRange => "target_out_of_range",
            Self::InvalidScale => "invalid_scale",
            Self::InvalidCriterion => "invalid_criterion",
            Self::CriterionTooDeep => "criterion_too_deep",
            Self::CriterionTooLarge => "criterion_too_large",
            Self::InvalidPeriod => "invalid_period",
        }
    }
}

/// An invalid programme definition, with the path of the offending value
/// (`goals[1].criterion.any[0].improved.parameters[0]`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("programme definition{}: {message} [{}]", path_suffix(.path), .kind.code())]
pub struct ProgrammeError {
    kind: ProgrammeErrorKind,
    path: String,
    message: String,
}

fn path_suffix(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(", at {path}")
    }
}

impl ProgrammeError {
    pub(crate) fn new(
        kind: ProgrammeErrorKind,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ProgrammeError {
            kind,
            path: path.into(),
            message: message.into(),
        }
    }
    /// What went wrong.
    pub fn kind(&self) -> ProgrammeErrorKind {
        self.kind
    }
    /// The stable code, e.g. `undefined_parameter`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
    /// Where, as a dotted path with 0-based indices; empty for the whole text.
    pub fn path(&self) -> &str {
        &self.path
    }
    /// A human-readable description, without the path.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// What is wrong with an input row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DataErrorKind {
    /// The file could not be read.
    Io,
    /// The CSV is malformed (unbalanced quotes, wrong encoding, …).
    InvalidCsv,
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
    /// A data-quality issue, raised as an error in strict mode.
    Quality(IssueKind),
}

impl DataErrorKind {
    /// The stable code; in strict mode the data-quality kind.
    pub fn code(self) -> &'static str {
        match self {
            Self::Io => "io_error",
            Self::InvalidCsv => "invalid_csv",
            Self::MissingColumn => "missing_column",
            Self::MissingValue => "missing_value",
            Self::InvalidDate => "invalid_date",
            Self::InvalidGender => "invalid_gender",
            Self::InvalidExitOutcome => "invalid_exit_outcome",
            Self::InvalidLevel => "invalid_level",
            Self::InvalidBool => "invalid_bool",
            Self::InvalidId => "invalid_id",
            Self::InvalidTags => "invalid_tags",
            Self::InvalidRecord => "invalid_record",
            Self::ExitBeforeEntry => "exit_before_entry",
            Self::OutcomeWithoutExit => "outcome_without_exit",
            Self::DuplicateParticipant => "duplicate_participant",
            Self::Quality(kind) => kind.as_str(),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Self::Io => "cannot read the file",
            Self::InvalidCsv => "malformed CSV",
            Self::MissingColumn => "required column is missing",
            Self::MissingValue => "required value is empty",
            Self::InvalidDate => "not an ISO 8601 date (YYYY-MM-DD)",
            Self::InvalidGender => {
                "not a known gender (woman, man, non_binary, unknown or an alias)"
            }
            Self::InvalidExitOutcome => "not a known exit outcome",
            Self::InvalidLevel => "not an integer level or a label of the parameter",
            Self::InvalidBool => "not a yes/no value",
            Self::InvalidId => "id is empty or longer than 128 bytes",
            Self::InvalidTags => "tags must be text, separated by `;`",
            Self::InvalidRecord => "a record must be an object of column names and cells",
            Self::ExitBeforeEntry => "exit date is before entry date",
            Self::OutcomeWithoutExit => "exit outcome given without an exit date",
            Self::DuplicateParticipant => "participant id appears more than once",
            Self::Quality(kind) => describe_issue(kind),
        }
    }
}

fn describe_issue(kind: IssueKind) -> &'static str {
    match kind {
        IssueKind::UnknownParticipant => "participant not in the participants table",
        IssueKind::UnknownParameter => "parameter not defined by the programme",
        IssueKind::OutsideWindow => "dated outside the participant's window",
        IssueKind::ConflictingDuplicate => {
            "same participant, parameter and date with different levels"
        }
        IssueKind::LevelOutsideScale => "level outside the parameter's scale",
        IssueKind::AgeOutsideEligible => "age at entry outside the eligible ages",
        IssueKind::UnknownGender => "gender not recorded",
        IssueKind::MissingExitOutcome => "exited without an exit outcome",
        IssueKind::ConflictingFollowUp => "two follow-ups on one date with different values",
    }
}

impl fmt::Display for DataErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

impl std::error::Error for DataErrorKind {}

/// An invalid input row, located by file (or table), row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    kind: DataErrorKind,
    table: Table,
    file: Option<String>,
    row: Option<u64>,
    column: Option<String>,
}

impl DataError {
    /// An error at `row` (1-based, header = 1) and `column` of `table`;
    /// bindings use it for problems they find while handing cells over.
    pub fn new(kind: DataErrorKind, table: Table, row: Option<u64>, column: Option<&str>) -> Self {
        DataError {
            kind,
            table,
            file: None,
            row,
            column: column.map(str::to_owned),
        }
    }
    /// Names the file the table came from, for messages.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
    /// What went wrong.
    pub fn kind(&self) -> DataErrorKind {
        self.kind
    }
    /// The stable code, e.g. `invalid_date`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
    /// Which table.
    pub fn table(&self) -> Table {
        self.table
    }
    /// The file, when the table was read from one.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }
    /// The row, 1-based with the header as row 1 (record i from 0 is row i + 2).
    pub fn row(&self) -> Option<u64> {
        self.row
    }
    /// The column, when one is to blame.
    pub fn column(&self) -> Option<&str> {
        self.column.as_deref()
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}")?,
            None => write!(f, "{} table", self.table)?,
        }
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {} [{}]", self.kind, self.code())
    }
}

impl std::error::Error for DataError {}
