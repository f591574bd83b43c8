//! Python bindings of stegvis: the extension module `stegvis._core`, which
//! the pure-Python package `stegvis` (in `python/stegvis`) re-exports.
//!
//! A thin layer: tables become the core's cells, core errors become Python
//! exceptions, reports become dicts and data frames. Every number is the
//! core's.

mod args;
mod convert;
mod error;
mod inputs;
mod partial;
mod programme;
mod report;
mod signals;
mod tables;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use stegvis::vocab::Table;

use crate::args::{AsOf, Confidence, Count, Encoding, Every, Flag};
use crate::error::{Error, guarded};
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
    let sources = inputs::Sources::new(
        py,
        participants,
        assessments,
        follow_ups,
        workbook,
        encoding.0,
        threads,
    )?;
    let programme = inputs::programme_of(py, programme)?;
    let comparison = comparison_tables(comparison)?.map(|t| sources.comparison(t));
    let options = inputs::Settings {
        as_of,
        strict,
        profile,
        every,
        status_on,
        status_tolerance_days,
    }
    .options()?;
    let signals = Signals::new();
    inputs::with_signals(&signals, || {
        let builder = sources.read(py, &programme, &signals)?;
        // The comparison group's tables, read alike; errors name them.
        let other = match &comparison {
            Some(tables) => match tables.read(py, &programme, &signals) {
                Ok(b) => Some(b),
                Err(e) => {
                    signals.discard(builder);
                    return Err(e.in_comparison());
                }
            },
            None => None,
        };
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
    })
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
    m.add_class::<partial::PyPartial>()?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(partial::partial, m)?)?;
    m.add_function(wrap_pyfunction!(partial::combine, m)?)?;
    m.add_function(wrap_pyfunction!(partial::partition_of, m)?)?;
    m.add_function(wrap_pyfunction!(partial::partitions, m)?)?;
    m.add_function(wrap_pyfunction!(wilson_interval, m)?)?;
    m.add_function(wrap_pyfunction!(newcombe_difference, m)?)?;
    Ok(())
}
