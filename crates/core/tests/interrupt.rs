//! The interrupt hook (`docs/python.md#interrupts`, `docs/decisions.md#decision-73`):
//! every reader and the evaluation ask it every `INTERRUPT_EVERY` rows or
//! participants, stop with `interrupted` at the row reached, and give the
//! same results as without a hook when it never says to stop.

use std::cell::Cell;
use std::fmt::Write as _;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{Value, json};
use stegvis::data::INTERRUPT_EVERY;
use stegvis::vocab::Table;
use stegvis::{Dataset, DatasetBuilder, Options, Programme};

const N: u32 = 5_000;

fn programme() -> Programme {
    Programme::from_toml(include_str!("../../../examples/nordost/programme.toml"))
        .expect("the example programme is valid")
}

fn participants_csv(n: u32) -> String {
    let mut csv = String::from("id,gender,entry_date\n");
    for i in 0..n {
        writeln!(csv, "P{i},K,2021-03-01").expect("writing to a String");
    }
    csv
}

/// A hook that says to stop at its `stop_at`th call (never when 0), and
/// counts its calls.
fn hook(stop_at: u32) -> (Box<dyn stegvis::data::Interrupt + Send>, Arc<AtomicU32>) {
    let calls = Arc::new(AtomicU32::new(0));
    let counted = Arc::clone(&calls);
    let hook = move || counted.fetch_add(1, Ordering::Relaxed) + 1 == stop_at;
    (Box::new(hook), calls)
}

fn builder_with(stop_at: u32) -> (DatasetBuilder, Arc<AtomicU32>) {
    let mut builder = Dataset::builder(&programme());
    let (hook, calls) = hook(stop_at);
    builder.interrupt_with(hook);
    (builder, calls)
}

fn facts(e: &stegvis::DataError) -> (&str, Table, Option<u64>, Option<&str>) {
    (e.code(), e.table(), e.row(), e.column())
}

#[test]
fn a_csv_read_stops_at_the_row_where_the_hook_says_so() {
    let (mut builder, calls) = builder_with(3);
    let e = builder
        .read_participants_csv(participants_csv(N).as_bytes())
        .expect_err("interrupted");
    // The 3 072nd data row is row 3 073 (the header is row 1).
    let row = u64::from(3 * INTERRUPT_EVERY) + 1;
    assert_eq!(
        facts(&e),
        ("interrupted", Table::Participants, Some(row), None)
    );
    assert_eq!(calls.load(Ordering::Relaxed), 3);
    assert_eq!(
        e.to_string(),
        "participants table, row 3073: interrupted before it finished [interrupted]"
    );
}

#[test]
fn cells_and_records_stop_too_and_an_interruption_wins_over_a_missing_column() {
    let (mut builder, _) = builder_with(1);
    let cells = [
        stegvis::Field::Text("a"),
        stegvis::Field::Text("K"),
        stegvis::Field::Text("2021-03-01"),
    ];
    let mut last = Ok(());
    for i in 0..u64::from(INTERRUPT_EVERY) {
        // Distinct ids, so only the hook can fail.
        let id = format!("c{i}");
        let row = [stegvis::Field::Text(&id), cells[1], cells[2]];
        last = builder.add_cells(Table::Participants, i + 2, &row);
    }
    let e = last.expect_err("interrupted at the 1 024th row");
    assert_eq!(facts(&e).0, "interrupted");

    // Records without `entry_date` would be missing_column; the hook stops them first.
    let (mut builder, _) = builder_with(2);
    let records: Vec<Value> = (0..N)
        .map(|i| json!({"id": format!("r{i}"), "gender": "K"}))
        .collect();
    let e = builder
        .read_records(Table::Participants, &records)
        .expect_err("interrupted");
    let row = u64::from(2 * INTERRUPT_EVERY) + 1;
    assert_eq!(
        facts(&e),
        ("interrupted", Table::Participants, Some(row), None)
    );

    // Records that are not objects are counted for the hook as well.
    let (mut builder, _) = builder_with(1);
    let records = vec![json!(1); INTERRUPT_EVERY as usize];
    let mut reader = builder.records(Table::Participants);
    for _ in &records {
        assert!(!reader.interrupted());
        reader.add_not_object();
    }
    assert!(reader.interrupted());
    let e = reader.finish().expect_err("interrupted");
    assert_eq!(facts(&e).0, "interrupted");
}

#[test]
fn an_evaluation_stops_at_the_participant_where_the_hook_says_so() {
    let mut builder = Dataset::builder(&programme());
    builder
        .read_participants_csv(participants_csv(N).as_bytes())
        .unwrap();
    let data = builder.build();
    let options = Options::new().as_of("2022-06-30".parse().unwrap());
    let calls = Rc::new(Cell::new(0u32));
    let counted = Rc::clone(&calls);
    let mut stop_second = move || {
        counted.set(counted.get() + 1);
        counted.get() == 2
    };
    let e = data
        .evaluate_with(&options, &mut stop_second)
        .expect_err("interrupted");
    let stegvis::Error::Data(e) = e else {
        panic!("a data error")
    };
    // The 2 048th participant is on row 2 049.
    let row = u64::from(2 * INTERRUPT_EVERY) + 1;
    assert_eq!(
        facts(&e),
        ("interrupted", Table::Participants, Some(row), None)
    );
    assert_eq!(calls.get(), 2);

    // A hook that never stops is asked every INTERRUPT_EVERY participants
    // and changes nothing.
    let mut asked = 0u32;
    let mut never = || {
        asked += 1;
        false
    };
    let report = data.evaluate_with(&options, &mut never).unwrap();
    assert_eq!(asked, N / INTERRUPT_EVERY);
    assert_eq!(report, data.evaluate(&options).unwrap());
}

#[test]
fn a_read_with_a_hook_that_never_stops_equals_one_without() {
    let csv = participants_csv(N);
    let (mut with, calls) = builder_with(0);
    with.read_participants_csv(csv.as_bytes()).unwrap();
    let mut without = Dataset::builder(&programme());
    without.read_participants_csv(csv.as_bytes()).unwrap();
    assert_eq!(calls.load(Ordering::Relaxed), N / INTERRUPT_EVERY);
    let options = Options::new().as_of("2022-06-30".parse().unwrap());
    assert_eq!(
        with.build().evaluate(&options).unwrap(),
        without.build().evaluate(&options).unwrap()
    );
}

#[test]
fn a_clone_of_a_builder_asks_no_hook_and_reads_as_the_original() {
    // Participants read once, then assessments read into clones
    // (docs/data.md#participants-once): the hook was for the first read.
    let (mut read, calls) = builder_with(0);
    read.read_participants_csv(participants_csv(N).as_bytes())
        .unwrap();
    assert_eq!(calls.load(Ordering::Relaxed), N / INTERRUPT_EVERY);
    let mut assessments = String::from("participant_id,date,parameter,level\n");
    for i in 0..N {
        writeln!(assessments, "P{i},2021-10-01,step,2").expect("writing to a String");
        writeln!(assessments, "P{i},2022-05-01,step,{}", 1 + i % 4).expect("writing to a String");
    }
    let mut clone = read.clone();
    clone.read_assessments_csv(assessments.as_bytes()).unwrap();
    assert_eq!(calls.load(Ordering::Relaxed), N / INTERRUPT_EVERY);
    read.read_assessments_csv(assessments.as_bytes()).unwrap();
    assert_eq!(calls.load(Ordering::Relaxed), 3 * N / INTERRUPT_EVERY);
    let options = Options::new().as_of("2022-06-30".parse().unwrap());
    let report = clone.build().evaluate(&options).unwrap();
    // Half the participants step up from 2 (levels 3 and 4 of 1..=4).
    assert_eq!(
        report.goals[0].achieved,
        stegvis::Figure::Value(u64::from(N / 2))
    );
    assert_eq!(report, read.build().evaluate(&options).unwrap());
}
