#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions
//! `docs/method.md#worked-example`, the worked example: three participants as of 2022-06-30.
//! Every expected number below is the one printed in `docs/method.md#worked-example` (worked out by
//! hand there); the comparison tolerance is the ±5e-4 of `docs/method.md#worked-example`.

use stegvis::report::{Figure, GoalStatus, Interval};
use stegvis::{Dataset, Gender, Options, Programme};

const PARTICIPANTS: &str = include_str!("../fixtures/spec12/participants.csv");

const ASSESSMENTS: &str = include_str!("../fixtures/spec12/assessments.csv");

fn report() -> stegvis::Report {
    let programme =
        Programme::from_toml(include_str!("../../examples/nordost/programme.toml")).unwrap();
    let mut builder = Dataset::builder(&programme);
    builder
        .read_participants_csv(PARTICIPANTS.as_bytes())
        .unwrap();
    builder
        .read_assessments_csv(ASSESSMENTS.as_bytes())
        .unwrap();
    let as_of = "2022-06-30".parse().unwrap();
    builder
        .build()
        .evaluate(&Options::new().as_of(as_of))
        .unwrap()
}

fn approx(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a defined value");
    assert!(
        (actual - expected).abs() <= 5e-4,
        "expected {expected}, got {actual}"
    );
}

fn share(figure: &stegvis::report::Share) -> Option<f64> {
    *figure.value().expect("not suppressed")
}

fn interval(ci: &Interval, lower: f64, upper: f64) {
    approx(share(&ci.lower), lower);
    approx(share(&ci.upper), upper);
}

fn count(figure: &stegvis::report::Count) -> u64 {
    *figure.value().expect("not suppressed")
}

#[test]
fn goal_closer() {
    let r = report();
    let g = r.goal("closer").unwrap();
    assert_eq!(
        (count(&g.achieved), count(&g.unknown), count(&g.denominator)),
        (2, 1, 3)
    );
    approx(share(&g.share), 0.667);
    interval(&g.ci, 0.208, 0.939);
    assert_eq!(g.status, Figure::Value(GoalStatus::Met));
    assert_eq!(g.confident, Figure::Value(false));
}

#[test]
fn goal_progression() {
    let r = report();
    let g = r.goal("progression").unwrap();
    assert_eq!(
        (count(&g.achieved), count(&g.unknown), count(&g.denominator)),
        (2, 1, 3)
    );
    approx(share(&g.share), 0.667);
    assert_eq!(g.status, Figure::Value(GoalStatus::NotMet));
    assert_eq!(g.confident, Figure::Value(false));
}

#[test]
fn goals_per_gender_and_gap() {
    let r = report();
    for id in ["closer", "progression"] {
        let g = r.goal(id).unwrap();
        let women = g.by_gender.get(Gender::Woman);
        assert_eq!((count(&women.achieved), count(&women.denominator)), (1, 2));
        interval(&women.ci, 0.0945, 0.9055);
        let men = g.by_gender.get(Gender::Man);
        assert_eq!((count(&men.achieved), count(&men.denominator)), (1, 1));
        interval(&men.ci, 0.2065, 1.0);
        let gap = g.gender_gap.as_ref().unwrap();
        approx(share(&gap.difference), -0.5);
        approx(share(&gap.lower), -0.9055);
        approx(share(&gap.upper), 0.3910);
    }
}

#[test]
fn enrolment_and_gender_split() {
    let r = report();
    let e = &r.enrolment;
    assert_eq!(count(&e.enrolled), 3);
    approx(share(&e.share_of_plan), 0.015);
    // Recruitment ends 2022-07-31: 200 × 514 / 545, still open.
    approx(Some(e.expected_by_now), 188.624);
    assert!(e.recruitment_open);
    let women = e.by_gender.get(Gender::Woman);
    assert_eq!(count(&women.count), 2);
    approx(share(&women.share), 0.667);
    approx(share(&women.deviation), 0.107);
    assert_eq!(women.within_tolerance, stegvis::Figure::Value(Some(false)));
    assert_eq!(women.needed, stegvis::Figure::Value(Some(110)));
    assert_eq!(women.missed, stegvis::Figure::Value(None));
    interval(&women.ci, 0.2077, 0.9385);
    approx(share(&women.projected_share), 0.667);
    interval(&women.projected_ci, 0.2145, 0.9344);
    let men = e.by_gender.get(Gender::Man);
    assert_eq!(count(&men.count), 1);
    approx(share(&men.deviation), -0.107);
    assert_eq!(men.needed, stegvis::Figure::Value(Some(87)));
    interval(&men.ci, 0.0615, 0.7923);
    interval(&men.projected_ci, 0.0656, 0.78546);
    let non_binary = e.by_gender.get(Gender::NonBinary);
    interval(&non_binary.projected_ci, 0.0, 0.5531);
}

#[test]
fn goals_over_narrower_populations() {
    let r = report();
    // Nobody is due for the 12-month follow-up (a's window closes
    // 2023-03-18), and nobody is newly arrived: both have no data.
    for id in ["retention", "newly_arrived"] {
        let g = r.goal(id).unwrap();
        assert_eq!(count(&g.population_size), 0, "{id}");
        assert_eq!(g.status, stegvis::Figure::Value(GoalStatus::NoData), "{id}");
    }
}

#[test]
fn parameter_table() {
    let r = report();
    let step = r.parameter("step").unwrap();
    assert_eq!(count(&step.evaluable), 1);
    approx(share(&step.mean_gain), 2.0);
    let transitions = step.transitions.as_ref().unwrap();
    assert_eq!(count(&transitions[0][2]), 1);
    let total: u64 = transitions.iter().flatten().map(count).sum();
    assert_eq!(total, 1);
    let swedish = r.parameter("swedish").unwrap();
    assert_eq!(
        (
            count(&swedish.evaluable),
            count(&swedish.improved),
            count(&swedish.unchanged)
        ),
        (2, 1, 1)
    );
    approx(share(&swedish.mean_gain), 0.5);
    assert!(swedish.transitions.is_none());
}

#[test]
fn no_data_quality_issues() {
    assert!(report().data_quality.is_empty());
}

#[test]
fn exits_by_gender_and_follow_ups() {
    use stegvis::ExitOutcome;
    let r = report();
    let women = r.exits.by_gender.get(Gender::Woman);
    assert_eq!(count(&women.exited), 1);
    let employment = women.by_outcome.get(Some(ExitOutcome::Employment));
    assert_eq!(count(&employment.count), 1);
    approx(share(&employment.share), 1.0);
    let men = r.exits.by_gender.get(Gender::Man);
    assert_eq!(count(&men.exited), 0);
    assert_eq!(
        share(&men.by_outcome.get(Some(ExitOutcome::Employment)).share),
        None
    );
    // Neither horizon's window has closed for a, and a has no follow-up.
    for f in &r.follow_ups {
        let counts = [&f.due, &f.reached, &f.not_reached, &f.early].map(count);
        assert_eq!(counts, [0, 0, 0, 0]);
        assert_eq!(share(&f.response_rate), None);
        assert_eq!(share(&f.share_not_receiving_assistance_of_due), None);
    }
}
