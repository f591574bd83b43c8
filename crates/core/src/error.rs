//! Errors, each with a stable snake_case [`code`](Error::code).
//!
//! Messages name the file or table, the row (1-based, the header is row 1)
//! and the column, or the path in a programme definition. They never repeat
//! the offending value: input rows hold personal data.

use std::fmt;

use crate::vocab::Table;
pub use crate::vocab::{DataErrorKind, PartialErrorKind, ProgrammeErrorKind};
use crate::words::Language;

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
    /// A partial report is invalid, or partials do not combine
    /// (`docs/partials.md#errors`).
    #[error(transparent)]
    Partial(#[from] PartialError),
}

impl Error {
    /// The stable error code, e.g. `undefined_parameter` or `invalid_date`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Programme(e) => e.code(),
            Error::Data(e) => e.code(),
            Error::Partial(e) => e.code(),
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

/// An invalid partial report, or partials that do not combine
/// (`docs/partials.md#errors`). The message names what differs or where
/// the text is wrong (line and column), never a value from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("partial report: {message} [{}]", .kind.code())]
pub struct PartialError {
    kind: PartialErrorKind,
    message: String,
}

impl PartialError {
    pub(crate) fn new(kind: PartialErrorKind, message: impl Into<String>) -> Self {
        PartialError {
            kind,
            message: message.into(),
        }
    }
    /// What went wrong.
    pub fn kind(&self) -> PartialErrorKind {
        self.kind
    }
    /// The stable code, e.g. `partial_as_of_differs`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
    /// A human-readable description.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// The description in English, from the catalogue of words: messages of
/// errors are English (the page and other surfaces translate by code).
impl fmt::Display for DataErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(Language::English.error(crate::words::ErrorCode::Data(*self)))
    }
}

impl std::error::Error for DataErrorKind {}

/// An invalid input row, located by file (or table), row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    kind: DataErrorKind,
    table: Table,
    file: Option<String>,
    /// The worksheet of an .xlsx workbook (`docs/data.md#xlsx-files`).
    sheet: Option<String>,
    row: Option<u64>,
    column: Option<String>,
    /// Whether the table is one of the comparison group's
    /// (`docs/comparison.md#inputs`).
    comparison: bool,
}

impl DataError {
    /// An error at `row` (1-based, header = 1) and `column` of `table`;
    /// bindings use it for problems they find while handing cells over.
    pub fn new(kind: DataErrorKind, table: Table, row: Option<u64>, column: Option<&str>) -> Self {
        DataError {
            kind,
            table,
            file: None,
            sheet: None,
            row,
            column: column.map(str::to_owned),
            comparison: false,
        }
    }
    /// Marks the error as one in a table of the comparison group
    /// (`docs/comparison.md#inputs`): its [`table_name`](Self::table_name)
    /// and message then say so.
    pub fn in_comparison(mut self) -> Self {
        self.comparison = true;
        self
    }
    /// Whether the table is one of the comparison group's.
    pub fn is_comparison(&self) -> bool {
        self.comparison
    }
    /// The table's name as errors give it: `participants`, or
    /// `comparison_participants` for a table of the comparison group.
    pub fn table_name(&self) -> &'static str {
        match (self.comparison, self.table) {
            (false, t) => t.as_str(),
            (true, Table::Participants) => "comparison_participants",
            (true, Table::Assessments) => "comparison_assessments",
            (true, Table::FollowUps) => "comparison_follow_ups",
        }
    }
    /// Names the worksheet the table came from, for messages
    /// (`docs/data.md#xlsx-files`).
    pub fn in_sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }
    /// The worksheet, when the table was read from an .xlsx workbook.
    pub fn sheet(&self) -> Option<&str> {
        self.sheet.as_deref()
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
            Some(file) if self.comparison => write!(f, "{file} (comparison {} table)", self.table)?,
            Some(file) => write!(f, "{file}")?,
            None if self.comparison => write!(f, "comparison {} table", self.table)?,
            None => write!(f, "{} table", self.table)?,
        }
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet {sheet}")?;
        }
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.kind)?;
        if let (DataErrorKind::MissingColumn, Some(column)) = (self.kind, &self.column) {
            // Which headers would have done (`docs/data.md#column-names`).
            let aliases = crate::vocab::column_aliases(column);
            if !aliases.is_empty() {
                write!(f, " (also accepted: {})", aliases.join(", "))?;
            }
        }
        if self.kind == DataErrorKind::MissingSheet {
            // Which sheet names would have done (`docs/data.md#workbook-sheets`).
            let names = crate::vocab::sheet_names(self.table);
            write!(f, " ({}: {})", self.table_name(), names.join(", "))?;
        }
        write!(f, " [{}]", self.code())
    }
}

impl std::error::Error for DataError {}
