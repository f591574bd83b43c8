//! Partial reports (`docs/partials.md`): for random programmes with every
//! kind of breakdown, a trend, the ESF+ profile and a status date, random
//! data and any partition by participant, the parts' partials — each
//! written to JSON and read back — combine into the partial of the whole,
//! and its report is the whole's report without data-quality rows. On the
//! example programme: a partial holds no id, no date but the programme's
//! and the report's, and no row number; and every way combining can go
//! wrong is an error with its code.

use std::num::NonZeroU32;
use std::path::Path;

use proptest::prelude::*;
use serde_json::{Value, json};
use stegvis::vocab::{Profile, Table};
use stegvis::{Dataset, Options, Partial, Programme, partition_of};

mod generated;

use generated::{Case, Tables, case_of, day, part_of, programme, without_rows};

/// The generated programme with an age, tag, cohort and column breakdown
/// and a quarterly trend.
fn broken_down(programme: Programme) -> Programme {
    let mut definition = programme.to_json_value();
    definition["breakdowns"] = json!([
        "age",
        "tag:newly_arrived",
        "cohort:half-year",
        "column:district"
    ]);
    definition["trend"] = json!("quarter");
    Programme::from_json_value(definition).expect("breakdowns and a trend are valid")
}

/// The tables with a `district` column (some empty) for the column breakdown.
fn with_districts(mut tables: Tables) -> Tables {
    for (i, record) in tables.participants.iter_mut().enumerate() {
        record["district"] = json!(["Öst", "Väst", "", "Norr"][i % 4]);
    }
    tables
}

/// ESF+ and a status date between the start and the as-of date.
fn options(case: &Case) -> Options {
    case.options()
        .profile(Some(Profile::Esf))
        .status_on(Some(day(case.as_of * 2 / 3)))
}

fn partial(case: &Case, tables: &Tables) -> Partial {
    case.dataset(tables)
        .partial(&options(case))
        .expect("a non-strict partial succeeds")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn partials_of_any_partition_combine_into_the_whole(
        case in case_of(programme().prop_map(broken_down)),
        part in prop::collection::vec(0..3usize, 10),
        rows in prop::collection::vec(0..3usize, 1..5),
    ) {
        let tables = with_districts(case.tables(&generated::id));
        let whole = partial(&case, &tables);
        let parts: Vec<Partial> = (0..3)
            .map(|this| {
                let json = partial(&case, &part_of(&case, &tables, &part, &rows, this)).to_json();
                Partial::from_json(&json).expect("a partial reads back")
            })
            .collect();
        let combined = Partial::combine_all(&parts).expect("partials of one programme combine");
        prop_assert_eq!(combined.report().to_json(), whole.report().to_json());
        prop_assert_eq!(&combined, &whole);
        let evaluated = case.dataset(&tables).evaluate(&options(&case)).expect("evaluates");
        prop_assert_eq!(without_rows(&whole.report()), without_rows(&evaluated));
    }
}

fn example_programme() -> Programme {
    Programme::from_toml(include_str!("../../examples/nordost/programme.toml"))
        .expect("the example programme is valid")
}

fn example_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/nordost")
        .join(name);
    std::fs::read_to_string(path).expect("the example's files are there")
}

const TABLES: [(Table, &str); 3] = [
    (Table::Participants, "participants.csv"),
    (Table::Assessments, "assessments.csv"),
    (Table::FollowUps, "follow_ups.csv"),
];

/// The example's rows of the participants whose id falls in `partition`
/// of `of` (the first column of every table is the participant's id).
fn example_part(partition: u32, of: u32) -> Dataset {
    let programme = example_programme();
    let mut builder = Dataset::builder(&programme);
    let of = NonZeroU32::new(of).expect("at least one partition");
    for (table, name) in TABLES {
        let text = example_file(name);
        let mut lines = text.lines();
        let mut part = format!("{}\n", lines.next().expect("a header"));
        for line in lines.filter(|l| {
            let id = l.split(',').next().unwrap_or_default();
            partition_of(id, of) == partition
        }) {
            part.push_str(line);
            part.push('\n');
        }
        builder
            .read_csv(table, part.as_bytes())
            .expect("the example's rows read");
    }
    builder.build()
}

fn as_of() -> Options {
    Options::new().as_of("2023-01-31".parse().expect("a date"))
}

/// Three organisations' partials of the example combine into the figures
/// of their pooled data.
#[test]
fn three_partials_of_the_example_give_its_report() {
    let whole = example_part(0, 1);
    let parts: Vec<Partial> = (0..3)
        .map(|p| example_part(p, 3).partial(&as_of()).expect("a partial"))
        .collect();
    assert!(
        parts.iter().all(|p| p.participants() > 0),
        "every part has participants"
    );
    let combined = Partial::combine_all(&parts).expect("they combine");
    let report = whole.evaluate(&as_of()).expect("evaluates");
    assert_eq!(combined.participants(), 200);
    assert_eq!(report.enrolment.enrolled, stegvis::Figure::Value(200));
    assert_eq!(without_rows(&combined.report()), without_rows(&report));
    // Combining is order-free.
    let reversed: Vec<Partial> = parts.iter().rev().cloned().collect();
    assert_eq!(
        Partial::combine_all(&reversed).expect("they combine"),
        combined
    );
}

/// Every string value of a JSON document.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out);
        }),
        _ => {}
    }
}

/// A partial holds no id, no date of a person and no row number.
#[test]
fn a_partial_holds_no_personal_data() {
    let options = as_of()
        .profile(Some(Profile::Esf))
        .status_on(Some("2022-12-31".parse().unwrap()));
    let partial = example_part(0, 1).partial(&options).expect("a partial");
    let json: Value = serde_json::from_str(&partial.to_json()).expect("JSON");
    let mut found = Vec::new();
    strings(&json["counts"], &mut found);
    strings(&json["data_quality"], &mut found);
    let mut programme_strings = Vec::new();
    strings(&json["programme"], &mut programme_strings);
    let ids: Vec<String> = example_file("participants.csv")
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or_default().to_owned())
        .collect();
    assert!(!ids.is_empty());
    for s in found.iter().chain(&programme_strings) {
        assert!(!ids.contains(s), "an id in the partial");
    }
    // The only dates: the report's, its trend's and the status date.
    let mut allowed = vec![json["counts"]["as_of"].clone()];
    allowed.extend(
        json["counts"]["trend_dates"]
            .as_array()
            .unwrap()
            .iter()
            .cloned(),
    );
    allowed.push(json["counts"]["status_on"]["date"].clone());
    for s in &found {
        if s.parse::<chrono::NaiveDate>().is_ok() {
            assert!(
                allowed.contains(&Value::String(s.clone())),
                "a date {s} that is not the report's"
            );
        }
    }
    for issue in json["data_quality"].as_array().unwrap() {
        let keys: Vec<&str> = issue
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["count", "kind", "table"]);
    }
    assert!(
        !json["data_quality"].as_array().unwrap().is_empty(),
        "the example has issues"
    );
}

fn code(result: Result<Partial, stegvis::Error>) -> &'static str {
    result.expect_err("an error").code()
}

#[test]
fn partials_that_do_not_fit_together_are_errors_with_codes() {
    let a = example_part(0, 2).partial(&as_of()).unwrap();
    let b = example_part(1, 2);
    let later = Options::new().as_of("2023-02-28".parse().unwrap());
    assert_eq!(
        code(a.combine(&b.partial(&later).unwrap())),
        "partial_as_of_differs"
    );
    let esf = as_of().profile(Some(Profile::Esf));
    assert_eq!(
        code(a.combine(&b.partial(&esf).unwrap())),
        "partial_settings_differ"
    );
    let mut other = example_programme().to_json_value();
    other["goals"][0]["target"] = json!(0.9);
    let other = Programme::from_json_value(other).unwrap();
    let mut builder = Dataset::builder(&other);
    builder
        .read_participants_csv("id,gender,entry_date\nX,K,2021-03-01\n".as_bytes())
        .unwrap();
    let theirs = builder.build().partial(&as_of()).unwrap();
    assert_eq!(code(a.combine(&theirs)), "partial_programme_differs");
    assert_eq!(code(Partial::combine_all([])), "no_partials");
    // On an error, `add` leaves the partial as it was.
    let mut kept = a.clone();
    assert!(kept.add(&theirs).is_err());
    assert_eq!(kept, a);
}

#[test]
fn a_text_that_is_not_a_partial_is_an_error_with_a_code() {
    let good: Value =
        serde_json::from_str(&example_part(0, 1).partial(&as_of()).unwrap().to_json()).unwrap();
    let read = |v: &Value| code(Partial::from_json(&v.to_string()));
    assert_eq!(
        code(Partial::from_json("id,gender\nA1,K\n")),
        "invalid_partial"
    );
    assert_eq!(code(Partial::from_json("[]")), "invalid_partial");
    let mut v = good.clone();
    v["version"] = json!(2);
    assert_eq!(read(&v), "unsupported_partial_version");
    let mut v = good.clone();
    v["format"] = json!("stegvis-report");
    assert_eq!(read(&v), "invalid_partial");
    // More achieved than in the goal's population.
    let mut v = good.clone();
    v["counts"]["totals"]["goals"][0]["achieved"][0] = json!(1_000_000);
    assert_eq!(read(&v), "invalid_partial");
    // A goal too few for the programme.
    let mut v = good.clone();
    v["counts"]["totals"]["goals"].as_array_mut().unwrap().pop();
    assert_eq!(read(&v), "invalid_partial");
    // A group a tag breakdown cannot have.
    let mut v = good.clone();
    v["counts"]["breakdowns"][2][0]["group"] = json!("maybe");
    assert_eq!(read(&v), "invalid_partial");
    // A key the format does not have.
    let mut v = good.clone();
    v["counts"]["rows"] = json!([2, 3]);
    assert_eq!(read(&v), "invalid_partial");
    // Groups that do not add up to the total: each tally fits, the
    // report's relations do not (fuzz/README.md, finding 3).
    let mut v = good.clone();
    let enrolled = &mut v["counts"]["breakdowns"][0][1]["counts"]["enrolled"][0];
    *enrolled = json!(enrolled.as_u64().unwrap() + 1);
    assert_eq!(read(&v), "invalid_partial");
    // Beyond the limits.
    let mut v = good;
    v["counts"]["totals"]["enrolled"][0] = json!(u64::MAX);
    assert_eq!(read(&v), "invalid_partial");
    // The message gives a path, never a value.
    let message = Partial::from_json(
        r#"{"format":"stegvis-partial","version":1,"programme":"Anna Andersson"}"#,
    )
    .expect_err("an error")
    .to_string();
    assert!(!message.contains("Anna"), "{message}");
}

/// The partition of an id is fixed: these values are restated in the
/// Python and JavaScript suites (`tests/fixtures/partitions.json`).
#[test]
fn partitions_are_stable() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/partitions.json"),
    )
    .unwrap();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() >= 40);
    for case in cases {
        let (id, of) = (
            case["id"].as_str().unwrap(),
            case["partitions"].as_u64().unwrap(),
        );
        let of = NonZeroU32::new(u32::try_from(of).unwrap()).unwrap();
        assert_eq!(
            u64::from(partition_of(id, of)),
            case["partition"],
            "{id} of {of}"
        );
    }
}

/// An exit-outcome criterion that names one outcome twice counts it once,
/// so the relation between the goal and the exit table holds and the
/// partial of such a programme reads back (found by the property above).
#[test]
fn an_outcome_named_twice_is_counted_once() {
    let mut definition = example_programme().to_json_value();
    definition["goals"][0]["criterion"] = json!({"exit_outcome": ["employment", "employment"]});
    definition["goals"][0]["population"] = json!("exited");
    let programme = Programme::from_json_value(definition).unwrap();
    let mut builder = Dataset::builder(&programme);
    for (table, name) in TABLES {
        builder
            .read_csv(table, example_file(name).as_bytes())
            .unwrap();
    }
    let partial = builder.build().partial(&as_of()).unwrap();
    let again = Partial::from_json(&partial.to_json()).expect("reads back");
    assert_eq!(again, partial);
}
