//! Conformance helpers: read the shared test vectors (`tests/vectors/*.json`,
//! format in `tests/vectors/README.md`), run one against the Rust core, and
//! compare the outcome with the vector's partial expectation.
//!
//! The comparison reports every mismatch with its JSON path, so one run of
//! the suite shows all that disagrees, not just the first difference.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Map, Value};
use stegvis::{Dataset, Error, Options, Programme};

/// Numbers in a vector match the report within this (README: 5e-4).
pub const TOLERANCE: f64 = 5e-4;

/// The top-level keys a vector may have.
const VECTOR_KEYS: [&str; 15] = [
    "name",
    "description",
    "working",
    "programme",
    "participants",
    "assessments",
    "follow_ups",
    "comparison",
    "as_of",
    "every",
    "strict",
    "profile",
    "suppress",
    "expected",
    "expected_error",
];

/// The keys an `expected_error` may have.
const ERROR_KEYS: [&str; 5] = ["code", "path", "row", "column", "table"];

/// The directory holding the shared vectors.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// One vector file, parsed.
#[derive(Debug, Clone)]
pub struct VectorFile {
    /// The file's name, e.g. `001_improved_all_parameters.json`.
    pub file_name: String,
    /// Its content.
    pub vector: Value,
}

/// Reads every `*.json` file in `dir`, sorted by name.
pub fn load_vectors(dir: &Path) -> Result<Vec<VectorFile>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|x| x == "json") {
            files.push(path);
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = fs::read_to_string(&path).map_err(|e| format!("{file_name}: {e}"))?;
            let vector = serde_json::from_str(&text)
                .map_err(|e| format!("{file_name}: not valid JSON: {e}"))?;
            Ok(VectorFile { file_name, vector })
        })
        .collect()
}

/// The facts of an error that a vector can check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorFacts {
    /// The stable code.
    pub code: String,
    /// The path in the programme definition, for programme errors.
    pub path: Option<String>,
    /// The table, for data errors.
    pub table: Option<String>,
    /// The row, for data errors.
    pub row: Option<u64>,
    /// The column, for data errors.
    pub column: Option<String>,
}

impl fmt::Display for ErrorFacts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(path) = &self.path {
            write!(f, " at path {path:?}")?;
        }
        if let Some(table) = &self.table {
            write!(f, " in table {table}")?;
        }
        if let Some(row) = self.row {
            write!(f, " row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, " column {column}")?;
        }
        Ok(())
    }
}

impl From<&Error> for ErrorFacts {
    fn from(e: &Error) -> Self {
        match e {
            Error::Programme(p) => ErrorFacts {
                code: p.code().to_owned(),
                path: Some(p.path().to_owned()),
                ..ErrorFacts::default()
            },
            Error::Data(d) => ErrorFacts {
                code: d.code().to_owned(),
                path: None,
                table: Some(d.table_name().to_owned()),
                row: d.row(),
                column: d.column().map(str::to_owned),
            },
            other => ErrorFacts {
                code: other.code().to_owned(),
                ..ErrorFacts::default()
            },
        }
    }
}

/// What running a vector produced: a report as JSON, or an error.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The report (or its publishable copy), as `Report::to_json_value`.
    Report(Value),
    /// The error raised while reading the programme or data, or evaluating.
    Error(ErrorFacts),
}

/// Builds the programme and dataset a vector describes and evaluates it.
/// `Err` means the vector itself is malformed.
pub fn run(vector: &Value) -> Result<Outcome, String> {
    // A date, or a list of trend dates (tests/vectors/README.md).
    let date = |v: &Value| -> Result<NaiveDate, String> {
        v.as_str()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("as_of {v} is not a date"))
    };
    let mut options = match vector.get("as_of") {
        Some(Value::Array(dates)) => {
            let dates = dates.iter().map(date).collect::<Result<Vec<_>, _>>()?;
            let trend = stegvis::Trend::dates(dates).map_err(|e| e.to_string())?;
            Options::new().trend(trend)
        }
        Some(v) => Options::new().as_of(date(v)?),
        None => return Err("as_of is required".into()),
    };
    match vector.get("every") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => {
            let trend =
                stegvis::Trend::every(s).ok_or("every is quarter, half-year, year or none")?;
            options = options.trend(trend);
        }
        Some(_) => return Err("every must be a string".into()),
    }
    let strict = match vector.get("strict") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err("strict must be a boolean".into()),
    };
    let profile = match vector.get("profile") {
        None | Some(Value::Null) => None,
        Some(Value::String(p)) => Some(
            p.parse::<stegvis::vocab::Profile>()
                .map_err(|_| format!("unknown profile {p:?}"))?,
        ),
        Some(_) => return Err("profile must be a string".into()),
    };
    let programme = vector.get("programme").ok_or("programme is required")?;
    let programme = match Programme::from_json_value(programme.clone()) {
        Ok(p) => p,
        Err(e) => return Ok(Outcome::Error(ErrorFacts::from(&Error::from(e)))),
    };
    let dataset = match read_tables(&programme, vector, false)? {
        Ok(dataset) => dataset,
        Err(e) => return Ok(Outcome::Error(e)),
    };
    // `comparison` (optional): the comparison group's tables, keyed alike
    // (docs/comparison.md#inputs).
    let comparison = match vector.get("comparison") {
        None | Some(Value::Null) => None,
        Some(c @ Value::Object(_)) => match read_tables(&programme, c, true)? {
            Ok(dataset) => Some(dataset),
            Err(e) => return Ok(Outcome::Error(e)),
        },
        Some(_) => return Err("comparison must be an object of tables".into()),
    };
    let options = options.strict(strict).profile(profile);
    let evaluated = match &comparison {
        Some(c) => dataset.evaluate_compared(c, &options),
        None => dataset.evaluate(&options),
    };
    let report = match evaluated {
        Ok(report) => report,
        Err(e) => return Ok(Outcome::Error(ErrorFacts::from(&e))),
    };
    let report = match vector.get("suppress") {
        None | Some(Value::Null) => report,
        Some(n) => {
            let min_cell = n
                .as_u64()
                .ok_or("suppress must be a non-negative integer")?;
            report.suppress(min_cell)
        }
    };
    Ok(Outcome::Report(report.to_json_value()))
}

/// Reads the tables `participants`, `assessments` (both required) and
/// `follow_ups` of `tables` (a vector, or its `comparison` object, whose
/// errors then name the comparison table). The inner `Err` is the data
/// error; the outer one a malformed vector.
fn read_tables(
    programme: &Programme,
    tables: &Value,
    comparison: bool,
) -> Result<Result<Dataset, ErrorFacts>, String> {
    let mut builder = Dataset::builder(programme);
    let names = [
        ("participants", true),
        ("assessments", true),
        ("follow_ups", false),
    ];
    for (table, required) in names {
        let records = match tables.get(table) {
            Some(Value::Array(records)) => records.as_slice(),
            None | Some(Value::Null) if !required => &[],
            _ => return Err(format!("{table} must be a list of records")),
        };
        let read = match table {
            "participants" => builder.read_participant_records(records),
            "assessments" => builder.read_assessment_records(records),
            _ => builder.read_follow_up_records(records),
        };
        if let Err(e) = read {
            let e = if comparison { e.in_comparison() } else { e };
            return Ok(Err(ErrorFacts::from(&Error::from(e))));
        }
    }
    Ok(Ok(builder.build()))
}

/// Checks the vector's format and runs it; returns every failure, each
/// starting with the JSON path it concerns (empty when the vector passes).
pub fn check_vector(file_name: &str, vector: &Value) -> Vec<String> {
    let mut failures = format_failures(file_name, vector);
    if !failures.is_empty() {
        return failures;
    }
    let expected = vector.get("expected").filter(|v| !v.is_null());
    let expected_error = vector.get("expected_error").filter(|v| !v.is_null());
    match (run(vector), expected, expected_error) {
        (Err(malformed), _, _) => failures.push(format!("vector: {malformed}")),
        (Ok(Outcome::Report(actual)), Some(expected), None) => {
            partial_match(expected, &actual, "expected", &mut failures);
        }
        (Ok(Outcome::Error(actual)), Some(_), None) => {
            failures.push(format!("expected a report, got error {actual}"));
        }
        (Ok(Outcome::Report(_)), None, Some(expected)) => {
            failures.push(format!("expected error {expected}, got a report"));
        }
        (Ok(Outcome::Error(actual)), None, Some(expected)) => {
            error_match(expected, &actual, &mut failures);
        }
        _ => failures.push("exactly one of expected and expected_error must be given".into()),
    }
    failures
}

/// Failures of the vector format itself: unknown keys, a name that does not
/// match the file name, both or neither expectation.
fn format_failures(file_name: &str, vector: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    let Some(object) = vector.as_object() else {
        return vec!["a vector must be a JSON object".into()];
    };
    for key in object.keys() {
        if !VECTOR_KEYS.contains(&key.as_str()) {
            failures.push(format!("{key}: unknown vector key"));
        }
    }
    match object.get("name").and_then(Value::as_str) {
        Some(name)
            if file_name
                .strip_suffix(".json")
                .is_some_and(|stem| stem.ends_with(&format!("_{name}"))) => {}
        Some(name) => failures.push(format!("name: {name:?} does not match the file name")),
        None => failures.push("name: missing".into()),
    }
    let given = |key: &str| object.get(key).is_some_and(|v| !v.is_null());
    if given("expected") == given("expected_error") {
        failures.push("exactly one of expected and expected_error must be given".into());
    }
    if let Some(Value::Object(e)) = object.get("expected_error") {
        for key in e.keys() {
            if !ERROR_KEYS.contains(&key.as_str()) {
                failures.push(format!("expected_error.{key}: unknown key"));
            }
        }
    }
    failures
}

/// Compares an error with a vector's `expected_error`: the code always,
/// path, row, column and table where given.
pub fn error_match(expected: &Value, actual: &ErrorFacts, failures: &mut Vec<String>) {
    let Some(expected) = expected.as_object() else {
        failures.push("expected_error: must be an object".into());
        return;
    };
    let text = |key: &str| expected.get(key).and_then(Value::as_str);
    match text("code") {
        Some(code) if code == actual.code => {}
        Some(code) => failures.push(format!(
            "expected_error.code: expected {code:?}, got error {actual}"
        )),
        None => failures.push("expected_error.code: missing".into()),
    }
    let mut field = |key: &str, want: Option<String>, got: Option<String>| {
        if want.is_some() && want != got {
            failures.push(format!(
                "expected_error.{key}: expected {want:?}, got {got:?} (error {actual})"
            ));
        }
    };
    field("path", text("path").map(str::to_owned), actual.path.clone());
    field(
        "table",
        text("table").map(str::to_owned),
        actual.table.clone(),
    );
    field(
        "column",
        text("column").map(str::to_owned),
        actual.column.clone(),
    );
    field(
        "row",
        expected.get("row").map(Value::to_string),
        actual.row.map(|r| r.to_string()),
    );
}

/// The README's partial match: every key of `expected` must be in `actual`
/// with a matching value; lists match element by element and must have the
/// same length; numbers match within [`TOLERANCE`] (two integers exactly);
/// strings, booleans and null exactly. Each mismatch is pushed with its path.
pub fn partial_match(expected: &Value, actual: &Value, path: &str, failures: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => object_match(e, a, path, failures),
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                failures.push(format!(
                    "{path}: expected a list of {}, got {} items: {}",
                    e.len(),
                    a.len(),
                    brief(actual)
                ));
                return;
            }
            for (i, (e, a)) in e.iter().zip(a).enumerate() {
                partial_match(e, a, &format!("{path}[{i}]"), failures);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let matches = match (e.as_i64(), a.as_i64(), e.as_u64(), a.as_u64()) {
                (Some(e), Some(a), _, _) => e == a,
                (_, _, Some(e), Some(a)) => e == a,
                _ => match (e.as_f64(), a.as_f64()) {
                    (Some(e), Some(a)) => (e - a).abs() <= TOLERANCE,
                    _ => false,
                },
            };
            if !matches {
                failures.push(format!("{path}: expected {e}, got {a}"));
            }
        }
        (e, a) if e == a => {}
        (e, a) => failures.push(format!("{path}: expected {}, got {}", brief(e), brief(a))),
    }
}

fn object_match(
    expected: &Map<String, Value>,
    actual: &Map<String, Value>,
    path: &str,
    failures: &mut Vec<String>,
) {
    for (key, e) in expected {
        let here = format!("{path}.{key}");
        match actual.get(key) {
            Some(a) => partial_match(e, a, &here, failures),
            None => failures.push(format!("{here}: missing from the report")),
        }
    }
}

/// A value shortened for a failure message.
fn brief(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 160 {
        let cut: String = text.chars().take(157).collect();
        format!("{cut}...")
    } else {
        text
    }
}
