//! Trends and entry cohorts from the command line (`docs/method.md#trend`,
//! `docs/method.md#cohorts`). The Nordost numbers were checked independently
//! of stegvis by a few lines of Python that read the example's CSVs
//! (entry dates, genders, exit outcomes with their Swedish aliases, and the
//! `step` readings with the window and conflict rules of `docs/method.md`).

mod support;

use support::stegvis;

fn json(args: &[&str]) -> serde_json::Value {
    let out = stegvis(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

const NORDOST: [&str; 3] = ["report", "--example", "nordost"];

/// (date, enrolled, women, men, closer achieved, closer denominator)
const QUARTERS: [(&str, u64, u64, u64, u64, u64); 9] = [
    ("2021-03-31", 25, 17, 8, 0, 25),
    ("2021-06-30", 58, 36, 21, 12, 58),
    ("2021-09-30", 99, 60, 38, 25, 99),
    ("2021-12-31", 130, 76, 53, 51, 130),
    ("2022-03-31", 152, 86, 65, 71, 152),
    ("2022-06-30", 189, 105, 83, 94, 189),
    ("2022-09-30", 200, 110, 89, 122, 200),
    ("2022-12-31", 200, 110, 89, 136, 200),
    ("2023-01-31", 200, 110, 89, 136, 200),
];

#[test]
fn the_example_has_a_quarterly_trend() {
    // The programme's trend = "quarter": quarter ends from the start
    // (2021-02-01) before the report's date, then the date itself.
    let mut args = NORDOST.to_vec();
    args.extend(["--as-of", "2023-01-31", "--format", "json"]);
    let r = json(&args);
    let trend = r["trend"].as_array().expect("a trend");
    assert_eq!(trend.len(), QUARTERS.len());
    for (p, (date, n, w, m, k, d)) in trend.iter().zip(QUARTERS) {
        assert_eq!(p["as_of"], date);
        assert_eq!(p["enrolled"], n, "{date}");
        assert_eq!(p["by_gender"]["woman"]["count"], w, "{date}");
        assert_eq!(p["by_gender"]["man"]["count"], m, "{date}");
        // Everyone enrolled is in closer's population (enrolled, fail).
        assert_eq!(p["goals"][0]["id"], "closer");
        assert_eq!(p["goals"][0]["achieved"], k, "{date}");
        assert_eq!(p["goals"][0]["denominator"], d, "{date}");
    }
    // The last point is the report.
    assert_eq!(r["goals"][0]["achieved"], 136);
    // Cohorts by entry half-year: 2021-H1 ... 2022-H2 (entries end with
    // recruitment on 2022-07-31), in calendar order.
    let cohorts = r["breakdowns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "cohort:half-year")
        .expect("a cohort breakdown");
    let keys: Vec<&str> = cohorts["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["2021-H1", "2021-H2", "2022-H1", "2022-H2"]);
    // 58 entered by 2021-06-30, 130 by 2021-12-31, 189 by 2022-06-30.
    let enrolled: Vec<u64> = cohorts["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["enrolment"]["enrolled"].as_u64().unwrap())
        .collect();
    assert_eq!(enrolled, [58, 130 - 58, 189 - 130, 200 - 189]);
}

#[test]
fn a_list_of_dates_and_every() {
    // A list: sorted, the report at the latest date.
    let mut args = NORDOST.to_vec();
    args.extend(["--as-of", "2022-06-30,2021-12-31", "--format", "json"]);
    let r = json(&args);
    assert_eq!(r["as_of"], "2022-06-30");
    let dates: Vec<&str> = r["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["as_of"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2021-12-31", "2022-06-30"]);
    assert_eq!(r["trend"][0]["enrolled"], 130);
    assert_eq!(r["trend"][1]["goals"][0]["achieved"], 94);

    // every half-year from 2021-02-01 before 2022-03-31, then 2022-03-31.
    let mut args = NORDOST.to_vec();
    args.extend([
        "--as-of",
        "2022-03-31",
        "--every",
        "half-year",
        "--format",
        "json",
    ]);
    let r = json(&args);
    let dates: Vec<&str> = r["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["as_of"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2021-06-30", "2021-12-31", "2022-03-31"]);

    // every none: no trend although the programme asks for one.
    let mut args = NORDOST.to_vec();
    args.extend(["--every", "none", "--format", "json"]);
    assert_eq!(json(&args)["trend"], serde_json::json!([]));
}

#[test]
fn trend_text_and_csv() {
    let mut args = NORDOST.to_vec();
    args.extend(["--as-of", "2021-06-30,2021-12-31"]);
    let out = stegvis(&args);
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect())
        .filter(|c: &Vec<&str>| c.first() == Some(&"2021-06-30"))
        .collect();
    // Enrolment (date, enrolled, women, men, non-binary, not recorded),
    // then each goal's row: closer 12 of 58.
    assert_eq!(rows[0], ["2021-06-30", "58", "36", "21", "0", "1"]);
    assert_eq!(rows[1][..3], ["2021-06-30", "12/58", "20.7"]);

    args.extend(["--lang", "sv"]);
    let text = String::from_utf8(stegvis(&args).stdout).unwrap();
    assert!(text.contains("Datum"));

    let mut args = NORDOST.to_vec();
    args.extend(["--as-of", "2021-06-30,2021-12-31", "--format", "csv"]);
    let csv = String::from_utf8(stegvis(&args).stdout).unwrap();
    assert!(
        csv.contains("\ntrend,2021-06-30,all,enrolled,58,,,false\n"),
        "{csv}"
    );
    assert!(csv.contains("\ntrend,2021-12-31,all,goals.closer.achieved,51,,,false\n"));
}

#[test]
fn bad_trend_options_exit_2() {
    let mut args = NORDOST.to_vec();
    args.extend(["--as-of", "2022-06-30,2022-13-01"]);
    let out = stegvis(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid_date"));

    let mut args = NORDOST.to_vec();
    args.extend(["--as-of", "2022-06-30,2022-12-31", "--every", "quarter"]);
    let out = stegvis(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid_argument"));

    let mut args = NORDOST.to_vec();
    args.extend(["--every", "month"]);
    assert_eq!(stegvis(&args).status.code(), Some(2));
}
