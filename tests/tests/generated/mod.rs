//! Random programmes and data for the property tests
//! (`docs/method.md#properties`): a programme with two parameters (a ladder
//! and a lower-is-better scale) and one to five goals of random criteria,
//! populations and unknown policies; people with random genders, dates,
//! exits and tags; assessments and follow-ups anchored to their person's
//! entry or exit, some before entry, some after the as-of date, some of
//! nobody, some of a parameter the programme does not have.
//!
//! Shared by `properties.rs` and `invariance.rs`; each uses part of it.
#![allow(dead_code)]

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use serde_json::{Value, json};
use stegvis::{Dataset, ExitOutcome, Options, Programme, Report};

pub(crate) const GENDERS: [&str; 4] = ["woman", "man", "non_binary", ""];
const PARAMETERS: [&str; 3] = ["step", "health", "unknown_parameter"];
const TAGS: [&str; 2] = ["newly_arrived", "long_term_assistance"];

pub(crate) fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 1, 1).expect("a valid date")
}

/// Day `offset` from the programme's start (negative offsets go before it).
pub(crate) fn day(offset: i64) -> NaiveDate {
    let magnitude = Days::new(offset.unsigned_abs());
    if offset >= 0 {
        start() + magnitude
    } else {
        start() - magnitude
    }
}

/// One criterion of every kind, with the keys that change what it counts.
fn leaf() -> impl Strategy<Value = Value> {
    let outcome = || prop::sample::select(&ExitOutcome::ALL[..ExitOutcome::ALL.len() - 1]);
    prop_oneof![
        Just(json!({"improved": {}})),
        (1..=2i64).prop_map(|at_least| json!({"improved": {"at_least": at_least}})),
        (prop::sample::select(&PARAMETERS[..2]), 1..=3i64)
            .prop_map(|(p, gain)| { json!({"improved": {"parameters": [p], "min_gain": gain}}) }),
        prop::sample::select(&["Arbetsträning", "Praktik", "Arbete/studier"][..])
            .prop_map(|level| json!({"reached": {"parameter": "step", "level": level}})),
        (1..=5i64).prop_map(|level| json!({"reached": {"parameter": "health", "level": level}})),
        (-1.0..2.0f64).prop_map(|at_least| json!({"mean_gain": {"at_least": at_least}})),
        prop::collection::vec(outcome(), 1..3).prop_map(|o| json!({"exit_outcome": o})),
        (
            prop::sample::select(&[6i64, 12][..]),
            prop::option::of(any::<bool>())
        )
            .prop_map(|(months, assistance)| match assistance {
                Some(a) => json!({"follow_up": {"after_months": months, "receives_assistance": a}}),
                None => json!({"follow_up": {"after_months": months, "status": ["employment"]}}),
            }),
        prop::sample::select(&TAGS[..]).prop_map(|tag| json!({"tag": tag})),
    ]
}

/// A criterion tree up to three levels of `all`, `any` and `not` deep.
fn criterion() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|c| json!({"all": c})),
            prop::collection::vec(inner.clone(), 1..4).prop_map(|c| json!({"any": c})),
            inner.prop_map(|c| json!({"not": c})),
        ]
    })
}

fn goal() -> impl Strategy<Value = Value> {
    (
        criterion(),
        1..=9u32,
        prop::sample::select(vec![
            json!("enrolled"),
            json!("active"),
            json!("exited"),
            json!({"of": "exited", "where": {"exit_outcome": ["employment", "education"]}}),
            json!({"of": "enrolled", "where": {"any": [{"tag": "t"}, {"improved": {}}]}}),
            json!({"of": "due", "after_months": 6}),
            json!({"of": "due", "after_months": 12, "tolerance_days": 30, "where": {"not": {"tag": "t"}}}),
        ]),
        prop::sample::select(&["fail", "exclude"][..]),
        prop::option::of(0..60u32),
    )
        .prop_map(|(criterion, tenths, population, unknown, min_days)| {
            let mut goal = json!({
                "target": f64::from(tenths) / 10.0,
                "population": population,
                "unknown": unknown,
                "criterion": criterion,
            });
            if let Some(days) = min_days {
                goal["min_days"] = json!(days);
            }
            goal
        })
}

/// A programme of one to five random goals over two fixed parameters.
pub(crate) fn programme() -> impl Strategy<Value = Programme> {
    prop::collection::vec(goal(), 1..6).prop_map(|goals| {
        let goals: Vec<Value> = goals
            .into_iter()
            .enumerate()
            .map(|(i, mut goal)| {
                goal["id"] = json!(format!("g{i}"));
                goal
            })
            .collect();
        let definition = json!({
            "id": "P", "name": "Properties", "start": "2021-01-01", "end": "2022-12-31",
            "planned_participants": 20, "eligible_age": [16, 64], "follow_up_months": [6, 12],
            "gender_target": {"woman": 0.56, "man": 0.44},
            "parameters": [
                {"id": "step", "levels": ["Ingen aktivitet", "Social/hälsoinsats", "Arbetsträning",
                                          "Praktik", "Studier/anställning med stöd", "Arbete/studier"]},
                {"id": "health", "scale": [1, 5], "higher_is_better": false}
            ],
            "goals": goals,
        });
        Programme::from_json_value(definition).expect("a generated programme is valid")
    })
}

#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub(crate) gender: usize,
    pub(crate) entry: i64,
    pub(crate) stay: Option<i64>,
    pub(crate) outcome: Option<usize>,
    pub(crate) newly_arrived: bool,
    pub(crate) long_term: bool,
    pub(crate) birth_year: Option<i32>,
}

/// An assessment or follow-up of person `person` (an index past the last
/// person names nobody), `day` days after that person's entry.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) person: usize,
    pub(crate) day: i64,
    pub(crate) kind: usize,
    pub(crate) value: i64,
    pub(crate) flag: Option<bool>,
}

#[derive(Debug, Clone)]
pub(crate) struct Case {
    pub(crate) programme: Programme,
    pub(crate) people: Vec<Person>,
    pub(crate) assessments: Vec<Row>,
    pub(crate) follow_ups: Vec<Row>,
    pub(crate) as_of: i64,
}

pub(crate) fn person() -> impl Strategy<Value = Person> {
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

pub(crate) fn row(
    people: usize,
    days: std::ops::Range<i64>,
    kinds: usize,
) -> impl Strategy<Value = Row> {
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

/// Assessments of `people` people (and of nobody).
pub(crate) fn assessments(
    people: usize,
    count: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(row(people, -60..420, PARAMETERS.len()), count)
}

/// Follow-ups of `people` people (and of nobody).
pub(crate) fn follow_ups(
    people: usize,
    count: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(row(people, -10..420, ExitOutcome::ALL.len() + 1), count)
}

/// A case on the given programmes.
pub(crate) fn case_of(programme: impl Strategy<Value = Programme>) -> impl Strategy<Value = Case> {
    (programme, prop::collection::vec(person(), 0..10)).prop_flat_map(|(programme, people)| {
        let n = people.len();
        (
            Just(programme),
            Just(people),
            assessments(n, 0..40),
            follow_ups(n, 0..16),
            250..800i64,
        )
            .prop_map(|(programme, people, assessments, follow_ups, as_of)| Case {
                programme,
                people,
                assessments,
                follow_ups,
                as_of,
            })
    })
}

/// A case on a random programme.
pub(crate) fn case() -> impl Strategy<Value = Case> {
    case_of(programme())
}

/// The id of person `i` in the plain naming.
pub(crate) fn id(person: usize) -> String {
    format!("p{person}")
}

/// The three tables as records, with ids from `name`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tables {
    pub(crate) participants: Vec<Value>,
    pub(crate) assessments: Vec<Value>,
    pub(crate) follow_ups: Vec<Value>,
}

impl Case {
    /// The tables, each person `i` named `name(i)`.
    pub(crate) fn tables(&self, name: &dyn Fn(usize) -> String) -> Tables {
        Tables {
            participants: self.participant_records(name),
            assessments: self.assessment_records(name),
            follow_ups: self.follow_up_records(name),
        }
    }

    fn participant_records(&self, name: &dyn Fn(usize) -> String) -> Vec<Value> {
        self.people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let tags: Vec<&str> = [(p.newly_arrived, TAGS[0]), (p.long_term, TAGS[1])]
                    .iter()
                    .filter(|(has, _)| *has)
                    .map(|(_, tag)| *tag)
                    .collect();
                let exit = p.stay.map(|stay| day(p.entry + stay).to_string());
                let outcome = p.stay.and(p.outcome).map(|o| ExitOutcome::ALL[o].as_str());
                json!({
                    "id": name(i),
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
    /// follow-up); an unknown person's rows are anchored to day 100.
    fn anchor(&self, row: &Row, after_exit: bool) -> i64 {
        match self.people.get(row.person) {
            Some(p) if after_exit => p.entry + p.stay.unwrap_or(0),
            Some(p) => p.entry,
            None => 100,
        }
    }

    fn assessment_records(&self, name: &dyn Fn(usize) -> String) -> Vec<Value> {
        self.assessments
            .iter()
            .map(|r| {
                json!({
                    "participant_id": name(r.person),
                    "date": day(self.anchor(r, false) + r.day).to_string(),
                    "parameter": PARAMETERS[r.kind],
                    "level": r.value,
                })
            })
            .collect()
    }

    fn follow_up_records(&self, name: &dyn Fn(usize) -> String) -> Vec<Value> {
        self.follow_ups
            .iter()
            .map(|r| {
                json!({
                    "participant_id": name(r.person),
                    "date": day(self.anchor(r, true) + r.day).to_string(),
                    "status": ExitOutcome::ALL.get(r.kind).map(|o| o.as_str()),
                    "receives_assistance": r.flag,
                })
            })
            .collect()
    }

    pub(crate) fn options(&self) -> Options {
        Options::new().as_of(day(self.as_of))
    }

    /// The dataset of the given tables under this case's programme.
    pub(crate) fn dataset(&self, tables: &Tables) -> Dataset {
        let mut builder = Dataset::builder(&self.programme);
        builder
            .read_participant_records(&tables.participants)
            .expect("generated participants are valid");
        builder
            .read_assessment_records(&tables.assessments)
            .expect("generated assessments are valid");
        builder
            .read_follow_up_records(&tables.follow_ups)
            .expect("generated follow-ups are valid");
        builder.build()
    }

    /// The report on the given tables.
    pub(crate) fn evaluate(&self, tables: &Tables) -> Report {
        self.dataset(tables)
            .evaluate(&self.options())
            .expect("a non-strict evaluation succeeds")
    }
}

/// The tables of the people in `part` (and the rows of nobody whose
/// index `nobody` sends to this part).
pub(crate) fn part_of(
    case: &Case,
    tables: &Tables,
    part: &[usize],
    rows: &[usize],
    this: usize,
) -> Tables {
    let person_in = |i: usize| part.get(i).is_some_and(|&p| p == this);
    // Rows of nobody (index past the last person) go where `rows` says.
    let row_in = |row: usize, person: usize| {
        if person < case.people.len() {
            person_in(person)
        } else {
            rows[row % rows.len()] == this
        }
    };
    Tables {
        participants: (0..case.people.len())
            .filter(|&i| person_in(i))
            .map(|i| tables.participants[i].clone())
            .collect(),
        assessments: (case.assessments.iter().enumerate())
            .filter(|(i, r)| row_in(*i, r.person))
            .map(|(i, _)| tables.assessments[i].clone())
            .collect(),
        follow_ups: (case.follow_ups.iter().enumerate())
            .filter(|(i, r)| row_in(*i + 7, r.person))
            .map(|(i, _)| tables.follow_ups[i].clone())
            .collect(),
    }
}

/// Shuffles with a small xorshift generator seeded by `seed`.
pub(crate) fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// The report as JSON without the data-quality row lists, which name input
/// positions and so legitimately change with the order.
pub(crate) fn without_rows(report: &Report) -> Value {
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
