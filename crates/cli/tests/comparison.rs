//! `stegvis report` with a comparison group (`docs/comparison.md`): the
//! example's own group, pinned by numbers checked independently of the
//! core by `comparison_check.py` (a few lines of Python reading the CSVs
//! by the rules of `docs/`), and comparison files given by flag, whose
//! errors name the comparison table.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn stegvis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stegvis"))
        .arg("report")
        .args(args)
        .output()
        .expect("run the stegvis binary")
}

fn example_json() -> Value {
    let out = stegvis(&[
        "--example",
        "nordost",
        "--as-of",
        "2022-12-31",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn the_example_compares_with_its_comparison_group() {
    let r = example_json();
    let c = &r["comparison"];
    assert_eq!(c["caveat"], "selection");
    // comparison_check.py: 150 members have an index date by 2022-12-31.
    assert_eq!(c["participants_enrolled"], 200);
    assert_eq!(c["comparison_enrolled"], 150);
    let goal = |id: &str| {
        c["goals"]
            .as_array()
            .and_then(|g| g.iter().find(|g| g["id"] == id))
            .unwrap_or_else(|| panic!("goal {id}"))
            .clone()
    };
    // progression: 71 of 150 comparison members improved a parameter by at
    // least 1 (none unknown); the participants' 150 of 200 is the report's.
    let p = goal("progression");
    assert_eq!(p["participants"]["achieved"], 150);
    assert_eq!(p["participants"]["denominator"], 200);
    assert_eq!(p["comparison"]["achieved"], 71);
    assert_eq!(p["comparison"]["denominator"], 150);
    // 0.75 − 71/150 = 0.276667, Newcombe [0.174341, 0.372252].
    let near = |v: &Value, x: f64| (v.as_f64().expect("a number") - x).abs() < 5e-6;
    assert!(near(&p["difference"]["difference"], 0.276667));
    assert!(near(&p["difference"]["lower"], 0.174341));
    assert!(near(&p["difference"]["upper"], 0.372252));
    // closer: improved step or exited to work, studies or job seeking: 79.
    let closer = goal("closer");
    assert_eq!(closer["comparison"]["achieved"], 79);
    assert_eq!(closer["comparison"]["denominator"], 150);
    // Balance: 74 women, 76 men; ages 23 / 118 / 9 in 18-29 / 30-54 / 55+;
    // 23 newly arrived, all 150 long-term recipients.
    let rows: Vec<(String, String, i64, i64)> = c["balance"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|b| {
            (
                b["characteristic"].as_str().unwrap_or_default().to_owned(),
                b["group"].as_str().unwrap_or_default().to_owned(),
                b["participants"]["count"].as_i64().unwrap_or(-1),
                b["comparison"]["count"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    let expected = [
        ("gender", "woman", 110, 74),
        ("gender", "man", 89, 76),
        ("gender", "non_binary", 0, 0),
        ("gender", "unknown", 1, 0),
        ("age", "<18", 0, 0),
        ("age", "18-29", 23, 23),
        ("age", "30-54", 173, 118),
        ("age", "55+", 4, 9),
        ("age", "unknown", 0, 0),
        ("tag", "newly_arrived", 59, 23),
        ("tag", "long_term_assistance", 139, 150),
    ];
    let expected: Vec<(String, String, i64, i64)> = expected
        .iter()
        .map(|&(k, g, p, c)| (k.to_owned(), g.to_owned(), p, c))
        .collect();
    assert_eq!(rows, expected);
    assert_eq!(c["data_quality"], serde_json::json!([]));
}

#[test]
fn the_text_report_states_the_caveat_and_the_difference() {
    let out = stegvis(&["--example", "nordost", "--as-of", "2022-12-31"]);
    // Numbers and their units are joined by no-break spaces.
    let text = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .replace('\u{a0}', " ");
    assert!(
        text.contains("Comparison with a comparison group"),
        "{text}"
    );
    assert!(text.contains("may come from that selection"), "{text}");
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("progression") && l.contains("71/150"))
        .unwrap_or_else(|| panic!("no comparison line in\n{text}"));
    assert!(line.contains("+27.7 pp (+17.4 to +37.2 pp)"), "{line}");
    // Swedish has its own sentence from the catalogue: a different line.
    let sv = stegvis(&[
        "--example",
        "nordost",
        "--as-of",
        "2022-12-31",
        "--lang",
        "sv",
    ]);
    let sv = String::from_utf8(sv.stdout)
        .expect("UTF-8")
        .replace('\u{a0}', " ");
    assert!(!sv.contains("may come from that selection"));
    assert!(sv.contains("+27,7 p.e."), "{sv}");
}

/// A scratch directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("stegvis-cmp-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a temporary directory");
        Scratch(dir)
    }
    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const PROGRAMME: &str = "id = \"c\"\nname = \"C\"\nstart = 2022-01-01\nend = 2022-12-31\n\
planned_participants = 10\n\n[[goals]]\nid = \"t\"\ntarget = 0.5\ncriterion = { tag = \"t\" }\n";

#[test]
fn comparison_files_by_flag_and_their_errors() {
    let s = Scratch::new("flags");
    let programme = s.write("programme.toml", PROGRAMME);
    let people = s.write(
        "people.csv",
        "id,gender,entry_date,tags\na,K,2022-01-10,t\nb,M,2022-01-10,\n",
    );
    let readings = s.write("readings.csv", "participant_id,date,parameter,level\n");
    let others = s.write(
        "others.csv",
        "id,gender,entry_date,tags\nx,K,2022-01-10,t\ny,M,2022-01-10,t\nz,M,2022-02-10,\n",
    );
    let base = [
        "--programme",
        &programme,
        "--participants",
        &people,
        "--assessments",
        &readings,
        "--as-of",
        "2022-06-30",
        "--format",
        "json",
    ];
    let mut args = base.to_vec();
    args.extend([
        "--comparison-participants",
        &others,
        "--comparison-assessments",
        &readings,
    ]);
    let out = stegvis(&args);
    assert!(out.status.success(), "{out:?}");
    let r: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    // Participants 1 of 2, comparison 2 of 3.
    let g = &r["comparison"]["goals"][0];
    assert_eq!(g["participants"]["achieved"], 1);
    assert_eq!(g["comparison"]["achieved"], 2);
    assert_eq!(g["comparison"]["denominator"], 3);

    // Without the flags there is no comparison.
    let out = stegvis(&base);
    let r: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(r["comparison"], Value::Null);

    // A bad gender in the comparison file: file, table, row and column, no value.
    let bad = s.write(
        "bad.csv",
        "id,gender,entry_date\nx,K,2022-01-10\ny,SECRETVALUE,2022-01-10\n",
    );
    let mut args = base.to_vec();
    args.extend([
        "--comparison-participants",
        &bad,
        "--comparison-assessments",
        &readings,
    ]);
    let out = stegvis(&args);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        err.contains("bad.csv (comparison participants table), row 3, column gender"),
        "{err}"
    );
    assert!(err.contains("[invalid_gender]"), "{err}");
    assert!(!err.contains("SECRETVALUE"), "{err}");

    // The comparison flags need each other, and not --example.
    let out = stegvis(&["--example", "nordost", "--comparison-participants", &others]);
    assert_eq!(out.status.code(), Some(2));
}
