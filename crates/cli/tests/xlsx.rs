//! Tables read from .xlsx workbooks (`docs/data.md#xlsx-files`): the
//! Nordost example as a workbook gives exactly the report its CSV files
//! give, whether the tables come as one workbook (`--workbook`) or as one
//! .xlsx file each; bad cells and hostile files are coded errors.
//!
//! The workbook written here is also committed as
//! `tests/fixtures/xlsx/nordost.xlsx` for the JavaScript and page tests;
//! `STEGVIS_UPDATE_FIXTURES=1 cargo test -p stegvis-cli --test xlsx`
//! rewrites it.

use std::path::{Path, PathBuf};
mod support;

use support::stegvis;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/nordost");
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/xlsx/nordost.xlsx"
);

/// A directory of input files, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("stegvis-xlsx-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a temporary directory");
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("write a temporary file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

fn example(name: &str) -> String {
    format!("{EXAMPLE}/{name}")
}

/// A CSV file of the example as a sheet, typed as a person typing into
/// Excel gets it: dates as dates (format `yyyy-mm-dd`), numbers as numbers
/// (so ids such as 17 and levels such as 3 are numbers), `true`/`false`
/// as booleans, the rest as text; empty cells left empty.
fn add_sheet(book: &mut Workbook, name: &str, csv_path: &str) {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name(name).expect("a sheet name");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(example(csv_path))
        .expect("the example's CSV");
    for (r, record) in reader.records().enumerate() {
        let record = record.expect("a record");
        for (c, cell) in record.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let day = || -> Option<ExcelDateTime> {
                let b = cell.as_bytes();
                if cell.len() != 10 || b[4] != b'-' || b[7] != b'-' {
                    return None;
                }
                let n = |s: &str| s.parse::<u16>().ok();
                ExcelDateTime::from_ymd(n(&cell[..4])?, n(&cell[5..7])? as u8, n(&cell[8..])? as u8)
                    .ok()
            };
            if r == 0 {
                sheet.write_string(r, c, cell).expect("a header");
            } else if cell.is_empty() {
            } else if let Some(day) = day() {
                sheet
                    .write_datetime_with_format(r, c, &day, &date)
                    .expect("a date");
            } else if cell == "true" || cell == "false" {
                sheet
                    .write_boolean(r, c, cell == "true")
                    .expect("a boolean");
            } else if let Ok(number) = cell.parse::<f64>() {
                sheet.write_number(r, c, number).expect("a number");
            } else {
                sheet.write_string(r, c, cell).expect("text");
            }
        }
    }
}

/// The example's tables as one workbook, with sheets named `names`.
fn nordost(names: [&str; 3]) -> Vec<u8> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 1).expect("a date");
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    add_sheet(&mut book, names[0], "participants.csv");
    add_sheet(&mut book, names[1], "assessments.csv");
    add_sheet(&mut book, names[2], "follow_ups.csv");
    book.save_to_buffer().expect("a workbook")
}

/// The report of the example's CSV files, as of the programme's end.
fn csv_report(format: &str) -> String {
    let out = stegvis(&[
        "report",
        "--programme",
        &example("programme.toml"),
        "--participants",
        &example("participants.csv"),
        "--assessments",
        &example("assessments.csv"),
        "--follow-ups",
        &example("follow_ups.csv"),
        "--as-of",
        "2023-01-31",
        "--format",
        format,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn the_committed_fixture_is_the_example_as_a_workbook() {
    let bytes = nordost(["deltagare", "skattningar", "uppföljningar"]);
    if std::env::var_os("STEGVIS_UPDATE_FIXTURES").is_some() {
        std::fs::write(FIXTURE, &bytes).expect("writes the fixture");
    }
    let committed = std::fs::read(FIXTURE).expect("tests/fixtures/xlsx/nordost.xlsx");
    assert!(
        committed == bytes,
        "the fixture is stale: rerun with STEGVIS_UPDATE_FIXTURES=1"
    );
}

#[test]
fn the_example_as_one_workbook_gives_the_csv_report() {
    for format in ["json", "text"] {
        let expected = csv_report(format);
        let out = stegvis(&[
            "report",
            "--programme",
            &example("programme.toml"),
            "--workbook",
            FIXTURE,
            "--as-of",
            "2023-01-31",
            "--format",
            format,
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), expected, "{format}");
    }
}

#[test]
fn the_example_as_one_xlsx_file_per_table_gives_the_csv_report() {
    let scratch = Scratch::new("per-table");
    // Each file's table is its first sheet ("Blad1"); the follow-ups are
    // read from the whole workbook's sheet named for them.
    let one = |csv: &str, name: &str| {
        let mut book = Workbook::new();
        add_sheet(&mut book, "Blad1", csv);
        scratch.write(name, &book.save_to_buffer().expect("a workbook"))
    };
    let participants = one("participants.csv", "deltagare.xlsx");
    let assessments = one("assessments.csv", "Skattningar.XLSX");
    let out = stegvis(&[
        "report",
        "--programme",
        &example("programme.toml"),
        "--participants",
        &participants.display().to_string(),
        "--assessments",
        &assessments.display().to_string(),
        "--follow-ups",
        FIXTURE,
        "--as-of",
        "2023-01-31",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), csv_report("json"));
}

fn failure(args: &[&str]) -> String {
    let out = stegvis(args);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    text(&out.stderr)
}

#[test]
fn a_bad_cell_names_the_file_sheet_row_and_column() {
    let scratch = Scratch::new("bad-cell");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Deltagare").expect("a name");
    for (c, header) in ["Deltagare", "Kön", "Startdatum"].iter().enumerate() {
        sheet.write_string(0, c as u16, *header).expect("a header");
    }
    sheet.write_number(1, 0, 1001.0).expect("an id");
    sheet.write_string(1, 1, "K").expect("a gender");
    sheet
        .write_string(1, 2, "2021-02-01")
        .expect("a date as text");
    sheet.write_number(3, 0, 1002.0).expect("an id");
    sheet.write_string(3, 1, "M").expect("a gender");
    sheet
        .write_number(3, 2, 44228.0)
        .expect("a serial number without a date format");
    let path = scratch.write("data.xlsx", &book.save_to_buffer().expect("a workbook"));
    let path = path.display().to_string();
    let stderr = failure(&[
        "validate",
        "--programme",
        &example("programme.toml"),
        "--participants",
        &path,
        "--assessments",
        &example("assessments.csv"),
    ]);
    assert!(
        stderr.starts_with(&format!(
            "error: {path}, sheet Deltagare, row 4, column entry_date: "
        )),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("[invalid_date]"), "{stderr}");
    assert!(
        !stderr.contains("44228") && !stderr.contains("1002"),
        "{stderr}"
    );
}

#[test]
fn hostile_and_wrong_files_are_coded_errors() {
    let scratch = Scratch::new("hostile");
    let programme = example("programme.toml");
    let csv = scratch.write(
        "participants.xlsx",
        b"id,gender,entry_date\nN1,K,2021-02-01\n",
    );
    let csv = csv.display().to_string();
    let stderr = failure(&[
        "validate",
        "--programme",
        &programme,
        "--participants",
        &csv,
        "--assessments",
        &example("assessments.csv"),
    ]);
    assert_eq!(
        stderr,
        format!("error: {csv}: not a readable .xlsx workbook [invalid_xlsx]\n")
    );
    // A workbook without an assessments sheet.
    let mut book = Workbook::new();
    book.add_worksheet().set_name("deltagare").expect("a name");
    let only = scratch.write("only.xlsx", &book.save_to_buffer().expect("a workbook"));
    let only = only.display().to_string();
    let stderr = failure(&["validate", "--programme", &programme, "--workbook", &only]);
    assert_eq!(
        stderr,
        format!(
            "error: {only}: the workbook has no sheet for this table \
             (assessments: assessments, skattningar) [missing_sheet]\n"
        )
    );
    // A file over 64 MiB is refused after reading 64 MiB + 1 bytes.
    let big = scratch.0.join("big.xlsx");
    let file = std::fs::File::create(&big).expect("a file");
    file.set_len((64 << 20) + 1).expect("a sparse file");
    let big = big.display().to_string();
    let stderr = failure(&["validate", "--programme", &programme, "--workbook", &big]);
    assert!(stderr.ends_with("[xlsx_too_large]\n"), "{stderr}");
    // A directory.
    let dir = scratch.0.join("dir.xlsx");
    std::fs::create_dir_all(&dir).expect("a directory");
    let dir = dir.display().to_string();
    let stderr = failure(&["validate", "--programme", &programme, "--workbook", &dir]);
    assert!(stderr.ends_with("[not_a_file]\n"), "{stderr}");
    assert!(Path::new(FIXTURE).exists());
}
