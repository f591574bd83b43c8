//! Runs every shared vector in tests/vectors against the Rust core and
//! reports all failures at once, each with its file and JSON path.

use serde_json::json;
use stegvis_conformance::{
    ErrorFacts, check_vector, error_match, load_vectors, partial_match, vectors_dir,
};

/// The suite is only meaningful with a broad set of cases.
const MIN_VECTORS: usize = 25;

#[test]
fn every_vector_passes() {
    let files = load_vectors(&vectors_dir()).expect("the vectors directory is readable");
    let mut failures = Vec::new();
    for file in &files {
        for failure in check_vector(&file.file_name, &file.vector) {
            failures.push(format!("{}: {failure}", file.file_name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s) in {} vectors:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn there_are_enough_vectors() {
    let files = load_vectors(&vectors_dir()).expect("the vectors directory is readable");
    assert!(
        files.len() >= MIN_VECTORS,
        "only {} vectors, expected at least {MIN_VECTORS}",
        files.len()
    );
    let errors = files
        .iter()
        .filter(|f| f.vector.get("expected_error").is_some_and(|e| !e.is_null()))
        .count();
    assert!(errors >= 6, "only {errors} error vectors");
}

// The matcher itself must be able to fail, or a passing suite means nothing.

fn mismatches(expected: serde_json::Value, actual: serde_json::Value) -> Vec<String> {
    let mut failures = Vec::new();
    partial_match(&expected, &actual, "expected", &mut failures);
    failures
}

#[test]
fn partial_match_ignores_keys_the_vector_omits() {
    let actual =
        json!({"goals": [{"id": "g", "share": 0.5, "status": "met"}], "as_of": "2022-06-30"});
    assert!(mismatches(json!({"goals": [{"id": "g"}]}), actual).is_empty());
}

#[test]
fn partial_match_reports_every_mismatch_with_its_path() {
    let actual =
        json!({"goals": [{"id": "g", "share": 0.5, "achieved": 2, "ci": {"lower": null}}]});
    let expected = json!({"goals": [{"id": "h", "share": 0.51, "achieved": 3, "ci": {"lower": 0.1}, "status": "met"}]});
    let failures = mismatches(expected, actual);
    let mut paths: Vec<&str> = failures
        .iter()
        .map(|f| f.split(':').next().unwrap_or_default())
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "expected.goals[0].achieved",
            "expected.goals[0].ci.lower",
            "expected.goals[0].id",
            "expected.goals[0].share",
            "expected.goals[0].status"
        ],
        "{failures:?}"
    );
}

#[test]
fn partial_match_numbers() {
    // Within 5e-4 for a float, exact for two integers.
    assert!(mismatches(json!(0.6667), json!(2.0 / 3.0)).is_empty());
    assert!(!mismatches(json!(0.668), json!(2.0 / 3.0)).is_empty());
    assert!(mismatches(json!(1), json!(1.0)).is_empty());
    assert!(!mismatches(json!(3), json!(4)).is_empty());
    assert!(!mismatches(json!(0.5), json!(null)).is_empty());
    assert!(!mismatches(json!(null), json!(0.0)).is_empty());
    assert!(!mismatches(json!("suppressed"), json!(3)).is_empty());
}

#[test]
fn partial_match_lists_need_the_same_length() {
    assert!(!mismatches(json!([]), json!([{"kind": "outside_window"}])).is_empty());
    assert!(!mismatches(json!([1, 2]), json!([1])).is_empty());
    assert!(mismatches(json!([[0, 1], [1, 0]]), json!([[0, 1], [1, 0]])).is_empty());
}

#[test]
fn error_match_checks_each_given_field() {
    let actual = ErrorFacts {
        code: "invalid_gender".into(),
        table: Some("participants".into()),
        row: Some(3),
        column: Some("gender".into()),
        path: None,
    };
    let check = |expected: serde_json::Value| {
        let mut failures = Vec::new();
        error_match(&expected, &actual, &mut failures);
        failures
    };
    assert!(
        check(
            json!({"code": "invalid_gender", "row": 3, "column": "gender", "table": "participants"})
        )
        .is_empty()
    );
    assert!(check(json!({"code": "invalid_gender"})).is_empty());
    assert_eq!(check(json!({"code": "invalid_date"})).len(), 1);
    assert_eq!(check(json!({"code": "invalid_gender", "row": 4})).len(), 1);
    assert_eq!(
        check(json!({"code": "invalid_gender", "path": "goals[0]"})).len(),
        1
    );
    assert_eq!(
        check(json!({"code": "invalid_gender", "column": "id", "table": "assessments"})).len(),
        2
    );
}

#[test]
fn a_vector_with_a_wrong_expectation_fails() {
    let vector = json!({
        "name": "wrong",
        "programme": {"id": "X", "name": "X", "start": "2022-01-01", "end": "2022-12-31",
                      "planned_participants": 10, "parameters": [],
                      "goals": [{"id": "g", "target": 0.5, "criterion": {"tag": "t"}}]},
        "participants": [{"id": "a", "gender": "woman", "entry_date": "2022-01-10", "tags": "t"}],
        "assessments": [],
        "as_of": "2022-06-30",
        "expected": {"goals": [{"id": "g", "achieved": 0}]}
    });
    let failures = check_vector("999_wrong.json", &vector);
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(
        failures[0].starts_with("expected.goals[0].achieved"),
        "{failures:?}"
    );
}

#[test]
fn malformed_vectors_are_reported() {
    let failures = check_vector("999_other.json", &json!({"name": "x", "expect": {}}));
    assert!(
        failures
            .iter()
            .any(|f| f.contains("expect: unknown vector key")),
        "{failures:?}"
    );
    assert!(
        failures
            .iter()
            .any(|f| f.contains("does not match the file name")),
        "{failures:?}"
    );
    assert!(
        failures.iter().any(|f| f.contains("exactly one of")),
        "{failures:?}"
    );
}
