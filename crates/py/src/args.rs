//! Keyword options, checked on the way in. Each newtype raises
//! [`StegvisError`](crate::error::StegvisError) with code `invalid_argument`
//! (or `invalid_date`) for a wrong value, never a bare TypeError.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyString};
use stegvis::Language;

use crate::error::Error;

fn invalid(message: impl Into<String>) -> PyErr {
    Error::argument("invalid_argument", message).into()
}

/// A non-negative integer (a count or a minimum cell size). Booleans are
/// not counts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Count(pub(crate) u64);

impl<'a, 'py> FromPyObject<'a, 'py> for Count {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyBool>() {
            return Err(invalid("expected a non-negative integer, not a bool"));
        }
        obj.extract::<u64>()
            .map(Count)
            .map_err(|_| invalid("expected a non-negative integer"))
    }
}

/// A minimum cell size, checked by the core's rule
/// ([`stegvis::report::min_cell`]); booleans are not sizes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MinCell(pub(crate) u64);

impl MinCell {
    /// The core's default.
    pub(crate) const DEFAULT: MinCell = MinCell(stegvis::report::DEFAULT_MIN_CELL);
}

impl<'a, 'py> FromPyObject<'a, 'py> for MinCell {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let invalid = |e: stegvis::report::InvalidMinCell| invalid_with(e.code(), e.to_string());
        if obj.is_instance_of::<PyBool>() {
            return Err(invalid(stegvis::report::InvalidMinCell));
        }
        let value = obj
            .extract::<i64>()
            .map_err(|_| invalid(stegvis::report::InvalidMinCell))?;
        stegvis::report::min_cell(value)
            .map(MinCell)
            .map_err(invalid)
    }
}

fn invalid_with(code: &'static str, message: String) -> PyErr {
    Error::argument(code, message).into()
}

/// A confidence level, a number in (0, 1); the core checks the range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Confidence(pub(crate) f64);

impl<'a, 'py> FromPyObject<'a, 'py> for Confidence {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyBool>() {
            return Err(invalid("confidence must be a number"));
        }
        obj.extract::<f64>()
            .map(Confidence)
            .map_err(|_| invalid("confidence must be a number"))
    }
}

/// The as-of date: None, a `datetime.date` (a datetime's date part), or an
/// ISO 8601 date string read by the core's date rule; or a list or tuple
/// of them, a trend whose latest date is the report's
/// (`docs/method.md#trend`).
#[derive(Debug, Clone)]
pub(crate) struct AsOf(
    pub(crate) Option<NaiveDate>,
    pub(crate) Option<stegvis::Trend>,
);

impl<'a, 'py> FromPyObject<'a, 'py> for AsOf {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        // The items by the C API of lists and tuples, never a user's
        // `__iter__`.
        let items: Option<Vec<Bound<'py, PyAny>>> =
            if let Ok(list) = obj.cast::<pyo3::types::PyList>() {
                Some(list.iter().collect())
            } else if let Ok(tuple) = obj.cast::<pyo3::types::PyTuple>() {
                Some(tuple.iter().collect())
            } else {
                None
            };
        if let Some(items) = items {
            let mut dates = Vec::new();
            for item in items {
                if item.is_none() {
                    return Err(invalid("as_of lists dates, not None"));
                }
                let AsOf(Some(date), _) = item.extract::<OneDate>()?.0 else {
                    return Err(invalid("as_of lists dates"));
                };
                dates.push(date);
            }
            let trend =
                stegvis::Trend::dates(dates).map_err(|e| invalid_with(e.code(), e.to_string()))?;
            return Ok(AsOf(trend.as_of(), Some(trend)));
        }
        Ok(obj.extract::<OneDate>()?.0)
    }
}

/// One as-of date (or None).
struct OneDate(AsOf);

impl<'a, 'py> FromPyObject<'a, 'py> for OneDate {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        one_date(obj).map(OneDate)
    }
}

fn one_date(obj: Borrowed<'_, '_, PyAny>) -> PyResult<AsOf> {
    named_date(obj, "as_of")
}

/// The status date (`docs/method.md#status-on-a-date`): a date by the rule
/// of `as_of`, or None.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StatusOn(pub(crate) Option<NaiveDate>);

impl<'a, 'py> FromPyObject<'a, 'py> for StatusOn {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        named_date(obj, "status_on").map(|a| StatusOn(a.0))
    }
}

/// The status date's tolerance: a whole number of days ≥ 0.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ToleranceDays(pub(crate) u32);

impl<'a, 'py> FromPyObject<'a, 'py> for ToleranceDays {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let message = "status_tolerance_days must be a whole number of days of at least 0";
        if obj.is_instance_of::<PyBool>() {
            return Err(invalid(message));
        }
        obj.extract::<u32>()
            .map(ToleranceDays)
            .map_err(|_| invalid(message))
    }
}

/// The threads to read CSV files on (`docs/data.md#threads`): a whole
/// number of at least 1.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Threads(pub(crate) std::num::NonZeroUsize);

impl<'a, 'py> FromPyObject<'a, 'py> for Threads {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let message = "threads must be a whole number of at least 1";
        if obj.is_instance_of::<PyBool>() {
            return Err(invalid(message));
        }
        obj.extract::<usize>()
            .ok()
            .and_then(std::num::NonZeroUsize::new)
            .map(Threads)
            .ok_or_else(|| invalid(message))
    }
}

fn named_date(obj: Borrowed<'_, '_, PyAny>, name: &str) -> PyResult<AsOf> {
    {
        let invalid = || -> PyErr {
            Error::argument(
                "invalid_date",
                format!(
                    "{name} must be a datetime.date or a YYYY-MM-DD date from 1900-01-01 to 2199-12-31"
                ),
            )
            .into()
        };
        if obj.is_none() {
            return Ok(AsOf(None, None));
        }
        // The date columns' rule (docs/data.md#dates), so as-of reads as any
        // date cell does: the same text forms, and native dates in range.
        let by_the_rule = |field: stegvis::Field<'_>| match stegvis::data::date(field) {
            Ok(Some(d)) => Ok(AsOf(Some(d), None)),
            _ => Err(invalid()),
        };
        if obj.is_instance_of::<PyDateTime>() {
            let date = obj.call_method0("date").map_err(|_| invalid())?;
            let date: NaiveDate = date.extract().map_err(|_| invalid())?;
            return by_the_rule(stegvis::Field::Date(date));
        }
        if obj.is_instance_of::<PyDate>() {
            let date: NaiveDate = obj.extract().map_err(|_| invalid())?;
            return by_the_rule(stegvis::Field::Date(date));
        }
        if let Ok(s) = obj.cast::<PyString>() {
            let s = s.to_cow().map_err(|_| invalid())?;
            return by_the_rule(stegvis::Field::Text(&s));
        }
        Err(invalid())
    }
}

/// A trend's period: `"quarter"`, `"half-year"`, `"year"`, or `"none"` to
/// turn the programme's default off (`docs/method.md#trend`).
#[derive(Debug, Clone)]
pub(crate) struct Every(pub(crate) stegvis::Trend);

impl<'a, 'py> FromPyObject<'a, 'py> for Every {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let message = "every must be 'quarter', 'half-year', 'year' or 'none'";
        let s = obj.cast::<PyString>().map_err(|_| invalid(message))?;
        let s = s.to_cow().map_err(|_| invalid(message))?;
        stegvis::Trend::every(&s)
            .map(Every)
            .ok_or_else(|| invalid(message))
    }
}

/// `True` or `False` (NumPy booleans too); anything else is an error
/// rather than silently truthy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Flag(pub(crate) bool);

impl<'a, 'py> FromPyObject<'a, 'py> for Flag {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        obj.extract::<bool>()
            .map(Flag)
            .map_err(|_| invalid("expected True or False"))
    }
}

/// Where data frames are built: `"pandas"` or `"polars"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    /// pandas.DataFrame
    Pandas,
    /// polars.DataFrame
    Polars,
}

impl<'a, 'py> FromPyObject<'a, 'py> for Backend {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.extract::<String>().as_deref() {
            Ok("pandas") => Ok(Backend::Pandas),
            Ok("polars") => Ok(Backend::Polars),
            _ => Err(invalid("backend must be \"pandas\" or \"polars\"")),
        }
    }
}

/// The language of text output: `"en"` or `"sv"`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextLanguage(pub(crate) Language);

impl<'a, 'py> FromPyObject<'a, 'py> for TextLanguage {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.extract::<String>().as_deref() {
            Ok("en") => Ok(TextLanguage(Language::English)),
            Ok("sv") => Ok(TextLanguage(Language::Swedish)),
            _ => Err(invalid("language must be \"en\" or \"sv\"")),
        }
    }
}

/// A report profile (`docs/esf.md#profile`): `"esf"`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Profile(pub(crate) stegvis::vocab::Profile);

impl<'a, 'py> FromPyObject<'a, 'py> for Profile {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let name = obj
            .cast::<PyString>()
            .map_err(|_| invalid("profile must be \"esf\" or None"))?;
        name.to_cow()
            .ok()
            .and_then(|s| s.parse().ok())
            .map(Profile)
            .ok_or_else(|| invalid("profile must be \"esf\" or None"))
    }
}

/// The character encoding of CSV files given as paths (`docs/data.md#encodings`):
/// `"auto"`, `"utf-8"`, `"windows-1252"`, `"utf-16le"` or `"utf-16be"`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Encoding(pub(crate) stegvis::Encoding);

impl<'a, 'py> FromPyObject<'a, 'py> for Encoding {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let unknown = |e: stegvis::data::UnknownEncoding| invalid(e.to_string());
        let name = obj
            .cast::<PyString>()
            .map_err(|_| unknown(stegvis::data::UnknownEncoding))?;
        name.to_cow()?.parse().map(Encoding).map_err(unknown)
    }
}
