//! `stegvis partial` and `stegvis combine` (`docs/partials.md`) on the
//! regional example (`examples/region`): three municipal projects, each
//! writing a partial of its own data, combine into the report of the
//! pooled data (`examples/nordost`), data-quality rows aside; and the
//! errors of combining name the file and carry a code.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{stdout, stegvis};

const PROJECTS: [&str; 3] = ["centrum", "norr", "vaster-oster"];

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// The input arguments of a project's (or the pooled) data.
fn input(dir: &Path) -> Vec<String> {
    let programme = examples().join("nordost/programme.toml");
    let mut args = vec!["--programme".to_owned(), path(&programme).to_owned()];
    for table in ["participants", "assessments", "follow_ups"] {
        args.push(format!("--{}", table.replace('_', "-")));
        args.push(path(&dir.join(format!("{table}.csv"))).to_owned());
    }
    args.extend(["--as-of".to_owned(), "2023-01-31".to_owned()]);
    args
}

fn run(args: &[String]) -> std::process::Output {
    stegvis(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Writes each project's partial into `dir`, with `extra` arguments.
fn partials(dir: &Path, extra: &[&str]) -> Vec<String> {
    PROJECTS
        .iter()
        .map(|project| {
            let file = dir.join(format!("{project}.partial.json"));
            let mut args = vec!["partial".to_owned()];
            args.extend(input(&examples().join("region").join(project)));
            args.extend(["-o".to_owned(), path(&file).to_owned()]);
            args.extend(extra.iter().map(|s| (*s).to_owned()));
            stdout(&run(&args));
            path(&file).to_owned()
        })
        .collect()
}

fn without_rows(mut report: Value) -> Value {
    for issue in report["data_quality"].as_array_mut().expect("issues") {
        issue.as_object_mut().expect("an issue").remove("rows");
    }
    report
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stegvis-partials-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

#[test]
fn the_regions_partials_combine_into_the_pooled_report() {
    let dir = temp("region");
    let files = partials(&dir, &["--every", "quarter", "--profile", "esf"]);
    let mut args = vec!["combine".to_owned()];
    args.extend(files.iter().cloned());
    args.extend(["--format".to_owned(), "json".to_owned()]);
    let combined: Value = serde_json::from_str(&stdout(&run(&args))).expect("JSON");
    let mut pooled = vec!["report".to_owned()];
    pooled.extend(input(&examples().join("nordost")));
    pooled.extend(["--format", "json", "--every", "quarter", "--profile", "esf"].map(String::from));
    let pooled: Value = serde_json::from_str(&stdout(&run(&pooled))).expect("JSON");
    assert_eq!(combined["enrolment"]["enrolled"], 200);
    assert_eq!(without_rows(combined), without_rows(pooled));
    // Combined into a partial first, then into a report: the same again,
    // and the suppressed copy as `report --min-cell` prints it.
    let region = dir.join("region.partial.json");
    let mut args = vec!["combine".to_owned(), "--partial".to_owned()];
    args.extend(files.iter().cloned());
    args.extend(["-o".to_owned(), path(&region).to_owned()]);
    stdout(&run(&args));
    let text = stdout(&stegvis(&["combine", path(&region), "--min-cell", "5"]));
    let mut pooled = vec!["report".to_owned()];
    pooled.extend(input(&examples().join("nordost")));
    pooled.extend(["--min-cell", "5", "--every", "quarter", "--profile", "esf"].map(String::from));
    let pooled = stdout(&run(&pooled));
    let issues = |t: &str| t.find("Data quality").map_or(t.len(), |i| i);
    assert_eq!(&text[..issues(&text)], &pooled[..issues(&pooled)]);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn partials_that_differ_are_errors_naming_the_file() {
    let dir = temp("differ");
    let files = partials(&dir, &[]);
    let later = dir.join("later.partial.json");
    let mut args = vec!["partial".to_owned()];
    args.extend(input(&examples().join("region/norr")));
    *args.last_mut().expect("the as-of date") = "2022-12-31".to_owned();
    args.extend(["-o".to_owned(), path(&later).to_owned()]);
    stdout(&run(&args));
    let o = stegvis(&["combine", &files[0], path(&later)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("later.partial.json"), "{err}");
    assert!(err.contains("[partial_as_of_differs]"), "{err}");
    // A data file given as a partial.
    let participants = examples().join("region/norr/participants.csv");
    let o = stegvis(&["combine", path(&participants)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("[invalid_partial]"), "{err}");
    assert!(!err.contains("N00"), "no id in the message: {err}");
    std::fs::remove_dir_all(dir).ok();
}
