//! `stegvis report --example nordost --profile esf`: the ESF+ indicators by
//! gender (`docs/esf.md#indicators`) and the before/after assistance table
//! (`docs/method.md#assistance-before-after`). The numbers were checked
//! against an independent reading of the example's CSV files (a few lines
//! of Python following docs/esf.md), as of the programme's end, 2023-01-31.

mod support;

use support::{after, section, stdout, stegvis};

#[test]
fn the_example_prints_the_esf_indicators_by_gender() {
    let text = stdout(&stegvis(&[
        "report",
        "--example",
        "nordost",
        "--profile",
        "esf",
    ]));
    assert!(text.contains("ESF+ indicators\n"));
    let text = section(&text, "ESF+ indicators\n");
    // women, men, non-binary, gender not recorded, all. The five re-entrants
    // (examples/nordost/generate.py, 13.) leave again in January 2023, so
    // their 28-day windows are still open as of 2023-01-31: one woman and
    // four men move from "left" to "window still open", taking one
    // education (with a qualification) and three employments with them.
    for (label, counts) in [
        ("participants", "110 89 0 1 200"),
        ("unemployed, incl. long-term unemployed", "73 53 0 1 127"),
        ("long-term unemployed", "51 38 0 0 89"),
        ("inactive", "31 30 0 0 61"),
        ("employed, incl. self-employed", "1 3 0 0 4"),
        ("under 18", "0 0 0 0 0"),
        ("18-29", "12 11 0 0 23"),
        ("55 and over", "2 2 0 0 4"),
        ("ISCED 0-2", "56 45 0 1 102"),
        ("ISCED 3-4", "42 29 0 0 71"),
        ("ISCED 5-8", "8 11 0 0 19"),
        ("left (28-day window closed)", "87 57 0 1 145"),
        ("engaged in job searching", "10 8 0 0 18"),
        ("in education or training", "9 10 0 0 19"),
        ("gaining a qualification", "8 11 0 0 19"),
        ("in employment, incl. self-employment ", "21 13 0 1 35"),
        ("due for the six-month follow-up", "60 34 0 1 95"),
        ("reached at six months", "58 31 0 1 90"),
        (
            "in employment, incl. self-employment, at six months",
            "17 8 0 1 26",
        ),
        ("labour-market status not recorded", "5 3 0 0 8"),
        ("education not recorded", "4 4 0 0 8"),
        ("left without an event within 28 days", "1 0 0 0 1"),
        ("left, 28-day window still open", "1 6 0 0 7"),
    ] {
        assert_eq!(after(text, label), counts, "{label}");
    }
    // Without the profile the section is absent; the assistance table stays.
    let plain = stdout(&stegvis(&["report", "--example", "nordost"]));
    assert!(!plain.contains("ESF+"));
    assert!(plain.contains("Assistance before and after\n"));
}

#[test]
fn the_example_prints_assistance_before_and_after() {
    let text = stdout(&stegvis(&["report", "--example", "nordost"]));
    let text = section(&text, "Assistance before and after\n");
    // 191 of the 200 on assistance at entry (all 200 recorded).
    assert_eq!(
        after(text, "On assistance at entry"),
        "106/110 84/89 0/0 1/1 191/200"
    );
    // At exit: 144 of them exited, 136 recorded, 50 off: 50/136 = 36.8 %.
    assert_eq!(after(text, "at exit"), "all 144 136 50 36.8 % 29.1–45.1 %");
    // Six months: 91 due, 82 recorded, 40 off; twelve: 29, 27, 16.
    assert_eq!(
        after(text, "6 months ±45 days"),
        "all 91 82 40 48.8 % 38.3–59.4 %"
    );
    assert_eq!(
        after(text, "12 months ±45 days"),
        "all 29 27 16 59.3 % 40.7–75.5 %"
    );
}

#[test]
fn the_profile_in_swedish_and_json() {
    let text = stdout(&stegvis(&[
        "report",
        "--example",
        "nordost",
        "--profile",
        "esf",
        "--lang",
        "sv",
    ]));
    let text = section(&text, "ESF+-indikatorer\n");
    assert_eq!(after(text, "långtidsarbetslösa"), "51 38 0 0 89");
    let json = stdout(&stegvis(&[
        "report",
        "--example",
        "nordost",
        "--profile",
        "esf",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let jobs = &v["esf"]["indicators"]["in_employment"];
    assert_eq!(jobs["total"], 35);
    assert_eq!(jobs["by_gender"]["woman"], 21);
    let plain = stdout(&stegvis(&[
        "report",
        "--example",
        "nordost",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&plain).expect("JSON");
    assert!(v["esf"].is_null());
    assert_eq!(v["assistance"]["steps"][0]["not_on_assistance"], 50);
}

#[test]
fn an_unknown_profile_is_a_usage_error() {
    let out = stegvis(&["report", "--example", "nordost", "--profile", "eu"]);
    assert_ne!(out.status.code(), Some(0));
}
