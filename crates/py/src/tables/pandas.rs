//! A pandas frame as a pyarrow Table (`docs/python.md#date-objects`).
//!
//! `pyarrow.Table.from_pandas` converts every column holding the GIL, and a
//! column of `datetime.date` objects costs it about 40 ns a value. Such a
//! column, as `to_pandas` gives for Arrow dates, holds one object per
//! distinct date, so it is read here by object: each object's day is worked
//! out once and found again by the object's address. A column that holds
//! anything else, or too many distinct objects, is left to pyarrow, so
//! every column is typed as pyarrow types it.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::Date32Array;
use arrow_array::builder::Date32Builder;
use numpy::PyReadonlyArray1;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDict, PyList, PyString};

use crate::error::passes_on;

/// Distinct objects a column may hold to be read here: 65 536 days are
/// 179 years, more than any programme's dates span when each date is one
/// object. A column past it (an object per value) is left to pyarrow, so
/// it costs at most this many slow reads more than before.
const MAX_DISTINCT: usize = 65_536;

/// `datetime.date(1970, 1, 1).toordinal()`: Arrow's date32 counts days from
/// 1970-01-01, Python's ordinals from 0001-01-01 as day 1.
const UNIX_EPOCH_ORDINAL: i32 = 719_163;

/// `frame` as `pyarrow.Table.from_pandas(frame, preserve_index=False)`
/// gives it, with its columns of dates read here.
pub(super) fn to_arrow<'py>(
    py: Python<'py>,
    frame: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let pa = py.import("pyarrow")?;
    let from_pandas = |columns: Option<&Bound<'py, PyList>>| {
        let kwargs = PyDict::new(py);
        kwargs.set_item("preserve_index", false)?;
        if let Some(columns) = columns {
            kwargs.set_item("columns", columns)?;
        }
        pa.getattr("Table")?
            .call_method("from_pandas", (frame,), Some(&kwargs))
    };
    // Anything unexpected about the frame is left to `from_pandas`, as
    // before this module, but a `KeyboardInterrupt` is raised as it is.
    let (names, dates) = match date_columns(py, frame) {
        Ok(Some(found)) => found,
        Ok(None) => return from_pandas(None),
        Err(err) if passes_on(&err) => return Err(err),
        Err(_) => return from_pandas(None),
    };
    let others = PyList::empty(py);
    for (name, date) in names.iter().zip(&dates) {
        if date.is_none() {
            others.append(name)?;
        }
    }
    // With no other column, a table of no columns.
    let converted = from_pandas(Some(&others))?;
    let columns = PyList::empty(py);
    for (name, date) in names.iter().zip(dates) {
        match date {
            Some(days) => {
                let array = pyo3_arrow::PyArray::from_array_ref(Arc::new(days));
                columns.append(array.to_pyarrow(py)?)?;
            }
            None => columns.append(converted.call_method1("column", (name,))?)?,
        }
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("names", names)?;
    pa.getattr("Table")?
        .call_method("from_arrays", (columns,), Some(&kwargs))
}

/// A frame's column names and, for each column of dates, its days.
type DateColumns<'py> = (Vec<Bound<'py, PyString>>, Vec<Option<Date32Array>>);

/// The frame's column names and, for each column of dates, its days; `None`
/// when no column is read here or the names are not distinct text (which
/// `from_pandas` handles its own way).
fn date_columns<'py>(
    py: Python<'py>,
    frame: &Bound<'py, PyAny>,
) -> PyResult<Option<DateColumns<'py>>> {
    let labels = frame.getattr("columns")?;
    if !labels.getattr("is_unique")?.is_truthy()? {
        return Ok(None);
    }
    let mut names = Vec::new();
    for label in labels.try_iter()? {
        let Ok(name) = label?.cast_into::<PyString>() else {
            return Ok(None);
        };
        names.push(name);
    }
    let object = py.import("numpy")?.getattr("dtype")?.call1(("O",))?;
    let mut dates = Vec::with_capacity(names.len());
    for name in &names {
        let column = frame.get_item(name)?;
        let days = if column.getattr("dtype")?.eq(&object)? {
            days_of(&column.call_method0("to_numpy")?)
        } else {
            None
        };
        dates.push(days);
    }
    Ok(dates.iter().any(Option::is_some).then_some((names, dates)))
}

/// A column of `datetime.date` objects and `None`, with at least one date,
/// as days; `None` for anything else, which pyarrow types instead. The
/// array holds every object while it is read, so no address stands for two.
fn days_of(values: &Bound<'_, PyAny>) -> Option<Date32Array> {
    let values: PyReadonlyArray1<'_, Py<PyAny>> = values.extract().ok()?;
    let py = values.py();
    let values = values.as_array();
    let mut known: HashMap<usize, Option<i32>, foldhash::fast::FixedState> = HashMap::default();
    let mut days = Date32Builder::with_capacity(values.len());
    let mut any_date = false;
    for value in values.iter() {
        let day = match known.get(&(value.as_ptr() as usize)) {
            Some(&day) => day,
            None => {
                if known.len() == MAX_DISTINCT {
                    return None;
                }
                let day = day_of(value.bind(py))?;
                known.insert(value.as_ptr() as usize, day);
                day
            }
        };
        any_date |= day.is_some();
        days.append_option(day);
    }
    any_date.then(|| days.finish())
}

/// The day of a `datetime.date` (not a subclass such as `datetime`), `None`
/// inside for `None`; `None` outside for anything else.
fn day_of(value: &Bound<'_, PyAny>) -> Option<Option<i32>> {
    if value.is_none() {
        return Some(None);
    }
    if !value.is_exact_instance_of::<PyDate>() {
        return None;
    }
    let ordinal: i32 = value
        .call_method0(intern!(value.py(), "toordinal"))
        .ok()?
        .extract()
        .ok()?;
    Some(Some(ordinal - UNIX_EPOCH_ORDINAL))
}
