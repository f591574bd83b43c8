//! What the CLI's integration tests share: running the binary and reading
//! its text report. Each test file uses what it needs.
#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs the `stegvis` binary with `args`.
pub(crate) fn stegvis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stegvis"))
        .args(args)
        .output()
        .expect("run the stegvis binary")
}

/// The standard output of a run that succeeded (else the test fails with
/// its standard error).
pub(crate) fn stdout(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// The text from `heading` on.
pub(crate) fn section<'t>(text: &'t str, heading: &str) -> &'t str {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in\n{text}"));
    &text[start..]
}

/// The cells after `label` on the first line that starts with it.
pub(crate) fn after(text: &str, label: &str) -> String {
    let line = text
        .lines()
        .map(str::trim_start)
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no line starting with {label:?} in\n{text}"));
    line[label.len()..]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
