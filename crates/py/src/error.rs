//! The Python exception hierarchy and the conversion of every failure into
//! it. Python code sees only [`StegvisError`] and its subclasses, each
//! carrying the core's stable `code` and the location fields that apply.

use std::any::Any;

use pyo3::IntoPyObjectExt;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use stegvis::vocab::Table;

create_exception!(
    stegvis,
    StegvisError,
    PyValueError,
    "Base of every error stegvis raises. `code` is a stable snake_case code."
);
create_exception!(
    stegvis,
    ProgrammeError,
    StegvisError,
    "An invalid programme definition; `path` locates the offending value."
);
create_exception!(
    stegvis,
    PartialError,
    StegvisError,
    "A partial report that cannot be read or combined (`docs/partials.md#errors`)."
);
create_exception!(
    stegvis,
    DataError,
    StegvisError,
    "An invalid input table; `table`, `row`, `column`, `file` and `sheet` locate it."
);

/// The result of anything that can fail in the binding.
pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

/// Every failure, before it becomes a Python exception.
#[derive(Debug)]
pub(crate) enum Error {
    /// From the core: a programme, data or partial error.
    Core(stegvis::Error),
    /// A programme definition the binding rejects before the core sees it
    /// (not a dict, a value JSON cannot hold, nesting too deep, unreadable file).
    Programme {
        code: &'static str,
        path: String,
        message: String,
    },
    /// A table the binding cannot read (wrong type, missing column, broken
    /// Arrow stream, unreadable file).
    Data {
        code: &'static str,
        table: Table,
        row: Option<u64>,
        column: Option<String>,
        file: Option<String>,
        message: String,
        /// A table of the comparison group (`docs/comparison.md#inputs`).
        comparison: bool,
    },
    /// A bad option (as_of, strict, min_cell, backend, …).
    Argument { code: &'static str, message: String },
    /// Another error with the Python exception that led to it, kept as
    /// `__cause__` of the exception raised.
    Caused { error: Box<Error>, cause: PyErr },
    /// A panic caught at the boundary (a bug: it should never happen).
    Internal(String),
    /// A Python exception raised as it is: one that is not an `Exception`
    /// (`KeyboardInterrupt`, `SystemExit`), never turned into a stegvis
    /// error (`docs/python.md#interrupts`).
    Python(PyErr),
}

impl From<stegvis::Error> for Error {
    fn from(e: stegvis::Error) -> Self {
        Error::Core(e)
    }
}

impl From<stegvis::DataError> for Error {
    fn from(e: stegvis::DataError) -> Self {
        Error::Core(stegvis::Error::Data(e))
    }
}

impl From<stegvis::ProgrammeError> for Error {
    fn from(e: stegvis::ProgrammeError) -> Self {
        Error::Core(stegvis::Error::Programme(e))
    }
}

impl Error {
    /// A table-level error without a row.
    pub(crate) fn table(code: &'static str, table: Table, message: impl Into<String>) -> Self {
        Error::Data {
            code,
            table,
            row: None,
            column: None,
            file: None,
            message: message.into(),
            comparison: false,
        }
    }

    /// The same error, in a table of the comparison group: its `table`
    /// and message name the comparison table (`docs/comparison.md#inputs`).
    pub(crate) fn in_comparison(self) -> Self {
        match self {
            Error::Core(stegvis::Error::Data(d)) => Error::Core(d.in_comparison().into()),
            Error::Data {
                code,
                table,
                row,
                column,
                file,
                message,
                ..
            } => Error::Data {
                code,
                table,
                row,
                column,
                file,
                message,
                comparison: true,
            },
            Error::Caused { error, cause } => Error::Caused {
                error: Box::new(error.in_comparison()),
                cause,
            },
            other => other,
        }
    }

    /// A bad keyword argument.
    pub(crate) fn argument(code: &'static str, message: impl Into<String>) -> Self {
        Error::Argument {
            code,
            message: message.into(),
        }
    }

    /// A programme input the binding rejects, located by `path`.
    pub(crate) fn programme(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::Programme {
            code,
            path: path.into(),
            message: message.into(),
        }
    }

    /// Keeps the Python exception that led to this error as its cause,
    /// unless it is not an `Exception` (a `KeyboardInterrupt`, a
    /// `SystemExit`): that one is raised as it is.
    pub(crate) fn caused_by(self, cause: PyErr) -> Self {
        if passes_on(&cause) {
            return Error::Python(cause);
        }
        Error::Caused {
            error: Box::new(self),
            cause,
        }
    }
}

/// Whether a Python exception must be raised as it is, never replaced,
/// kept as a cause or taken for a missing attribute: one that is not an
/// `Exception` (`KeyboardInterrupt`, `SystemExit`, `GeneratorExit`).
pub(crate) fn passes_on(err: &PyErr) -> bool {
    Python::attach(|py| !err.is_instance_of::<pyo3::exceptions::PyException>(py))
}

/// A Python call's value; `None` when it raised an ordinary `Exception`
/// (the caller reads that as "unreadable" or "absent"); the exception
/// itself when it [`passes_on`]. Every fallible call into Python made while
/// reading user objects goes through here, because a Ctrl-C can land in
/// any of them (Python code, or a C-API call that runs signal handlers):
/// dropping that exception would lose the signal for good.
pub(crate) fn tried<T>(result: PyResult<T>) -> Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(err) if passes_on(&err) => Err(Error::Python(err)),
        Err(_) => Ok(None),
    }
}

/// `hasattr` through [`tried`] (pandas' `__getattr__` is Python code).
pub(crate) fn has(source: &Bound<'_, PyAny>, name: &str) -> Result<bool> {
    Ok(tried(source.hasattr(name))?.unwrap_or(false))
}

/// Runs `f`, turning a panic into [`Error::Internal`] so that no input can
/// raise `PanicException` (or worse) in the interpreter.
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|payload| Err(Error::Internal(panic_message(payload.as_ref()))))
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!("internal error, please report it: {detail}")
}

fn set<'py, T: IntoPyObject<'py>>(err: &PyErr, py: Python<'py>, name: &str, value: T) {
    // Setting an attribute on a fresh exception instance cannot fail in
    // practice; if it ever did, the exception is still raised without it.
    if let Ok(value) = value.into_py_any(py) {
        let _ = err.value(py).setattr(name, value);
    }
}

fn data_error(
    py: Python<'_>,
    message: String,
    code: &str,
    table: &str,
    row: Option<u64>,
    column: Option<&str>,
    file: Option<&str>,
) -> PyErr {
    let err = DataError::new_err(message);
    set(&err, py, "code", code);
    set(&err, py, "table", table);
    set(&err, py, "row", row);
    set(&err, py, "column", column);
    set(&err, py, "file", file);
    err
}

fn programme_error(py: Python<'_>, message: String, code: &str, path: &str) -> PyErr {
    let err = ProgrammeError::new_err(message);
    set(&err, py, "code", code);
    set(&err, py, "path", path);
    err
}

fn stegvis_error(py: Python<'_>, message: String, code: &str) -> PyErr {
    let err = StegvisError::new_err(message);
    set(&err, py, "code", code);
    err
}

impl From<Error> for PyErr {
    fn from(e: Error) -> PyErr {
        Python::attach(|py| match e {
            Error::Core(stegvis::Error::Programme(e)) => {
                programme_error(py, e.to_string(), e.code(), e.path())
            }
            Error::Core(stegvis::Error::Data(e)) => {
                let err = data_error(
                    py,
                    e.to_string(),
                    e.code(),
                    e.table_name(),
                    e.row(),
                    e.column(),
                    e.file(),
                );
                // The worksheet of an .xlsx table (`docs/data.md#xlsx-files`).
                set(&err, py, "sheet", e.sheet());
                err
            }
            Error::Core(stegvis::Error::Partial(e)) => {
                let err = PartialError::new_err(e.to_string());
                set(&err, py, "code", e.code());
                err
            }
            // Error is non-exhaustive: a variant added to the core later is
            // still a StegvisError with its code.
            Error::Core(other) => stegvis_error(py, other.to_string(), other.code()),
            Error::Programme {
                code,
                path,
                message,
            } => {
                let at = if path.is_empty() {
                    String::new()
                } else {
                    format!(", at {path}")
                };
                programme_error(
                    py,
                    format!("programme definition{at}: {message} [{code}]"),
                    code,
                    &path,
                )
            }
            Error::Data {
                code,
                table,
                row,
                column,
                file,
                message,
                comparison,
            } => {
                let name = if comparison {
                    stegvis::DataError::new(stegvis::error::DataErrorKind::Io, table, None, None)
                        .in_comparison()
                        .table_name()
                } else {
                    table.as_str()
                };
                let what = if comparison { "comparison " } else { "" };
                let mut place = match &file {
                    Some(file) if comparison => format!("{file} ({what}{table} table)"),
                    Some(file) => file.clone(),
                    None => format!("{what}{table} table"),
                };
                if let Some(row) = row {
                    place.push_str(&format!(", row {row}"));
                }
                if let Some(column) = &column {
                    place.push_str(&format!(", column {column}"));
                }
                data_error(
                    py,
                    format!("{place}: {message} [{code}]"),
                    code,
                    name,
                    row,
                    column.as_deref(),
                    file.as_deref(),
                )
            }
            Error::Argument { code, message } => {
                stegvis_error(py, format!("{message} [{code}]"), code)
            }
            Error::Caused { error, cause } => {
                let err = PyErr::from(*error);
                err.set_cause(py, Some(cause));
                err
            }
            Error::Internal(message) => stegvis_error(py, message, "internal_error"),
            Error::Python(err) => err,
        })
    }
}

/// Registers the exception classes, with class-level defaults for their
/// attributes so that every instance (and the stubs) can rely on them.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = py.get_type::<StegvisError>();
    base.setattr("code", "error")?;
    let programme = py.get_type::<ProgrammeError>();
    programme.setattr("path", "")?;
    let data = py.get_type::<DataError>();
    data.setattr("table", py.None())?;
    data.setattr("row", py.None())?;
    data.setattr("column", py.None())?;
    data.setattr("file", py.None())?;
    data.setattr("sheet", py.None())?;
    m.add("StegvisError", base)?;
    m.add("ProgrammeError", programme)?;
    m.add("DataError", data)?;
    m.add("PartialError", py.get_type::<PartialError>())?;
    Ok(())
}
