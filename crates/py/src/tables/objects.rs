//! Tables given as Python objects: a list (or tuple) of dicts keyed by the
//! CSV column names, and pandas frames read row by row. Each value becomes
//! one [`Cell`], which lends the core a [`Field`]; record i is row i + 2.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple,
};
use stegvis::data::record_row;
use stegvis::vocab::Table;
use stegvis::{DatasetBuilder, Field};

use stegvis::data::columns::{self, MAX_CELLS, TAGS};

use super::missing_column;
use crate::error::{Error, Result};

/// One value taken out of a Python object, owning its text.
#[derive(Debug, Clone, Default, PartialEq)]
enum Cell {
    #[default]
    Null,
    Text(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    Date(NaiveDate),
    Unsupported,
}

impl Cell {
    fn field(&self) -> Field<'_> {
        match self {
            Cell::Null => Field::Null,
            Cell::Text(s) => Field::Text(s),
            Cell::Integer(i) => Field::Integer(*i),
            Cell::Float(f) => Field::Float(*f),
            Cell::Bool(b) => Field::Bool(*b),
            Cell::Date(d) => Field::Date(*d),
            Cell::Unsupported => Field::Unsupported,
        }
    }
}

/// The cell of a Python value. Never fails: anything unreadable is
/// [`Cell::Unsupported`], which the core rejects with the column's error.
fn cell(value: &Bound<'_, PyAny>) -> Cell {
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

/// The `tags` cell: a list or tuple of texts is joined with `;`, others
/// ignored, as the core's records reader does; anything else is a cell.
fn tags_cell(value: &Bound<'_, PyAny>) -> Cell {
    if !(value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>()) {
        return cell(value);
    }
    let Ok(items) = value.try_iter() else {
        return Cell::Unsupported;
    };
    let mut joined = String::new();
    for item in items.flatten() {
        if let Ok(tag) = item
            .cast::<PyString>()
            .map(|s| s.to_cow().map(|c| c.into_owned()))
        {
            let Ok(tag) = tag else { continue };
            if !joined.is_empty() {
                joined.push(';');
            }
            joined.push_str(&tag);
        }
    }
    Cell::Text(joined)
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

/// Reads a list or tuple of records.
pub(super) fn read_records(
    builder: &mut DatasetBuilder,
    table: Table,
    records: &Bound<'_, PyAny>,
) -> Result<()> {
    let records: Vec<Bound<'_, PyAny>> = records
        .try_iter()
        .and_then(|items| items.collect::<PyResult<_>>())
        .map_err(|cause| {
            Error::table("invalid_table", table, "the records could not be read").caused_by(cause)
        })?;
    let (required, optional) = columns::of(table);
    let mappings: Vec<Option<Bound<'_, PyMapping>>> = records.iter().map(mapping).collect();
    // As the core's records reader: each required column must appear in
    // some record, as a CSV header would name it.
    if !records.is_empty() {
        for name in required {
            if !mappings.iter().flatten().any(|m| get(m, name).is_some()) {
                return Err(missing_column(table, name));
            }
        }
    }
    let names: Vec<&str> = required.iter().chain(optional).copied().collect();
    for (i, record) in mappings.iter().enumerate() {
        let Some(record) = record else {
            let kind = stegvis::error::DataErrorKind::InvalidRecord;
            return Err(stegvis::DataError::new(kind, table, Some(record_row(i)), None).into());
        };
        let mut values: [Cell; MAX_CELLS] = Default::default();
        for (c, name) in names.iter().enumerate() {
            if let Some(v) = get(record, name) {
                values[c] = if table == Table::Participants && c == TAGS {
                    tags_cell(&v)
                } else {
                    cell(&v)
                };
            }
        }
        let mut cells = [Field::Null; MAX_CELLS];
        for (c, v) in values.iter().enumerate() {
            cells[c] = v.field();
        }
        builder.add_cells(table, record_row(i), &cells)?;
    }
    Ok(())
}
