//! The whole pipeline on structured input: a programme (one of a few seeds,
//! edited), three tables (rows rendered as CSV, or raw text), an as-of date
//! and a minimum cell → dataset → evaluate → explain → suppress → JSON and
//! text, with invariants that are cheap to check.
#![no_main]

use arbitrary::Arbitrary;
use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use stegvis::programme::{
    BaselineRule, Criterion, FollowUpCriterion, GenderTarget, GoalDefinition, GoalPopulation,
    Improved, MeanGain, ParameterDefinition, ProgrammeDefinition, Reached, UnknownPolicy,
};
use stegvis::vocab::{Population, Table};
use stegvis::{Dataset, ExitOutcome, Figure, Language, Level, Options, Programme};

/// Vector programmes that between them use every criterion and option.
const SEEDS: &[&str] = &[
    include_str!("../../tests/vectors/005_reached_label_and_transitions.json"),
    include_str!("../../tests/vectors/006_mean_gain.json"),
    include_str!("../../tests/vectors/011_follow_up_not_exited_and_conflict.json"),
    include_str!("../../tests/vectors/013_kleene_all_any.json"),
    include_str!("../../tests/vectors/016_populations.json"),
    include_str!("../../tests/vectors/018_lower_is_better.json"),
    include_str!("../../tests/vectors/021_baseline_lower_of_first_two.json"),
    include_str!("../../tests/vectors/030_gender_gap.json"),
    include_str!("../../tests/vectors/033_follow_up_table_horizons.json"),
];
const NORDOST: &str = include_str!("../../examples/nordost/programme.toml");

fn seed(i: u8) -> ProgrammeDefinition {
    let i = usize::from(i) % (SEEDS.len() + 1);
    let programme = match SEEDS.get(i) {
        Some(text) => {
            let vector: serde_json::Value = serde_json::from_str(text).expect("vector is JSON");
            Programme::from_json_value(vector["programme"].clone())
        }
        None => Programme::from_toml(NORDOST),
    };
    programme
        .expect("seed programmes are valid")
        .definition()
        .clone()
}

#[derive(Arbitrary, Debug)]
enum Crit {
    Improved {
        parameters: Option<Vec<u8>>,
        min_gain: i64,
        at_least: u8,
    },
    Reached {
        parameter: u8,
        level: i64,
        label: Option<u8>,
    },
    MeanGain {
        parameters: Option<Vec<u8>>,
        at_least: i32,
    },
    ExitOutcome(Vec<u8>),
    FollowUp {
        after_months: u32,
        tolerance_days: u32,
        status: Option<Vec<u8>>,
        receives_assistance: Option<bool>,
    },
    Tag(u8),
    All(Vec<Crit>),
    Any(Vec<Crit>),
    Not(Box<Crit>),
}

#[derive(Arbitrary, Debug)]
enum Edit {
    Scale {
        p: u8,
        low: i64,
        high: i64,
    },
    SmallScale {
        p: u8,
        low: i8,
        high: i8,
    },
    Levels {
        p: u8,
        n: u8,
    },
    HigherIsBetter {
        p: u8,
        higher: bool,
    },
    AddParameter {
        levels: Option<u8>,
    },
    RemoveParameter(u8),
    Goal {
        g: u8,
        criterion: Crit,
        target: u8,
        population: u8,
        exclude: bool,
        min_days: u16,
    },
    RemoveGoal(u8),
    Baseline(bool),
    FollowUpMonths(Option<Vec<u8>>),
    GenderTarget {
        woman: u8,
        man: u8,
        non_binary: Option<u8>,
        tolerance: u8,
    },
    EligibleAge(Option<(u8, u8)>),
    Period {
        start: i16,
        days: u16,
    },
    Planned(u32),
}

#[derive(Arbitrary, Debug)]
enum Rows<R> {
    Rows(Vec<R>),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct ParticipantRow {
    id: u8,
    gender: u8,
    birth: Option<i16>,
    entry: i16,
    exit: Option<i16>,
    outcome: Option<u8>,
    tags: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
enum LevelCell {
    Small(i8),
    Number(i64),
    Label(u8),
    Text(String),
}

#[derive(Arbitrary, Debug)]
struct AssessmentRow {
    id: u8,
    date: i16,
    parameter: u8,
    level: LevelCell,
}

#[derive(Arbitrary, Debug)]
struct FollowUpRow {
    id: u8,
    date: i16,
    status: Option<u8>,
    assistance: Option<bool>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    seed: u8,
    edits: Vec<Edit>,
    participants: Rows<ParticipantRow>,
    assessments: Rows<AssessmentRow>,
    follow_ups: Rows<FollowUpRow>,
    as_of: i16,
    strict: bool,
    min_cell: u8,
}

const TAGS: [&str; 4] = ["a", "b", "mentor", "ü"];
const GENDERS: [&str; 9] = [
    "K",
    "M",
    "woman",
    "man",
    "non_binary",
    "unknown",
    "x",
    "",
    "Kvinna",
];

fn outcome(i: u8) -> ExitOutcome {
    ExitOutcome::ALL[usize::from(i) % ExitOutcome::ALL.len()]
}

fn pick<T: Clone>(items: &[T], i: u8) -> Option<T> {
    (!items.is_empty()).then(|| items[usize::from(i) % items.len()].clone())
}

fn criterion(c: Crit, def: &ProgrammeDefinition) -> Criterion {
    let ids: Vec<String> = def.parameters.iter().map(|p| p.id.clone()).collect();
    // Index len names a parameter the programme lacks.
    let id = |i: u8| {
        ids.get(usize::from(i) % (ids.len() + 1))
            .cloned()
            .unwrap_or_else(|| "undefined".to_owned())
    };
    let list = |l: Option<Vec<u8>>| l.map(|l| l.into_iter().map(id).collect());
    let outcomes = |l: Vec<u8>| l.into_iter().map(outcome).collect();
    match c {
        Crit::Improved {
            parameters,
            min_gain,
            at_least,
        } => Criterion::Improved(Improved {
            parameters: list(parameters),
            min_gain,
            at_least: usize::from(at_least),
        }),
        Crit::Reached {
            parameter,
            level,
            label,
        } => {
            let parameter = id(parameter);
            let label = label.and_then(|i| {
                def.parameters
                    .iter()
                    .find(|p| p.id == parameter)
                    .and_then(|p| p.levels.as_deref())
                    .and_then(|levels| pick(levels, i))
            });
            Criterion::Reached(Reached {
                parameter,
                level: label.map_or(Level::Number(level), Level::Label),
            })
        }
        Crit::MeanGain {
            parameters,
            at_least,
        } => Criterion::MeanGain(MeanGain {
            parameters: list(parameters),
            at_least: f64::from(at_least) / 4.0,
        }),
        Crit::ExitOutcome(l) => Criterion::ExitOutcome(outcomes(l)),
        Crit::FollowUp {
            after_months,
            tolerance_days,
            status,
            receives_assistance,
        } => Criterion::FollowUp(FollowUpCriterion {
            after_months,
            tolerance_days,
            status: status.map(outcomes),
            receives_assistance,
        }),
        Crit::Tag(i) => Criterion::Tag(TAGS[usize::from(i) % TAGS.len()].to_owned()),
        Crit::All(l) => Criterion::All(l.into_iter().map(|c| criterion(c, def)).collect()),
        Crit::Any(l) => Criterion::Any(l.into_iter().map(|c| criterion(c, def)).collect()),
        Crit::Not(c) => Criterion::Not(Box::new(criterion(*c, def))),
    }
}

fn share(x: u8) -> f64 {
    f64::from(x) / 200.0
}

fn edit(def: &mut ProgrammeDefinition, e: Edit) {
    let n = def.parameters.len();
    let param = |p: u8| (n > 0).then(|| usize::from(p) % n);
    match e {
        Edit::Scale { p, low, high } => {
            if let Some(p) = param(p) {
                def.parameters[p].scale = Some([low, high]);
                def.parameters[p].levels = None;
            }
        }
        Edit::SmallScale { p, low, high } => {
            if let Some(p) = param(p) {
                def.parameters[p].scale = Some([i64::from(low), i64::from(high)]);
                def.parameters[p].levels = None;
            }
        }
        Edit::Levels { p, n } => {
            if let Some(p) = param(p) {
                def.parameters[p].scale = None;
                def.parameters[p].levels = Some((0..n).map(|i| format!("L{i}")).collect());
            }
        }
        Edit::HigherIsBetter { p, higher } => {
            if let Some(p) = param(p) {
                def.parameters[p].higher_is_better = higher;
            }
        }
        Edit::AddParameter { levels } => def.parameters.push(ParameterDefinition {
            id: format!("p{n}"),
            name: None,
            scale: levels.is_none().then_some([0, 10]),
            levels: levels.map(|k| (0..k).map(|i| format!("L{i}")).collect()),
            higher_is_better: true,
        }),
        Edit::RemoveParameter(p) => {
            if let Some(p) = param(p) {
                def.parameters.remove(p);
            }
        }
        Edit::Goal {
            g,
            criterion: c,
            target,
            population,
            exclude,
            min_days,
        } => {
            let goal = GoalDefinition {
                id: format!("g{g}"),
                name: None,
                target: share(target),
                criterion: criterion(c, def),
                population: GoalPopulation::of(
                    [Population::Enrolled, Population::Exited, Population::Active]
                        [usize::from(population) % 3],
                ),
                min_days: u32::from(min_days),
                unknown: if exclude {
                    UnknownPolicy::Exclude
                } else {
                    UnknownPolicy::Fail
                },
            };
            match def.goals.iter_mut().find(|old| old.id == goal.id) {
                Some(old) => *old = goal,
                None => def.goals.push(goal),
            }
        }
        Edit::RemoveGoal(g) => {
            if !def.goals.is_empty() {
                let g = usize::from(g) % def.goals.len();
                def.goals.remove(g);
            }
        }
        Edit::Baseline(lower) => {
            def.baseline = if lower {
                BaselineRule::LowerOfFirstTwo
            } else {
                BaselineRule::First
            };
        }
        Edit::FollowUpMonths(months) => {
            def.follow_up_months = months.map(|m| m.into_iter().map(u32::from).collect());
        }
        Edit::GenderTarget {
            woman,
            man,
            non_binary,
            tolerance,
        } => {
            def.gender_target = Some(GenderTarget {
                woman: share(woman),
                man: share(man),
                non_binary: non_binary.map(share),
                tolerance: share(tolerance),
            });
        }
        Edit::EligibleAge(ages) => {
            def.eligible_age = ages.map(|(a, b)| [u32::from(a), u32::from(b)]);
        }
        Edit::Period { start, days } => {
            if let Some(s) = shift(def.start, start) {
                def.start = s;
                def.end = s.checked_add_days(Days::new(u64::from(days))).unwrap_or(s);
            }
        }
        Edit::Planned(n) => def.planned_participants = n,
    }
}

fn shift(date: NaiveDate, days: i16) -> Option<NaiveDate> {
    let d = Days::new(u64::from(days.unsigned_abs()));
    if days < 0 {
        date.checked_sub_days(d)
    } else {
        date.checked_add_days(d)
    }
}

fn day(def: &ProgrammeDefinition, offset: i16) -> String {
    shift(def.start, offset).map_or_else(String::new, |d| d.to_string())
}

fn quoted(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

fn render<R>(rows: Rows<R>, header: &str, line: impl Fn(R) -> Vec<String>) -> String {
    match rows {
        Rows::Raw(text) => text,
        Rows::Rows(rows) => {
            let mut out = format!("{header}\n");
            for r in rows {
                let cells: Vec<String> = line(r).iter().map(|c| quoted(c)).collect();
                out.push_str(&cells.join(","));
                out.push('\n');
            }
            out
        }
    }
}

fn id(i: u8) -> String {
    format!("P{}", i % 24)
}

fn check_report(report: &stegvis::Report) {
    let json = report.to_json();
    serde_json::from_str::<serde_json::Value>(&json).expect("the report is valid JSON");
    for goal in &report.goals {
        if let (Figure::Value(n), Figure::Value(k), Figure::Value(u)) =
            (&goal.population_size, &goal.achieved, &goal.unknown)
        {
            assert!(k + u <= *n, "achieved + unknown ≤ population");
        }
        if let Figure::Value(Some(s)) = goal.share {
            assert!((0.0..=1.0).contains(&s), "a share lies in [0, 1]");
        }
    }
}

fuzz_target!(|input: Input| {
    let mut def = seed(input.seed);
    for e in input.edits {
        edit(&mut def, e);
    }
    let Ok(programme) = Programme::new(def.clone()) else {
        return;
    };
    let def = programme.definition();
    let participants = render(
        input.participants,
        "id,gender,birth_date,entry_date,exit_date,exit_outcome,tags",
        |r| {
            vec![
                id(r.id),
                GENDERS[usize::from(r.gender) % GENDERS.len()].to_owned(),
                r.birth
                    .map_or_else(String::new, |b| day(def, b.saturating_mul(8))),
                day(def, r.entry),
                r.exit.map_or_else(String::new, |e| day(def, e)),
                r.outcome
                    .map_or_else(String::new, |o| outcome(o).as_str().to_owned()),
                r.tags
                    .iter()
                    .map(|&t| TAGS[usize::from(t) % TAGS.len()])
                    .collect::<Vec<_>>()
                    .join(";"),
            ]
        },
    );
    let assessments = render(
        input.assessments,
        "participant_id,date,parameter,level",
        |r| {
            let p = usize::from(r.parameter) % (def.parameters.len() + 1);
            let parameter = def.parameters.get(p);
            let level = match r.level {
                LevelCell::Small(n) => n.to_string(),
                LevelCell::Number(n) => n.to_string(),
                LevelCell::Label(i) => parameter
                    .and_then(|p| p.levels.as_deref())
                    .and_then(|l| pick(l, i))
                    .unwrap_or_default(),
                LevelCell::Text(t) => t,
            };
            vec![
                id(r.id),
                day(def, r.date),
                parameter.map_or_else(|| "undefined".to_owned(), |p| p.id.clone()),
                level,
            ]
        },
    );
    let follow_ups = render(
        input.follow_ups,
        "participant_id,date,status,receives_assistance",
        |r| {
            vec![
                id(r.id),
                day(def, r.date),
                r.status
                    .map_or_else(String::new, |s| outcome(s).as_str().to_owned()),
                r.assistance.map_or_else(String::new, |a| a.to_string()),
            ]
        },
    );

    let mut builder = Dataset::builder(&programme);
    let tables = [
        (Table::Participants, participants),
        (Table::Assessments, assessments),
        (Table::FollowUps, follow_ups),
    ];
    for (table, text) in tables {
        if builder.read_csv(table, text.as_bytes()).is_err() {
            return;
        }
    }
    let dataset = builder.build();
    let Some(as_of) = shift(def.start, input.as_of) else {
        return;
    };
    let options = Options::new().as_of(as_of).strict(input.strict);
    let Ok(report) = dataset.evaluate(&options) else {
        return;
    };
    check_report(&report);
    let explained = dataset.explain(&options);
    assert!(explained.iter().all(|e| e.goals.len() == def.goals.len()));

    // suppress(1) hides nothing; only the issue rows go.
    let mut plain = report.clone();
    plain
        .data_quality
        .iter_mut()
        .for_each(|issue| issue.rows.clear());
    assert_eq!(report.suppress(1), plain, "suppress(1) hides nothing");

    let published = report.suppress(u64::from(input.min_cell));
    serde_json::from_str::<serde_json::Value>(&published.to_json())
        .expect("the publishable copy is valid JSON");
    for language in [Language::English, Language::Swedish] {
        assert!(!report.to_text(language).is_empty());
        assert!(!published.to_text(language).is_empty());
    }
});
