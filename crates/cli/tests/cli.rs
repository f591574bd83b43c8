//! Runs the built `stegvis` binary on files in a temporary directory. The
//! expected numbers are the worked example of `docs/method.md#worked-example`,
//! derived by hand there; the layout checks compare whitespace-separated cells
//! of one line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PROGRAMME: &str = include_str!("../../../examples/nordost/programme.toml");

const PARTICIPANTS: &str = include_str!("../../../tests/fixtures/spec12/participants.csv");

const ASSESSMENTS: &str = include_str!("../../../tests/fixtures/spec12/assessments.csv");

/// A directory of input files, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("stegvis-cli-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a temporary directory");
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write a temporary file");
        path
    }

    /// The programme and data of the worked example
    /// (`docs/method.md#worked-example`), with the participants table replaced.
    fn worked_example(&self, participants: &str) -> Vec<String> {
        let files = [
            ("--programme", self.write("programme.toml", PROGRAMME)),
            (
                "--participants",
                self.write("participants.csv", participants),
            ),
            ("--assessments", self.write("assessments.csv", ASSESSMENTS)),
        ];
        let mut args: Vec<String> = files
            .iter()
            .flat_map(|(flag, path)| [flag.to_string(), path.display().to_string()])
            .collect();
        args.extend(["--as-of".into(), "2022-06-30".into()]);
        args
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stegvis(command: &str, args: &[String], extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stegvis"))
        .arg(command)
        .args(args)
        .args(extra)
        .output()
        .expect("run the stegvis binary")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 errors")
}

/// The cells of the first line whose first cell is `label`.
fn row(text: &str, label: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .find(|cells| cells.first().map(String::as_str) == Some(label))
        .unwrap_or_else(|| panic!("no line starting with {label:?} in\n{text}"))
}

fn cells(expected: &str) -> Vec<String> {
    expected.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn report_text_shows_the_worked_example() {
    let dir = Scratch::new("text");
    let out = stegvis("report", &dir.worked_example(PARTICIPANTS), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Arbetsliv och hälsa Nordost (2020/00551)\nAs of 2022-06-30\n"));
    assert_eq!(
        row(&text, "closer"),
        cells("closer enrolled 3 2/3 1 0 66.7 % 20.8–93.9 % 50.0 % met no")
    );
    assert_eq!(
        row(&text, "progression"),
        cells("progression enrolled 3 2/3 1 0 66.7 % 20.8–93.9 % 70.0 % not met no")
    );
    // Women 2 of 3 vs 56 %: +10.7 pp, needed 112 − 2; recruitment is open
    // (until 2022-07-31), so the projection at 200: 197 places left at
    // 2/3, bounds (2 + 197 × 0.2077) / 200 and (2 + 197 × 0.9385) / 200.
    assert_eq!(
        row(&text, "women"),
        cells("women 2 66.7 % 20.8–93.9 % 56.0 % +10.7 pp no 110 66.7 % (21.5–93.4 %)")
    );
    assert_eq!(
        row(&text, "men"),
        cells("men 1 33.3 % 6.1–79.2 % 44.0 % −10.7 pp no 87 33.3 % (6.6–78.5 %)")
    );
    // 200 × 514 / 545 days of the recruitment period.
    assert_eq!(row(&text, "Expected"), cells("Expected by now 188.6"));
    assert_eq!(
        row(&text, "Recruitment"),
        cells("Recruitment ends 2022-07-31 (open)")
    );
    assert_eq!(
        row(&text, "Gap"),
        cells("Gap women − men: −50.0 pp (−90.5 to +39.1 pp)")
    );
    assert_eq!(
        row(&text, "swedish"),
        cells("swedish 2 1 (50.0 %) 1 (50.0 %) 0 (0.0 %) +0.50 Svenska språket")
    );
}

#[test]
fn report_in_swedish() {
    let dir = Scratch::new("swedish");
    let out = stegvis(
        "report",
        &dir.worked_example(PARTICIPANTS),
        &["--lang", "sv"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        row(&text, "kvinnor"),
        cells("kvinnor 2 66,7 % 20,8–93,9 % 56,0 % +10,7 p.e. nej 110 66,7 % (21,5–93,4 %)")
    );
    assert_eq!(
        row(&text, "progression"),
        cells("progression inskrivna 3 2/3 1 0 66,7 % 20,8–93,9 % 70,0 % ej uppfyllt nej")
    );
}

#[test]
fn report_json_has_the_spec_keys() {
    let dir = Scratch::new("json");
    let out = stegvis(
        "report",
        &dir.worked_example(PARTICIPANTS),
        &["--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let keys: Vec<&str> = json
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "programme",
        "as_of",
        "enrolment",
        "goals",
        "parameters",
        "exits",
        "follow_ups",
        "data_quality",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    assert_eq!(json["as_of"], "2022-06-30");
    assert_eq!(json["goals"][0]["id"], "closer");
    assert_eq!(json["goals"][0]["achieved"], 2);
    assert_eq!(json["goals"][0]["denominator"], 3);
    let share = json["goals"][0]["share"].as_f64().expect("a number");
    assert!((share - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(json["enrolment"]["by_gender"]["woman"]["needed"], 110);
}

#[test]
fn min_cell_prints_the_suppressed_copy() {
    let dir = Scratch::new("suppressed");
    let args = dir.worked_example(PARTICIPANTS);
    let text = stdout(&stegvis("report", &args, &["--min-cell", "5"]));
    // Every count here is below 5.
    assert_eq!(row(&text, "Enrolled"), cells("Enrolled supp."));
    assert!(text.contains("\nsupp. = suppressed"));
    let json = stdout(&stegvis(
        "report",
        &args,
        &["--min-cell", "5", "--format", "json"],
    ));
    let json: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(json["enrolment"]["enrolled"], "suppressed");
    let csv = stdout(&stegvis(
        "report",
        &args,
        &["--min-cell", "5", "--format", "csv"],
    ));
    assert!(
        csv.lines().any(|l| l == "enrolment,,all,enrolled,,,,true"),
        "{csv}"
    );
}

#[test]
fn csv_is_the_tidy_table_for_a_spreadsheet() {
    let dir = Scratch::new("tidy");
    let args = dir.worked_example(PARTICIPANTS);
    let csv = stdout(&stegvis("report", &args, &["--format", "csv"]));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("\u{feff}section,item,group,measure,value,lower,upper,suppressed")
    );
    // The worked example (docs/method.md#worked-example): 2 of 3 closer,
    // Wilson 95 % interval 0.2077-0.9385, rounded to four places.
    assert!(
        csv.lines()
            .any(|l| l == "goals,closer,all,share,0.6667,0.2077,0.9385,false"),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l == "enrolment,,all,enrolled,3,,,false")
    );
    let swedish = stdout(&stegvis(
        "report",
        &args,
        &["--format", "csv", "--lang", "sv"],
    ));
    assert!(
        swedish.starts_with("\u{feff}section;item;group;measure;value;lower;upper;suppressed\n")
    );
    assert!(
        swedish
            .lines()
            .any(|l| l == "goals;closer;all;share;0,6667;0,2077;0,9385;false"),
        "{swedish}"
    );
}

#[test]
fn undefined_parameter_names_its_path() {
    let dir = Scratch::new("programme");
    let mut args = dir.worked_example(PARTICIPANTS);
    let broken = PROGRAMME.replace(r#"parameters = ["step"]"#, r#"parameters = ["stepp"]"#);
    assert_ne!(
        broken, PROGRAMME,
        "the example names step in the first goal"
    );
    args[1] = dir.write("broken.toml", &broken).display().to_string();
    let out = stegvis("report", &args, &[]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("broken.toml"), "{message}");
    assert!(
        message.contains("goals[0].criterion.any[0].improved.parameters[0]"),
        "{message}"
    );
    assert!(message.contains("[undefined_parameter]"), "{message}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn bad_gender_names_file_row_and_column_but_not_the_value() {
    let dir = Scratch::new("gender");
    let participants = PARTICIPANTS.replace("b,M,", "b,zebra-42,");
    let out = stegvis("report", &dir.worked_example(&participants), &[]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("participants.csv"), "{message}");
    assert!(message.contains("row 3"), "{message}");
    assert!(message.contains("column gender"), "{message}");
    assert!(message.contains("[invalid_gender]"), "{message}");
    assert!(!message.contains("zebra"), "{message}");
}

#[test]
fn lenient_dates_are_invalid_date_with_row_and_column_but_not_the_value() {
    let dir = Scratch::new("dates");
    for (entry, command) in [
        ("0000-01-01", "report"),
        ("+2021-04-01", "validate"),
        ("2021-04-01T25:00", "explain"),
    ] {
        let participants = PARTICIPANTS.replace("b,M,2021-04-01,", &format!("b,M,{entry},"));
        let extra: &[&str] = if command == "explain" {
            &["--participant", "a"]
        } else {
            &[]
        };
        let out = stegvis(command, &dir.worked_example(&participants), extra);
        assert_eq!(out.status.code(), Some(2), "{entry}");
        let message = stderr(&out);
        assert!(message.contains("participants.csv"), "{message}");
        assert!(message.contains("row 3"), "{message}");
        assert!(message.contains("column entry_date"), "{message}");
        assert!(message.contains("[invalid_date]"), "{message}");
        assert!(!message.contains(entry), "{message}");
        assert!(stdout(&out).is_empty(), "{entry}");
    }
}

#[test]
fn as_of_follows_the_date_rule() {
    let example = ["--example".to_owned(), "nordost".to_owned()];
    for bad in [
        "0000-01-01",
        "+2022-06-30",
        "2022-6-30",
        "2022-06-30T25:00",
        "2022-06-30 xyz",
        "2200-01-01",
    ] {
        let out = stegvis("report", &example, &["--as-of", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let message = stderr(&out);
        assert!(message.contains("--as-of"), "{message}");
        assert!(message.contains("[invalid_date]"), "{message}");
        assert!(stdout(&out).is_empty(), "{bad}");
    }
    for good in [
        "2022-06-30",
        "2022-06-30T23:59:59+01:00",
        "2022-06-30 10:00",
    ] {
        let out = stegvis("report", &example, &["--as-of", good, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{good}: {}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(json["as_of"], "2022-06-30", "{good}");
    }
}

#[test]
fn control_characters_in_the_programme_print_as_escapes() {
    let dir = Scratch::new("controls");
    // TOML escapes: ESC [2J (clear screen), BEL, CR, a C1 CSI and a
    // right-to-left override in the name, the id, a goal and a parameter.
    let programme = PROGRAMME
        .replace(
            r#"name = "Arbetsliv och hälsa Nordost""#,
            r#"name = "X\u001b[2J\u0007Y""#,
        )
        .replace(r#"id = "2020/00551""#, r#"id = "2020\r00551""#)
        .replace(
            r#"name = "Närmat sig arbetsmarknaden""#,
            r#"name = "N\u009b31m\u202eY""#,
        )
        .replace(r#""Steg mot arbetsmarknaden""#, r#""Steg\u001b]0;x\u0007""#);
    let mut args = dir.worked_example(PARTICIPANTS);
    args[1] = dir.write("controls.toml", &programme).display().to_string();
    let runs: [(&str, &[&str]); 5] = [
        ("report", &[]),
        ("report", &["--lang", "sv"]),
        ("validate", &[]),
        ("validate", &["--lang", "sv"]),
        ("explain", &["--participant", "a"]),
    ];
    for (command, extra) in runs {
        let out = stegvis(command, &args, extra);
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        for byte in [0x1b, 0x07, b'\r'] {
            assert!(
                !out.stdout.contains(&byte),
                "{command} {extra:?}: byte {byte:#x}"
            );
        }
        let text = stdout(&out);
        let hidden = ['\u{9b}', '\u{202e}'];
        assert!(!text.contains(hidden), "{command} {extra:?}: {text}");
        if command != "explain" {
            assert!(
                text.contains("X\\u{1b}[2J\\u{7}Y"),
                "{command} {extra:?}: {text}"
            );
        }
    }
    let explain = stdout(&stegvis("explain", &args, &["--participant", "a"]));
    assert!(
        explain.contains("closer: N\\u{9b}31m\\u{202e}Y\n"),
        "{explain}"
    );
    let report = stdout(&stegvis("report", &args, &[]));
    assert!(
        report.starts_with("X\\u{1b}[2J\\u{7}Y (2020\\u{d}00551)\n"),
        "{report}"
    );
    assert!(report.contains("Steg\\u{1b}]0;x\\u{7}"), "{report}");
}

#[test]
fn validate_lists_issues_and_strict_fails() {
    let dir = Scratch::new("validate");
    let clean = stegvis("validate", &dir.worked_example(PARTICIPANTS), &[]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert_eq!(stdout(&clean).lines().last(), Some("ok"));

    // Row 5: a participant whose gender is not recorded.
    let args = dir.worked_example(&format!("{PARTICIPANTS}d,,2021-06-01,,\n"));
    let out = stegvis("validate", &args, &[]);
    assert_eq!(out.status.code(), Some(0), "issues are warnings");
    let text = stdout(&out);
    assert_eq!(
        row(&text, "gender"),
        cells("gender not recorded participants 1 5")
    );
    assert_eq!(text.lines().last(), Some("1 issue(s)"));

    let strict = stegvis("validate", &args, &["--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stderr(&strict).contains("strict"));

    let report = stegvis("report", &args, &["--strict"]);
    assert_eq!(report.status.code(), Some(1));
    assert!(stderr(&report).contains("row 5"), "{}", stderr(&report));
    assert!(stderr(&report).contains("[unknown_gender]"));
}

#[test]
fn validate_a_programme_alone_and_in_json() {
    let dir = Scratch::new("json-programme");
    let json = r#"{
        "id": "p1", "name": "Liten insats", "start": "2021-01-01", "end": "2021-12-31",
        "planned_participants": 10,
        "parameters": [{"id": "health", "name": "Hälsa", "scale": [1, 4]}],
        "goals": [{"id": "better", "name": "Bättre hälsa", "target": 0.5,
                   "criterion": {"improved": {"parameters": ["health"]}}}]
    }"#;
    let path = dir.write("programme.json", json).display().to_string();
    let out = stegvis("validate", &["--programme".into(), path], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("programme: ok, Liten insats (p1), 1 parameter(s), 1 goal(s)"));
    assert_eq!(text.lines().last(), Some("ok"));
}

#[test]
fn explain_one_participant() {
    let dir = Scratch::new("explain");
    let args = dir.worked_example(PARTICIPANTS);
    let out = stegvis("explain", &args, &["--participant", "b"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    // b: step 1 → 3 makes both goals true.
    let closer = text.split("closer:").nth(1).expect("a closer section");
    assert!(closer.contains("in population: yes"), "{text}");
    assert_eq!(row(closer, "value:"), cells("value: true"));
    assert!(closer.contains("counted:       achieved"), "{text}");

    let json = stdout(&stegvis(
        "explain",
        &args,
        &["--participant", "c", "--format", "json"],
    ));
    let json: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(json["participant_id"], "c");
    assert_eq!(json["goals"][0]["value"], "unknown");
    assert_eq!(json["goals"][0]["counted"], "not_achieved");

    // In Swedish: the labels, the value and the reasons.
    let swedish = stdout(&stegvis(
        "explain",
        &args,
        &["--participant", "b", "--lang", "sv"],
    ));
    assert!(
        swedish.starts_with("Per 2022-06-30\ndeltagare b (man)\n"),
        "{swedish}"
    );
    let closer = swedish.split("closer:").nth(1).expect("a closer section");
    assert_eq!(row(closer, "värde:"), cells("värde: sant"));
    assert!(
        closer.contains("räknas:         uppnått (i täljare och nämnare)"),
        "{swedish}"
    );
    assert!(closer.contains("förändring 2 ≥ 1"), "{swedish}");

    let missing = stegvis("explain", &args, &["--participant", "nobody-17"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(!stderr(&missing).contains("nobody-17"));
}

#[test]
fn usage_errors_exit_2() {
    let dir = Scratch::new("usage");
    let programme = dir.write("programme.toml", PROGRAMME).display().to_string();
    let out = stegvis("report", &["--programme".into(), programme], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: "));
    let out = stegvis(
        "report",
        &["--example".into(), "nordost".into()],
        &["--format", "xml"],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = stegvis(
        "report",
        &["--example".into(), "nordost".into()],
        &["--lang", "fi"],
    );
    assert_eq!(out.status.code(), Some(2));
    let missing = Path::new("/nonexistent/stegvis/participants.csv")
        .display()
        .to_string();
    let mut args = dir.worked_example(PARTICIPANTS);
    args[3] = missing;
    let out = stegvis("report", &args, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/stegvis/participants.csv"));
}

/// Participants of the bundled example who entered by `as_of`, counted
/// straight from the CSV.
fn example_entered_by(as_of: &str) -> usize {
    let csv = include_str!("../../../examples/nordost/participants.csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let entry = header
        .iter()
        .position(|h| *h == "entry_date")
        .expect("an entry_date column");
    lines
        .filter(|l| !l.trim().is_empty())
        .filter(|l| l.split(',').nth(entry).is_some_and(|d| d <= as_of))
        .count()
}

#[test]
fn bundled_example_runs() {
    let example = ["--example".to_string(), "nordost".to_string()];
    let out = stegvis("report", &example, &["--as-of", "2022-06-30"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Arbetsliv och hälsa Nordost (2020/00551)\nAs of 2022-06-30\n"));
    assert_eq!(row(&text, "Planned"), cells("Planned 200"));
    assert_eq!(row(&text, "closer")[..2], cells("closer enrolled")[..]);

    let out = stegvis(
        "report",
        &example,
        &["--as-of", "2022-06-30", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let enrolled = example_entered_by("2022-06-30");
    assert_eq!(json["enrolment"]["enrolled"], enrolled as u64);

    let out = stegvis("validate", &example, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = stegvis("explain", &example, &["--participant", "no-such-id"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The words of a text: runs of letters, lower-cased.
fn words_of(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// `stegvis explain` prints only words of the catalogue (and the
/// programme's own names and ids), in both languages; the core's tests
/// check the report and the HTML the same way (crates/core/tests/words.rs).
#[test]
fn explain_prints_only_catalogue_words() {
    let example = ["--example".to_owned(), "nordost".to_owned()];
    // Names that are data: the programme's goal and parameter names and
    // ids, participant ids, and the programme file's outcome names and
    // combinators, which reasons quote.
    let data = words_of(
        "Närmat sig arbetsmarknaden Påvisar progression closer progression step swedish \
         Kvar i arbete eller studier efter ett år retention \
         Nyanlända närmare arbetsmarknaden newly_arrived \
         N employment subsidised_employment education job_seeking labour_market_programme \
         health_care parental_leave moved other unknown all any not min_days",
    );
    for lang in [stegvis::Language::English, stegvis::Language::Swedish] {
        let catalogue: std::collections::BTreeSet<String> = stegvis::words::vocabulary(lang)
            .iter()
            .flat_map(|t| words_of(t))
            .collect();
        // Enrolled, exited with and without an outcome, unknown gender, too
        // young: every kind of reason the example has.
        for id in ["N0001", "N0007", "N0024", "N0043", "N0078", "N0150"] {
            let out = stegvis(
                "explain",
                &example,
                &["--participant", id, "--lang", lang.code()],
            );
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            let text = stdout(&out);
            let stray: Vec<_> = words_of(&text)
                .into_iter()
                .filter(|w| !catalogue.contains(w) && !data.contains(w))
                .collect();
            assert!(stray.is_empty(), "{id} ({lang:?}): {stray:?} in\n{text}");
        }
    }
}

/// A fixture of `tests/fixtures/encodings/`.
fn encoded(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/encodings")
        .join(name)
        .display()
        .to_string()
}

/// `stegvis report --format json` on a participants and an assessments
/// fixture of `tests/fixtures/encodings/`.
fn report_of_encoded(participants: &str, assessments: &str, extra: &[&str]) -> Output {
    let programme =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/nordost/programme.toml");
    let args: Vec<String> = [
        "--programme".to_owned(),
        programme.display().to_string(),
        "--participants".to_owned(),
        encoded(participants),
        "--assessments".to_owned(),
        encoded(assessments),
        "--as-of".to_owned(),
        "2023-01-31".to_owned(),
    ]
    .into();
    stegvis("report", &args, &[&["--format", "json"], extra].concat())
}

#[test]
fn every_encoding_gives_the_report_of_utf8() {
    let reference = report_of_encoded("participants.utf-8.csv", "assessments.utf-8.csv", &[]);
    assert_eq!(reference.status.code(), Some(0), "{}", stderr(&reference));
    let json: serde_json::Value = serde_json::from_slice(&reference.stdout).expect("JSON");
    // The Swedish words counted: icke-binär, föräldraledig, anställning med stöd.
    assert_eq!(json["enrolment"]["by_gender"]["non_binary"]["count"], 1);
    let cases = [
        ("participants.utf-8-bom.csv", "assessments.utf-8.csv", None),
        (
            "participants.windows-1252.csv",
            "assessments.windows-1252.csv",
            None,
        ),
        (
            "participants.windows-1252.csv",
            "assessments.windows-1252.csv",
            Some("windows-1252"),
        ),
        ("participants.utf-16le.csv", "assessments.utf-8.csv", None),
    ];
    for (participants, assessments, encoding) in cases {
        let extra: &[&str] = match encoding {
            Some(name) => &["--encoding", name][..],
            None => &[][..],
        };
        let out = report_of_encoded(participants, assessments, extra);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{participants}: {}",
            stderr(&out)
        );
        assert_eq!(stdout(&out), stdout(&reference), "{participants}");
    }
    // A named UTF-16 file read with --encoding utf-16le.
    let out = report_of_encoded(
        "participants.utf-16le.csv",
        "assessments.utf-8.csv",
        &["--encoding", "utf-16le"],
    );
    // The assessments file is then read as UTF-16 too: its bytes pair up into
    // other characters, and no header column is found.
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).ends_with(
            "row 1, column participant_id: required column is missing \
             (also accepted: deltagare, deltagar_id, deltagar-id, deltagarid) [missing_column]\n"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn windows_1252_named_utf8_is_invalid_encoding_at_its_row_and_column() {
    let out = report_of_encoded(
        "participants.windows-1252.csv",
        "assessments.utf-8.csv",
        &["--encoding", "utf-8"],
    );
    assert_eq!(out.status.code(), Some(2));
    // Row 2's only byte outside ASCII is the "Å" of the tag "Åsa".
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("error: {}, row 2, column tags: not valid text in the file's character encoding [invalid_encoding]", encoded("participants.windows-1252.csv"))),
        "{err}"
    );
    assert!(!err.contains("sa"), "no cell value: {err}");
    let bad = report_of_encoded(
        "participants.utf-8.csv",
        "assessments.utf-8.csv",
        &["--encoding", "latin-1"],
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_directory_is_not_a_file() {
    let dir = Scratch::new("directory");
    let mut args = dir.worked_example(PARTICIPANTS);
    let at = args
        .iter()
        .position(|a| a == "--participants")
        .expect("flag")
        + 1;
    args[at] = dir.0.display().to_string();
    let out = stegvis("report", &args, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {}: the path is a directory, not a file [not_a_file]\n",
            dir.0.display()
        )
    );
}

/// `/dev/zero` as the participants file under a 1 GiB address-space limit:
/// the row bound stops it with `row_too_large` (exit 2), not an abort (134).
#[test]
fn dev_zero_is_row_too_large_under_a_memory_limit() {
    if !Path::new("/dev/zero").exists() {
        eprintln!("skipped: no /dev/zero");
        return;
    }
    let dir = Scratch::new("zero");
    let mut args = dir.worked_example(PARTICIPANTS);
    let at = args
        .iter()
        .position(|a| a == "--participants")
        .expect("flag")
        + 1;
    args[at] = "/dev/zero".to_owned();
    let limited = Command::new("prlimit")
        .arg("--as=1073741824")
        .arg(env!("CARGO_BIN_EXE_stegvis"))
        .arg("report")
        .args(&args)
        .output();
    let out = match limited {
        Ok(out) if !String::from_utf8_lossy(&out.stderr).starts_with("prlimit:") => out,
        _ => {
            eprintln!("skipped: prlimit is not available, so no memory limit");
            return;
        }
    };
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: /dev/zero, row 1: row longer than 1 MiB [row_too_large]\n"
    );
}

/// `stegvis report --example nordost` as of the programme's end (its
/// default): follow-ups per horizon and gender, and exits by gender
/// (docs/method.md#follow-up-accounting, docs/method.md#exits-by-gender).
/// The counts were checked against a separate reading of the example's CSV
/// files by the rules of docs/method.md (a short Python script, not the
/// package): at 6 months 95 due (60 women, 34 men, 1 not recorded), 90
/// reached, 10 early; at 12 months 30 due, 28 reached, 11 early.
#[test]
fn nordost_follow_ups_and_exits_by_gender() {
    let example = ["--example".to_owned(), "nordost".to_owned()];
    let out = stegvis("report", &example, &["--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split_whitespace().map(str::to_owned).collect())
        .collect();
    let has = |expected: &str| {
        assert!(
            lines.contains(&cells(expected)),
            "no line {expected:?} in\n{text}"
        )
    };
    // 90/95 = 94.7 %; Wilson 88.3–97.7 %.
    has("6 months ±45 days all 95 90 5 94.7 % 88.3–97.7 % 10");
    has("women 60 58 2 96.7 % 88.6–99.1 % 6");
    has("men 34 31 3 91.2 % 77.0–97.0 % 4");
    has("not recorded 1 1 0 100.0 % 20.7–100.0 % 0");
    has("12 months ±45 days all 30 28 2 93.3 % 78.7–98.2 % 11");
    // Statuses: 15 of the 90 reached (16.7 %) and of the 95 due (15.8 %).
    has("employment 15 16.7 % 15.8 %");
    has("not reached 5 5.3 %");
    // Off assistance: 41 of the 86 with it recorded, 41 of the 95 due.
    has("6 months ±45 days all 41/86 47.7 % 37.4–58.1 % 41/95 43.2 % 33.7–53.2 %");
    // Exits by gender: 88 women, 63 men, 1 not recorded = 152.
    has("Exited 88 63 1");
    has("employment 9 (10.2 %) 9 (14.3 %) 1 (100.0 %)");
}

#[test]
fn xlsx_is_a_workbook_written_to_the_output_file() {
    let dir = Scratch::new("xlsx");
    let args = dir.worked_example(PARTICIPANTS);
    let path = dir.0.join("report.xlsx");
    let out = stegvis(
        "report",
        &args,
        &[
            "--format",
            "xlsx",
            "-o",
            path.to_str().expect("a UTF-8 path"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    // An .xlsx file is a zip archive (read back sheet by sheet in the
    // Python tests).
    let bytes = std::fs::read(&path).expect("written");
    assert_eq!(&bytes[..2], b"PK");
}

#[test]
fn the_example_counts_its_re_entrants_once() {
    let csv = include_str!("../../../examples/nordost/participants.csv");
    let mut rows_per_id = std::collections::BTreeMap::<&str, usize>::new();
    for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        *rows_per_id
            .entry(line.split(',').next().unwrap_or(""))
            .or_default() += 1;
    }
    let rows: usize = rows_per_id.values().sum();
    let twice = rows_per_id.values().filter(|&&n| n == 2).count();
    assert_eq!((rows_per_id.len(), rows, twice), (200, 205, 5));

    let example = ["--example".to_string(), "nordost".to_string()];
    let text = stdout(&stegvis("report", &example, &["--as-of", "2023-01-31"]));
    assert_eq!(row(&text, "Enrolled"), cells("Enrolled 200"));
    assert_eq!(
        row(&text, "Re-entry"),
        cells("Re-entry each person counted once, first entry to final exit")
    );
    assert_eq!(row(&text, "Persons"), cells("Persons 200"));
    assert_eq!(row(&text, "Episodes"), cells("Episodes 205"));
    assert_eq!(row(&text, "Re-entrants"), cells("Re-entrants 5"));
    assert_eq!(row(&text, "Re-entries"), cells("Re-entries 5"));
    // Before the second episodes (all in January 2023) nobody has returned.
    let json = stdout(&stegvis(
        "report",
        &example,
        &["--as-of", "2022-12-31", "--format", "json"],
    ));
    let json: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(json["enrolment"]["reentry"]["episodes"], 200);
    assert_eq!(json["enrolment"]["reentry"]["policy"], "once");

    // The explanation lists both episodes of a re-entrant (N0008:
    // participants.csv rows 9 and 202).
    let text = stdout(&stegvis(
        "explain",
        &example,
        &["--participant", "N0008", "--as-of", "2023-01-31"],
    ));
    assert!(text.contains("  episodes: "), "{text}");
    assert!(text.contains("2022-06-29–2022-11-05 ("), "{text}");
    assert!(text.contains("), 2023-01-13–2023-01-21 ("), "{text}");
    assert!(
        text.contains("(Re-entry: each person counted once"),
        "{text}"
    );
}

#[test]
fn html_is_the_printable_document_on_stdout_or_in_a_file() {
    // docs/report.md#printable-report: the core's document, as written.
    let dir = Scratch::new("html");
    let path = dir.0.join("report.html");
    let example = ["--example".to_string(), "nordost".to_string()];
    let out = stegvis(
        "report",
        &example,
        &[
            "--as-of",
            "2023-01-31",
            "--format",
            "html",
            "-o",
            path.to_str().expect("a UTF-8 path"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let html = std::fs::read_to_string(&path).expect("written");
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">\n"));
    assert!(html.contains("<h2>Goals</h2>"));
    // The goal table's cells are the text report's (closer's achieved of
    // counted), and a status is a badge that reads without colour.
    let text = stdout(&stegvis("report", &example, &["--as-of", "2023-01-31"]));
    let achieved = row(&text, "closer")[3].clone();
    assert!(achieved.contains('/'), "{achieved}");
    assert!(
        html.contains(&format!("<td class=\"r\">{achieved}</td>")),
        "{html}"
    );
    assert!(html.contains("<span class=\"badge met\">\u{2713}\u{a0}met</span>"));
    assert!(html.contains("This copy is not suppressed"));
    assert_eq!(html.matches("<svg ").count(), 3);

    // In Swedish, publishable, to stdout.
    let out = stegvis(
        "report",
        &example,
        &[
            "--as-of",
            "2023-01-31",
            "--format",
            "html",
            "--lang",
            "sv",
            "--min-cell",
            "5",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let sv = stdout(&out);
    assert!(sv.starts_with("<!doctype html>\n<html lang=\"sv\">\n"));
    assert!(sv.contains("<p class=\"publishable\">Publicerbar version: antal under 5"));
    assert!(sv.contains("<h2>Röjandekontroll</h2>"));
}
