//! Plain Python values (dicts, lists, str, int, float, bool, None, dates)
//! to and from JSON values, the form the core reads programme definitions in
//! and writes reports in.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};

/// Deepest nesting of dicts and lists accepted in a programme definition.
/// The core rejects criteria nested deeper than 64; this guard keeps the
/// conversion itself (and Python's recursion) bounded for any input.
pub(crate) const MAX_DEPTH: usize = 100;

/// A Python value as JSON, for a programme definition. Errors name the path
/// (`goals[1].criterion`) in the core's style.
pub(crate) fn to_json(value: &Bound<'_, PyAny>) -> Result<Value> {
    let mut path = Vec::new();
    to_json_at(value, &mut path)
}

/// One step of a path into a definition.
enum Step {
    Key(String),
    Index(usize),
}

fn render(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn invalid(path: &[Step], message: &str) -> Error {
    Error::programme("invalid_value", render(path), message)
}

fn to_json_at(value: &Bound<'_, PyAny>, path: &mut Vec<Step>) -> Result<Value> {
    if path.len() > MAX_DEPTH {
        // Deep nesting under a criterion is the core's `criterion_too_deep`;
        // anywhere else it is simply not a value a definition holds.
        let in_criterion = path
            .iter()
            .any(|s| matches!(s, Step::Key(k) if k == "criterion"));
        let code = if in_criterion {
            "criterion_too_deep"
        } else {
            "invalid_value"
        };
        return Err(Error::programme(
            code,
            render(&path[..MAX_DEPTH.min(path.len())]),
            format!("nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = value.cast::<PyString>() {
        let s = s
            .to_cow()
            .map_err(|_| invalid(path, "text is not valid Unicode"))?;
        return Ok(Value::String(s.into_owned()));
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(i) = value.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = value.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(invalid(path, "integer too large"));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| invalid(path, "not a finite number"));
    }
    if value.is_instance_of::<PyDateTime>() {
        return Err(invalid(path, "a date is expected, not a date and time"));
    }
    if value.is_instance_of::<PyDate>() {
        let date: NaiveDate = value
            .extract()
            .map_err(|_| invalid(path, "not a valid date"))?;
        return Ok(Value::String(date.to_string()));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in dict.iter() {
            let Ok(key) = k.cast::<PyString>() else {
                return Err(invalid(path, "keys must be strings"));
            };
            let key = key
                .to_cow()
                .map_err(|_| invalid(path, "key is not valid Unicode"))?
                .into_owned();
            path.push(Step::Key(key.clone()));
            let v = to_json_at(&v, path)?;
            path.pop();
            map.insert(key, v);
        }
        return Ok(Value::Object(map));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in value
            .try_iter()
            .map_err(|_| invalid(path, "not a list"))?
            .enumerate()
        {
            let item = item.map_err(|_| invalid(path, "list could not be read"))?;
            path.push(Step::Index(i));
            items.push(to_json_at(&item, path)?);
            path.pop();
        }
        return Ok(Value::Array(items));
    }
    Err(invalid(
        path,
        "not a value a programme definition holds (dict, list, str, int, float, bool, date or None)",
    ))
}

/// Any serialisable value as plain Python objects, keys in the order the
/// value serialises them (struct field order: the order of SPEC §13), which
/// a `serde_json::Value` would lose by sorting them.
pub(crate) fn serialised<'py>(
    py: Python<'py>,
    value: &impl serde::Serialize,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|_| Error::Internal("a value did not serialise".into()))?;
    py.import("json")?.call_method1("loads", (text,))
}
