//! A column of participant ids to their partitions
//! (`docs/partials.md#partitioning`): each id read by the rule of the id
//! columns (text trimmed, a whole number as its decimal text), then
//! [`stegvis::partition_of`], so that a participant's rows land in the
//! same partition whatever table or form they came in.

use std::num::NonZeroU32;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use pyo3_arrow::input::AnyArray;
use stegvis::Field;

use super::{arrow, cell, has_arrow_interface};
use crate::error::{Error, Result, guarded, passes_on, tried};

const ACCEPTED: &str = "ids must be a pandas or polars Series, a pyarrow Array or \
    ChunkedArray, an object with __arrow_c_array__ or __arrow_c_stream__, or a list of ids";

/// The partition of one id cell. A missing cell or one that is no id goes
/// to partition 0: reading that row reports it as it would in one process.
fn partition(field: Field<'_>, partitions: NonZeroU32) -> u32 {
    stegvis::data::participant_id(field).map_or(0, |id| stegvis::partition_of(&id, partitions))
}

/// The partition of every id in `source`, in order.
pub(crate) fn partitions(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    partitions: NonZeroU32,
) -> Result<Vec<u32>> {
    if source.is_instance_of::<PyList>() || source.is_instance_of::<PyTuple>() {
        return of_objects(source, partitions);
    }
    if is_pandas_series(source)? {
        // Through pyarrow when it can type the column; else item by item.
        let array = py
            .import("pyarrow")
            .and_then(|pa| pa.getattr("Array")?.call_method1("from_pandas", (source,)));
        return match array {
            Ok(array) => of_arrow(py, &array, partitions),
            Err(err) if passes_on(&err) => Err(Error::Python(err)),
            Err(_) => {
                let items = source.call_method0("tolist").map_err(invalid_ids)?;
                of_objects(&items, partitions)
            }
        };
    }
    if has_arrow_interface(source)? {
        return of_arrow(py, source, partitions);
    }
    Err(Error::argument("invalid_argument", ACCEPTED))
}

fn invalid_ids(cause: PyErr) -> Error {
    Error::argument("invalid_argument", ACCEPTED).caused_by(cause)
}

fn of_objects(items: &Bound<'_, PyAny>, partitions: NonZeroU32) -> Result<Vec<u32>> {
    let iter = items.try_iter().map_err(invalid_ids)?;
    let mut out = Vec::with_capacity(items.len().unwrap_or(0));
    for item in iter {
        let item = item.map_err(invalid_ids)?;
        out.push(partition(cell(&item)?.as_field(), partitions));
    }
    Ok(out)
}

/// An Arrow array or stream of arrays, read with the GIL released.
fn of_arrow(py: Python<'_>, source: &Bound<'_, PyAny>, partitions: NonZeroU32) -> Result<Vec<u32>> {
    let array: AnyArray = source.extract().map_err(invalid_ids)?;
    let reader = array.into_reader().map_err(invalid_ids)?;
    py.detach(|| {
        guarded(|| {
            let mut out = Vec::new();
            for chunk in reader {
                let chunk = chunk.map_err(|_| {
                    Error::argument("invalid_argument", "the Arrow stream of ids failed")
                })?;
                out.reserve(chunk.len());
                arrow::each_cell(&chunk, |field| out.push(partition(field, partitions)));
            }
            Ok(out)
        })
    })
}

/// Whether `source` is a pandas Series, by its type's module and name
/// (read as text, never through `str()`: see `is_pandas_frame`).
fn is_pandas_series(source: &Bound<'_, PyAny>) -> Result<bool> {
    let ty = source.get_type();
    let (Some(module), Some(name)) = (tried(ty.module())?, tried(ty.name())?) else {
        return Ok(false);
    };
    let (Some(module), Some(name)) = (
        tried(module.to_cow().map(|c| c.into_owned()))?,
        tried(name.to_cow().map(|c| c.into_owned()))?,
    ) else {
        return Ok(false);
    };
    Ok(module.starts_with("pandas") && name == "Series")
}
