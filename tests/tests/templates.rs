#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions
//! The templates the page offers (`docs/page.md#templates`): the programme
//! template names every top-level key of `docs/programme.md#top-level-keys`,
//! the CSV headers are the columns of `docs/data.md#tables`, and the
//! templates together evaluate, with the numbers worked out by hand below.

use stegvis::report::{Figure, GoalStatus};
use stegvis::{Dataset, Options, Programme};

const PROGRAMME: &str = include_str!("../../examples/templates/programme.toml");
const PARTICIPANTS: &str = include_str!("../../examples/templates/participants.csv");
const ASSESSMENTS: &str = include_str!("../../examples/templates/assessments.csv");
const FOLLOW_UPS: &str = include_str!("../../examples/templates/follow_ups.csv");
const PROGRAMME_DOC: &str = include_str!("../../docs/programme.md");
const DATA_DOC: &str = include_str!("../../docs/data.md");

/// The first column of the table under `anchor` in a docs page, without
/// backticks.
fn documented(doc: &str, anchor: &str) -> Vec<String> {
    let start = doc
        .find(&format!("<a id=\"{anchor}\"></a>"))
        .expect("the anchor");
    doc[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.split('|')
                .nth(1)
                .unwrap()
                .trim()
                .trim_matches('`')
                .to_owned()
        })
        .collect()
}

fn header(csv: &str) -> Vec<String> {
    csv.lines()
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_programme_template_names_every_documented_key() {
    let keys = documented(PROGRAMME_DOC, "top-level-keys");
    assert!(keys.len() >= 15, "{keys:?}");
    for key in keys {
        let set = PROGRAMME.lines().any(|l| {
            l.starts_with(&format!("{key} ="))
                || l == format!("[{key}]")
                || l == format!("[[{key}]]")
        });
        assert!(set, "the template does not set {key}");
    }
    Programme::from_toml(PROGRAMME).unwrap();
}

#[test]
fn the_csv_templates_have_the_documented_columns() {
    let mut participants = documented(DATA_DOC, "participants");
    // One extra column, for the template's `column:district` breakdown.
    participants.push("district".to_owned());
    assert_eq!(header(PARTICIPANTS), participants);
    assert_eq!(header(ASSESSMENTS), documented(DATA_DOC, "assessments"));
    assert_eq!(header(FOLLOW_UPS), documented(DATA_DOC, "follow-ups"));
    for csv in [PARTICIPANTS, ASSESSMENTS, FOLLOW_UPS] {
        assert_eq!(csv.lines().count(), 2, "a header and one example row");
    }
}

fn count(figure: &stegvis::report::Count) -> u64 {
    *figure.value().unwrap()
}

#[test]
fn the_templates_evaluate_to_what_their_one_row_says() {
    let programme = Programme::from_toml(PROGRAMME).unwrap();
    let mut builder = Dataset::builder(&programme);
    builder
        .read_participants_csv(PARTICIPANTS.as_bytes())
        .unwrap();
    builder
        .read_assessments_csv(ASSESSMENTS.as_bytes())
        .unwrap();
    builder.read_follow_ups_csv(FOLLOW_UPS.as_bytes()).unwrap();
    let report = builder
        .build()
        .evaluate(&Options::new().as_of("2023-01-31".parse().unwrap()))
        .unwrap();
    // X0001, a woman aged 35 at entry (eligible 16-64), left on 2022-02-15
    // for employment; one assessment of step only, so no gain is defined.
    assert!(report.data_quality.is_empty(), "{:?}", report.data_quality);
    assert_eq!(count(&report.enrolment.enrolled), 1);
    let goal = |id: &str| report.goals.iter().find(|g| g.id == id).unwrap();
    // closer: any(improved step: unknown, exit_outcome employment: true) = true.
    assert_eq!(count(&goal("closer").achieved), 1);
    assert_eq!(count(&goal("closer").denominator), 1);
    // progression: improved over step (baseline only) and swedish (never
    // assessed) is unknown, counted as not met (unknown = "fail").
    assert_eq!(count(&goal("progression").achieved), 0);
    assert_eq!(count(&goal("progression").unknown), 1);
    assert_eq!(count(&goal("progression").denominator), 1);
    // retention: due for the 12-month follow-up only once the window
    // 2023-02-15 ± 45 days has closed, after 2023-01-31: nobody.
    assert_eq!(count(&goal("retention").population_size), 0);
    assert_eq!(goal("retention").status, Figure::Value(GoalStatus::NoData));
    // newly_arrived: tagged, and left for employment.
    assert_eq!(count(&goal("newly_arrived").achieved), 1);
    // The 6-month follow-up (2022-08-15 ± 45 days) closed on 2022-09-29:
    // due 1; the follow-up of 2022-08-20 lies in the window: reached 1.
    let six = &report.follow_ups[0];
    assert_eq!(six.after_months, 6);
    assert_eq!((count(&six.due), count(&six.reached)), (1, 1));
}
