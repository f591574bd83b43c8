//! Synthetic data for the benchmarks: `n` participants of the Nordost
//! programme (`examples/nordost/programme.toml`), each with 10 assessments,
//! generated deterministically in memory (a small linear congruential
//! generator, so every run measures the same data).
//!
//! Generation ([`generate`]) is kept apart from building ([`build`]): the
//! rows are stored compactly and handed to [`DatasetBuilder`] as
//! [`Field`]s, the way a binding hands over its table cells, so the build
//! bench measures checking, parsing and grouping, not data synthesis.

use chrono::{Days, NaiveDate};
use stegvis::data::{AssessmentRow, ParticipantRow, StatusCells};
use stegvis::{DataError, Dataset, DatasetBuilder, Field, Programme};

/// Assessments per participant: 5 of each of the programme's 2 parameters.
pub const ASSESSMENTS_PER_PARTICIPANT: usize = 10;

/// The Nordost programme definition.
pub const NORDOST_TOML: &str = include_str!("../../examples/nordost/programme.toml");

/// The Nordost programme, validated.
pub fn nordost() -> Programme {
    Programme::from_toml(NORDOST_TOML).expect("the bundled Nordost programme is valid")
}

/// The as-of date the benchmarks evaluate at (the date of the worked example in
/// `docs/method.md#worked-example`).
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 6, 30).expect("a valid date")
}

/// The programme's first day: day offsets count from here.
fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 2, 1).expect("a valid date")
}

/// Days from the start over which participants enter (all before as-of).
const ENTRY_SPAN: u32 = 480;
/// Days between a participant's assessments of one parameter.
const ASSESSMENT_GAP: u32 = 45;
/// Longest stay in days.
const MAX_STAY: u32 = 430;
/// Days covered by the date table: the latest exit is the furthest day.
const DAYS: u32 = ENTRY_SPAN + MAX_STAY;

const GENDERS: [&str; 6] = ["K", "kvinna", "M", "man", "icke-binär", ""];
const OUTCOMES: [&str; 6] = [
    "employment",
    "studier",
    "job_seeking",
    "health_care",
    "subsidised_employment",
    "other",
];
const TAGS: [&str; 3] = ["long_term_assistance", "newly_arrived;children_at_home", ""];

/// One generated participant, in a compact form.
#[derive(Debug, Clone, Copy)]
struct Person {
    gender: u8,
    entry: u16,
    /// Days in the programme before exit, if exited.
    stay: Option<u16>,
    outcome: u8,
    tags: u8,
    birth_year: u16,
}

/// One generated assessment: parameter 0 is `step` (a ladder 1..6),
/// parameter 1 is `swedish` (a scale 1..5).
#[derive(Debug, Clone, Copy)]
struct Reading {
    person: u32,
    day: u16,
    parameter: u8,
    level: u8,
}

/// Generated rows, ready to be handed to a [`DatasetBuilder`].
#[derive(Debug, Clone)]
pub struct SyntheticRows {
    ids: Vec<String>,
    people: Vec<Person>,
    readings: Vec<Reading>,
    /// ISO text of every day offset, so text dates need no allocation per row.
    day_texts: Vec<String>,
    birth_texts: Vec<String>,
}

impl SyntheticRows {
    /// How many participants.
    pub fn participants(&self) -> usize {
        self.people.len()
    }

    /// How many assessments.
    pub fn assessments(&self) -> usize {
        self.readings.len()
    }
}

/// Numerical Recipes' 64-bit LCG; the high bits are the usable ones.
#[derive(Debug, Clone)]
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    /// Uniform in 0..n (n small, so the modulo bias is negligible).
    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }
}

fn day(offset: u32) -> NaiveDate {
    start() + Days::new(offset.into())
}

/// Generates `n` participants with 10 assessments each, the same for the
/// same `n` and `seed`.
pub fn generate(n: usize, seed: u64) -> SyntheticRows {
    let mut rng = Lcg(seed);
    let mut ids = Vec::with_capacity(n);
    let mut people = Vec::with_capacity(n);
    let mut readings = Vec::with_capacity(n * ASSESSMENTS_PER_PARTICIPANT);
    for i in 0..n {
        ids.push(format!("P{i:07}"));
        let gender = match rng.below(100) {
            0..=55 => rng.below(2),      // woman, two spellings
            56..=95 => 2 + rng.below(2), // man
            96..=97 => 4,                // non-binary
            _ => 5,                      // not recorded
        } as u8;
        let entry = rng.below(ENTRY_SPAN) as u16;
        let stay = (rng.below(10) < 6).then(|| 30 + rng.below(MAX_STAY - 30) as u16);
        people.push(Person {
            gender,
            entry,
            stay,
            outcome: rng.below(OUTCOMES.len() as u32) as u8,
            tags: rng.below(TAGS.len() as u32) as u8,
            birth_year: 1960 + rng.below(45) as u16,
        });
        for parameter in 0..2u8 {
            let top = if parameter == 0 { 6 } else { 5 };
            let mut level = 1 + rng.below(top - 1);
            for k in 0..5u32 {
                readings.push(Reading {
                    person: i as u32,
                    day: entry + (k * ASSESSMENT_GAP) as u16 + rng.below(10) as u16,
                    parameter,
                    level: level as u8,
                });
                // A random walk that mostly moves up, as participants progress.
                level = match rng.below(10) {
                    0..=1 => level.saturating_sub(1).max(1),
                    2..=5 => level,
                    _ => (level + 1).min(top),
                };
            }
        }
    }
    SyntheticRows {
        ids,
        people,
        readings,
        day_texts: (0..DAYS).map(|d| day(d).to_string()).collect(),
        birth_texts: (1960..2005).map(|y| format!("{y}-05-17")).collect(),
    }
}

/// How dates are handed to the builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// As calendar dates, like a typed (Arrow date32) column.
    Typed,
    /// As ISO 8601 text, like a CSV cell: the builder parses each.
    Text,
}

/// Feeds the rows through [`DatasetBuilder::add_participant`] and
/// [`DatasetBuilder::add_assessment`] and builds the dataset.
pub fn build(
    programme: &Programme,
    rows: &SyntheticRows,
    dates: Dates,
) -> Result<Dataset, DataError> {
    let mut builder = Dataset::builder(programme);
    add_participants(&mut builder, rows, dates)?;
    add_assessments(&mut builder, rows, dates)?;
    Ok(builder.build())
}

fn date_field(rows: &SyntheticRows, offset: u32, dates: Dates) -> Field<'_> {
    match dates {
        Dates::Typed => Field::Date(day(offset)),
        Dates::Text => Field::Text(&rows.day_texts[offset as usize]),
    }
}

fn add_participants(
    builder: &mut DatasetBuilder,
    rows: &SyntheticRows,
    dates: Dates,
) -> Result<(), DataError> {
    for (i, (p, id)) in rows.people.iter().zip(&rows.ids).enumerate() {
        let entry = u32::from(p.entry);
        let exit = p.stay.map(|stay| entry + u32::from(stay));
        let birth = &rows.birth_texts[usize::from(p.birth_year - 1960)];
        let row = ParticipantRow {
            id: Field::Text(id),
            gender: Field::Text(GENDERS[usize::from(p.gender)]),
            birth_date: Field::Text(birth),
            entry_date: date_field(rows, entry, dates),
            exit_date: exit.map_or(Field::Null, |d| date_field(rows, d, dates)),
            exit_outcome: exit.map_or(Field::Null, |_| {
                Field::Text(OUTCOMES[usize::from(p.outcome)])
            }),
            tags: Field::Text(TAGS[usize::from(p.tags)]),
            status: StatusCells::NONE,
        };
        builder.add_participant(record_row(i), &row)?;
    }
    Ok(())
}

fn add_assessments(
    builder: &mut DatasetBuilder,
    rows: &SyntheticRows,
    dates: Dates,
) -> Result<(), DataError> {
    const PARAMETERS: [&str; 2] = ["step", "swedish"];
    for (i, r) in rows.readings.iter().enumerate() {
        let row = AssessmentRow {
            participant_id: Field::Text(&rows.ids[r.person as usize]),
            date: date_field(rows, u32::from(r.day), dates),
            parameter: Field::Text(PARAMETERS[usize::from(r.parameter)]),
            level: Field::Integer(i64::from(r.level)),
        };
        builder.add_assessment(record_row(i), &row)?;
    }
    Ok(())
}

/// Row numbers as a CSV file with a header would give them.
fn record_row(i: usize) -> u64 {
    i as u64 + 2
}

/// Generates and builds a dataset of `n` participants (seed fixed).
pub fn dataset(n: usize) -> Dataset {
    let rows = generate(n, 0x5EED);
    build(&nordost(), &rows, Dates::Typed).expect("generated rows are valid")
}

#[cfg(test)]
mod tests {
    use stegvis::Options;

    use super::*;

    #[test]
    fn generation_is_deterministic_and_sized() {
        let a = generate(50, 7);
        let b = generate(50, 7);
        assert_eq!(a.participants(), 50);
        assert_eq!(a.assessments(), 500);
        assert_eq!(a.ids, b.ids);
        assert!(
            a.readings
                .iter()
                .zip(&b.readings)
                .all(|(x, y)| (x.day, x.level) == (y.day, y.level))
        );
    }

    #[test]
    fn typed_and_text_dates_give_the_same_report() {
        let programme = nordost();
        let rows = generate(300, 11);
        let options = Options::new().as_of(as_of());
        let typed = build(&programme, &rows, Dates::Typed).expect("valid rows");
        let text = build(&programme, &rows, Dates::Text).expect("valid rows");
        assert_eq!(typed.assessment_count(), 3000);
        let report = typed.evaluate(&options).expect("evaluates");
        assert_eq!(report, text.evaluate(&options).expect("evaluates"));
        // The data must exercise the engine: some progress, some exits.
        let progression = report.goal("progression").expect("a Nordost goal");
        assert!(progression.achieved.value().is_some_and(|&k| k > 0));
        assert!(report.exits.exited.value().is_some_and(|&k| k > 0));
    }
}
