//! Tables given as Python objects: a list (or tuple) of dicts keyed by the
//! CSV column names, and pandas frames read row by row. Each value becomes
//! one of the core's [`Cell`]s; the core's [`Records`]
//! decides everything else (required columns, row numbers, records that
//! are not dicts).

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType,
};
use stegvis::DatasetBuilder;
use stegvis::data::columns::MAX_CELLS;
use stegvis::data::{Cell, Records};
use stegvis::vocab::Table;

use crate::error::{Error, Result, has, tried};

/// The cell of a Python value: anything unreadable is
/// [`Cell::Unsupported`], which the core rejects with the column's error;
/// only an exception that [`tried`] passes on (a Ctrl-C landing in the
/// value's own Python code) is an error. A list or tuple keeps its items,
/// one level deep.
pub(crate) fn cell(value: &Bound<'_, PyAny>) -> Result<Cell> {
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let Some(items) = tried(value.try_iter())? else {
            return Ok(Cell::Unsupported);
        };
        let mut cells = Vec::new();
        for item in items {
            cells.push(match tried(item)? {
                Some(item) => scalar(&item)?,
                None => Cell::Unsupported,
            });
        }
        return Ok(Cell::List(cells));
    }
    scalar(value)
}

/// The cell a conversion gives, [`Cell::Unsupported`] when it failed.
fn converted<T>(result: PyResult<T>, cell: impl FnOnce(T) -> Cell) -> Result<Cell> {
    Ok(tried(result)?.map_or(Cell::Unsupported, cell))
}

/// The cell of a value that is not taken as a list: a list inside a list
/// is [`Cell::Unsupported`], so nothing is read deeper than one level.
fn scalar(value: &Bound<'_, PyAny>) -> Result<Cell> {
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        return Ok(Cell::Unsupported);
    }
    if value.is_none() {
        return Ok(Cell::Null);
    }
    if let Ok(s) = value.cast::<PyString>() {
        // Text with lone surrogates cannot be UTF-8.
        return converted(s.to_cow(), |s| Cell::Text(s.into_owned()));
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Cell::Bool(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        // Beyond i64 no id or level can be meant.
        return converted(value.extract::<i64>(), Cell::Integer);
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Ok(Cell::Float(f.value()));
    }
    if is_missing_marker(value) {
        return Ok(Cell::Null);
    }
    if value.is_instance_of::<PyDateTime>() {
        // pandas Timestamps are datetimes; the calendar date is what counts,
        // in the datetime's own time zone.
        let date = value.call_method0("date");
        return converted(date.and_then(|d| d.extract::<NaiveDate>()), Cell::Date);
    }
    if value.is_instance_of::<PyDate>() {
        return converted(value.extract::<NaiveDate>(), Cell::Date);
    }
    // NumPy scalars: numpy.bool_, integers (through __index__), floats.
    if let Some(b) = tried(value.extract::<bool>())? {
        return Ok(Cell::Bool(b));
    }
    if has(value, "__index__")? {
        return converted(value.extract::<i64>(), Cell::Integer);
    }
    if has(value, "__float__")? {
        return converted(value.extract::<f64>(), Cell::Float);
    }
    Ok(Cell::Unsupported)
}

/// pandas' `NaT` and `NA`: missing values that are neither None nor NaN.
fn is_missing_marker(value: &Bound<'_, PyAny>) -> bool {
    value
        .get_type()
        .name()
        .is_ok_and(|n| matches!(n.to_cow().as_deref(), Ok("NaTType" | "NAType")))
}

/// A record that is a mapping (a dict, or a `collections.abc.Mapping`);
/// `None` when it is not one. Not PyO3's `PyMapping` cast, which writes an
/// exception raised in the ABC check as unraisable (a lost Ctrl-C).
fn mapping<'py>(record: Bound<'py, PyAny>) -> Result<Option<Bound<'py, PyAny>>> {
    if record.is_instance_of::<PyDict>() {
        return Ok(Some(record));
    }
    static MAPPING: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let py = record.py();
    let Some(abc) = tried(MAPPING.import(py, "collections.abc", "Mapping"))? else {
        return Ok(None);
    };
    let is_mapping = tried(record.is_instance(abc))?.unwrap_or(false);
    Ok(is_mapping.then_some(record))
}

/// The value under `key`, `None` when absent (or unreadable).
fn get<'py>(record: &Bound<'py, PyAny>, key: &str) -> Result<Option<Bound<'py, PyAny>>> {
    if let Ok(dict) = record.cast::<PyDict>() {
        return Ok(tried(dict.get_item(key))?.flatten());
    }
    if tried(record.contains(key))?.unwrap_or(false) {
        tried(record.get_item(key))
    } else {
        Ok(None)
    }
}

/// Reads a list or tuple of records through the core's [`Records`].
pub(super) fn read_records(
    builder: &mut DatasetBuilder,
    table: Table,
    records: &Bound<'_, PyAny>,
) -> Result<()> {
    let unreadable = |cause| {
        Error::table("invalid_table", table, "the records could not be read").caused_by(cause)
    };
    let mut reader: Records<'_> = builder.records(table);
    let names = reader.columns();
    for record in records.try_iter().map_err(unreadable)? {
        let record = record.map_err(unreadable)?;
        let Some(record) = mapping(record)? else {
            reader.add_not_object();
            continue;
        };
        let mut values: [Option<Cell>; MAX_CELLS] = Default::default();
        for (value, name) in values.iter_mut().zip(&names) {
            if let Some(v) = get(&record, name)? {
                // After a failed record only the keys count (for missing
                // columns), so the values need not be converted.
                *value = Some(if reader.failed() {
                    Cell::Null
                } else {
                    cell(&v)?
                });
            }
        }
        reader.add_owned(&values);
        if reader.interrupted() {
            break;
        }
    }
    Ok(reader.finish()?)
}
