//! Property tests: random small datasets against one fixed programme (two
//! parameters, goals of every criterion kind, population and unknown policy).
//! Whatever the data, the report's counts must be consistent, its shares and
//! intervals well-formed, and it must not depend on the order of input rows
//! (`docs/method.md#properties`).

use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use serde_json::{Value, json};
use stegvis::report::{Count, Interval, Share};
use stegvis::stats::{newcombe_difference, wilson_interval};
use stegvis::{Dataset, ExitOutcome, Gender, Options, Programme, Report};

/// Slack for float comparisons of values computed in different orders.
const SLACK: f64 = 1e-9;

const GENDERS: [&str; 4] = ["woman", "man", "non_binary", ""];
const PARAMETERS: [&str; 3] = ["step", "health", "unknown_parameter"];

fn programme() -> &'static Programme {
    static PROGRAMME: OnceLock<Programme> = OnceLock::new();
    PROGRAMME.get_or_init(|| {
        let definition = json!({
            "id": "P", "name": "Properties", "start": "2021-01-01", "end": "2022-12-31",
            "planned_participants": 20, "eligible_age": [16, 64], "follow_up_months": [6, 12],
            "gender_target": {"woman": 0.56, "man": 0.44},
            "parameters": [
                {"id": "step", "levels": ["Ingen aktivitet", "Social/hälsoinsats", "Arbetsträning",
                                          "Praktik", "Studier/anställning med stöd", "Arbete/studier"]},
                {"id": "health", "scale": [1, 5], "higher_is_better": false}
            ],
            "goals": [
                {"id": "closer", "target": 0.5, "criterion": {"any": [
                    {"improved": {"parameters": ["step"]}},
                    {"exit_outcome": ["employment", "education"]}]}},
                {"id": "progression", "target": 0.7, "unknown": "exclude",
                 "criterion": {"improved": {}}},
                {"id": "both", "target": 0.3, "population": "active", "min_days": 30,
                 "criterion": {"improved": {"at_least": 2}}},
                {"id": "praktik", "target": 0.4, "unknown": "exclude",
                 "criterion": {"reached": {"parameter": "step", "level": "Praktik"}}},
                {"id": "mean", "target": 0.5, "population": "exited",
                 "criterion": {"mean_gain": {"at_least": 0.5}}},
                {"id": "off_assistance", "target": 0.5, "population": "exited", "unknown": "exclude",
                 "criterion": {"follow_up": {"after_months": 6, "receives_assistance": false}}},
                {"id": "tagged", "target": 0.2,
                 "criterion": {"all": [{"tag": "newly_arrived"},
                                       {"not": {"exit_outcome": ["moved"]}}]}}
            ]
        });
        Programme::from_json_value(definition).expect("the property programme is valid")
    })
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 1, 1).expect("a valid date")
}

/// Day `offset` from the programme's start (negative offsets go before it).
fn day(offset: i64) -> NaiveDate {
    let magnitude = Days::new(offset.unsigned_abs());
    if offset >= 0 {
        start() + magnitude
    } else {
        start() - magnitude
    }
}

#[derive(Debug, Clone)]
struct Person {
    gender: usize,
    entry: i64,
    stay: Option<i64>,
    outcome: Option<usize>,
    newly_arrived: bool,
    long_term: bool,
    birth_year: Option<i32>,
}

/// An assessment or follow-up of person `person` (an index past the last
/// person names nobody), `day` days after that person's entry.
#[derive(Debug, Clone)]
struct Row {
    person: usize,
    day: i64,
    kind: usize,
    value: i64,
    flag: Option<bool>,
}

#[derive(Debug, Clone)]
struct Case {
    people: Vec<Person>,
    assessments: Vec<Row>,
    follow_ups: Vec<Row>,
    as_of: i64,
}

fn person() -> impl Strategy<Value = Person> {
    (
        0..4usize,
        0..700i64,
        prop::option::weighted(0.7, 0..300i64),
        prop::option::of(0..ExitOutcome::ALL.len()),
        any::<(bool, bool)>(),
        prop::option::of(1950..2010i32),
    )
        .prop_map(|(gender, entry, stay, outcome, tags, birth_year)| Person {
            gender,
            entry,
            stay,
            outcome,
            newly_arrived: tags.0,
            long_term: tags.1,
            birth_year,
        })
}

fn row(people: usize, days: std::ops::Range<i64>, kinds: usize) -> impl Strategy<Value = Row> {
    (
        0..=people,
        days,
        0..kinds,
        0..8i64,
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(person, day, kind, value, flag)| Row {
            person,
            day,
            kind,
            value,
            flag,
        })
}

fn case() -> impl Strategy<Value = Case> {
    prop::collection::vec(person(), 0..10).prop_flat_map(|people| {
        let n = people.len();
        (
            Just(people),
            prop::collection::vec(row(n, -60..420, PARAMETERS.len()), 0..40),
            prop::collection::vec(row(n, -10..420, ExitOutcome::ALL.len() + 1), 0..16),
            250..800i64,
        )
            .prop_map(|(people, assessments, follow_ups, as_of)| Case {
                people,
                assessments,
                follow_ups,
                as_of,
            })
    })
}

fn id(person: usize) -> String {
    format!("p{person}")
}

fn participant_records(case: &Case) -> Vec<Value> {
    case.people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let tags: Vec<&str> = [
                (p.newly_arrived, "newly_arrived"),
                (p.long_term, "long_term_assistance"),
            ]
            .iter()
            .filter(|(has, _)| *has)
            .map(|(_, tag)| *tag)
            .collect();
            let exit = p.stay.map(|stay| day(p.entry + stay).to_string());
            let outcome = p.stay.and(p.outcome).map(|o| ExitOutcome::ALL[o].as_str());
            json!({
                "id": id(i),
                "gender": GENDERS[p.gender],
                "birth_date": p.birth_year.map(|y| format!("{y}-06-15")),
                "entry_date": day(p.entry).to_string(),
                "exit_date": exit,
                "exit_outcome": outcome,
                "tags": tags.join(";"),
            })
        })
        .collect()
}

/// The day a row is anchored to: its person's entry (or exit for a
/// follow-up); an unknown person's rows are anchored to the start.
fn anchor(case: &Case, row: &Row, after_exit: bool) -> i64 {
    match case.people.get(row.person) {
        Some(p) if after_exit => p.entry + p.stay.unwrap_or(0),
        Some(p) => p.entry,
        None => 100,
    }
}

fn assessment_records(case: &Case) -> Vec<Value> {
    case.assessments
        .iter()
        .map(|r| {
            json!({
                "participant_id": id(r.person),
                "date": day(anchor(case, r, false) + r.day).to_string(),
                "parameter": PARAMETERS[r.kind],
                "level": r.value,
            })
        })
        .collect()
}

fn follow_up_records(case: &Case) -> Vec<Value> {
    case.follow_ups
        .iter()
        .map(|r| {
            json!({
                "participant_id": id(r.person),
                "date": day(anchor(case, r, true) + r.day).to_string(),
                "status": ExitOutcome::ALL.get(r.kind).map(|o| o.as_str()),
                "receives_assistance": r.flag,
            })
        })
        .collect()
}

/// Shuffles with a small xorshift generator seeded by `seed`.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

fn evaluate(case: &Case, order: Option<u64>) -> Report {
    let mut participants = participant_records(case);
    let mut assessments = assessment_records(case);
    let mut follow_ups = follow_up_records(case);
    if let Some(seed) = order {
        shuffle(&mut participants, seed);
        shuffle(&mut assessments, seed.rotate_left(21));
        shuffle(&mut follow_ups, seed.rotate_left(42));
    }
    let mut builder = Dataset::builder(programme());
    builder
        .read_participant_records(&participants)
        .expect("generated participants are valid");
    builder
        .read_assessment_records(&assessments)
        .expect("generated assessments are valid");
    builder
        .read_follow_up_records(&follow_ups)
        .expect("generated follow-ups are valid");
    builder
        .build()
        .evaluate(&Options::new().as_of(day(case.as_of)))
        .expect("a non-strict evaluation succeeds")
}

fn count(c: &Count) -> u64 {
    *c.value().expect("a report is not suppressed")
}

fn share(s: &Share) -> Option<f64> {
    *s.value().expect("a report is not suppressed")
}

fn unit(x: f64) -> bool {
    (-SLACK..=1.0 + SLACK).contains(&x)
}

/// A share of `k` of `n`, with its Wilson interval: null when n = 0,
/// otherwise k / n in [0, 1] inside [lower, upper] within [0, 1].
fn check_share(what: &str, k: u64, n: u64, s: &Share, ci: &Interval) -> Result<(), TestCaseError> {
    prop_assert!(k <= n, "{what}: {k} > {n}");
    let (lower, upper) = (share(&ci.lower), share(&ci.upper));
    match share(s) {
        None => {
            prop_assert_eq!(n, 0, "{}: null share of a non-empty group", what);
            prop_assert!(
                lower.is_none() && upper.is_none(),
                "{what}: interval without a share"
            );
        }
        Some(value) => {
            prop_assert!(n > 0, "{what}: share of an empty group");
            prop_assert!(
                (value - k as f64 / n as f64).abs() <= SLACK,
                "{what}: share {value} is not {k}/{n}"
            );
            prop_assert!(unit(value), "{what}: share {value}");
            let (lower, upper) = (
                lower.expect("a lower bound"),
                upper.expect("an upper bound"),
            );
            prop_assert!(
                unit(lower) && unit(upper),
                "{what}: [{lower}, {upper}] outside [0, 1]"
            );
            prop_assert!(
                lower <= value + SLACK && value <= upper + SLACK,
                "{what}: {value} outside [{lower}, {upper}]"
            );
        }
    }
    Ok(())
}

fn check_goals(report: &Report) -> Result<(), TestCaseError> {
    let enrolled = count(&report.enrolment.enrolled);
    for g in &report.goals {
        let (size, k, u, x, n) = (
            count(&g.population_size),
            count(&g.achieved),
            count(&g.unknown),
            count(&g.excluded),
            count(&g.denominator),
        );
        prop_assert!(
            size <= enrolled,
            "{}: population {} > enrolled {}",
            g.id,
            size,
            enrolled
        );
        prop_assert!(
            k <= n && n <= size,
            "{}: achieved {} denominator {} population {}",
            g.id,
            k,
            n,
            size
        );
        prop_assert!(
            k + u <= size && x <= u && n == size - x,
            "{}: unknown {} excluded {}",
            g.id,
            u,
            x
        );
        check_share(&g.id, k, n, &g.share, &g.ci)?;
        let mut sums = [0u64; 4];
        for (gender, r) in g.by_gender.iter() {
            let (gk, gu, gx, gn) = (
                count(&r.achieved),
                count(&r.unknown),
                count(&r.excluded),
                count(&r.denominator),
            );
            prop_assert!(
                gk + gu <= gn + gx && gx <= gu,
                "{} {}: inconsistent counts",
                g.id,
                gender
            );
            check_share(&format!("{} {gender}", g.id), gk, gn, &r.share, &r.ci)?;
            for (sum, c) in sums.iter_mut().zip([gk, gu, gx, gn]) {
                *sum += c;
            }
        }
        prop_assert_eq!(
            sums,
            [k, u, x, n],
            "{}: per-gender counts do not add up",
            &g.id
        );
        let women = g.by_gender.get(Gender::Woman);
        let men = g.by_gender.get(Gender::Man);
        let defined = count(&women.denominator) > 0 && count(&men.denominator) > 0;
        prop_assert_eq!(
            g.gender_gap.is_some(),
            defined,
            "{}: gap defined iff both groups",
            &g.id
        );
        if let Some(gap) = &g.gender_gap {
            let d = share(&gap.difference).expect("a difference");
            let (lower, upper) = (
                share(&gap.lower).expect("lower"),
                share(&gap.upper).expect("upper"),
            );
            let expected = share(&women.share).expect("women's share")
                - share(&men.share).expect("men's share");
            prop_assert!(
                (d - expected).abs() <= SLACK,
                "{}: gap {d} is not {expected}",
                g.id
            );
            prop_assert!(
                lower <= d + SLACK && d <= upper + SLACK,
                "{}: gap {d} outside [{lower}, {upper}]",
                g.id
            );
            prop_assert!(
                lower >= -1.0 - SLACK && upper <= 1.0 + SLACK,
                "{}: gap bounds",
                g.id
            );
        }
    }
    Ok(())
}

fn check_enrolment(report: &Report) -> Result<(), TestCaseError> {
    let e = &report.enrolment;
    let enrolled = count(&e.enrolled);
    let total: u64 = e.by_gender.iter().map(|(_, g)| count(&g.count)).sum();
    prop_assert_eq!(total, enrolled, "gender counts do not add up to enrolled");
    let unknown = count(&e.by_gender.get(Gender::Unknown).count);
    let known = enrolled - unknown;
    let mut share_sum = 0.0;
    for (gender, g) in e
        .by_gender
        .iter()
        .filter(|(gender, _)| *gender != Gender::Unknown)
    {
        check_share(gender.as_str(), count(&g.count), known, &g.share, &g.ci)?;
        share_sum += share(&g.share).unwrap_or(0.0);
    }
    if known > 0 {
        prop_assert!(
            (share_sum - 1.0).abs() <= SLACK,
            "known-gender shares sum to {share_sum}"
        );
    }
    let planned = e.planned as f64;
    prop_assert!(
        (0.0..=planned).contains(&e.expected_by_now),
        "expected_by_now {}",
        e.expected_by_now
    );
    Ok(())
}

fn check_parameters(report: &Report) -> Result<(), TestCaseError> {
    for p in &report.parameters {
        let (ev, im, un, wo) = (
            count(&p.evaluable),
            count(&p.improved),
            count(&p.unchanged),
            count(&p.worsened),
        );
        prop_assert_eq!(ev, im + un + wo, "{}: evaluable is not the sum", &p.id);
        prop_assert!(ev <= count(&report.enrolment.enrolled));
        for s in [&p.improved_share, &p.unchanged_share, &p.worsened_share] {
            prop_assert!(share(s).is_none_or(unit), "{}: share out of range", p.id);
        }
        let total: u64 = p.by_gender.iter().map(|(_, g)| count(&g.evaluable)).sum();
        prop_assert_eq!(total, ev, "{}: per-gender evaluable", &p.id);
        if let Some(matrix) = &p.transitions {
            let cells: u64 = matrix.iter().flatten().map(count).sum();
            prop_assert_eq!(
                cells,
                ev,
                "{}: transitions do not add up to evaluable",
                &p.id
            );
        }
    }
    Ok(())
}

fn check_exits_and_follow_ups(report: &Report) -> Result<(), TestCaseError> {
    let exited = count(&report.exits.exited);
    let total: u64 = report
        .exits
        .by_outcome
        .iter()
        .map(|(_, o)| count(&o.count))
        .sum();
    prop_assert_eq!(total, exited, "exit outcomes do not add up");
    for (_, o) in report.exits.by_outcome.iter() {
        prop_assert!(share(&o.share).is_none_or(unit));
    }
    for f in &report.follow_ups {
        let observed = count(&f.observed);
        prop_assert!(count(&f.due) <= exited && observed <= exited);
        let statuses: u64 = f.by_status.iter().map(|(_, c)| count(c)).sum();
        prop_assert_eq!(statuses, observed, "follow-up statuses do not add up");
        let known = count(&f.assistance_known);
        prop_assert!(known <= observed);
        check_share(
            "follow-up assistance",
            count(&f.not_receiving_assistance),
            known,
            &f.share_not_receiving_assistance,
            &f.ci,
        )?;
    }
    Ok(())
}

/// The report as JSON without the data-quality row lists, which name input
/// positions and so legitimately change with the order.
fn without_rows(report: &Report) -> Value {
    let mut value = report.to_json_value();
    if let Some(Value::Array(issues)) = value.get_mut("data_quality") {
        for issue in issues {
            if let Some(object) = issue.as_object_mut() {
                object.remove("rows");
            }
        }
    }
    value
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn counts_shares_and_intervals_are_consistent(case in case()) {
        let report = evaluate(&case, None);
        check_goals(&report)?;
        check_enrolment(&report)?;
        check_parameters(&report)?;
        check_exits_and_follow_ups(&report)?;
    }

    #[test]
    fn row_order_does_not_matter(case in case(), seed in any::<u64>()) {
        let ordered = evaluate(&case, None);
        let shuffled = evaluate(&case, Some(seed));
        prop_assert_eq!(without_rows(&ordered), without_rows(&shuffled));
    }
}

proptest! {
    #[test]
    fn wilson_contains_the_share(n in 1..5000u64, k_permille in 0..=1000u64) {
        let k = n * k_permille / 1000;
        let b = wilson_interval(k, n, 0.95).expect("valid arguments").expect("n > 0");
        let p = k as f64 / n as f64;
        prop_assert!(0.0 <= b.lower && b.lower <= p + SLACK && p <= b.upper + SLACK && b.upper <= 1.0);
    }

    #[test]
    fn newcombe_contains_the_difference(
        n1 in 1..2000u64, a in 0..=1000u64, n2 in 1..2000u64, b in 0..=1000u64,
    ) {
        let (k1, k2) = (n1 * a / 1000, n2 * b / 1000);
        let d = newcombe_difference(k1, n1, k2, n2, 0.95).expect("valid arguments").expect("n > 0");
        let expected = k1 as f64 / n1 as f64 - k2 as f64 / n2 as f64;
        prop_assert!((d.difference - expected).abs() <= SLACK);
        prop_assert!(-1.0 - SLACK <= d.lower && d.lower <= d.difference + SLACK);
        prop_assert!(d.difference <= d.upper + SLACK && d.upper <= 1.0 + SLACK);
    }
}
