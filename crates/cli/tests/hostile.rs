//! The hostile corpus (`tests/hostile/`, format in its README) through the
//! `stegvis` binary: each case must end in its expected coded error or
//! report, within a time and memory bound, never by a signal (a panic
//! aborts, a stack overflow is SIGSEGV), and no output may contain the
//! case's secret. The text report must hold no control character.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Per case, for this test build of the binary (unoptimised: the Python
/// and JS runners hold the release builds to tighter bounds).
const TIME_LIMIT: Duration = Duration::from_secs(20);
/// Address space per run, in KiB, set with `ulimit -v`.
const MEMORY_LIMIT_KIB: u64 = 1024 * 1024;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The bytes a source describes (`text`, `file` or `parts`).
fn bytes(source: &Value) -> Vec<u8> {
    if let Some(text) = source["text"].as_str() {
        return text.as_bytes().to_vec();
    }
    if let Some(file) = source["file"].as_str() {
        return std::fs::read(repo().join("tests").join(file)).expect("a corpus file");
    }
    let mut out = Vec::new();
    for part in source["parts"].as_array().expect("text, file or parts") {
        let text = part[0].as_str().expect("a part's text");
        let times = part[1].as_u64().expect("a part's count");
        for i in 0..times {
            out.extend_from_slice(text.replace("{i}", &i.to_string()).as_bytes());
        }
    }
    out
}

/// The path of a case's input: written to `dir` when the case gives one,
/// else the example's file; `None` for an absent optional table.
fn input(case: &Value, key: &str, dir: &Path, default: Option<&str>) -> Option<PathBuf> {
    let source = &case[key];
    if source.is_null() {
        return default.map(|name| repo().join("examples/nordost").join(name));
    }
    if let Some(path) = source["path"].as_str() {
        return Some(PathBuf::from(path));
    }
    let extension = source["format"].as_str().unwrap_or("csv");
    let path = dir.join(format!("{key}.{extension}"));
    std::fs::write(&path, bytes(source)).expect("write an input");
    Some(path)
}

struct Run {
    status: std::process::ExitStatus,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Runs the binary under the memory limit, killing it at the time limit.
fn run(args: &[String]) -> Run {
    let binary = env!("CARGO_BIN_EXE_stegvis");
    let script = format!("ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" \"$@\"");
    let started = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(binary)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the binary");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        stdout.read_to_end(&mut s).map(|_| s)
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        stderr.read_to_end(&mut s).map(|_| s)
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the binary") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            break child.wait().expect("wait for the killed binary");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = started.elapsed();
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    Run {
        status,
        stdout: text(out.join().expect("stdout reader").expect("read stdout")),
        stderr: text(err.join().expect("stderr reader").expect("read stderr")),
        took,
    }
}

/// Checks one case; returns what is wrong, if anything.
fn check(case: &Value, format: &str) -> Result<(), String> {
    let name = case["name"].as_str().expect("a name");
    let dir = std::env::temp_dir().join(format!(
        "stegvis-hostile-{}-{name}-{format}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let mut args = vec![
        "report".to_owned(),
        "--format".to_owned(),
        format.to_owned(),
    ];
    let as_of = case["as_of"].as_str().unwrap_or("2023-01-31");
    args.extend(["--as-of".to_owned(), as_of.to_owned()]);
    let tables = [
        ("programme", "--programme", Some("programme.toml")),
        ("participants", "--participants", Some("participants.csv")),
        ("assessments", "--assessments", Some("assessments.csv")),
        ("follow_ups", "--follow-ups", Some("follow_ups.csv")),
    ];
    for (key, flag, default) in tables {
        if let Some(path) = input(case, key, &dir, default) {
            args.extend([flag.to_owned(), path.display().to_string()]);
        }
    }
    let run = run(&args);
    let _ = std::fs::remove_dir_all(&dir);
    if run.took > TIME_LIMIT {
        return Err(format!("took over {TIME_LIMIT:?}"));
    }
    let Some(code) = run.status.code() else {
        return Err(format!(
            "ended by a signal ({:?}): {}",
            run.status, run.stderr
        ));
    };
    if let Some(secret) = case["secret"].as_str()
        && (run.stdout.contains(secret) || run.stderr.contains(secret))
    {
        return Err("an output echoes the secret".to_owned());
    }
    let expect = &case["expect"];
    if let Some(enrolled) = expect["enrolled"].as_u64() {
        if code != 0 {
            return Err(format!("exit {code}, expected a report: {}", run.stderr));
        }
        if format == "json" {
            let report: Value = serde_json::from_str(&run.stdout).map_err(|e| e.to_string())?;
            if report["enrolment"]["enrolled"] != enrolled {
                return Err(format!(
                    "enrolled {}, expected {enrolled}",
                    report["enrolment"]["enrolled"]
                ));
            }
        } else if let Some(c) = run.stdout.chars().find(|c| c.is_control() && *c != '\n') {
            return Err(format!("the text report holds control character {:?}", c));
        }
        return Ok(());
    }
    if code == 0 {
        return Err("succeeded, expected an error".to_owned());
    }
    // The CLI's error line: "error: <file>, row R, column C: message [code]".
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("error:"))
        .unwrap_or_default();
    let Some(found) = line.rsplit_once('[').and_then(|(_, c)| c.strip_suffix(']')) else {
        return Err(format!("no coded error line: {}", run.stderr));
    };
    if let Some(wanted) = expect["code"].as_str()
        && found != wanted
    {
        return Err(format!("code {found}, expected {wanted}: {line}"));
    }
    if let Some(row) = expect["row"].as_u64()
        && !(line.contains(&format!("row {row},")) || line.contains(&format!("row {row}:")))
    {
        return Err(format!("not at row {row}: {line}"));
    }
    if let Some(column) = expect["column"].as_str()
        && !line.contains(&format!("column {column}:"))
    {
        return Err(format!("not at column {column}: {line}"));
    }
    Ok(())
}

#[test]
fn every_hostile_case_gets_its_answer_within_bounds() {
    let manifest = repo().join("tests/hostile/cases.json");
    let corpus: Value =
        serde_json::from_str(&std::fs::read_to_string(manifest).expect("the manifest"))
            .expect("JSON");
    let mut failures = Vec::new();
    for case in corpus["cases"].as_array().expect("cases") {
        let surfaces = case["surfaces"].as_array();
        if surfaces.is_some_and(|s| !s.iter().any(|s| s == "cli")) {
            continue;
        }
        for format in ["json", "text"] {
            if let Err(why) = check(case, format) {
                failures.push(format!("{} ({format}): {why}", case["name"]));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
