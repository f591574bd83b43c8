//! Partial reports (`docs/partials.md`): `stegvis.partial`, the
//! `stegvis.Partial` class, `stegvis.combine` and the partition of ids, so
//! that the tables of several organisations, or the partitions of a Dask or
//! Spark cluster, can be counted apart and reported together.

use std::num::NonZeroU32;

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyTuple, PyType};
use stegvis::Partial;

use crate::args::{self, AsOf, Encoding, Every, Flag};
use crate::error::{Error, guarded};
use crate::inputs::{self, Settings, Sources};
use crate::programme::PyProgramme;
use crate::report::PyReport;
use crate::signals::Signals;

/// The counts of one set of participants, to be combined with those of
/// other, disjoint sets and reported together (`docs/partials.md#contents`).
///
/// Made by :func:`stegvis.partial` or read with :meth:`from_json`; ``a + b``
/// and :func:`stegvis.combine` add partials of disjoint sets of
/// participants (`docs/partials.md#combining`), and :meth:`report` gives the
/// report of all of them. A partial holds no id, no date of a person and
/// no row number, so it can travel between processes and organisations;
/// it pickles as its JSON.
///
/// >>> east = stegvis.partial(programme, [{"id": "a", "gender": "K", "entry_date": "2021-03-01"}], [], as_of="2022-06-30")
/// >>> west = stegvis.partial(programme, [{"id": "b", "gender": "M", "entry_date": "2021-04-01"}], [], as_of="2022-06-30")
/// >>> (east + west).participants
/// 2
/// >>> (east + west).report().enrolment["enrolled"]
/// 2
#[pyclass(frozen, name = "Partial", module = "stegvis")]
pub(crate) struct PyPartial {
    inner: Partial,
}

fn invalid(message: &str) -> PyErr {
    Error::argument("invalid_argument", message).into()
}

#[pymethods]
impl PyPartial {
    /// The report of the counted participants, as :func:`stegvis.evaluate`
    /// gives it, except that data-quality issues list no rows and the
    /// report explains no participant (`docs/partials.md#report`). Suppress
    /// it before publishing.
    fn report(&self) -> PyResult<PyReport> {
        let report = guarded(|| Ok(self.inner.report()))?;
        Ok(PyReport::of_partial(report))
    }

    /// The partial as JSON text (`docs/partials.md#format`).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Reads a partial written by :meth:`to_json`, checked against its
    /// programme (`docs/partials.md#checks`): anything else is a
    /// :class:`PartialError` (``invalid_partial``,
    /// ``unsupported_partial_version``).
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<PyPartial> {
        let inner = guarded(|| Ok(Partial::from_json(text)?))?;
        Ok(PyPartial { inner })
    }

    /// How many participants (episodes under ``reentry = "per_episode"``)
    /// present at as-of are counted.
    #[getter]
    fn participants(&self) -> u64 {
        self.inner.participants()
    }

    /// The report's date.
    #[getter]
    fn as_of(&self) -> chrono::NaiveDate {
        self.inner.as_of()
    }

    /// The programme the counts are of.
    #[getter]
    fn programme(&self) -> PyProgramme {
        PyProgramme {
            inner: self.inner.programme().clone(),
        }
    }

    /// The counts of both partials' participants, which must be disjoint
    /// sets (`docs/partials.md#combining`); a :class:`PartialError` when
    /// their programmes, dates or settings differ.
    fn __add__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.cast::<PyPartial>() else {
            return Ok(py.NotImplemented());
        };
        let inner = guarded(|| Ok(self.inner.combine(&other.get().inner)?))?;
        Ok(Py::new(py, PyPartial { inner })?.into_any())
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyPartial>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    /// The programme, date and number of participants: nothing of a person.
    fn __repr__(&self) -> String {
        format!(
            "<stegvis.Partial programme={} as_of={} participants={}>",
            crate::programme::python_str(self.inner.programme().id()),
            self.inner.as_of(),
            self.inner.participants()
        )
    }

    /// Pickles as ``Partial.from_json(self.to_json())``, so that Dask and
    /// multiprocessing can send partials between processes.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = slf.get_type().getattr("from_json")?;
        let text = slf.get().inner.to_json();
        Ok((from_json, PyTuple::new(py, [text])?))
    }
}

/// The counts of a programme's participants as a :class:`Partial`, to be
/// combined with the partials of other participants and reported together
/// (`docs/partials.md`).
///
/// Takes the tables and options of :func:`stegvis.evaluate` except
/// ``comparison`` (a partial has no comparison section); the partials to
/// combine must share the programme, ``as_of`` (give it: the default,
/// today, may differ between machines), trend, status date and profile
/// (`docs/partials.md#combining`). Every participant's rows must be in the
/// tables of one partial only: split them by :func:`partition_of`
/// (`docs/partials.md#partitioning`).
///
/// >>> p = stegvis.partial(
/// ...     programme,
/// ...     [{"id": "a", "gender": "K", "entry_date": "2021-03-01"}],
/// ...     [{"participant_id": "a", "date": "2021-03-01", "parameter": "step", "level": 1},
/// ...      {"participant_id": "a", "date": "2021-09-01", "parameter": "step", "level": 3}],
/// ...     as_of="2022-06-30",
/// ... )
/// >>> p
/// <stegvis.Partial programme='2020/00551' as_of=2022-06-30 participants=1>
/// >>> p.report().goals[0]["achieved"]
/// 1
#[pyfunction]
#[pyo3(
    signature = (programme, participants = None, assessments = None, /, follow_ups = None, *, as_of = None, strict = Flag(false), encoding = Encoding::default(), profile = None, every = None, status_on = None, status_tolerance_days = None, workbook = None, threads = None),
    text_signature = "(programme, participants=None, assessments=None, /, follow_ups=None, *, as_of=None, strict=False, encoding='auto', profile=None, every=None, status_on=None, status_tolerance_days=None, workbook=None, threads=None)"
)]
#[expect(
    clippy::too_many_arguments,
    reason = "the arguments are the Python signature"
)]
pub(crate) fn partial(
    py: Python<'_>,
    programme: &Bound<'_, PyAny>,
    participants: Option<&Bound<'_, PyAny>>,
    assessments: Option<&Bound<'_, PyAny>>,
    follow_ups: Option<&Bound<'_, PyAny>>,
    as_of: Option<AsOf>,
    strict: Flag,
    encoding: Encoding,
    profile: Option<args::Profile>,
    every: Option<Every>,
    status_on: Option<args::StatusOn>,
    status_tolerance_days: Option<args::ToleranceDays>,
    workbook: Option<&Bound<'_, PyAny>>,
    threads: Option<args::Threads>,
) -> PyResult<PyPartial> {
    let sources = Sources::new(
        py,
        participants,
        assessments,
        follow_ups,
        workbook,
        encoding.0,
        threads,
    )?;
    let programme = inputs::programme_of(py, programme)?;
    let options = Settings {
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
        let mut hook = signals.hook();
        let inner = py.detach(|| {
            guarded(|| {
                let dataset = builder.build();
                let counted = dataset.partial_with(&options, hook.as_mut());
                signals.discard(dataset);
                Ok(counted?)
            })
        })?;
        Ok(PyPartial { inner })
    })
}

/// The sum of any number of :class:`Partial` of disjoint sets of
/// participants (`docs/partials.md#combining`): a :class:`PartialError`
/// when there are none (``no_partials``) or they differ in programme, date
/// or settings.
#[pyfunction]
#[pyo3(signature = (partials, /))]
pub(crate) fn combine(partials: &Bound<'_, PyAny>) -> PyResult<PyPartial> {
    let message = "partials must be an iterable of stegvis.Partial";
    let mut held = Vec::new();
    for item in partials.try_iter().map_err(|_| invalid(message))? {
        let item = item?;
        let partial = item.cast::<PyPartial>().map_err(|_| invalid(message))?;
        held.push(partial.clone());
    }
    let inner = guarded(|| Ok(Partial::combine_all(held.iter().map(|p| &p.get().inner))?))?;
    Ok(PyPartial { inner })
}

/// A number of partitions: a whole number from 1 to 2³² − 1.
pub(crate) struct Partitions(NonZeroU32);

impl<'a, 'py> FromPyObject<'a, 'py> for Partitions {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let message = "partitions must be a whole number from 1 to 4294967295";
        if obj.is_instance_of::<pyo3::types::PyBool>() {
            return Err(invalid(message));
        }
        obj.extract::<u32>()
            .ok()
            .and_then(NonZeroU32::new)
            .map(Partitions)
            .ok_or_else(|| invalid(message))
    }
}

/// The partition (from 0 to ``partitions - 1``) of a participant id: a
/// stable hash (64-bit FNV-1a) of the id as stegvis reads it — text
/// trimmed, a whole number as its decimal text — the same in every
/// language and release (`docs/partials.md#partitioning`). An id that is
/// missing or no id is a :class:`StegvisError` with code ``invalid_id``.
///
/// >>> stegvis.partition_of("A1", 7)
/// 2
#[pyfunction]
#[pyo3(signature = (id, partitions, /))]
pub(crate) fn partition_of(id: &Bound<'_, PyAny>, partitions: Partitions) -> PyResult<u32> {
    let cell = crate::tables::cell(id)?;
    let id = stegvis::data::participant_id(cell.as_field()).map_err(|_| {
        Error::argument(
            "invalid_id",
            "id must be a participant id (text or integer)",
        )
    })?;
    Ok(stegvis::partition_of(&id, partitions.0))
}

/// The partition of every id in ``ids`` as a NumPy ``int64`` array, computed
/// in Rust (`docs/partials.md#partitioning`). ``ids`` is a pandas or polars
/// Series, a pyarrow Array or ChunkedArray, anything with
/// ``__arrow_c_array__`` / ``__arrow_c_stream__``, or a list of ids; each
/// id is read as the id columns read it, and equals :func:`partition_of`
/// of it. A missing id, or a value that is no id, goes to partition 0,
/// where the evaluation of that partition reports it as one process would
/// (its row then counted within the partition).
///
/// >>> stegvis.partitions(["A1", " A1 ", 17], 7).tolist()
/// [2, 2, 4]
#[pyfunction]
#[pyo3(signature = (ids, partitions, /))]
pub(crate) fn partitions<'py>(
    py: Python<'py>,
    ids: &Bound<'py, PyAny>,
    partitions: Partitions,
) -> PyResult<Bound<'py, PyAny>> {
    let numpy = py.import("numpy")?;
    let of = crate::tables::partitions(py, ids, partitions.0)?;
    let bytes: Vec<u8> = py.detach(|| {
        of.iter()
            .flat_map(|&p| i64::from(p).to_ne_bytes())
            .collect()
    });
    // A bytearray, so that the array NumPy makes over it is writable.
    let buffer = PyByteArray::new(py, &bytes);
    numpy.call_method1("frombuffer", (buffer, numpy.getattr("int64")?))
}
