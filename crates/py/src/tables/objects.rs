//! Tables given as Python objects: a list (or tuple) of dicts keyed by the
//! CSV column names, and pandas frames read row by row. Each value becomes
//! one of the core's [`Cell`]s; the core's [`Records`]
//! decides everything else (required columns, row numbers, records that
//! are not dicts).

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple,
};
use stegvis::DatasetBuilder;
use stegvis::data::columns::MAX_CELLS;
use stegvis::data::{Cell, Records};
use stegvis::vocab::Table;

use crate::error::{Error, Result};

/// The cell of a Python value. Never fails: anything unreadable is
/// [`Cell::Unsupported`], which the core rejects with the column's error.
/// A list or tuple keeps its items, one level deep.
pub(crate) fn cell(value: &Bound<'_, PyAny>) -> Cell {
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let Ok(items) = value.try_iter() else {
            return Cell::Unsupported;
        };
        return Cell::List(
            items
                .map(|item| item.map_or(Cell::Unsupported, |item| scalar(&item)))
                .collect(),
        );
    }
    scalar(value)
}

/// The cell of a value that is not taken as a list: a list inside a list
/// is [`Cell::Unsupported`], so nothing is read deeper than one level.
fn scalar(value: &Bound<'_, PyAny>) -> Cell {
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        return Cell::Unsupported;
    }
    if value.is_none() {
        return Cell::Null;
    }
    if let Ok(s) = value.cast::<PyString>() {
        // Text with lone surrogates cannot be UTF-8.
        return s
            .to_cow()
            .map_or(Cell::Unsupported, |s| Cell::Text(s.into_owned()));
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Cell::Bool(b.is_true());
    }
    if value.is_instance_of::<PyInt>() {
        // Beyond i64 no id or level can be meant.
        return value
            .extract::<i64>()
            .map_or(Cell::Unsupported, Cell::Integer);
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Cell::Float(f.value());
    }
    if is_missing_marker(value) {
        return Cell::Null;
    }
    if value.is_instance_of::<PyDateTime>() {
        // pandas Timestamps are datetimes; the calendar date is what counts,
        // in the datetime's own time zone.
        return value
            .call_method0("date")
            .and_then(|d| d.extract::<NaiveDate>())
            .map_or(Cell::Unsupported, Cell::Date);
    }
    if value.is_instance_of::<PyDate>() {
        return value
            .extract::<NaiveDate>()
            .map_or(Cell::Unsupported, Cell::Date);
    }
    // NumPy scalars: numpy.bool_, integers (through __index__), floats.
    if let Ok(b) = value.extract::<bool>() {
        return Cell::Bool(b);
    }
    if value.hasattr("__index__").unwrap_or(false) {
        return value
            .extract::<i64>()
            .map_or(Cell::Unsupported, Cell::Integer);
    }
    if value.hasattr("__float__").unwrap_or(false) {
        return value
            .extract::<f64>()
            .map_or(Cell::Unsupported, Cell::Float);
    }
    Cell::Unsupported
}

/// pandas' `NaT` and `NA`: missing values that are neither None nor NaN.
fn is_missing_marker(value: &Bound<'_, PyAny>) -> bool {
    value
        .get_type()
        .name()
        .is_ok_and(|n| matches!(n.to_cow().as_deref(), Ok("NaTType" | "NAType")))
}

/// A record as a mapping; `None` when it is not one.
fn mapping<'py>(record: &Bound<'py, PyAny>) -> Option<Bound<'py, PyMapping>> {
    if let Ok(dict) = record.cast::<PyDict>() {
        return Some(dict.as_mapping().clone());
    }
    record.cast::<PyMapping>().ok().cloned()
}

/// The value under `key`, `None` when absent (or unreadable).
fn get<'py>(record: &Bound<'py, PyMapping>, key: &str) -> Option<Bound<'py, PyAny>> {
    if let Ok(dict) = record.cast::<PyDict>() {
        return dict.get_item(key).ok().flatten();
    }
    if record.contains(key).unwrap_or(false) {
        record.get_item(key).ok()
    } else {
        None
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
        let Some(record) = mapping(&record) else {
            reader.add_not_object();
            continue;
        };
        let mut values: [Option<Cell>; MAX_CELLS] = Default::default();
        for (value, name) in values.iter_mut().zip(&names) {
            if let Some(v) = get(&record, name) {
                // After a failed record only the keys count (for missing
                // columns), so the values need not be converted.
                *value = Some(if reader.failed() {
                    Cell::Null
                } else {
                    cell(&v)
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
