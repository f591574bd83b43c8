//! Everything that stops a command, with its exit code. Messages come from
//! the core (file, row, column, code) and never contain values from the data.

use std::fmt;
use std::path::PathBuf;

use stegvis::error::DataErrorKind;

/// Why a command failed.
#[derive(Debug)]
pub(crate) enum CliError {
    /// Arguments that parse but do not make sense together.
    Usage(&'static str),
    /// A programme file that cannot be read.
    ReadProgramme(PathBuf, std::io::Error),
    /// An invalid programme definition.
    Programme(PathBuf, stegvis::ProgrammeError),
    /// Invalid data, or a data-quality issue in strict mode.
    Stegvis(stegvis::Error),
    /// A partial report file that cannot be read.
    ReadPartial(PathBuf, std::io::Error),
    /// A partial report file that is not one, or does not combine with
    /// those before it (`docs/partials.md#errors`).
    Partial(PathBuf, stegvis::Error),
    /// `validate --strict` found issues (they are already printed).
    StrictIssues(u64),
    /// The participant asked for is not in the data at as-of.
    NoSuchParticipant,
    /// Writing the output failed.
    Output(std::io::Error),
}

impl CliError {
    /// 1 when strict mode found data-quality issues, 2 for bad input or usage.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            CliError::StrictIssues(_) => 1,
            CliError::Stegvis(stegvis::Error::Data(e))
                if matches!(e.kind(), DataErrorKind::Quality(_)) =>
            {
                1
            }
            _ => 2,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(message) => f.write_str(message),
            CliError::ReadProgramme(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            CliError::Programme(path, e) => write!(f, "{}: {e}", path.display()),
            CliError::Stegvis(e @ stegvis::Error::Data(d))
                if matches!(d.kind(), DataErrorKind::Quality(_)) =>
            {
                write!(f, "{e} (strict mode)")
            }
            CliError::Stegvis(e) => write!(f, "{e}"),
            CliError::ReadPartial(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            CliError::Partial(path, e) => write!(f, "{}: {e}", path.display()),
            CliError::StrictIssues(n) => write!(f, "strict mode: {n} data-quality issue(s)"),
            CliError::NoSuchParticipant => {
                f.write_str("no participant with that id has entered by the as-of date")
            }
            CliError::Output(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl From<stegvis::Error> for CliError {
    fn from(e: stegvis::Error) -> Self {
        CliError::Stegvis(e)
    }
}

impl From<stegvis::DataError> for CliError {
    fn from(e: stegvis::DataError) -> Self {
        CliError::Stegvis(e.into())
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Output(e)
    }
}
