//! What `evaluate` and `partial` share: their options, checked into the
//! core's [`Options`], and their tables, read into a [`DatasetBuilder`]
//! (`docs/python.md`, `docs/partials.md#contents`). One place, so that a
//! partial reads exactly what an evaluation reads.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use stegvis::vocab::Table;
use stegvis::{DatasetBuilder, Encoding, Options, Programme};

use crate::args::{self, AsOf, Every, Flag};
use crate::error::{Error, Result, has, tried};
use crate::programme;
use crate::signals::Signals;
use crate::tables;

/// The options of one evaluation or partial, as the Python keywords give
/// them.
pub(crate) struct Settings {
    pub(crate) as_of: Option<AsOf>,
    pub(crate) strict: Flag,
    pub(crate) profile: Option<args::Profile>,
    pub(crate) every: Option<Every>,
    pub(crate) status_on: Option<args::StatusOn>,
    pub(crate) status_tolerance_days: Option<args::ToleranceDays>,
}

impl Settings {
    /// The core's options; `every` with a list of as-of dates is
    /// `invalid_argument` (a trend is one or the other).
    pub(crate) fn options(self) -> PyResult<Options> {
        let (date, mut trend) = self.as_of.map_or((None, None), |a| (a.0, a.1));
        if let Some(every) = self.every {
            if trend.is_some() {
                return Err(Error::argument(
                    "invalid_argument",
                    "every takes one as_of date, not a list",
                )
                .into());
            }
            trend = Some(every.0);
        }
        Ok(Options::new()
            .with_as_of(date)
            .with_trend(trend)
            .strict(self.strict.0)
            .profile(self.profile.map(|p| p.0))
            .status_on(self.status_on.and_then(|s| s.0))
            .status_tolerance(self.status_tolerance_days.map(|t| t.0)))
    }
}

/// The tables of one dataset: either one workbook holding every table
/// (`docs/data.md#workbook-sheets`) or the tables themselves.
pub(crate) struct Sources<'py> {
    workbook: Option<Bound<'py, PyAny>>,
    tables: Vec<(Table, Option<Bound<'py, PyAny>>)>,
    encoding: Encoding,
    threads: Option<args::Threads>,
}

impl<'py> Sources<'py> {
    /// The tables as the keywords give them. Without a workbook a missing
    /// participants or assessments table is read as `None`, which no reader
    /// takes (`invalid_table`); with one, no table may be given.
    pub(crate) fn new(
        py: Python<'py>,
        participants: Option<&Bound<'py, PyAny>>,
        assessments: Option<&Bound<'py, PyAny>>,
        follow_ups: Option<&Bound<'py, PyAny>>,
        workbook: Option<&Bound<'py, PyAny>>,
        encoding: Encoding,
        threads: Option<args::Threads>,
    ) -> PyResult<Self> {
        let given = |t: Option<&Bound<'py, PyAny>>| t.filter(|t| !t.is_none()).cloned();
        let workbook = given(workbook);
        let (participants, assessments, follow_ups) =
            (given(participants), given(assessments), given(follow_ups));
        if workbook.is_some()
            && (participants.is_some() || assessments.is_some() || follow_ups.is_some())
        {
            return Err(Error::argument(
                "invalid_argument",
                "workbook= holds every table: give no participants, assessments or follow_ups with it",
            )
            .into());
        }
        let none = || Some(py.None().into_bound(py));
        let tables = match workbook {
            Some(_) => Vec::new(),
            None => vec![
                (Table::Participants, participants.or_else(none)),
                (Table::Assessments, assessments.or_else(none)),
                (Table::FollowUps, follow_ups),
            ],
        };
        Ok(Sources {
            workbook,
            tables,
            encoding,
            threads,
        })
    }

    /// The comparison group's tables (`docs/comparison.md#inputs`), read
    /// with the same encoding and threads.
    pub(crate) fn comparison(&self, tables: Vec<(Table, Option<Bound<'py, PyAny>>)>) -> Self {
        Sources {
            workbook: None,
            tables,
            encoding: self.encoding,
            threads: self.threads,
        }
    }

    /// Every table read into a builder of `programme`'s dataset, asking
    /// `signals` to stop; on an error the tables read so far are freed
    /// (on another thread after a signal).
    pub(crate) fn read(
        &self,
        py: Python<'py>,
        programme: &Programme,
        signals: &Signals,
    ) -> Result<DatasetBuilder> {
        let mut builder = stegvis::Dataset::builder(programme);
        builder.interrupt_with(signals.hook());
        if let Some(threads) = self.threads {
            builder.read_threads(threads.0);
        }
        let read = match &self.workbook {
            Some(book) => tables::read_workbook(py, &mut builder, book),
            None => self.read_tables(py, &mut builder, signals),
        };
        match read {
            Ok(()) => Ok(builder),
            Err(e) => {
                signals.discard(builder);
                Err(e)
            }
        }
    }

    /// Every table read in order. On two threads or more, a pandas frame is
    /// converted to Arrow (by pyarrow, holding the GIL) while the table
    /// before it, converted already, is read on another thread
    /// (`docs/python.md#threads`).
    fn read_tables(
        &self,
        py: Python<'py>,
        builder: &mut DatasetBuilder,
        signals: &Signals,
    ) -> Result<()> {
        let overlap = self.threads.map_or_else(
            || std::thread::available_parallelism().is_ok_and(|n| n.get() > 1),
            |t| t.0.get() > 1,
        );
        let mut converted: Option<tables::Converted> = None;
        for (table, source) in &self.tables {
            let Some(source) = source else { continue };
            if overlap && tables::is_pandas_frame(source)? {
                let convert = || tables::convert_pandas(py, *table, source);
                match read_while(py, builder, converted.take(), signals, convert)? {
                    Some(next) => converted = Some(next),
                    None => tables::read_pandas_rows(builder, *table, source)?,
                }
                continue;
            }
            if let Some(before) = converted.take() {
                py.detach(|| before.read(builder))?;
            }
            tables::read(py, builder, *table, source, self.encoding)?;
        }
        converted.map_or(Ok(()), |last| py.detach(|| last.read(builder)))
    }
}

/// Runs `convert` on this thread, holding the GIL, while `converted` is read
/// into the builder on another. The signal hook attaches to the
/// interpreter, which `convert` holds, so the reading thread asks a flag
/// instead: this thread sets it when `convert` raises a `KeyboardInterrupt`
/// (an exception that is not an `Exception`) or a signal comes while it
/// waits. Such an exception wins; then the read's error, since the table
/// before comes first, as read one by one; then `convert`'s.
fn read_while<T>(
    py: Python<'_>,
    builder: &mut DatasetBuilder,
    converted: Option<tables::Converted>,
    signals: &Signals,
    convert: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let Some(converted) = converted else {
        return convert();
    };
    let stop = Arc::new(AtomicBool::new(false));
    let asked = Arc::clone(&stop);
    builder.interrupt_with(Box::new(move || asked.load(Ordering::Relaxed)));
    let (value, read) = std::thread::scope(|scope| {
        let (done, result) = mpsc::channel();
        let reading = &mut *builder;
        scope.spawn(move || done.send(converted.read(reading)));
        let value = convert();
        stop.fetch_or(matches!(value, Err(Error::Python(_))), Ordering::Relaxed);
        let read = py.detach(|| signals.wait(result, &stop));
        (value, read)
    });
    builder.interrupt_with(signals.hook());
    match (value, read) {
        (Err(e @ Error::Python(_)), _) => Err(e),
        (_, Err(e)) => Err(e),
        (value, Ok(())) => value,
    }
}

/// Runs `run` under `signals`: a signal handler's exception wins over any
/// error it caused, and is raised even when the core had already finished
/// when the hook caught it (the last check of a table or of the
/// evaluation): a signal taken from Python is never dropped.
pub(crate) fn with_signals<T>(signals: &Signals, run: impl FnOnce() -> Result<T>) -> PyResult<T> {
    let value = run().map_err(|e| PyErr::from(signals.error(e)))?;
    match signals.take() {
        Some(pending) => Err(pending),
        None => Ok(value),
    }
}

/// A `Programme`, or a dict or file path that makes one (a `.json` path is
/// read as JSON, any other as TOML).
pub(crate) fn programme_of(py: Python<'_>, source: &Bound<'_, PyAny>) -> Result<Programme> {
    if let Ok(p) = source.cast::<programme::PyProgramme>() {
        return Ok(p.get().inner.clone());
    }
    if source.is_instance_of::<PyDict>() {
        return programme::from_dict_source(py, source);
    }
    if source.is_instance_of::<PyString>() || has(source, "__fspath__")? {
        let is_json = tried(source.str().and_then(|s| {
            s.to_cow()
                .map(|c| c.trim_end().to_ascii_lowercase().ends_with(".json"))
        }))?
        .unwrap_or(false);
        return if is_json {
            programme::from_json_source(py, source)
        } else {
            programme::from_toml_source(py, source)
        };
    }
    Err(Error::programme(
        "invalid_value",
        "",
        "expected a stegvis.Programme, a dict, or the path of a TOML or JSON definition",
    ))
}
