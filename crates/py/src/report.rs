//! `stegvis.Report`: the core report, as dicts, JSON, data frames and HTML.

use std::sync::Arc;

use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use serde::Serialize;
use stegvis::report::charts::{ChartKind, UnknownChart};
use stegvis::report::frames::{Frame, Values};
use stegvis::{Dataset, Language, Options};

use crate::args::{self, Backend, Flag, TextLanguage};
use crate::convert;
use crate::error::{Error, Result, guarded};

/// What a programme has achieved as of a date (`docs/report.md#keys`).
///
/// Made by :func:`stegvis.evaluate`. Sections are attributes holding plain
/// dicts and lists (``goals``, ``enrolment``, …); :meth:`to_dict` gives the
/// whole report, the ``*_frame`` methods give tables as pandas or polars
/// DataFrames, and :meth:`suppress` gives a publishable copy.
///
/// >>> report.goals[0]["id"], report.goals[0]["status"]
/// ('closer', 'met')
/// >>> round(report.goals[0]["share"], 3)
/// 0.667
/// >>> report.as_of
/// datetime.date(2022, 6, 30)
#[pyclass(frozen, name = "Report", module = "stegvis")]
pub(crate) struct PyReport {
    inner: stegvis::Report,
    /// The data, for explanations; `None` for a publishable copy.
    dataset: Option<Arc<Dataset>>,
    options: Options,
    min_cell: Option<u64>,
}

impl PyReport {
    /// A full report, with the data and options it came from.
    pub(crate) fn new(inner: stegvis::Report, dataset: Dataset, options: Options) -> Self {
        // Explanations must describe the same as-of as the report, even if
        // the default (today) has moved on since.
        let options = options.as_of(inner.as_of);
        PyReport {
            inner,
            dataset: Some(Arc::new(dataset)),
            options,
            min_cell: None,
        }
    }

    /// The report of a partial (`docs/partials.md#report`): no data
    /// behind it, so it explains no participant.
    pub(crate) fn of_partial(inner: stegvis::Report) -> Self {
        let options = Options::new().as_of(inner.as_of);
        PyReport {
            inner,
            dataset: None,
            options,
            min_cell: None,
        }
    }

    fn section<'py>(&self, py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
        convert::python(py, value)
    }

    fn workbook(&self, language: TextLanguage) -> Result<Vec<u8>> {
        guarded(|| {
            self.inner
                .to_xlsx(language.0, self.min_cell)
                .map_err(|e| Error::Internal(format!("the workbook could not be written: {e}")))
        })
    }

    fn dataset(&self) -> Result<&Arc<Dataset>> {
        self.dataset.as_ref().ok_or_else(|| {
            Error::argument(
                "no_explanations",
                "a publishable (suppressed) report, or one from a partial, carries no explanations",
            )
        })
    }
}

#[pymethods]
impl PyReport {
    /// The programme's ``{"id", "name"}``.
    #[getter]
    fn programme<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.programme)
    }

    /// The date the report describes.
    #[getter]
    fn as_of(&self) -> chrono::NaiveDate {
        self.inner.as_of
    }

    /// Enrolment against plan and the gender split (`docs/method.md#enrolment`).
    #[getter]
    fn enrolment<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.enrolment)
    }

    /// One dict per goal, in definition order (`docs/method.md#goal-results`).
    #[getter]
    fn goals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.goals)
    }

    /// The parameter change table (`docs/method.md#parameter-table`).
    #[getter]
    fn parameters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.parameters)
    }

    /// Exit outcomes of the participants exited by as-of (`docs/method.md#exits`),
    /// with the same per gender under ``by_gender`` (`docs/method.md#exits-by-gender`).
    #[getter]
    fn exits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.exits)
    }

    /// One dict per follow-up horizon: due, reached, not_reached, response_rate,
    /// early, statuses and assistance among the reached and among the due, and
    /// the same under ``by_gender`` (`docs/method.md#follow-up-accounting`).
    #[getter]
    fn follow_ups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.follow_ups)
    }

    /// Data-quality issues: kind, table, count and up to five row numbers
    /// (`docs/method.md#data-quality`).
    #[getter]
    fn data_quality<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.data_quality)
    }

    /// One dict per breakdown of the programme, in programme order: ``id``,
    /// ``kind`` and ``groups``, each group with its ``enrolment``, ``goals``
    /// and ``parameters`` (`docs/report.md#breakdowns`).
    #[getter]
    fn breakdowns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.breakdowns)
    }

    /// Assistance before and after: ``recorded_at_entry``,
    /// ``on_assistance_at_entry`` and ``steps`` (at exit, then each
    /// follow-up horizon), each step with ``population``, ``recorded``,
    /// ``not_on_assistance``, ``share``, ``ci`` and ``by_gender``
    /// (`docs/method.md#assistance-before-after`).
    #[getter]
    fn assistance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.assistance)
    }

    /// The ESF+ indicators with ``profile="esf"``, else None: ``indicators``
    /// keyed by name, each ``{"total": n, "by_gender": {...}}``
    /// (`docs/esf.md#indicators`).
    #[getter]
    fn esf<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.esf)
    }

    /// The participants beside a comparison group, or None without one
    /// (`docs/report.md#comparison`): ``caveat``, the two ``*_enrolled``,
    /// ``goals`` (each group's result and the difference with Newcombe's
    /// interval), ``balance`` and the group's ``data_quality``.
    #[getter]
    fn comparison<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.comparison)
    }

    /// One dict per trend date, ascending, the report's date last:
    /// ``as_of``, ``enrolled``, ``by_gender`` (``count``, ``share``) and
    /// ``goals`` (``id``, ``achieved``, ``denominator``, ``share``, ``ci``,
    /// ``status``); ``[]`` without a trend (`docs/report.md#trend`).
    #[getter]
    fn trend<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.trend)
    }

    /// The status on a calendar date with ``status_on=`` (or the
    /// programme's ``status_on``), else None (`docs/report.md#status-on`):
    /// ``date``, ``tolerance_days``, ``exited``, ``with_follow_up``,
    /// ``no_follow_up``, ``by_status`` with its shares among those with a
    /// follow-up and among the exited, ``on_assistance``,
    /// ``not_on_assistance``, ``assistance_not_recorded``, the shares not on
    /// assistance with their Wilson intervals, and ``by_gender``.
    #[getter]
    fn status_on<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.status_on)
    }

    /// The minimum cell size this copy was suppressed with, or None for a
    /// full report.
    #[getter]
    fn min_cell(&self) -> Option<u64> {
        self.min_cell
    }

    /// The whole report as a dict with the keys of `docs/report.md#keys`. Suppressed
    /// values are the string ``"suppressed"``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::python(py, &self.inner)
    }

    /// The whole report as (pretty) JSON text.
    fn to_json(&self) -> PyResult<String> {
        Ok(guarded(|| Ok(self.inner.to_json()))?)
    }

    /// The report as text tables, in English (``"en"``) or Swedish (``"sv"``).
    #[pyo3(
        signature = (*, language = TextLanguage(Language::English)),
        text_signature = "($self, *, language='en')"
    )]
    fn to_text(&self, language: TextLanguage) -> PyResult<String> {
        Ok(guarded(|| Ok(self.inner.to_text(language.0)))?)
    }

    /// The tidy long table (see :meth:`tidy_frame`) as CSV text for a
    /// spreadsheet (`docs/report.md#spreadsheet-csv`): numbers rounded to
    /// four places, text a spreadsheet would run as a formula prefixed with
    /// ``'``; in Swedish (``"sv"``) ``;`` and a decimal comma, in English
    /// (``"en"``) ``,`` and a point. Save it with a byte-order mark, so that
    /// Excel reads UTF-8: ``open(path, "w", encoding="utf-8-sig", newline="")``.
    #[pyo3(
        signature = (*, language = TextLanguage(Language::English)),
        text_signature = "($self, *, language='en')"
    )]
    fn to_csv(&self, language: TextLanguage) -> PyResult<String> {
        Ok(guarded(|| {
            Ok(self.inner.tidy().to_spreadsheet_csv(language.0))
        })?)
    }

    /// A publishable copy: every count from 1 to ``min_cell - 1``, and what
    /// would reveal it, becomes ``"suppressed"``
    /// (`docs/report.md#disclosure-control`). The copy has no explanations.
    #[pyo3(signature = (min_cell = args::MinCell::DEFAULT), text_signature = "($self, min_cell=5)")]
    fn suppress(&self, min_cell: args::MinCell) -> PyResult<PyReport> {
        let min_cell = min_cell.0;
        let inner = guarded(|| Ok(self.inner.suppress(min_cell)))?;
        Ok(PyReport {
            inner,
            dataset: None,
            options: self.options.clone(),
            min_cell: Some(min_cell),
        })
    }

    /// Why one participant counts as they do for each goal, as a dict
    /// (``participant_id``, ``gender``, ``goals``); None for an unknown id.
    fn explain<'py>(
        &self,
        py: Python<'py>,
        participant_id: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let dataset = self.dataset()?;
        // The id columns' rule (docs/data.md, ids): text, or a whole number.
        let cell = crate::tables::cell(participant_id)?;
        let id = stegvis::data::participant_id(cell.as_field()).map_err(|_| {
            Error::argument(
                "invalid_argument",
                "participant_id must be an id (text or integer)",
            )
        })?;
        let options = self.options.clone();
        match guarded(|| Ok(dataset.explain_participant(&id, &options)))? {
            Some(explanation) => self.section(py, &explanation),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// One row per goal: its population as defined (``population``,
    /// ``population_after_months``, ``population_where`` as JSON text),
    /// counts, share, its 95 % interval, target, status, and the women −
    /// men gap. With ``by_gender=True``, one row per goal
    /// and gender instead.
    #[pyo3(
        signature = (*, backend = Backend::Pandas, by_gender = Flag(false)),
        text_signature = "($self, *, backend='pandas', by_gender=False)"
    )]
    fn goals_frame<'py>(
        &self,
        py: Python<'py>,
        backend: Backend,
        by_gender: Flag,
    ) -> PyResult<Bound<'py, PyAny>> {
        let frame = if by_gender.0 {
            self.inner.goals_by_gender_frame()
        } else {
            self.inner.goals_frame()
        };
        to_python(py, &frame, backend, "goals_frame")
    }

    /// The gender split of enrolment: one row per gender with count, share
    /// of known gender, interval, target, deviation, participants needed
    /// (while recruitment is open) or missed (once it has closed), and the
    /// projected share at the planned total with its interval
    /// (``projected_share``, ``projected_lower``, ``projected_upper``).
    #[pyo3(
        signature = (*, backend = Backend::Pandas),
        text_signature = "($self, *, backend='pandas')"
    )]
    fn gender_frame<'py>(&self, py: Python<'py>, backend: Backend) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.gender_frame(), backend, "gender_frame")
    }

    /// The parameter change table: one row per parameter (and gender
    /// ``"all"`` plus each gender) with evaluable, improved, unchanged,
    /// worsened, their shares and the mean gain.
    #[pyo3(
        signature = (*, backend = Backend::Pandas),
        text_signature = "($self, *, backend='pandas')"
    )]
    fn parameters_frame<'py>(
        &self,
        py: Python<'py>,
        backend: Backend,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_python(
            py,
            &self.inner.parameters_frame(),
            backend,
            "parameters_frame",
        )
    }

    /// The per-participant explanation: one row per participant and goal
    /// with population membership, the criterion's value, how the
    /// participant is counted, and why.
    #[pyo3(
        signature = (*, backend = Backend::Pandas),
        text_signature = "($self, *, backend='pandas')"
    )]
    fn participants_frame<'py>(
        &self,
        py: Python<'py>,
        backend: Backend,
    ) -> PyResult<Bound<'py, PyAny>> {
        let dataset = Arc::clone(self.dataset()?);
        let options = self.options.clone();
        let frame =
            py.detach(|| guarded(|| Ok(stegvis::Explanation::frame(&dataset.explain(&options)))))?;
        to_python(py, &frame, backend, "participants_frame")
    }

    /// One breakdown (``"age"``, ``"tag:newly_arrived"``,
    /// ``"column:district"``) as a long table: one row per figure of each
    /// group, with columns ``group``, ``table``, ``id``, ``gender``,
    /// ``measure``, ``value``, ``lower``, ``upper`` and ``suppressed``
    /// (`docs/report.md#breakdown-frame`). A name the programme does not
    /// declare is ``invalid_argument``.
    #[pyo3(
        signature = (name, *, backend = Backend::Pandas),
        text_signature = "($self, name, *, backend='pandas')"
    )]
    fn breakdown_frame<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        backend: Backend,
    ) -> PyResult<Bound<'py, PyAny>> {
        let frame = self.inner.breakdown_frame(name).ok_or_else(|| {
            PyErr::from(Error::argument(
                "invalid_argument",
                "the programme declares no breakdown of that name",
            ))
        })?;
        to_python(py, &frame, backend, "breakdown_frame")
    }

    /// The trend as a long table: one row per figure of each date, with
    /// columns ``as_of``, ``table``, ``id``, ``gender``, ``measure``,
    /// ``value``, ``lower``, ``upper`` and ``suppressed``
    /// (`docs/report.md#trend-frame`); no rows without a trend.
    #[pyo3(
        signature = (*, backend = Backend::Pandas),
        text_signature = "($self, *, backend='pandas')"
    )]
    fn trend_frame<'py>(&self, py: Python<'py>, backend: Backend) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.trend_frame(), backend, "trend_frame")
    }

    /// The tidy long table: one row per figure, with columns ``section``,
    /// ``item``, ``group``, ``measure``, ``value``, ``lower``, ``upper`` and
    /// ``suppressed`` — the table the CSV downloads and
    /// ``stegvis report --format csv`` write.
    #[pyo3(
        signature = (*, backend = Backend::Pandas),
        text_signature = "($self, *, backend='pandas')"
    )]
    fn tidy_frame<'py>(&self, py: Python<'py>, backend: Backend) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.tidy(), backend, "tidy_frame")
    }

    /// The report as English text tables, as `print(report)` shows it.
    fn __str__(&self) -> PyResult<String> {
        self.to_text(TextLanguage(Language::English))
    }

    /// The report as one self-contained, printable HTML document
    /// (`docs/report.md#printable-report`) in English (``"en"``) or Swedish
    /// (``"sv"``): every section of :meth:`to_text`, the charts as inline
    /// SVG, the method, a glossary and what a publishable copy hid; inline
    /// CSS with A4 print rules, no script and nothing loaded. Write it to a
    /// file and open it in a browser to print or save as PDF.
    #[pyo3(
        signature = (*, language = TextLanguage(Language::English)),
        text_signature = "($self, *, language='en')"
    )]
    fn to_html(&self, language: TextLanguage) -> String {
        self.inner.to_html(language.0, self.min_cell)
    }

    /// The report as an Excel workbook (`docs/report.md#workbook`), as the
    /// bytes of an .xlsx file: a sheet on the programme and data quality,
    /// then goals, goals per gender, the gender split, parameter change and
    /// every figure; numbers as numbers (shares formatted as percentages,
    /// shown in the reader's own locale), hidden values marked. Sheet names
    /// and notes in English (``"en"``) or Swedish (``"sv"``).
    #[pyo3(
        signature = (*, language = TextLanguage(Language::English)),
        text_signature = "($self, *, language='en')"
    )]
    fn to_xlsx<'py>(
        &self,
        py: Python<'py>,
        language: TextLanguage,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = self.workbook(language)?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// Writes :meth:`to_xlsx` to ``path``.
    #[pyo3(
        signature = (path, *, language = TextLanguage(Language::English)),
        text_signature = "($self, path, *, language='en')"
    )]
    fn to_excel(&self, path: std::path::PathBuf, language: TextLanguage) -> PyResult<()> {
        let bytes = self.workbook(language)?;
        std::fs::write(&path, bytes).map_err(|e| PyErr::from(Error::Python(e.into())))
    }

    /// A chart as data (`docs/report.md#charts`): ``kind`` is ``"goals"``,
    /// ``"goals_by_gender"`` or ``"gender"``; a dict with ``kind``,
    /// ``title``, ``ticks`` and ``rows`` (``label``, ``share``, ``lower``,
    /// ``upper``, ``target``, ``band``, ``mark``, ``indent``), its words in
    /// English (``"en"``) or Swedish (``"sv"``). :meth:`plot` draws it.
    #[pyo3(
        signature = (kind = "goals", *, language = TextLanguage(Language::English)),
        text_signature = "($self, kind='goals', *, language='en')"
    )]
    fn chart<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        language: TextLanguage,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kind: ChartKind = kind
            .parse()
            .map_err(|e: UnknownChart| Error::argument("invalid_argument", e.to_string()))?;
        self.section(py, &self.inner.chart(kind, language.0))
    }

    /// Draws :meth:`chart` with matplotlib (``pip install stegvis[plot]``)
    /// in the page's design and returns the ``matplotlib.figure.Figure``;
    /// on ``ax`` when given, else on a new figure sized to the bars.
    #[pyo3(
        signature = (kind = "goals", *, language = TextLanguage(Language::English), ax = None),
        text_signature = "($self, kind='goals', *, language='en', ax=None)"
    )]
    fn plot<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        language: TextLanguage,
        ax: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let chart = self.chart(py, kind, language)?;
        py.import("stegvis.plot")?.call_method1("draw", (chart, ax))
    }

    /// The document's body with its CSS scoped to it, in English, so that
    /// Jupyter shows the same tables as :meth:`to_html` without restyling
    /// the notebook (`docs/report.md#printable-report`).
    fn _repr_html_(&self) -> String {
        self.inner
            .to_html_fragment(Language::English, self.min_cell)
    }

    fn __repr__(&self) -> String {
        let summary = self.inner.summary(Language::English, self.min_cell);
        format!("<stegvis.Report {summary}>")
    }
}

// ---------------------------------------------------------------- conversion

/// A core [`Frame`] as a pandas or polars DataFrame, column by column.
/// Nothing here knows a layout: the columns, their names and types are the
/// core's.
fn to_python<'py>(
    py: Python<'py>,
    frame: &Frame,
    backend: Backend,
    method: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let module = match backend {
        Backend::Pandas => "pandas",
        Backend::Polars => "polars",
    };
    let m = py.import(module).map_err(|_| {
        PyImportError::new_err(format!(
            "{method}(backend=\"{module}\") needs {module}: pip install \"stegvis[{module}]\""
        ))
    })?;
    let data = PyDict::new(py);
    let schema = PyDict::new(py);
    for (name, column) in &frame.columns {
        let (values, pandas_dtype, polars_dtype) = match column {
            // pandas would turn integers with a gap into floats and
            // booleans with a gap into objects; its nullable types keep them.
            Values::Int(v) => (
                PyList::new(py, v)?,
                Some(if v.contains(&None) { "Int64" } else { "int64" }),
                "Int64",
            ),
            Values::Float(v) => (PyList::new(py, v)?, Some("float64"), "Float64"),
            Values::Text(v) => (PyList::new(py, v)?, None, "String"),
            Values::Bool(v) => (
                PyList::new(py, v)?,
                Some(if v.contains(&None) { "boolean" } else { "bool" }),
                "Boolean",
            ),
        };
        match backend {
            Backend::Pandas => {
                let kwargs = PyDict::new(py);
                kwargs.set_item("dtype", pandas_dtype)?;
                let series = m.getattr("Series")?.call((values,), Some(&kwargs))?;
                data.set_item(*name, series)?;
            }
            Backend::Polars => {
                data.set_item(*name, values)?;
                schema.set_item(*name, m.getattr(polars_dtype)?)?;
            }
        }
    }
    match backend {
        Backend::Pandas => m.getattr("DataFrame")?.call1((data,)),
        Backend::Polars => {
            let kwargs = PyDict::new(py);
            kwargs.set_item("schema", schema)?;
            m.getattr("DataFrame")?.call((data,), Some(&kwargs))
        }
    }
}
