//! Properties of the whole engine on random programmes and data
//! (`docs/method.md#properties`): every count is a sum over participants,
//! so it must not change when the participants are split into parts and
//! the parts' counts added, nor when the ids are renamed; and adding a
//! participant changes each goal's `achieved` by exactly what that
//! participant's explanation says (never lowering it).

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::Value;
use stegvis::{Counted, Report};

mod generated;

use generated::{Case, assessments, case, follow_ups, part_of, person, without_rows};

/// Integer fields that are settings or labels, not counts of people.
const NOT_COUNTS: [&str; 8] = [
    "planned",
    "needed",
    "missed",
    "after_months",
    "tolerance_days",
    "population_after_months",
    "population_tolerance_days",
    "population_where",
];

/// Every count of the report by its JSON path (data-quality counts by kind
/// and table, as their position in the list depends on which kinds occur;
/// their row lists are input positions, not counts), plus each
/// parameter's sum of gains (its mean gain × evaluable), which adds up too.
fn counts(report: &Report) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    let json = report.to_json_value();
    for (key, value) in json.as_object().expect("a report is an object") {
        if key == "data_quality" {
            for issue in value.as_array().expect("a list of issues") {
                let path = format!("data_quality.{}.{}", issue["kind"], issue["table"]);
                out.insert(path, issue["count"].as_f64().expect("a count"));
            }
        } else {
            walk(value, key, &mut out);
        }
    }
    for (i, p) in json["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let (Some(mean), Some(n)) = (p["mean_gain"].as_f64(), p["evaluable"].as_f64()) {
            out.insert(format!("parameters.{i}.gain_sum"), mean * n);
        }
    }
    out
}

fn walk(value: &Value, path: &str, out: &mut BTreeMap<String, f64>) {
    match value {
        Value::Object(object) => {
            for (key, value) in object {
                if !NOT_COUNTS.contains(&key.as_str()) {
                    walk(value, &format!("{path}.{key}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}.{i}"), out);
            }
        }
        Value::Number(n) if n.is_u64() => {
            out.insert(path.to_owned(), n.as_f64().expect("a number"));
        }
        _ => {}
    }
}

fn assert_close(
    whole: &BTreeMap<String, f64>,
    sum: &BTreeMap<String, f64>,
) -> Result<(), TestCaseError> {
    for key in whole.keys().chain(sum.keys()) {
        let (a, b) = (
            whole.get(key).copied().unwrap_or(0.0),
            sum.get(key).copied().unwrap_or(0.0),
        );
        prop_assert!(
            (a - b).abs() <= 1e-9 * a.abs().max(1.0),
            "{key}: whole {a}, parts add to {b}"
        );
    }
    Ok(())
}

/// An injective renaming of person `i`, unlike the plain one in shape and
/// order: hex of a scrambled number, with the index to keep it injective.
fn renamed(salt: u64) -> impl Fn(usize) -> String {
    move |i| {
        let scrambled = (i as u64 ^ salt).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        format!("{scrambled:016x}-{i}")
    }
}

/// The id of person `i` when `new` is added as person `people`: the
/// generator's "nobody" (index `people`) keeps a name of its own.
fn named(people: usize) -> impl Fn(usize) -> String {
    move |i| {
        if i < people {
            generated::id(i)
        } else {
            "nobody".to_owned()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn counts_add_up_over_any_partition_by_participant(
        case in case(),
        part in prop::collection::vec(0..3usize, 10),
        rows in prop::collection::vec(0..3usize, 1..5),
    ) {
        let tables = case.tables(&generated::id);
        let whole = counts(&case.evaluate(&tables));
        let mut sum = BTreeMap::new();
        for this in 0..3 {
            let report = case.evaluate(&part_of(&case, &tables, &part, &rows, this));
            for (key, value) in counts(&report) {
                *sum.entry(key).or_insert(0.0) += value;
            }
        }
        assert_close(&whole, &sum)?;
    }

    #[test]
    fn renaming_ids_changes_nothing(case in case(), salt in any::<u64>()) {
        let plain = case.evaluate(&case.tables(&generated::id));
        let other = case.evaluate(&case.tables(&renamed(salt)));
        prop_assert_eq!(without_rows(&plain), without_rows(&other));
    }

    #[test]
    fn a_new_participant_adds_exactly_what_they_achieve(
        case in case(),
        new in person(),
        new_assessments in assessments(1, 0..8),
        new_follow_ups in follow_ups(1, 0..4),
    ) {
        let people = case.people.len();
        let before = case.evaluate(&case.tables(&named(people)));
        // The new person alone, as person 0 of a case of its own.
        let alone = Case {
            people: vec![new],
            assessments: new_assessments,
            follow_ups: new_follow_ups,
            ..case.clone()
        };
        let name_alone = |i: usize| if i == 0 { "new".to_owned() } else { "nobody".to_owned() };
        let mut tables = case.tables(&named(people));
        let added = alone.tables(&name_alone);
        tables.participants.extend(added.participants);
        tables.assessments.extend(added.assessments);
        tables.follow_ups.extend(added.follow_ups);
        let dataset = case.dataset(&tables);
        let after = dataset.evaluate(&case.options()).expect("a non-strict evaluation succeeds");
        let explained = dataset.explain_participant("new", &case.options());
        for (i, (b, a)) in before.goals.iter().zip(&after.goals).enumerate() {
            let (b, a) = (*b.achieved.value().expect("a count"), *a.achieved.value().expect("a count"));
            let counted = explained.as_ref().map(|e| e.goals[i].counted);
            let expected = b + u64::from(counted == Some(Counted::Achieved));
            prop_assert_eq!(a, expected, "goal {}: {} before, {} after, new counted {:?}", i, b, a, counted);
        }
    }
}
