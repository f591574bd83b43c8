//! Reading on several threads (`docs/data.md#threads`): for any file of
//! assessments or follow-ups, with blank rows, unknown participants and
//! parameters, and errors planted anywhere (bad levels, dates, outcomes,
//! bytes that are not UTF-8, a NUL byte, a quote left open), in any line
//! endings, with quoted cells that hold line breaks, the dataset and every
//! error are those of reading on one thread, whatever the number of
//! threads and wherever the file is cut into chunks.

use std::fmt::Write as _;
use std::num::NonZeroUsize;

use proptest::prelude::*;
use stegvis::vocab::Table;
use stegvis::{Dataset, Options, Programme};

const PARTICIPANTS: usize = 40;

fn programme() -> Programme {
    Programme::from_toml(include_str!("../../../examples/nordost/programme.toml"))
        .expect("the example programme is valid")
}

fn participants_csv() -> String {
    let mut csv = String::from("id,gender,entry_date,exit_date\n");
    for i in 0..PARTICIPANTS {
        let gender = ["K", "M", "woman", "Man"][i % 4];
        let exit = if i % 3 == 0 { "2022-10-01" } else { "" };
        writeln!(csv, "P{i},{gender},2021-03-01,{exit}").expect("writing to a String");
    }
    csv
}

/// One generated row: who (an index past the participants is an unknown
/// id), when, what (for assessments: parameter and level; for follow-ups:
/// status and assistance), or a blank row.
#[derive(Debug, Clone)]
struct Row {
    who: usize,
    day: u32,
    what: usize,
    value: usize,
    blank: bool,
}

fn row() -> impl Strategy<Value = Row> {
    (
        0..PARTICIPANTS + 2,
        0..700u32,
        0..3usize,
        0..8usize,
        prop::bool::weighted(0.02),
    )
        .prop_map(|(who, day, what, value, blank)| Row {
            who,
            day,
            what,
            value,
            blank,
        })
}

/// A planted error: at which row (modulo the rows) and of which kind.
fn planted() -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((any::<usize>(), 0..7usize), 0..3)
}

fn date(day: u32) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2021, 3, 1).expect("a date");
    (start + chrono::Days::new(u64::from(day))).to_string()
}

/// How a file is written beyond its rows: line breaks (`\n`, `\r\n`, or
/// a mix with a lone `\r` now and then), a fifth column of notes, quoted,
/// some with line breaks in them, and a header whose notes column's name
/// has a line break.
#[derive(Debug, Clone, Copy)]
struct Shape {
    breaks: usize,
    notes: bool,
    header_break: bool,
}

fn shape() -> impl Strategy<Value = Shape> {
    (0..3usize, any::<bool>(), prop::bool::weighted(0.1)).prop_map(
        |(breaks, notes, header_break)| Shape {
            breaks,
            notes,
            header_break,
        },
    )
}

impl Shape {
    const PLAIN: Shape = Shape {
        breaks: 0,
        notes: false,
        header_break: false,
    };

    /// The line break after line `i`.
    fn line_break(self, i: usize) -> &'static [u8] {
        match (self.breaks, i % 7) {
            (0, _) => b"\n",
            (1, _) | (2, 0..=3) => b"\r\n",
            (_, 4) => b"\r",
            _ => b"\n",
        }
    }

    /// The notes cell of line `i`, with its comma, if the file has notes.
    fn note(self, i: usize) -> &'static [u8] {
        match (self.notes, i % 5) {
            (false, _) => b"",
            (true, 0) => b",\"met, \"\"twice\"\"\nthen\r\nagain\"",
            (true, 1) => b",\"\"",
            (true, _) => b",plain",
        }
    }
}

/// The rows as a CSV file of `table` in `shape`, with the errors planted.
fn file(table: Table, rows: &[Row], planted: &[(usize, usize)], shape: Shape) -> Vec<u8> {
    let mut out: Vec<u8> = match table {
        Table::Assessments => b"participant_id,date,parameter,level".to_vec(),
        _ => b"participant_id,date,status,receives_assistance".to_vec(),
    };
    if shape.notes {
        let name: &[u8] = if shape.header_break {
            b",\"notes\nand more\""
        } else {
            b",notes"
        };
        out.extend_from_slice(name);
    }
    out.extend_from_slice(shape.line_break(0));
    for (i, r) in rows.iter().enumerate() {
        if r.blank {
            out.extend_from_slice(if i % 2 == 0 { b",,," } else { b"" });
            out.extend_from_slice(shape.line_break(i));
            continue;
        }
        let mut line = format!("P{},{},", r.who, date(r.day));
        match table {
            Table::Assessments => {
                let parameter = ["step", "swedish", "unknown"][r.what];
                let level = match (r.what, r.value) {
                    (0, v) => {
                        ["Ingen aktivitet", "Praktik", "Arbete/studier", "2", "4"][v % 5].to_owned()
                    }
                    (_, v) => (1 + v % 5).to_string(),
                };
                write!(line, "{parameter},{level}").expect("writing to a String");
            }
            _ => {
                let status = ["employment", "studies", "other", "arbete"][r.value % 4];
                let assistance = ["true", "false", ""][r.what];
                write!(line, "{status},{assistance}").expect("writing to a String");
            }
        }
        let planted_here = planted.iter().find(|(at, _)| at % rows.len().max(1) == i);
        let mut line = line.into_bytes();
        if let Some((_, kind)) = planted_here {
            line = match kind {
                0 => b"P1,2021-05-05,step,Nowhere".to_vec(),
                1 => b"P1,2021-02-30,swedish,3".to_vec(),
                2 => b"P1,2021-05-05,swedish,3\xff".to_vec(),
                3 => b"P2,,step,2".to_vec(),
                4 => b"P1,2021-05-05,swedish,3\0".to_vec(),
                5 => "P1,2021-05-05,step,S\u{f6}ker".as_bytes().to_vec(),
                _ => b"P3,2021-05-05,\"step,2".to_vec(),
            };
        }
        out.extend_from_slice(&line);
        out.extend_from_slice(shape.note(i));
        out.extend_from_slice(shape.line_break(i));
    }
    out
}

/// What reading `bytes` as `table` on `threads` threads, cut into chunks
/// of about `chunk` bytes, gives: the report's JSON, or the error's code,
/// table, row and column.
fn read(table: Table, bytes: &[u8], threads: usize, chunk: usize) -> Result<String, String> {
    let mut builder = builder(threads);
    builder.read_chunk_bytes(NonZeroUsize::new(chunk).expect("chunk > 0"));
    builder.read_csv(table, bytes).map_err(facts)?;
    Ok(report(builder))
}

/// `n` rows of the swedish parameter, none blank or bad.
fn plain_rows(n: usize) -> Vec<Row> {
    (0..n)
        .map(|i| Row {
            who: i % PARTICIPANTS,
            day: (i % 600) as u32,
            what: 1,
            value: i,
            blank: false,
        })
        .collect()
}

/// A builder for the example programme on `threads` threads, with the
/// participants read.
fn builder(threads: usize) -> stegvis::DatasetBuilder {
    let mut builder = Dataset::builder(&programme());
    builder.read_threads(NonZeroUsize::new(threads).expect("threads > 0"));
    builder
        .read_participants_csv(participants_csv().as_bytes())
        .expect("participants");
    builder
}

/// An error's code, table, row and column.
fn facts(e: stegvis::DataError) -> String {
    format!(
        "{} {:?} {:?} {:?}",
        e.code(),
        e.table(),
        e.row(),
        e.column()
    )
}

/// The report's JSON at the programme's end.
fn report(builder: stegvis::DatasetBuilder) -> String {
    let options = Options::new().as_of(programme().end());
    let report = builder.build().evaluate(&options).expect("evaluates");
    report.to_json()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_number_of_threads_reads_as_one(
        rows in prop::collection::vec(row(), 0..6_000),
        planted in planted(),
        follow_ups in any::<bool>(),
        shape in shape(),
        chunk in prop::sample::select(vec![1usize, 40, 333, 4_096, 128 << 10]),
    ) {
        let table = if follow_ups { Table::FollowUps } else { Table::Assessments };
        let bytes = file(table, &rows, &planted, shape);
        let one = read(table, &bytes, 1, chunk);
        for threads in [2, 3, 5] {
            prop_assert_eq!(&read(table, &bytes, threads, chunk), &one, "{} threads", threads);
        }
    }
}

#[test]
fn the_first_error_in_row_order_wins_across_threads() {
    // Errors far apart, each in a batch of its own: the first is reported
    // on any number of threads, as the later ones are met first by some
    // thread when batches are looked up side by side.
    let rows = plain_rows(9_000);
    let planted = [(8_500, 0), (2_100, 1), (5_000, 2)];
    let bytes = file(Table::Assessments, &rows, &planted, Shape::PLAIN);
    for threads in 1..=4 {
        assert_eq!(
            read(Table::Assessments, &bytes, threads, 4_096),
            Err("invalid_date Assessments Some(2102) Some(\"date\")".to_owned()),
            "{threads} threads"
        );
    }
}

#[test]
fn an_interrupt_stops_a_read_on_threads_at_the_same_row() {
    let rows = plain_rows(9_000);
    let bytes = file(Table::Assessments, &rows, &[], Shape::PLAIN);
    for threads in 1..=3 {
        let mut builder = builder(threads);
        // The hook is asked every 1 024 rows from when it is set; the
        // third time says stop: at data row 3 072, row 3 073.
        let mut calls = 0;
        builder.interrupt_with(Box::new(move || {
            calls += 1;
            calls == 3
        }));
        let e = builder
            .read_assessments_csv(&bytes[..])
            .expect_err("interrupted");
        assert_eq!(
            (e.code(), e.row()),
            ("interrupted", Some(3_073)),
            "{threads} threads"
        );
    }
}

/// What adding the rows of `bytes` (a file without quotes, split at commas)
/// through [`stegvis::DatasetBuilder::add_on_threads`] in items of `chunk`
/// rows on `threads` threads gives, as [`read`] does.
fn add_on_threads(
    table: Table,
    bytes: &[u8],
    chunk: usize,
    threads: usize,
) -> Result<String, String> {
    let mut builder = builder(threads);
    add_rows_on_threads(&mut builder, table, bytes, chunk)?;
    Ok(report(builder))
}

/// Adds the rows of `bytes` (a file without quotes, split at commas) to
/// `builder` through [`stegvis::DatasetBuilder::add_on_threads`] in items
/// of `chunk` rows.
fn add_rows_on_threads(
    builder: &mut stegvis::DatasetBuilder,
    table: Table,
    bytes: &[u8],
    chunk: usize,
) -> Result<(), String> {
    let text = String::from_utf8_lossy(bytes);
    let rows: Vec<(u64, Vec<&str>)> = text
        .lines()
        .enumerate()
        .skip(1)
        .map(|(i, line)| (i as u64 + 1, line.split(',').collect()))
        .collect();
    let work: Vec<&[(u64, Vec<&str>)]> = rows.chunks(chunk.max(1)).collect();
    builder
        .add_on_threads(table, work, |item, sink| {
            let ids = item.iter().map(|(_, cells)| stegvis::Field::Text(cells[0]));
            sink.prefetch_participants(ids);
            for (row, cells) in *item {
                // Cells the sink does not read are left null, as the
                // Arrow reader leaves them.
                let cells: Vec<stegvis::Field<'_>> = cells
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        if sink.reads_cell(k, 1) {
                            stegvis::Field::Text(c)
                        } else {
                            stegvis::Field::Null
                        }
                    })
                    .collect();
                sink.add_cells(*row, &cells)?;
            }
            Ok(())
        })
        .map_err(facts)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn rows_added_on_any_number_of_threads_are_added_as_on_one(
        rows in prop::collection::vec(row(), 0..4_000),
        planted in prop::collection::vec((any::<usize>(), prop::sample::select(vec![0usize, 1, 3])), 0..3),
        chunk in 1..700usize,
        follow_ups in any::<bool>(),
    ) {
        let table = if follow_ups { Table::FollowUps } else { Table::Assessments };
        let bytes = file(table, &rows, &planted, Shape::PLAIN);
        let one = add_on_threads(table, &bytes, chunk, 1);
        for threads in [2, 3, 5] {
            prop_assert_eq!(&add_on_threads(table, &bytes, chunk, threads), &one, "{} threads", threads);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Participants rows are checked on any thread and added on the
    /// calling one, in order (`docs/data.md#threads`).
    #[test]
    fn participants_added_on_any_number_of_threads_are_added_as_on_one(
        n in 0..3_000usize,
        planted in prop::collection::vec((any::<usize>(), 0..6usize), 0..3),
        chunk in 1..700usize,
    ) {
        // Cells in the order `add_cells` takes them (birth date, education
        // and the assistance cells empty, the district last); blank rows,
        // which readers skip, left out.
        let file = participants_file(n, &planted);
        let text = String::from_utf8_lossy(&file);
        let mut bytes = Vec::new();
        for line in text.lines().filter(|line| line.chars().any(|c| c != ',')) {
            let c: Vec<&str> = line.split(',').collect();
            let cells = [c[0], c[1], c[2], "", c[3], c[4], c[5], c[7], "", "", "", "", c[6]];
            bytes.extend_from_slice(cells.join(",").as_bytes());
            bytes.push(b'\n');
        }
        let read = |threads: usize| {
            let mut builder = Dataset::builder(&programme());
            builder.read_threads(NonZeroUsize::new(threads).expect("threads > 0"));
            add_rows_on_threads(&mut builder, Table::Participants, &bytes, chunk)?;
            Ok::<_, String>(report(builder))
        };
        let one = read(1);
        prop_assert!(!planted.is_empty() || one.is_ok(), "{:?}", one);
        for threads in [2, 3, 5] {
            prop_assert_eq!(&read(threads), &one, "{} threads", threads);
        }
    }
}

#[test]
fn a_row_may_take_a_mebibyte_with_its_line_break_on_any_number_of_threads() {
    let max = usize::try_from(stegvis::data::MAX_ROW_BYTES).expect("fits");
    for line_break in [&b"\n"[..], b"\r\n"] {
        // Row 3 takes `len` bytes with its line break; a chunk of the
        // threaded reading starts at it.
        let file = |len: usize| {
            let mut bytes = b"participant_id,date,parameter,level".to_vec();
            bytes.extend_from_slice(line_break);
            bytes.extend_from_slice(b"P1,2021-05-05,swedish,3");
            bytes.extend_from_slice(line_break);
            let mut row = b"P2,2021-05-05,swedish,3,".to_vec();
            row.resize(len - line_break.len(), b'x');
            bytes.extend_from_slice(&row);
            bytes.extend_from_slice(line_break);
            bytes.extend_from_slice(b"P3,2021-05-06,swedish,4");
            bytes.extend_from_slice(line_break);
            bytes
        };
        for threads in 1..=3 {
            let error = |len| read(Table::Assessments, &file(len), threads, 40).err();
            assert_eq!(error(max), None, "{threads} threads, {line_break:?}");
            assert_eq!(
                error(max + 1).as_deref(),
                Some("row_too_large Assessments Some(3) None"),
                "{threads} threads, {line_break:?}"
            );
        }
    }
}

/// A participants file of `n` rows: blank rows, re-entries (each
/// person's first episode ends before the second begins), tags, a
/// breakdown column, outcomes and status cells, and the errors planted (a
/// bad gender, a bad date, bytes that are not UTF-8, an episode that
/// overlaps the first person's, an outcome without an exit, a bad status).
/// Rows are checked on either thread of a read parsed ahead, and the
/// overlap is found only where they are added.
fn participants_file(n: usize, planted: &[(usize, usize)]) -> Vec<u8> {
    let mut out =
        b"id,gender,entry_date,exit_date,exit_outcome,tags,district,labour_status\n".to_vec();
    let people = n / 2 + 1;
    for i in 0..n {
        let line = match planted.iter().find(|(at, _)| at % n.max(1) == i) {
            Some((_, 0)) => "P1,sometimes,2021-03-01,,,,,".to_owned(),
            Some((_, 1)) => "P1,K,2021-02-30,,,,,".to_owned(),
            Some((_, 2)) => "P1,K\u{fffd},2021-03-01,,,,,".to_owned(),
            Some((_, 3)) => "Q0,K,2021-04-01,,,,,".to_owned(),
            Some((_, 4)) => "P1,K,2021-04-01,,employment,,,".to_owned(),
            Some(_) => "P1,K,2021-04-01,,,,,retired".to_owned(),
            None if i % 97 == 0 => ",,,,,,,".to_owned(),
            None => {
                let gender = ["K", "M", "woman", "Man", "x"][i % 5];
                let (entry, exit) = if i < people {
                    ("2021-03-01", "2021-06-30")
                } else {
                    ("2022-01-10", ["", "2022-10-01"][i % 2])
                };
                let outcome = if exit.is_empty() {
                    ""
                } else {
                    ["employment", "", "studier"][i % 3]
                };
                let tags = [
                    "newly_arrived;long_term_assistance",
                    "",
                    "long_term_assistance",
                ][i % 3];
                let district = ["Norr", "Söder", "", "Väster"][i % 4];
                let status = ["unemployed", "", "inactive"][i % 3];
                format!(
                    "Q{},{gender},{entry},{exit},{outcome},{tags},{district},{status}",
                    i % people
                )
            }
        };
        let mut line = line.into_bytes();
        if line.starts_with("P1,K\u{fffd},".as_bytes()) {
            line = b"P1,K\xff,2021-03-01,,,,,".to_vec();
        }
        out.extend_from_slice(&line);
        out.push(b'\n');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn a_participants_file_parsed_ahead_reads_as_on_one_thread(
        n in 0..5_000usize,
        planted in prop::collection::vec((any::<usize>(), 0..6usize), 0..3),
    ) {
        let dir = std::env::temp_dir().join(format!("stegvis-threads-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let path = dir.join(format!("participants-{n}.csv"));
        std::fs::write(&path, participants_file(n, &planted)).expect("writes");
        let read = |threads: usize| {
            let mut builder = Dataset::builder(&programme());
            builder.read_threads(NonZeroUsize::new(threads).expect("threads > 0"));
            builder
                .read_csv_file(Table::Participants, &path, stegvis::Encoding::Auto)
                .map_err(facts)?;
            Ok::<_, String>(report(builder))
        };
        let one = read(1);
        // Without a planted error the file is valid: the rows are added.
        prop_assert!(!planted.is_empty() || one.is_ok(), "{:?}", one);
        for threads in [2, 3] {
            prop_assert_eq!(&read(threads), &one, "{} threads", threads);
        }
        std::fs::remove_file(&path).expect("removes");
    }
}

#[test]
fn chunks_asked_larger_than_a_row_may_be_are_made_smaller() {
    // 2 MiB of short rows: a chunk of 8 MiB would run past the bound the
    // decoder keeps from the last cut, and refuse a row that is fine.
    let rows = plain_rows(100_000);
    let bytes = file(Table::Assessments, &rows, &[], Shape::PLAIN);
    assert!(bytes.len() > 2 << 20);
    let one = read(Table::Assessments, &bytes, 1, 128 << 10);
    assert!(one.is_ok());
    assert_eq!(read(Table::Assessments, &bytes, 2, 8 << 20), one);
}

#[test]
fn a_file_that_fails_keeps_none_of_its_rows_on_any_number_of_threads() {
    // Threads may have added rows past the error before it is found; the
    // builder goes on as if the file had not been read.
    let rows = plain_rows(9_000);
    let bytes = file(Table::Assessments, &rows, &[(5_000, 1)], Shape::PLAIN);
    let unread = report(builder(1));
    for threads in 1..=3 {
        let mut builder = builder(threads);
        builder.read_chunk_bytes(NonZeroUsize::new(40).expect("40 > 0"));
        let e = builder
            .read_assessments_csv(&bytes[..])
            .expect_err("a bad date");
        assert_eq!((e.code(), e.row()), ("invalid_date", Some(5_002)));
        assert!(report(builder) == unread, "{threads} threads");
    }
}
