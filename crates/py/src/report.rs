//! `stegvis.Report`: the core report, as dicts, JSON, data frames and HTML.

use std::fmt::Write as _;
use std::sync::Arc;

use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::Serialize;
use stegvis::report::{Count, GoalStatus, Interval, Share};
use stegvis::{Dataset, Figure, Gender, Language, Options};

use crate::args::{self, Backend, Flag, TextLanguage};
use crate::convert;
use crate::error::{Error, Result, guarded};
use crate::programme::python_str;

/// What a programme has achieved as of a date (SPEC §13).
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

    fn section<'py>(&self, py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
        convert::serialised(py, value)
    }

    fn dataset(&self) -> Result<&Arc<Dataset>> {
        self.dataset.as_ref().ok_or_else(|| {
            Error::argument(
                "no_explanations",
                "a publishable (suppressed) report carries no explanations",
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

    /// Enrolment against plan and the gender split (SPEC §7).
    #[getter]
    fn enrolment<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.enrolment)
    }

    /// One dict per goal, in definition order (SPEC §6).
    #[getter]
    fn goals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.goals)
    }

    /// The parameter change table (SPEC §8).
    #[getter]
    fn parameters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.parameters)
    }

    /// Exit outcomes of the participants exited by as-of (SPEC §9).
    #[getter]
    fn exits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.exits)
    }

    /// One dict per follow-up horizon (SPEC §9).
    #[getter]
    fn follow_ups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.follow_ups)
    }

    /// Data-quality issues: kind, table, count and up to five row numbers (SPEC §10).
    #[getter]
    fn data_quality<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.section(py, &self.inner.data_quality)
    }

    /// The minimum cell size this copy was suppressed with, or None for a
    /// full report.
    #[getter]
    fn min_cell(&self) -> Option<u64> {
        self.min_cell
    }

    /// The whole report as a dict with the keys of SPEC §13. Suppressed
    /// values are the string ``"suppressed"``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::serialised(py, &self.inner)
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

    /// A publishable copy: every count from 1 to ``min_cell - 1``, and what
    /// would reveal it, becomes ``"suppressed"`` (SPEC §11). The copy has no
    /// explanations.
    #[pyo3(signature = (min_cell = args::Count(5)), text_signature = "($self, min_cell=5)")]
    fn suppress(&self, min_cell: args::Count) -> PyResult<PyReport> {
        let min_cell = min_cell.0;
        let inner = guarded(|| Ok(self.inner.suppress(min_cell)))?;
        Ok(PyReport {
            inner,
            dataset: None,
            options: self.options,
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
        let id = participant_id
            .str()
            .and_then(|s| s.to_cow().map(|c| c.into_owned()))
            .map_err(|_| Error::argument("invalid_argument", "participant_id must be text"))?;
        let options = self.options;
        match guarded(|| Ok(dataset.explain_participant(&id, &options)))? {
            Some(explanation) => self.section(py, &explanation),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// One row per goal: counts, share, its 95 % interval, target, status,
    /// and the women − men gap. With ``by_gender=True``, one row per goal
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
            goals_by_gender(&self.inner)
        } else {
            goals(&self.inner)
        };
        frame.to_python(py, backend, "goals_frame")
    }

    /// The gender split of enrolment: one row per gender with count, share
    /// of known gender, interval, target, deviation and participants needed.
    #[pyo3(
        signature = (*, backend = Backend::Pandas),
        text_signature = "($self, *, backend='pandas')"
    )]
    fn gender_frame<'py>(&self, py: Python<'py>, backend: Backend) -> PyResult<Bound<'py, PyAny>> {
        gender(&self.inner).to_python(py, backend, "gender_frame")
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
        parameters(&self.inner).to_python(py, backend, "parameters_frame")
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
        let options = self.options;
        let frame = py.detach(|| {
            guarded(|| {
                let explanations = dataset.explain(&options);
                Ok(participants(&explanations))
            })
        })?;
        frame.to_python(py, backend, "participants_frame")
    }

    /// The report as English text tables, as `print(report)` shows it.
    fn __str__(&self) -> PyResult<String> {
        self.to_text(TextLanguage(Language::English))
    }

    fn _repr_html_(&self) -> String {
        html(&self.inner, self.min_cell)
    }

    fn __repr__(&self) -> String {
        let r = &self.inner;
        let goals: Vec<String> = r
            .goals
            .iter()
            .map(|g| {
                format!(
                    "{} {} ({})",
                    g.id,
                    status_text(&g.status),
                    percent(&g.share)
                )
            })
            .collect();
        let publishable = self
            .min_cell
            .map_or(String::new(), |m| format!(", suppressed below {m}"));
        format!(
            "<stegvis.Report {} as of {}: {} enrolled of {} planned; goals: {}; {} data-quality issue kind(s){publishable}>",
            python_str(&r.programme.name),
            r.as_of,
            count_text(&r.enrolment.enrolled),
            r.enrolment.planned,
            if goals.is_empty() {
                "none".to_owned()
            } else {
                goals.join(", ")
            },
            r.data_quality.len(),
        )
    }
}

// ---------------------------------------------------------------- frames

/// A column's values; suppressed and undefined values are `None`.
enum Column {
    Int(Vec<Option<u64>>),
    Float(Vec<Option<f64>>),
    Text(Vec<Option<String>>),
    Bool(Vec<Option<bool>>),
}

/// A table built column by column in Rust, handed to pandas or polars.
struct Frame {
    columns: Vec<(&'static str, Column)>,
}

/// One cell pushed onto a [`Frame`] column.
enum Value {
    Int(Option<u64>),
    Float(Option<f64>),
    Text(Option<String>),
    Bool(Option<bool>),
}

impl Frame {
    fn new(schema: &[(&'static str, Kind)]) -> Self {
        Frame {
            columns: schema
                .iter()
                .map(|&(name, kind)| (name, kind.column()))
                .collect(),
        }
    }

    fn push(&mut self, row: Vec<Value>) {
        for ((_, column), value) in self.columns.iter_mut().zip(row) {
            match (column, value) {
                (Column::Int(c), Value::Int(v)) => c.push(v),
                (Column::Float(c), Value::Float(v)) => c.push(v),
                (Column::Text(c), Value::Text(v)) => c.push(v),
                (Column::Bool(c), Value::Bool(v)) => c.push(v),
                _ => debug_assert!(false, "row does not match the frame's schema"),
            }
        }
    }

    fn to_python<'py>(
        &self,
        py: Python<'py>,
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
        for (name, column) in &self.columns {
            let (values, pandas_dtype, polars_dtype) = match column {
                // pandas would turn integers with a gap into floats and
                // booleans with a gap into objects; its nullable types keep them.
                Column::Int(v) => (
                    PyList::new(py, v)?,
                    Some(if v.contains(&None) { "Int64" } else { "int64" }),
                    "Int64",
                ),
                Column::Float(v) => (PyList::new(py, v)?, Some("float64"), "Float64"),
                Column::Text(v) => (PyList::new(py, v)?, None, "String"),
                Column::Bool(v) => (
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
}

/// The type of a [`Frame`] column.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Int,
    Float,
    Text,
    Bool,
}

impl Kind {
    fn column(self) -> Column {
        match self {
            Kind::Int => Column::Int(Vec::new()),
            Kind::Float => Column::Float(Vec::new()),
            Kind::Text => Column::Text(Vec::new()),
            Kind::Bool => Column::Bool(Vec::new()),
        }
    }
}

fn count(c: &Count) -> Value {
    Value::Int(c.value().copied())
}

fn share(s: &Share) -> Value {
    Value::Float(s.value().copied().flatten())
}

/// A goal's status word, or the marker when a publishable copy hides it.
fn status_text(s: &Figure<GoalStatus>) -> &'static str {
    s.value()
        .map_or(stegvis::report::SUPPRESSED, |s| s.as_str())
}

fn txt(s: &str) -> Value {
    Value::Text(Some(s.to_owned()))
}

fn goals(r: &stegvis::Report) -> Frame {
    let mut f = Frame::new(&[
        ("id", Kind::Text),
        ("name", Kind::Text),
        ("population", Kind::Text),
        ("target", Kind::Float),
        ("population_size", Kind::Int),
        ("achieved", Kind::Int),
        ("unknown", Kind::Int),
        ("excluded", Kind::Int),
        ("denominator", Kind::Int),
        ("share", Kind::Float),
        ("ci_lower", Kind::Float),
        ("ci_upper", Kind::Float),
        ("status", Kind::Text),
        ("confident", Kind::Bool),
        ("gender_gap", Kind::Float),
        ("gender_gap_lower", Kind::Float),
        ("gender_gap_upper", Kind::Float),
    ]);
    for g in &r.goals {
        let gap = g.gender_gap.as_ref();
        let none = Value::Float(None);
        f.push(vec![
            txt(&g.id),
            txt(&g.name),
            txt(g.population.as_str()),
            Value::Float(Some(g.target)),
            count(&g.population_size),
            count(&g.achieved),
            count(&g.unknown),
            count(&g.excluded),
            count(&g.denominator),
            share(&g.share),
            share(&g.ci.lower),
            share(&g.ci.upper),
            txt(status_text(&g.status)),
            Value::Bool(g.confident.value().copied()),
            gap.map_or(Value::Float(None), |d| share(&d.difference)),
            gap.map_or(Value::Float(None), |d| share(&d.lower)),
            gap.map_or(none, |d| share(&d.upper)),
        ]);
    }
    f
}

fn goals_by_gender(r: &stegvis::Report) -> Frame {
    let mut f = Frame::new(&[
        ("goal_id", Kind::Text),
        ("gender", Kind::Text),
        ("achieved", Kind::Int),
        ("unknown", Kind::Int),
        ("excluded", Kind::Int),
        ("denominator", Kind::Int),
        ("share", Kind::Float),
        ("ci_lower", Kind::Float),
        ("ci_upper", Kind::Float),
    ]);
    for g in &r.goals {
        for (gender, v) in g.by_gender.iter() {
            f.push(vec![
                txt(&g.id),
                txt(gender.as_str()),
                count(&v.achieved),
                count(&v.unknown),
                count(&v.excluded),
                count(&v.denominator),
                share(&v.share),
                share(&v.ci.lower),
                share(&v.ci.upper),
            ]);
        }
    }
    f
}

fn gender(r: &stegvis::Report) -> Frame {
    let mut f = Frame::new(&[
        ("gender", Kind::Text),
        ("count", Kind::Int),
        ("share", Kind::Float),
        ("ci_lower", Kind::Float),
        ("ci_upper", Kind::Float),
        ("target", Kind::Float),
        ("deviation", Kind::Float),
        ("within_tolerance", Kind::Bool),
        ("needed", Kind::Int),
    ]);
    for (gender, v) in r.enrolment.by_gender.iter() {
        f.push(vec![
            txt(gender.as_str()),
            count(&v.count),
            share(&v.share),
            share(&v.ci.lower),
            share(&v.ci.upper),
            Value::Float(v.target),
            share(&v.deviation),
            Value::Bool(v.within_tolerance.value().copied().flatten()),
            Value::Int(v.needed.value().copied().flatten()),
        ]);
    }
    f
}

fn parameters(r: &stegvis::Report) -> Frame {
    let mut f = Frame::new(&[
        ("id", Kind::Text),
        ("name", Kind::Text),
        ("gender", Kind::Text),
        ("evaluable", Kind::Int),
        ("improved", Kind::Int),
        ("unchanged", Kind::Int),
        ("worsened", Kind::Int),
        ("improved_share", Kind::Float),
        ("unchanged_share", Kind::Float),
        ("worsened_share", Kind::Float),
        ("mean_gain", Kind::Float),
    ]);
    for p in &r.parameters {
        f.push(vec![
            txt(&p.id),
            txt(&p.name),
            txt("all"),
            count(&p.evaluable),
            count(&p.improved),
            count(&p.unchanged),
            count(&p.worsened),
            share(&p.improved_share),
            share(&p.unchanged_share),
            share(&p.worsened_share),
            share(&p.mean_gain),
        ]);
        for (gender, v) in p.by_gender.iter() {
            f.push(vec![
                txt(&p.id),
                txt(&p.name),
                txt(gender.as_str()),
                count(&v.evaluable),
                count(&v.improved),
                count(&v.unchanged),
                count(&v.worsened),
                share(&v.improved_share),
                share(&v.unchanged_share),
                share(&v.worsened_share),
                share(&v.mean_gain),
            ]);
        }
    }
    f
}

fn participants(explanations: &[stegvis::Explanation]) -> Frame {
    let mut f = Frame::new(&[
        ("participant_id", Kind::Text),
        ("gender", Kind::Text),
        ("goal_id", Kind::Text),
        ("in_population", Kind::Bool),
        ("population_reason", Kind::Text),
        ("value", Kind::Text),
        ("counted", Kind::Text),
        ("reason", Kind::Text),
    ]);
    for e in explanations {
        for g in &e.goals {
            f.push(vec![
                txt(&e.participant_id),
                txt(e.gender.as_str()),
                txt(&g.goal_id),
                Value::Bool(Some(g.in_population)),
                txt(&g.population_reason),
                txt(truth(g.value)),
                txt(counted(g.counted)),
                txt(&g.reason),
            ]);
        }
    }
    f
}

fn truth(t: stegvis::Truth) -> &'static str {
    match t {
        stegvis::Truth::True => "true",
        stegvis::Truth::False => "false",
        stegvis::Truth::Unknown => "unknown",
    }
}

fn counted(c: stegvis::Counted) -> &'static str {
    match c {
        stegvis::Counted::Achieved => "achieved",
        stegvis::Counted::NotAchieved => "not_achieved",
        stegvis::Counted::Excluded => "excluded",
        stegvis::Counted::OutsidePopulation => "outside_population",
    }
}

// ---------------------------------------------------------------- text and HTML

fn count_text(c: &Count) -> String {
    match c {
        Figure::Value(v) => v.to_string(),
        Figure::Suppressed => "suppressed".to_owned(),
    }
}

fn percent(s: &Share) -> String {
    match s {
        Figure::Value(Some(v)) => format!("{:.1} %", v * 100.0),
        Figure::Value(None) => "–".to_owned(),
        Figure::Suppressed => "suppressed".to_owned(),
    }
}

fn interval(ci: &Interval) -> String {
    match (&ci.lower, &ci.upper) {
        (Figure::Value(Some(l)), Figure::Value(Some(u))) => {
            format!("{:.1}–{:.1} %", l * 100.0, u * 100.0)
        }
        (Figure::Suppressed, _) | (_, Figure::Suppressed) => "suppressed".to_owned(),
        _ => "–".to_owned(),
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The goal table for Jupyter: share, interval, target, met / not met.
fn html(r: &stegvis::Report, min_cell: Option<u64>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<div class=\"stegvis-report\"><p><strong>{}</strong> ({}) as of {}: {} enrolled of {} planned",
        escape(&r.programme.name),
        escape(&r.programme.id),
        r.as_of,
        count_text(&r.enrolment.enrolled),
        r.enrolment.planned,
    );
    let _ = write!(
        out,
        " ({} of plan; {:.1} expected by now)",
        percent(&r.enrolment.share_of_plan),
        r.enrolment.expected_by_now
    );
    if let Some(m) = min_cell {
        let _ = write!(out, "; counts below {m} suppressed");
    }
    out.push_str(".</p>\n<table>\n<thead><tr><th style=\"text-align:left\">Goal</th>\
        <th>Population</th><th>Achieved</th><th>Denominator</th><th>Share</th>\
        <th>95 % CI</th><th>Target</th><th style=\"text-align:left\">Status</th></tr></thead>\n<tbody>\n");
    for g in &r.goals {
        let status = match g.status {
            Figure::Value(GoalStatus::Met) => "<span style=\"color:#1a7f37\">&#10003; met</span>",
            Figure::Value(GoalStatus::NotMet) => {
                "<span style=\"color:#cf222e\">&#10007; not met</span>"
            }
            Figure::Value(GoalStatus::NoData) => "no data",
            Figure::Suppressed => "suppressed",
        };
        let sure = match (g.status, g.confident) {
            (Figure::Value(GoalStatus::NoData) | Figure::Suppressed, _)
            | (_, Figure::Suppressed) => "",
            (_, Figure::Value(true)) => " (whole interval on this side of the target)",
            (_, Figure::Value(false)) => " (interval spans the target)",
        };
        let _ = writeln!(
            out,
            "<tr><td style=\"text-align:left\">{} <small>({})</small></td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{:.1} %</td><td style=\"text-align:left\">{}<small>{}</small></td></tr>",
            escape(&g.name),
            escape(&g.id),
            g.population.as_str(),
            count_text(&g.achieved),
            count_text(&g.denominator),
            percent(&g.share),
            interval(&g.ci),
            g.target * 100.0,
            status,
            sure,
        );
    }
    out.push_str("</tbody>\n</table>\n");
    let women = r.enrolment.by_gender.get(Gender::Woman);
    let men = r.enrolment.by_gender.get(Gender::Man);
    let _ = write!(
        out,
        "<p>Women {} ({}), men {} ({}).",
        count_text(&women.count),
        percent(&women.share),
        count_text(&men.count),
        percent(&men.share),
    );
    if r.data_quality.is_empty() {
        out.push_str(" No data-quality issues.</p></div>");
    } else {
        let _ = write!(
            out,
            " Data-quality issues (rows): {}.</p></div>",
            r.data_quality
                .iter()
                .map(|i| format!("{} {}", i.kind.as_str(), count_text(&i.count)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    out
}
