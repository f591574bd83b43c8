//! `stegvis.Programme`: a validated programme definition.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::convert;
use crate::error::{Error, Result, guarded};

/// A validated programme definition
/// (`docs/programme.md#programme-definitions`): period, planned participants,
/// parameters and goals. Build one with :meth:`from_toml`, :meth:`from_json` or
/// :meth:`from_dict`; it cannot be changed afterwards.
///
/// >>> import stegvis
/// >>> p = stegvis.Programme.from_dict({
/// ...     "id": "demo", "name": "Demo", "start": "2021-01-01", "end": "2021-12-31",
/// ...     "planned_participants": 10,
/// ...     "parameters": [{"id": "step", "scale": [1, 6]}],
/// ...     "goals": [{"id": "up", "name": "Stepped up", "target": 0.5,
/// ...                "criterion": {"improved": {"parameters": ["step"]}}}],
/// ... })
/// >>> p
/// Programme(id='demo', name='Demo', start=2021-01-01, end=2021-12-31, parameters=['step'], goals=['up'])
/// >>> p.goal_ids
/// ['up']
#[pyclass(frozen, name = "Programme", module = "stegvis")]
pub(crate) struct PyProgramme {
    pub(crate) inner: stegvis::Programme,
}

/// The text of a definition given as text or as a path.
///
/// A `pathlib.Path` (any `os.PathLike`) is always read as a file. A `str` is
/// read as a file when it is a single line that names an existing file and
/// does not start with `{`; otherwise it is the definition itself.
fn definition_text(source: &Bound<'_, PyAny>) -> Result<String> {
    let py = source.py();
    if let Ok(s) = source.cast::<PyString>() {
        let text = s
            .to_cow()
            .map_err(|_| Error::programme("invalid_value", "", "text is not valid Unicode"))?;
        let looks_like_path = !text.contains('\n') && !text.trim_start().starts_with('{');
        if looks_like_path && std::path::Path::new(text.as_ref()).is_file() {
            return read(PathBuf::from(text.as_ref()));
        }
        return Ok(text.into_owned());
    }
    let fspath = py
        .import("os")
        .and_then(|os| os.getattr("fspath"))
        .and_then(|fspath| fspath.call1((source,)));
    match fspath.and_then(|p| p.extract::<PathBuf>()) {
        Ok(path) => read(path),
        Err(_) => Err(Error::programme(
            "invalid_value",
            "",
            "expected the definition as text (str) or a path (os.PathLike)",
        )),
    }
}

fn read(path: PathBuf) -> Result<String> {
    std::fs::read_to_string(&path).map_err(|_| {
        Error::programme(
            "io_error",
            "",
            format!("cannot read the file {}", path.display()),
        )
    })
}

/// Reads a TOML definition from text or a path.
pub(crate) fn from_toml_source(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
) -> Result<stegvis::Programme> {
    let text = definition_text(source)?;
    py.detach(|| guarded(|| Ok(stegvis::Programme::from_toml(&text)?)))
}

/// Reads a JSON definition from text or a path.
pub(crate) fn from_json_source(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
) -> Result<stegvis::Programme> {
    let text = definition_text(source)?;
    py.detach(|| guarded(|| Ok(stegvis::Programme::from_json(&text)?)))
}

/// Reads a definition given as a dict, in one step through the core's guard
/// (no JSON value between). `_py`: the dict is read with the GIL held, so
/// unlike text it is not read detached.
pub(crate) fn from_dict_source(
    _py: Python<'_>,
    definition: &Bound<'_, PyAny>,
) -> Result<stegvis::Programme> {
    if !definition.is_instance_of::<PyDict>() {
        return Err(Error::programme("invalid_value", "", "expected a dict"));
    }
    guarded(|| {
        Ok(stegvis::Programme::from_deserializer(convert::Definition(
            definition,
        ))?)
    })
}

#[pymethods]
impl PyProgramme {
    /// Parses and validates a TOML definition, given as text or as a path.
    ///
    /// Raises :class:`ProgrammeError` with ``code`` and ``path`` when the
    /// definition is invalid.
    #[staticmethod]
    fn from_toml(py: Python<'_>, text_or_path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inner = from_toml_source(py, text_or_path)?;
        Ok(PyProgramme { inner })
    }

    /// Parses and validates a JSON definition, given as text or as a path.
    #[staticmethod]
    fn from_json(py: Python<'_>, text_or_path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inner = from_json_source(py, text_or_path)?;
        Ok(PyProgramme { inner })
    }

    /// Validates a definition given as a dict with the keys of the TOML and
    /// JSON forms. Dates may be ``datetime.date`` or ISO 8601 strings.
    #[staticmethod]
    fn from_dict(py: Python<'_>, definition: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inner = from_dict_source(py, definition)?;
        Ok(PyProgramme { inner })
    }

    /// The definition as a dict (defaults filled in), which
    /// :meth:`from_dict` reads back to an equal programme.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::python(py, self.inner.definition())
    }

    /// The definition as JSON text, which :meth:`from_json` reads back.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(self.inner.definition())
            .map_err(|_| Error::Internal("a programme did not serialise".into()).into())
    }

    /// The programme's id.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// The programme's name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The ids of the parameters, in definition order.
    #[getter]
    fn parameter_ids(&self) -> Vec<String> {
        self.inner
            .parameters()
            .iter()
            .map(|p| p.id.clone())
            .collect()
    }

    /// The ids of the goals, in definition order.
    #[getter]
    fn goal_ids(&self) -> Vec<String> {
        self.inner.goals().iter().map(|g| g.id.clone()).collect()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyProgramme>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        let quoted = |ids: Vec<String>| {
            let items: Vec<String> = ids.iter().map(|id| python_str(id)).collect();
            format!("[{}]", items.join(", "))
        };
        format!(
            "Programme(id={}, name={}, start={}, end={}, parameters={}, goals={})",
            python_str(self.inner.id()),
            python_str(self.inner.name()),
            self.inner.start(),
            self.inner.end(),
            quoted(self.parameter_ids()),
            quoted(self.goal_ids()),
        )
    }
}

/// A string literal as Python's repr would usually show it.
pub(crate) fn python_str(s: &str) -> String {
    // Controls show as escapes (docs/report.md#control-characters).
    let s = stegvis::words::visible(s);
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}
