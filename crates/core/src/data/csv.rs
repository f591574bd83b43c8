//! CSV input (`docs/data.md#csv-files`): headers by name in any order, extra columns ignored,
//! comma or semicolon separated (sniffed from the header, as Swedish
//! spreadsheets export semicolons), one reused record buffer for all rows.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::columns;
use super::{Dataset, DatasetBuilder, Field};
use crate::error::{DataError, DataErrorKind};
use crate::programme::Programme;
use crate::vocab::Table;

/// The CSV files of one programme.
#[derive(Debug, Clone, Copy)]
pub struct CsvFiles<'a> {
    /// Participants file.
    pub participants: &'a Path,
    /// Assessments file.
    pub assessments: &'a Path,
    /// Follow-ups file, if any.
    pub follow_ups: Option<&'a Path>,
}

fn named(path: &Path) -> impl Fn(DataError) -> DataError + '_ {
    move |e| e.in_file(path.display().to_string())
}

impl Dataset {
    /// Reads the CSV files; errors name the file, row and column.
    pub fn from_csv_files(
        programme: &Programme,
        files: CsvFiles<'_>,
    ) -> Result<Dataset, DataError> {
        let open = |path: &Path, table| {
            File::open(path).map_err(|_| {
                DataError::new(DataErrorKind::Io, table, None, None)
                    .in_file(path.display().to_string())
            })
        };
        let mut builder = Dataset::builder(programme);
        builder
            .read_participants_csv(open(files.participants, Table::Participants)?)
            .map_err(named(files.participants))?;
        builder
            .read_assessments_csv(open(files.assessments, Table::Assessments)?)
            .map_err(named(files.assessments))?;
        if let Some(path) = files.follow_ups {
            builder
                .read_follow_ups_csv(open(path, Table::FollowUps)?)
                .map_err(named(path))?;
        }
        Ok(builder.build())
    }
}

/// A CSV table with its columns located by name.
struct CsvTable<R: Read> {
    table: Table,
    reader: csv::Reader<BufReader<R>>,
    record: csv::StringRecord,
    positions: Vec<Option<usize>>,
    row: u64,
}

impl<R: Read> CsvTable<R> {
    fn open(
        table: Table,
        input: R,
        required: &[&str],
        optional: &[&str],
    ) -> Result<Self, DataError> {
        let mut input = BufReader::new(input);
        let delimiter = sniff_delimiter(&mut input);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(input);
        let invalid = |e: csv::Error| csv_error(table, &e);
        let headers = reader.headers().map_err(invalid)?.clone();
        let find = |name: &str| headers.iter().position(|h| columns::names(h, name));
        let mut positions = Vec::with_capacity(required.len() + optional.len());
        for name in required {
            let at = find(name).ok_or_else(|| {
                DataError::new(DataErrorKind::MissingColumn, table, Some(1), Some(name))
            })?;
            positions.push(Some(at));
        }
        positions.extend(optional.iter().map(|name| find(name)));
        Ok(CsvTable {
            table,
            reader,
            record: csv::StringRecord::new(),
            positions,
            row: 1,
        })
    }

    /// Reads the next record into the reused buffer; false at the end.
    fn next(&mut self) -> Result<bool, DataError> {
        self.row += 1;
        self.reader
            .read_record(&mut self.record)
            .map_err(|e| csv_error(self.table, &e))
    }

    /// Cell `i` (in required-then-optional order) of the current record.
    fn field(&self, i: usize) -> Field<'_> {
        match self.positions[i].and_then(|at| self.record.get(at)) {
            Some(text) => Field::Text(text).normalised(),
            None => Field::Null,
        }
    }
}

fn csv_error(table: Table, e: &csv::Error) -> DataError {
    // csv counts records from 0 with the header as record 0: row = record + 1.
    let row = e.position().map(|p| p.record() + 1);
    DataError::new(DataErrorKind::InvalidCsv, table, row, None)
}

/// `;` when the header line has semicolons and no commas, else `,`.
fn sniff_delimiter<R: Read>(input: &mut BufReader<R>) -> u8 {
    let Ok(buffer) = input.fill_buf() else {
        return b',';
    };
    let header = buffer.split(|&b| b == b'\n').next().unwrap_or(buffer);
    if header.contains(&b';') && !header.contains(&b',') {
        b';'
    } else {
        b','
    }
}

/// The table a CSV file holds, named by its header line (read with the
/// readers' delimiter and header rules, docs/data.md#csv-files); `None`
/// when the header fits no table or several.
pub fn table_of_csv(input: &[u8]) -> Option<Table> {
    let mut input = BufReader::new(input);
    let delimiter = sniff_delimiter(&mut input);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input);
    let headers = reader.headers().ok()?;
    columns::table_of(&headers.iter().collect::<Vec<_>>())
}

impl DatasetBuilder {
    /// Reads a CSV file of `table`: a header naming the columns of
    /// [`columns::of`] in any order (extra columns are ignored), then rows.
    pub fn read_csv<R: Read>(&mut self, table: Table, input: R) -> Result<(), DataError> {
        let (required, optional) = columns::of(table);
        let mut t = CsvTable::open(table, input, required, optional)?;
        let width = required.len() + optional.len();
        while t.next()? {
            let mut cells = [Field::Null; columns::MAX_CELLS];
            for (i, cell) in cells[..width].iter_mut().enumerate() {
                *cell = t.field(i);
            }
            self.add_cells(table, t.row, &cells[..width])?;
        }
        Ok(())
    }

    /// Reads a participants CSV (columns `id, gender, entry_date` and
    /// optionally `birth_date, exit_date, exit_outcome, tags`).
    pub fn read_participants_csv<R: Read>(&mut self, input: R) -> Result<(), DataError> {
        self.read_csv(Table::Participants, input)
    }

    /// Reads an assessments CSV (`participant_id, date, parameter, level`).
    pub fn read_assessments_csv<R: Read>(&mut self, input: R) -> Result<(), DataError> {
        self.read_csv(Table::Assessments, input)
    }

    /// Reads a follow-ups CSV (`participant_id, date, status` and optionally
    /// `receives_assistance`).
    pub fn read_follow_ups_csv<R: Read>(&mut self, input: R) -> Result<(), DataError> {
        self.read_csv(Table::FollowUps, input)
    }
}
