//! Python bindings of stegvis: the extension module `stegvis._core`, which
//! the pure-Python package `stegvis` (in `python/stegvis`) re-exports.
//!
//! A thin layer: tables become the core's cells, core errors become Python
//! exceptions, reports become dicts and data frames. Every number is the
//! core's.

mod args;
mod convert;
mod error;
mod programme;
mod report;
mod signals;
mod tables;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use stegvis::vocab::Table;
use stegvis::{Dataset, Options};

use crate::args::{AsOf, Confidence, Count, Encoding, Every, Flag};
use crate::error::{Error, Result, guarded, has, tried};
use crate::programme::PyProgramme;
use crate::report::PyReport;
use crate::signals::Signals;

/// Evaluates a programme's goals on its data as of a date.
///
/// ``participants``, ``assessments`` and ``follow_ups`` are each a pandas or
/// polars DataFrame, a pyarrow Table or RecordBatchReader, anything with
/// ``__arrow_c_stream__``, a list of dicts, or a path to a CSV file, with the
/// CSV column names of `docs/data.md#tables`; a path ending in ``.xlsx`` is
/// read as an Excel workbook (the sheet named for the table, else the first
/// sheet, `docs/data.md#xlsx-files`). ``workbook`` is instead the path of
/// one .xlsx workbook holding every table, a sheet per table named in
/// English or Swedish (``participants``/``deltagare``,
/// ``assessments``/``skattningar``, optionally ``follow_ups`` or its Swedish
/// name, `docs/data.md#workbook-sheets`); no table is then given. ``as_of`` is a ``datetime.date`` or an ISO
/// string (default: today, capped at the programme's end), or a list of them:
/// a trend over those dates, the report at the latest (`docs/method.md#trend`);
/// ``every`` (``"quarter"``, ``"half-year"``, ``"year"``, or ``"none"`` to turn
/// the programme's ``trend`` off) asks for a trend at each period end from the
/// programme's start before the report's date, then that date; ``strict`` turns
/// the first data-quality issue into a :class:`DataError`. ``encoding`` is
/// the character encoding of the tables given as CSV paths: ``"auto"``
/// (detected: a byte-order mark, else UTF-8 or Windows-1252 by the first
/// non-ASCII character), ``"utf-8"``, ``"windows-1252"``, ``"utf-16le"`` or
/// ``"utf-16be"`` (`docs/data.md#encodings`); bytes not valid in it are a
/// :class:`DataError` with code ``invalid_encoding``. ``profile="esf"``
/// adds the ESF+ indicators as ``report.esf`` (`docs/esf.md#profile`).
/// ``comparison`` is a comparison group (`docs/comparison.md`): a dict
/// with ``"participants"`` and ``"assessments"`` and optionally
/// ``"follow_ups"``, each in any form the tables above take; the report then
/// has a ``comparison`` section, and errors in those tables name
/// ``comparison_participants``, ``comparison_assessments`` or
/// ``comparison_follow_ups`` as their ``table``. ``status_on`` (a date, as
/// ``as_of``) asks for the participants' status on that calendar date, from
/// each one's latest follow-up at most ``status_tolerance_days`` days (default
/// the programme's ``status_on.tolerance_days``, else 45) before it, as
/// ``report.status_on`` (`docs/method.md#status-on-a-date`); it replaces the
/// programme's ``status_on`` date, and one after the report's date is a
/// :class:`ProgrammeError` with code ``status_on_after_as_of``.
/// ``threads`` (default: the machine's cores) is how many threads the
/// assessments and follow-ups are read on (CSV paths, Arrow tables and
/// frames) and the evaluation runs on; nothing else depends on it
/// (`docs/data.md#threads`, `docs/method.md#threads`).
/// Ctrl-C stops it within about 50 ms with ``KeyboardInterrupt``
/// (`docs/python.md#interrupts`).
///
/// >>> report = stegvis.evaluate(
/// ...     programme,
/// ...     [{"id": "a", "gender": "K", "entry_date": "2021-03-01"}],
/// ...     [{"participant_id": "a", "date": "2021-03-01", "parameter": "step", "level": 1},
/// ...      {"participant_id": "a", "date": "2021-09-01", "parameter": "step", "level": 3}],
/// ...     as_of="2022-06-30",
/// ... )
/// >>> report.goals[0]["achieved"], report.goals[0]["status"]
/// (1, 'met')
#[pyfunction]
#[pyo3(
    signature = (programme, participants = None, assessments = None, /, follow_ups = None, *, as_of = None, strict = Flag(false), encoding = Encoding::default(), profile = None, comparison = None, every = None, status_on = None, status_tolerance_days = None, workbook = None, threads = None),
    text_signature = "(programme, participants=None, assessments=None, /, follow_ups=None, *, as_of=None, strict=False, encoding='auto', profile=None, comparison=None, every=None, status_on=None, status_tolerance_days=None, workbook=None, threads=None)"
)]
#[expect(
    clippy::too_many_arguments,
    reason = "the arguments are the Python signature"
)]
fn evaluate(
    py: Python<'_>,
    programme: &Bound<'_, PyAny>,
    participants: Option<&Bound<'_, PyAny>>,
    assessments: Option<&Bound<'_, PyAny>>,
    follow_ups: Option<&Bound<'_, PyAny>>,
    as_of: Option<AsOf>,
    strict: Flag,
    encoding: Encoding,
    profile: Option<args::Profile>,
    comparison: Option<&Bound<'_, PyAny>>,
    every: Option<Every>,
    status_on: Option<args::StatusOn>,
    status_tolerance_days: Option<args::ToleranceDays>,
    workbook: Option<&Bound<'_, PyAny>>,
    threads: Option<args::Threads>,
) -> PyResult<PyReport> {
    let workbook = workbook.filter(|t| !t.is_none());
    // Either one workbook for every table or the tables themselves
    // (`docs/data.md#workbook-sheets`); without a workbook a missing table
    // is read as `None`, which no reader takes (`invalid_table`).
    let given = |t: Option<&Bound<'_, PyAny>>| t.is_some_and(|t| !t.is_none());
    if workbook.is_some() && (given(participants) || given(assessments) || given(follow_ups)) {
        return Err(Error::argument(
            "invalid_argument",
            "workbook= holds every table: give no participants, assessments or follow_ups with it",
        )
        .into());
    }
    let programme = programme_of(py, programme)?;
    let comparison = comparison_tables(comparison)?;
    let (date, mut trend) = as_of.map_or((None, None), |a| (a.0, a.1));
    if let Some(every) = every {
        if trend.is_some() {
            return Err(Error::argument(
                "invalid_argument",
                "every takes one as_of date, not a list",
            )
            .into());
        }
        trend = Some(every.0);
    }
    let options = Options::new()
        .with_as_of(date)
        .with_trend(trend)
        .strict(strict.0)
        .profile(profile.map(|p| p.0))
        .status_on(status_on.and_then(|s| s.0))
        .status_tolerance(status_tolerance_days.map(|t| t.0));
    let signals = Signals::new();
    let encoding = encoding.0;
    let none = py.None().into_bound(py);
    let (participants, assessments) = match workbook {
        Some(_) => (None, None),
        None => (
            Some(participants.cloned().unwrap_or_else(|| none.clone())),
            Some(assessments.cloned().unwrap_or_else(|| none.clone())),
        ),
    };
    let tables = [
        (Table::Participants, participants),
        (Table::Assessments, assessments),
        (
            Table::FollowUps,
            follow_ups.filter(|f| !f.is_none()).cloned(),
        ),
    ];
    let run = || -> Result<PyReport> {
        let mut builder = Dataset::builder(&programme);
        builder.interrupt_with(signals.hook());
        if let Some(threads) = threads {
            builder.read_threads(threads.0);
        }
        if let Some(book) = workbook
            && let Err(e) = tables::read_workbook(py, &mut builder, book)
        {
            signals.discard(builder);
            return Err(e);
        }
        for (table, source) in &tables {
            if let Some(source) = source
                && let Err(e) = tables::read(py, &mut builder, *table, source, encoding)
            {
                signals.discard(builder);
                return Err(e);
            }
        }
        // The comparison group's tables, read alike; errors name them.
        let mut other = None;
        if let Some(tables) = &comparison {
            let mut b = Dataset::builder(&programme);
            b.interrupt_with(signals.hook());
            if let Some(threads) = threads {
                b.read_threads(threads.0);
            }
            for (table, source) in tables {
                if let Some(source) = source
                    && let Err(e) = tables::read(py, &mut b, *table, source, encoding)
                {
                    signals.discard(b);
                    signals.discard(builder);
                    return Err(e.in_comparison());
                }
            }
            other = Some(b);
        }
        let mut hook = signals.hook();
        let (report, dataset) = py.detach(|| {
            guarded(|| {
                let dataset = builder.build();
                let evaluated = match other {
                    Some(b) => dataset.evaluate_compared_with(&b.build(), &options, hook.as_mut()),
                    None => dataset.evaluate_with(&options, hook.as_mut()),
                };
                match evaluated {
                    Ok(report) => Ok((report, dataset)),
                    Err(e) => {
                        signals.discard(dataset);
                        Err(e.into())
                    }
                }
            })
        })?;
        Ok(PyReport::new(report, dataset, options))
    };
    // A signal handler's exception wins over any error it caused, and is
    // raised even when the core had already finished when the hook caught
    // it (the last check of a table or of the evaluation): a signal taken
    // from Python is never dropped.
    let report = run().map_err(|e| PyErr::from(signals.error(e)))?;
    match signals.take() {
        Some(pending) => Err(pending),
        None => Ok(report),
    }
}

/// The comparison group's tables from `comparison=`: a dict with
/// `participants` and `assessments` (required) and `follow_ups`
/// (`docs/comparison.md#inputs`); anything else is `invalid_argument`.
type ComparisonTables<'py> = Vec<(Table, Option<Bound<'py, PyAny>>)>;

fn comparison_tables<'py>(
    comparison: Option<&Bound<'py, PyAny>>,
) -> PyResult<Option<ComparisonTables<'py>>> {
    let Some(comparison) = comparison.filter(|c| !c.is_none()) else {
        return Ok(None);
    };
    let invalid = |message: &str| -> PyErr { Error::argument("invalid_argument", message).into() };
    let Ok(dict) = comparison.cast::<PyDict>() else {
        return Err(invalid(
            "comparison must be a dict with participants, assessments and optionally follow_ups",
        ));
    };
    const KEYS: [&str; 3] = ["participants", "assessments", "follow_ups"];
    for key in dict.keys() {
        let known = key
            .cast::<PyString>()
            .ok()
            .and_then(|k| k.to_cow().ok().map(|k| KEYS.contains(&k.as_ref())))
            .unwrap_or(false);
        if !known {
            return Err(invalid(
                "comparison takes only the keys participants, assessments and follow_ups",
            ));
        }
    }
    let mut tables = Vec::new();
    for (key, table) in
        KEYS.into_iter()
            .zip([Table::Participants, Table::Assessments, Table::FollowUps])
    {
        let source = dict.get_item(key)?.filter(|s| !s.is_none());
        if source.is_none() && table != Table::FollowUps {
            return Err(invalid(
                "comparison needs participants and assessments (follow_ups is optional)",
            ));
        }
        tables.push((table, source));
    }
    Ok(Some(tables))
}

/// A `Programme`, or a dict or file path that makes one (a `.json` path is
/// read as JSON, any other as TOML).
fn programme_of(py: Python<'_>, source: &Bound<'_, PyAny>) -> Result<stegvis::Programme> {
    if let Ok(p) = source.cast::<PyProgramme>() {
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

fn stats_error(e: stegvis::stats::StatsError) -> Error {
    Error::argument(e.code(), e.to_string())
}

/// The Wilson score interval of ``k`` successes in ``n`` trials as
/// ``(lower, upper)``, or None when ``n`` is 0. Wrapped as a named tuple by
/// :func:`stegvis.stats.wilson_interval`.
#[pyfunction]
#[pyo3(signature = (k, n, /, confidence))]
fn wilson_interval(k: Count, n: Count, confidence: Confidence) -> PyResult<Option<(f64, f64)>> {
    let bounds = stegvis::stats::wilson_interval(k.0, n.0, confidence.0).map_err(stats_error)?;
    Ok(bounds.map(|b| (b.lower, b.upper)))
}

/// Newcombe's hybrid score interval for ``k1/n1 - k2/n2`` as
/// ``(difference, lower, upper)``, or None when either ``n`` is 0. Wrapped
/// as a named tuple by :func:`stegvis.stats.newcombe_difference`.
#[pyfunction]
#[pyo3(signature = (k1, n1, k2, n2, /, confidence))]
fn newcombe_difference(
    k1: Count,
    n1: Count,
    k2: Count,
    n2: Count,
    confidence: Confidence,
) -> PyResult<Option<(f64, f64, f64)>> {
    let d = stegvis::stats::newcombe_difference(k1.0, n1.0, k2.0, n2.0, confidence.0)
        .map_err(stats_error)?;
    Ok(d.map(|d| (d.difference, d.lower, d.upper)))
}

/// The extension module.
#[pymodule]
#[pyo3(name = "_core")]
fn stegvis_core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    error::register(m)?;
    m.add_class::<PyProgramme>()?;
    m.add_class::<PyReport>()?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(wilson_interval, m)?)?;
    m.add_function(wrap_pyfunction!(newcombe_difference, m)?)?;
    Ok(())
}
