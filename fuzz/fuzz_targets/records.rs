//! The records path (`Records`, what the Python and JS bindings and the
//! vectors feed) on structured input: three tables of arbitrary records,
//! each record a key present or absent per column and a cell of any kind
//! (texts drawn from values the Nordost programme knows, or any text,
//! integers, floats incl. NaN and infinities, booleans, dates of any
//! day, lists of any of these, nested lists, unsupported values), or an
//! element that is not an object, or one with a cell that is not plain
//! data. Then an evaluation, lenient and strict:
//! an error or a report, never a panic or a blow-up; a report is valid
//! JSON and its publishable copy renders.
#![no_main]

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use stegvis::data::Cell;
use stegvis::vocab::Table;
use stegvis::{Dataset, Language, Options, Programme};

static PROGRAMME: LazyLock<Programme> = LazyLock::new(|| {
    Programme::from_toml(include_str!("../../examples/nordost/programme.toml"))
        .expect("the example programme is valid")
});

/// Texts a real table has, so that the fuzzer reaches past the first
/// invalid cell: ids, genders, dates, parameters, levels, outcomes,
/// statuses, booleans and tags of the Nordost programme.
const WORDS: &[&str] = &[
    "N0001", "N0002", "n0001", " N0001 ", "", "K", "M", "kvinna", "Man", "x", "woman",
    "non_binary", "2021-07-05", "2022-09-15", "2021-03-01 00:00:00", "1980-09-10",
    "2023-01-31", "2021-02-29", "step", "swedish", "health", "3", "2", "0", "6", "-1",
    "Praktik", "Arbetsträning", "employment", "education", "moved", "job_seeking",
    "subsidised_employment", "true", "false", "ja", "nej", "newly_arrived",
    "newly_arrived;young", "1e3", "NaN", "1.5",
];

#[derive(Debug, Arbitrary)]
enum AnyCell {
    Null,
    Word(u8),
    Text(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    /// Days after 1900-01-01, any distance.
    Date(u32),
    List(Vec<AnyCell>),
    Unsupported,
}

impl AnyCell {
    fn cell(&self, depth: u8) -> Cell {
        match self {
            AnyCell::Null => Cell::Null,
            AnyCell::Word(i) => Cell::Text(WORDS[usize::from(*i) % WORDS.len()].to_owned()),
            AnyCell::Text(s) => Cell::Text(s.clone()),
            AnyCell::Integer(i) => Cell::Integer(*i),
            AnyCell::Float(f) => Cell::Float(*f),
            AnyCell::Bool(b) => Cell::Bool(*b),
            AnyCell::Date(days) => NaiveDate::from_ymd_opt(1900, 1, 1)
                .and_then(|d| d.checked_add_days(Days::new(u64::from(*days))))
                .map_or(Cell::Unsupported, Cell::Date),
            // Lists hold cells one level deep; a deeper list is kept so
            // the core meets lists inside lists, but no deeper.
            AnyCell::List(items) if depth < 2 => {
                Cell::List(items.iter().map(|c| c.cell(depth + 1)).collect())
            }
            AnyCell::List(_) | AnyCell::Unsupported => Cell::Unsupported,
        }
    }
}

#[derive(Debug, Arbitrary)]
enum AnyRecord {
    /// The cells of the table's columns in order; `None` is a missing key.
    Object(Vec<Option<AnyCell>>),
    NotObject,
    /// A record with a cell that is not plain data (a JS getter): which
    /// keys it has, and the column of that cell (any number).
    NotData(Vec<bool>, u8),
}

#[derive(Debug, Arbitrary)]
struct Input {
    participants: Vec<AnyRecord>,
    assessments: Vec<AnyRecord>,
    follow_ups: Vec<AnyRecord>,
    strict: bool,
    /// Days after the programme's start.
    as_of: u16,
    min_cell: u8,
}

fn read(builder: &mut stegvis::DatasetBuilder, table: Table, records: &[AnyRecord]) {
    let mut reader = builder.records(table);
    for record in records {
        match record {
            AnyRecord::Object(cells) => {
                let cells: Vec<Option<Cell>> =
                    cells.iter().map(|c| c.as_ref().map(|c| c.cell(0))).collect();
                reader.add_owned(&cells);
            }
            AnyRecord::NotObject => reader.add_not_object(),
            AnyRecord::NotData(present, column) => {
                reader.add_not_data(present, usize::from(*column));
            }
        }
    }
    // A table that fails does not stop the others, as for a caller who
    // catches the error and goes on with the same builder.
    let _ = reader.finish();
}

fuzz_target!(|input: Input| {
    let programme = &*PROGRAMME;
    let mut builder = Dataset::builder(programme);
    read(&mut builder, Table::Participants, &input.participants);
    read(&mut builder, Table::Assessments, &input.assessments);
    read(&mut builder, Table::FollowUps, &input.follow_ups);
    let dataset = builder.build();
    let as_of = programme
        .start()
        .checked_add_days(Days::new(u64::from(input.as_of)))
        .unwrap_or(programme.end());
    let options = Options::new().as_of(as_of).strict(input.strict);
    if let Ok(report) = dataset.evaluate(&options) {
        let json = report.to_json();
        serde_json::from_str::<serde_json::Value>(&json).expect("the report is valid JSON");
        let publishable = report.suppress(u64::from(input.min_cell).max(1));
        serde_json::from_str::<serde_json::Value>(&publishable.to_json())
            .expect("the publishable copy is valid JSON");
        let _ = publishable.to_text(Language::Swedish);
    }
});
