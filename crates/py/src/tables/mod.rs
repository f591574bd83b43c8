//! Input tables: whatever the analyst holds, turned into the core's
//! [`Field`](stegvis::Field) cells and handed to the [`DatasetBuilder`], which parses and
//! checks every cell. Nothing here interprets a value.
//!
//! | given | read by |
//! |---|---|
//! | `str` or `os.PathLike` | the core's CSV reader, errors naming the file |
//! | list or tuple of dicts | [`objects`], one cell per key |
//! | pandas DataFrame | [`pandas`] (`pyarrow.Table.from_pandas`), else row by row |
//! | anything with `__arrow_c_stream__` / `__arrow_c_array__` (pyarrow, polars, …) | [`arrow`] |

mod arrow;
mod ids;
mod objects;
mod pandas;

pub(crate) use ids::partitions;
pub(crate) use objects::cell;

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
use pyo3_arrow::input::AnyRecordBatch;
use stegvis::vocab::Table;
use stegvis::{DatasetBuilder, Encoding};

use crate::error::{Error, Result, guarded, has, passes_on, tried};

fn missing_column(table: Table, name: &str) -> Error {
    let kind = stegvis::error::DataErrorKind::MissingColumn;
    stegvis::DataError::new(kind, table, Some(1), Some(name)).into()
}

const ACCEPTED: &str = "expected a pandas or polars DataFrame, a pyarrow Table or \
    RecordBatchReader, an object with __arrow_c_stream__, a list of dicts, or a path to a CSV file";

/// Reads one table into the builder. Python objects are read with the GIL
/// held; CSV files and Arrow data are read with it released. `encoding`
/// is that of a CSV path (`docs/data.md#encodings`). The builder's
/// interrupt hook is asked every 1 024 rows either way
/// (`docs/python.md#interrupts`).
pub(crate) fn read(
    py: Python<'_>,
    builder: &mut DatasetBuilder,
    table: Table,
    source: &Bound<'_, PyAny>,
    encoding: Encoding,
) -> Result<()> {
    if source.is_instance_of::<PyString>() || has(source, "__fspath__")? {
        let path: PathBuf = source.extract().map_err(|e| {
            Error::table("invalid_table", table, "the path could not be read").caused_by(e)
        })?;
        // The core opens the file: a directory is `not_a_file`, and errors
        // name the file (`docs/data.md#csv-files`).
        return py.detach(|| guarded(|| Ok(builder.read_csv_file(table, &path, encoding)?)));
    }
    if source.is_instance_of::<PyList>() || source.is_instance_of::<PyTuple>() {
        return guarded(|| objects::read_records(builder, table, source));
    }
    if is_pandas_frame(source)? {
        return read_pandas(py, builder, table, source);
    }
    if has_arrow_interface(source)? {
        let reader = arrow_reader(table, source)?;
        return py.detach(|| guarded(|| arrow::read(builder, table, reader)));
    }
    Err(Error::table("invalid_table", table, ACCEPTED))
}

/// Reads every table from the .xlsx workbook at the path `source`
/// (`workbook=`, `docs/data.md#workbook-sheets`).
pub(crate) fn read_workbook(
    py: Python<'_>,
    builder: &mut DatasetBuilder,
    source: &Bound<'_, PyAny>,
) -> Result<()> {
    let table = Table::Participants;
    if !(source.is_instance_of::<PyString>() || has(source, "__fspath__")?) {
        return Err(Error::argument(
            "invalid_argument",
            "workbook must be the path of an .xlsx file",
        ));
    }
    let path: PathBuf = source.extract().map_err(|e| {
        Error::table("invalid_table", table, "the path could not be read").caused_by(e)
    })?;
    py.detach(|| guarded(|| Ok(builder.read_workbook_file(&path)?)))
}

fn has_arrow_interface(source: &Bound<'_, PyAny>) -> Result<bool> {
    Ok(has(source, "__arrow_c_stream__")? || has(source, "__arrow_c_array__")?)
}

fn arrow_reader(
    table: Table,
    source: &Bound<'_, PyAny>,
) -> Result<Box<dyn arrow_array::RecordBatchReader + Send>> {
    let failed = |cause: PyErr| {
        Error::table(
            "invalid_table",
            table,
            "the Arrow data could not be read as a table",
        )
        .caused_by(cause)
    };
    let batches: AnyRecordBatch = source.extract().map_err(failed)?;
    batches.into_reader().map_err(failed)
}

/// Whether `source` is a pandas DataFrame, by its type's module and name.
/// The names are read as text, never through `str()`: CPython's
/// `PyObject_Str` runs signal handlers, and PyO3's `Display` would write a
/// `KeyboardInterrupt` raised there as unraisable, losing the Ctrl-C.
pub(crate) fn is_pandas_frame(source: &Bound<'_, PyAny>) -> Result<bool> {
    let ty = source.get_type();
    let (Some(module), Some(name)) = (tried(ty.module())?, tried(ty.name())?) else {
        return Ok(false);
    };
    let text = |s: &Bound<'_, PyString>| tried(s.to_cow().map(|c| c.into_owned()));
    let (Some(module), Some(name)) = (text(&module)?, text(&name)?) else {
        return Ok(false);
    };
    Ok(module.starts_with("pandas") && name == "DataFrame")
}

/// A pandas DataFrame goes through pyarrow when it is installed and can type
/// every column (no copies of the data into Python objects); otherwise, as
/// with a column of mixed types, row by row through its records.
fn read_pandas(
    py: Python<'_>,
    builder: &mut DatasetBuilder,
    table: Table,
    frame: &Bound<'_, PyAny>,
) -> Result<()> {
    match convert_pandas(py, table, frame)? {
        Some(converted) => py.detach(|| converted.read(builder)),
        None => read_pandas_rows(builder, table, frame),
    }
}

/// A table pyarrow has converted to Arrow: what is left of reading it
/// needs no Python, so it can be read on another thread while this one
/// converts the next table (`docs/python.md#threads`).
pub(crate) struct Converted {
    table: Table,
    reader: Box<dyn arrow_array::RecordBatchReader + Send>,
}

impl Converted {
    /// Reads the table into the builder; the GIL need not be held.
    pub(crate) fn read(self, builder: &mut DatasetBuilder) -> Result<()> {
        guarded(|| arrow::read(builder, self.table, self.reader))
    }
}

/// `frame` converted by `pyarrow.Table.from_pandas`; `None` when pyarrow is
/// not installed or cannot type every column. A `KeyboardInterrupt` (any
/// exception that is not an `Exception`) raised inside pyarrow is raised
/// as it is, never taken for a frame pyarrow cannot type.
pub(crate) fn convert_pandas(
    py: Python<'_>,
    table: Table,
    frame: &Bound<'_, PyAny>,
) -> Result<Option<Converted>> {
    match pandas::to_arrow(py, frame) {
        Ok(arrow_table) => Ok(Some(Converted {
            table,
            reader: arrow_reader(table, &arrow_table)?,
        })),
        Err(err) if passes_on(&err) => Err(Error::Python(err)),
        Err(_) => Ok(None),
    }
}

/// A pandas DataFrame read row by row through its records.
pub(crate) fn read_pandas_rows(
    builder: &mut DatasetBuilder,
    table: Table,
    frame: &Bound<'_, PyAny>,
) -> Result<()> {
    let records = frame
        .call_method1("to_dict", ("records",))
        .map_err(|cause| {
            Error::table("invalid_table", table, "the DataFrame could not be read").caused_by(cause)
        })?;
    guarded(|| objects::read_records(builder, table, &records))
}
