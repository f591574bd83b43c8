//! Tables in .xlsx workbooks (`docs/data.md#xlsx-files`), read with
//! calamine: a worksheet becomes the rows and cells a CSV file of it would
//! give, so every rule of the CSV path (column names and their Swedish
//! aliases, cell parsing, data quality, errors naming row and column)
//! applies unchanged.
//!
//! Before calamine sees a workbook, [`guard`] checks its size and unpacks
//! every part once, counting bytes and keeping none, so a zip bomb is
//! `xlsx_too_large` (`docs/data.md#xlsx-limits`) and never exhausts memory.
//! A sheet is then read as a stream of cells; a row's cells go into
//! buffers reused for every row.

use std::fmt::Write as _;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{DataRef, Reader, SheetType, Xlsx};
use chrono::NaiveDate;

use super::field::whole_number;
use super::{DatasetBuilder, Field, columns};
use crate::error::{DataError, DataErrorKind};
use crate::vocab::{Table, sheet_names};

/// The largest .xlsx file read: 64 MiB (`docs/data.md#xlsx-limits`).
pub const MAX_XLSX_BYTES: u64 = 64 << 20;
/// The most bytes all parts of a workbook may unpack to together: 512 MiB
/// (`docs/data.md#xlsx-limits`).
pub const MAX_XLSX_UNPACKED: u64 = 512 << 20;
/// The most parts (zip entries) a workbook may have (`docs/data.md#xlsx-limits`).
pub const MAX_XLSX_PARTS: usize = 10_000;

/// Whether `bytes` start like a zip archive (`PK\x03\x04`), as every .xlsx
/// workbook does: how bytes of unknown kind are told from CSV
/// (`docs/data.md#xlsx-files`).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Whether `path` ends in `.xlsx` (any case): such a table path is read as
/// a workbook (`docs/data.md#xlsx-files`).
pub fn is_xlsx_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("xlsx"))
}

/// An .xlsx workbook, checked by the size guard and opened.
pub struct Workbook {
    xlsx: Xlsx<Cursor<Vec<u8>>>,
    /// The worksheets (not chart or macro sheets), in workbook order.
    sheets: Vec<String>,
}

impl std::fmt::Debug for Workbook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workbook")
            .field("sheets", &self.sheets)
            .finish_non_exhaustive()
    }
}

/// Checks a workbook's bytes before calamine reads them
/// (`docs/data.md#xlsx-limits`): at most [`MAX_XLSX_BYTES`], a zip archive
/// (`invalid_xlsx` otherwise) of at most [`MAX_XLSX_PARTS`] parts whose
/// contents, unpacked here once and counted, come to at most
/// [`MAX_XLSX_UNPACKED`] (`xlsx_too_large`). A part that cannot be
/// unpacked (encrypted, damaged) is `invalid_xlsx`.
pub fn guard(bytes: &[u8]) -> Result<(), DataErrorKind> {
    if bytes.len() as u64 > MAX_XLSX_BYTES {
        return Err(DataErrorKind::XlsxTooLarge);
    }
    if !is_xlsx(bytes) {
        return Err(DataErrorKind::InvalidXlsx);
    }
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DataErrorKind::InvalidXlsx)?;
    if zip.len() > MAX_XLSX_PARTS {
        return Err(DataErrorKind::XlsxTooLarge);
    }
    let mut unpacked = 0u64;
    let mut buffer = vec![0u8; 64 << 10];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| DataErrorKind::InvalidXlsx)?;
        loop {
            let n = match part.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return Err(DataErrorKind::InvalidXlsx),
            };
            unpacked += n as u64;
            if unpacked > MAX_XLSX_UNPACKED {
                return Err(DataErrorKind::XlsxTooLarge);
            }
        }
    }
    Ok(())
}

impl Workbook {
    /// Opens a workbook from its bytes, after the [`guard`]; errors are
    /// reported for `table` (the table being read).
    pub fn from_bytes(bytes: Vec<u8>, table: Table) -> Result<Workbook, DataError> {
        let error = |kind| DataError::new(kind, table, None, None);
        guard(&bytes).map_err(error)?;
        let xlsx = Xlsx::new(Cursor::new(bytes)).map_err(|_| error(DataErrorKind::InvalidXlsx))?;
        let sheets = xlsx
            .sheets_metadata()
            .iter()
            .filter(|sheet| sheet.typ == SheetType::WorkSheet)
            .map(|sheet| sheet.name.clone())
            .collect();
        Ok(Workbook { xlsx, sheets })
    }

    /// Opens the workbook at `path` (at most [`MAX_XLSX_BYTES`] are read);
    /// errors name the file.
    pub fn open(path: &Path, table: Table) -> Result<Workbook, DataError> {
        let named = |e: DataError| e.in_file(path.display().to_string());
        let file = super::csv::open(table, path).map_err(named)?;
        let mut bytes = Vec::new();
        file.take(MAX_XLSX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| named(DataError::new(DataErrorKind::Io, table, None, None)))?;
        Workbook::from_bytes(bytes, table).map_err(named)
    }

    /// The worksheets' names, in workbook order.
    pub fn sheet_names(&self) -> &[String] {
        &self.sheets
    }

    /// The worksheet named for `table` (`docs/data.md#workbook-sheets`):
    /// its English or Swedish name, trimmed, ignoring case.
    pub fn sheet_for(&self, table: Table) -> Option<&str> {
        self.sheets
            .iter()
            .find(|name| names_table(name, table))
            .map(String::as_str)
    }

    /// The tables this workbook holds (`docs/data.md#workbook-sheets`):
    /// those with a sheet named for them, in table order; when no sheet is
    /// named for any table, the table the first worksheet's header names
    /// (by the header rule of `docs/data.md#table-of-a-header`), if one.
    /// How the page sorts a dropped workbook into tables.
    pub fn tables(&mut self) -> Vec<Table> {
        let named: Vec<Table> = [Table::Participants, Table::Assessments, Table::FollowUps]
            .into_iter()
            .filter(|&table| self.sheet_for(table).is_some())
            .collect();
        if !named.is_empty() {
            return named;
        }
        let Some(first) = self.sheets.first().cloned() else {
            return named;
        };
        let Ok(mut cells) = self.xlsx.worksheet_cells_reader(&first) else {
            return named;
        };
        let mut headers = Vec::new();
        while let Ok(Some(cell)) = cells.next_cell() {
            if cell.get_position().0 > 0 {
                break;
            }
            headers.push(header_text(cell.get_value()));
        }
        columns::table_of(&headers).into_iter().collect()
    }

    /// The sheet a table given as one file is read from: the one named for
    /// `table`, else the first worksheet (`docs/data.md#xlsx-files`).
    pub fn sheet_or_first(&self, table: Table) -> Option<&str> {
        self.sheet_for(table)
            .or_else(|| self.sheets.first().map(String::as_str))
    }
}

/// Whether a sheet's name is one of the names of `table`.
fn names_table(sheet: &str, table: Table) -> bool {
    let sheet = sheet.trim();
    let lower = sheet.to_lowercase();
    sheet_names(table)
        .iter()
        .any(|name| sheet.eq_ignore_ascii_case(name) || lower == *name)
}

/// A cell of the current row, in a buffer reused across rows.
#[derive(Debug, Default)]
struct Slot {
    kind: SlotKind,
    text: String,
}

#[derive(Debug, Default, Clone, Copy)]
enum SlotKind {
    #[default]
    Null,
    Text,
    Bool(bool),
    Date(NaiveDate),
    Unsupported,
}

impl Slot {
    fn field(&self) -> Field<'_> {
        match self.kind {
            SlotKind::Null => Field::Null,
            SlotKind::Text => Field::Text(&self.text).normalised(),
            SlotKind::Bool(b) => Field::Bool(b),
            SlotKind::Date(d) => Field::Date(d),
            SlotKind::Unsupported => Field::Unsupported,
        }
    }

    /// Sets the slot from a cell (`docs/data.md#xlsx-cells`): text as it
    /// is, numbers as the text a CSV export writes (`1001`, `2.5`), dates
    /// as dates, booleans as booleans, error values and durations as
    /// values no column takes.
    fn set(&mut self, value: &DataRef<'_>) {
        self.text.clear();
        self.kind = match value {
            DataRef::Empty => SlotKind::Null,
            DataRef::String(s) | DataRef::DateTimeIso(s) => {
                self.text.push_str(s);
                SlotKind::Text
            }
            DataRef::SharedString(s) => {
                self.text.push_str(s);
                SlotKind::Text
            }
            DataRef::Int(i) => {
                self.text.push_str(itoa::Buffer::new().format(*i));
                SlotKind::Text
            }
            DataRef::Float(f) => {
                number_text(*f, &mut self.text);
                SlotKind::Text
            }
            DataRef::Bool(b) => SlotKind::Bool(*b),
            DataRef::DateTime(dt) if dt.is_datetime() => match excel_date(dt) {
                Some(date) => SlotKind::Date(date),
                None => SlotKind::Unsupported,
            },
            DataRef::DateTime(_) | DataRef::DurationIso(_) | DataRef::Error(_) => {
                SlotKind::Unsupported
            }
        };
    }
}

/// A number as the text a CSV export of it would hold: a whole number
/// without a fraction (`1001`, not `1001.0`), any other as Rust writes it
/// (the shortest text that reads back as the same number, `2.5`).
fn number_text(f: f64, out: &mut String) {
    match whole_number(f) {
        Some(i) => out.push_str(itoa::Buffer::new().format(i)),
        None => {
            let _ = write!(out, "{f}");
        }
    }
}

/// The calendar day of a date-formatted cell (its time of day dropped),
/// in the workbook's 1900 or 1904 date system; `None` for a serial number
/// outside Excel's dates or Excel's 1900-02-29 (`docs/data.md#xlsx-cells`).
fn excel_date(dt: &calamine::ExcelDateTime) -> Option<NaiveDate> {
    let serial = dt.as_f64();
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let (year, month, day, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
}

/// Whether a cell holds something: not empty, and not text of nothing but
/// space (such a row is skipped, as a CSV row of only delimiters is).
fn has_value(value: &DataRef<'_>) -> bool {
    match value {
        DataRef::Empty => false,
        DataRef::String(s) => !s.trim().is_empty(),
        DataRef::SharedString(s) => !s.trim().is_empty(),
        _ => true,
    }
}

/// A header cell's text (numbers as a CSV export writes them; other
/// cells name no column).
fn header_text(value: &DataRef<'_>) -> String {
    let mut text = String::new();
    match value {
        DataRef::String(s) => text.push_str(s),
        DataRef::SharedString(s) => text.push_str(s),
        DataRef::Int(i) => text.push_str(itoa::Buffer::new().format(*i)),
        DataRef::Float(f) => number_text(*f, &mut text),
        _ => {}
    }
    text
}

impl DatasetBuilder {
    /// Reads `table` from the worksheet `sheet` of `workbook`
    /// (`docs/data.md#xlsx-files`): row 1 is the header, naming the columns
    /// as in a CSV file; every later row that has a value is a row of the
    /// table, numbered by its row in the sheet. Errors name the sheet.
    pub fn read_xlsx_sheet(
        &mut self,
        table: Table,
        workbook: &mut Workbook,
        sheet: &str,
    ) -> Result<(), DataError> {
        self.read_sheet(table, workbook, sheet)
            .map_err(|e| e.in_sheet(sheet))
    }

    fn read_sheet(
        &mut self,
        table: Table,
        workbook: &mut Workbook,
        sheet: &str,
    ) -> Result<(), DataError> {
        let invalid = |row| DataError::new(DataErrorKind::InvalidXlsx, table, row, None);
        let (required, _) = columns::of(table);
        let names = self.column_names(table);
        let width = names.len();
        let mut cells = workbook
            .xlsx
            .worksheet_cells_reader(sheet)
            .map_err(|_| invalid(None))?;
        // The header: the cells of the sheet's first row, by column.
        let mut headers: Vec<(u32, String)> = Vec::new();
        let mut pending = None;
        while let Some(cell) = cells.next_cell().map_err(|_| invalid(None))? {
            let (row, column) = cell.get_position();
            if row > 0 {
                pending = Some(cell);
                break;
            }
            let text = header_text(cell.get_value());
            if !text.trim().is_empty() {
                headers.push((column, text));
            }
        }
        let find = |name: &str| {
            headers
                .iter()
                .find(|(_, h)| columns::names(h, name))
                .map(|&(column, _)| column)
        };
        let mut positions: Vec<Option<u32>> = Vec::with_capacity(width);
        for name in required {
            let at = find(name).ok_or_else(|| {
                DataError::new(DataErrorKind::MissingColumn, table, Some(1), Some(name))
            })?;
            positions.push(Some(at));
        }
        positions.extend(names[required.len()..].iter().map(|name| find(name)));
        drop(headers);

        let mut slots: Vec<Slot> = (0..width).map(|_| Slot::default()).collect();
        // The sheet row (from 0) whose cells are being gathered.
        let mut current: Option<u32> = None;
        let mut has_values = false;
        loop {
            let cell = match pending.take() {
                Some(cell) => Some(cell),
                None => cells.next_cell().map_err(|_| invalid(None))?,
            };
            let row = cell.as_ref().map(|c| c.get_position().0);
            if current.is_some() && row != current {
                if has_values && let Some(r) = current {
                    let mut fields = [Field::Null; columns::MAX_CELLS];
                    for (field, slot) in fields.iter_mut().zip(&slots) {
                        *field = slot.field();
                    }
                    self.add_cells(table, u64::from(r) + 1, &fields[..width])?;
                }
                for slot in &mut slots {
                    slot.kind = SlotKind::Null;
                }
                has_values = false;
            }
            let Some(cell) = cell else { break };
            current = row;
            let (_, column) = cell.get_position();
            let value = cell.get_value();
            has_values |= has_value(value);
            if let Some(i) = positions.iter().position(|&at| at == Some(column)) {
                slots[i].set(value);
            }
        }
        Ok(())
    }

    /// Reads `table` from a workbook given as one file of that table: the
    /// sheet named for the table, else the first worksheet
    /// (`docs/data.md#xlsx-files`).
    pub fn read_xlsx(&mut self, table: Table, workbook: &mut Workbook) -> Result<(), DataError> {
        let Some(sheet) = workbook.sheet_or_first(table).map(str::to_owned) else {
            return Err(DataError::new(
                DataErrorKind::MissingSheet,
                table,
                None,
                None,
            ));
        };
        self.read_xlsx_sheet(table, workbook, &sheet)
    }

    /// Reads `table` from the .xlsx file at `path` ([`read_xlsx`](Self::read_xlsx));
    /// errors name the file.
    pub fn read_xlsx_file(&mut self, table: Table, path: &Path) -> Result<(), DataError> {
        let mut workbook = Workbook::open(path, table)?;
        self.read_xlsx(table, &mut workbook)
            .map_err(|e| e.in_file(path.display().to_string()))
    }

    /// Reads every table from one workbook with a sheet per table
    /// (`docs/data.md#workbook-sheets`): `participants` and `assessments`
    /// must have a sheet (`missing_sheet`), `follow_ups` is read when it
    /// has one.
    pub fn read_workbook(&mut self, workbook: &mut Workbook) -> Result<(), DataError> {
        // Every sheet is looked for before any is read, so a missing one is
        // reported first.
        let mut sheets = Vec::with_capacity(3);
        for table in [Table::Participants, Table::Assessments, Table::FollowUps] {
            match workbook.sheet_for(table) {
                Some(sheet) => sheets.push((table, sheet.to_owned())),
                None if table == Table::FollowUps => {}
                None => {
                    let kind = DataErrorKind::MissingSheet;
                    return Err(DataError::new(kind, table, None, None));
                }
            }
        }
        for (table, sheet) in sheets {
            self.read_xlsx_sheet(table, workbook, &sheet)?;
        }
        Ok(())
    }

    /// [`read_workbook`](Self::read_workbook) of the .xlsx file at `path`;
    /// errors name the file.
    pub fn read_workbook_file(&mut self, path: &Path) -> Result<(), DataError> {
        let mut workbook = Workbook::open(path, Table::Participants)?;
        self.read_workbook(&mut workbook)
            .map_err(|e| e.in_file(path.display().to_string()))
    }

    /// Reads `table` from bytes of unknown kind: an .xlsx workbook when
    /// they start like a zip archive ([`is_xlsx`]), else CSV in `encoding`
    /// (`docs/data.md#xlsx-files`). How the page and JavaScript read files.
    pub fn read_table_bytes(
        &mut self,
        table: Table,
        bytes: &[u8],
        encoding: super::Encoding,
    ) -> Result<(), DataError> {
        if is_xlsx(bytes) {
            let mut workbook = Workbook::from_bytes(bytes.to_vec(), table)?;
            self.read_xlsx(table, &mut workbook)
        } else {
            self.read_csv_sized(table, bytes, encoding, Some(bytes.len() as u64))
        }
    }
}

impl super::Dataset {
    /// Reads every table from the one .xlsx workbook at `path`, a sheet per
    /// table ([`DatasetBuilder::read_workbook`]); errors name the file and sheet.
    pub fn from_workbook_file(
        programme: &crate::programme::Programme,
        path: &Path,
    ) -> Result<super::Dataset, DataError> {
        let mut builder = super::Dataset::builder(programme);
        builder.read_workbook_file(path)?;
        Ok(builder.build())
    }
}

#[cfg(test)]
#[cfg(feature = "xlsx")]
pub(crate) mod tests {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula};

    use super::*;
    use crate::Options;
    use crate::data::Dataset;
    use crate::programme::Programme;

    fn programme() -> Programme {
        Programme::from_toml(include_str!("../../../../examples/nordost/programme.toml"))
            .expect("programme")
    }

    /// A cell to write: text, a number, a boolean, a date (with a date
    /// format), a formula with its cached result, or nothing.
    #[derive(Debug, Clone)]
    pub(crate) enum Put {
        Text(&'static str),
        Owned(String),
        Number(f64),
        Bool(bool),
        Date(u16, u8, u8),
        Formula(&'static str, &'static str),
        Skip,
    }

    /// A workbook of `(sheet name, rows)`, the first row the header.
    pub(crate) fn workbook(sheets: &[(&str, Vec<Vec<Put>>)]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (name, rows) in sheets {
            let sheet = book.add_worksheet();
            sheet.set_name(*name).expect("a sheet name");
            for (r, row) in rows.iter().enumerate() {
                for (c, put) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    match put {
                        Put::Text(s) => sheet.write_string(r, c, *s).map(|_| ()),
                        Put::Owned(s) => sheet.write_string(r, c, s).map(|_| ()),
                        Put::Number(f) => sheet.write_number(r, c, *f).map(|_| ()),
                        Put::Bool(b) => sheet.write_boolean(r, c, *b).map(|_| ()),
                        Put::Date(y, m, d) => {
                            let day = ExcelDateTime::from_ymd(*y, *m, *d).expect("a date");
                            sheet
                                .write_datetime_with_format(r, c, &day, &date)
                                .map(|_| ())
                        }
                        Put::Formula(f, result) => sheet
                            .write_formula(r, c, Formula::new(*f).set_result(*result))
                            .map(|_| ()),
                        Put::Skip => Ok(()),
                    }
                    .expect("a cell");
                }
            }
        }
        book.save_to_buffer().expect("a workbook")
    }

    fn read(table: Table, bytes: Vec<u8>) -> Result<Dataset, DataError> {
        let mut builder = Dataset::builder(&programme());
        let mut book = Workbook::from_bytes(bytes, table)?;
        builder.read_xlsx(table, &mut book)?;
        Ok(builder.build())
    }

    fn failure(table: Table, bytes: Vec<u8>) -> (&'static str, Option<u64>, Option<String>) {
        let e = read(table, bytes).expect_err("an error");
        (e.code(), e.row(), e.column().map(str::to_owned))
    }

    /// A CSV file of the example as a sheet: with `typed`, dates as Excel
    /// dates, numbers as numbers and `true`/`false` as booleans, as a
    /// person typing into Excel would get them; else every cell as text.
    pub(crate) fn csv_sheet(csv: &str, typed: bool) -> Vec<Vec<Put>> {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.as_bytes());
        let mut rows = Vec::new();
        for (r, record) in reader.records().enumerate() {
            let record = record.expect("a record");
            let row = record
                .iter()
                .map(|cell| {
                    if !typed || r == 0 {
                        return Put::Owned(cell.to_owned());
                    }
                    if cell.is_empty() {
                        return Put::Skip;
                    }
                    if let Some(d) = crate::model::iso_date(cell, crate::model::TimePart::Refused) {
                        use chrono::Datelike;
                        return Put::Date(d.year() as u16, d.month() as u8, d.day() as u8);
                    }
                    match cell {
                        "true" => Put::Bool(true),
                        "false" => Put::Bool(false),
                        _ => match cell.parse::<f64>() {
                            Ok(f) => Put::Number(f),
                            Err(_) => Put::Owned(cell.to_owned()),
                        },
                    }
                })
                .collect();
            rows.push(row);
        }
        rows
    }

    const PARTICIPANTS: &str = include_str!("../../../../examples/nordost/participants.csv");
    const ASSESSMENTS: &str = include_str!("../../../../examples/nordost/assessments.csv");
    const FOLLOW_UPS: &str = include_str!("../../../../examples/nordost/follow_ups.csv");

    /// The example's three tables as one workbook, a sheet per table.
    pub(crate) fn nordost_workbook(typed: bool, names: [&str; 3]) -> Vec<u8> {
        workbook(&[
            (names[0], csv_sheet(PARTICIPANTS, typed)),
            (names[1], csv_sheet(ASSESSMENTS, typed)),
            (names[2], csv_sheet(FOLLOW_UPS, typed)),
        ])
    }

    fn nordost_report(dataset: &Dataset) -> String {
        let as_of = "2023-01-31".parse().expect("a date");
        dataset
            .evaluate(&Options::new().as_of(as_of))
            .expect("evaluates")
            .to_json()
    }

    #[test]
    fn nordost_as_a_workbook_gives_the_csv_report() {
        let mut builder = Dataset::builder(&programme());
        builder
            .read_csv(Table::Participants, PARTICIPANTS.as_bytes())
            .expect("participants");
        builder
            .read_csv(Table::Assessments, ASSESSMENTS.as_bytes())
            .expect("assessments");
        builder
            .read_csv(Table::FollowUps, FOLLOW_UPS.as_bytes())
            .expect("follow-ups");
        let expected = nordost_report(&builder.build());
        for typed in [true, false] {
            for names in [
                ["participants", "assessments", "follow_ups"],
                ["Deltagare", "SKATTNINGAR", " Uppföljningar "],
            ] {
                let mut book =
                    Workbook::from_bytes(nordost_workbook(typed, names), Table::Participants)
                        .expect("opens");
                let mut builder = Dataset::builder(&programme());
                builder.read_workbook(&mut book).expect("reads");
                assert_eq!(
                    nordost_report(&builder.build()),
                    expected,
                    "typed {typed}, {names:?}"
                );
            }
        }
    }

    #[test]
    fn numbers_are_read_as_a_csv_export_writes_them() {
        use Put::*;
        let participants = workbook(&[(
            "Blad1",
            vec![
                vec![Text("id"), Text("gender"), Text("entry_date")],
                vec![Number(1001.0), Text("K"), Date(2021, 2, 1)],
                vec![Text("1001"), Text("M"), Date(2021, 3, 1)],
            ],
        )]);
        // 1001 and "1001" are the same participant: a second episode that
        // overlaps the first (an open first episode) is overlapping_episodes
        // at row 3, so the number was read as the id "1001".
        assert_eq!(
            failure(Table::Participants, participants),
            ("overlapping_episodes", Some(3), Some("entry_date".into()))
        );
        let assessments = workbook(&[(
            "skattningar",
            vec![
                vec![
                    Text("participant_id"),
                    Text("date"),
                    Text("parameter"),
                    Text("level"),
                ],
                vec![
                    Number(1001.0),
                    Date(2021, 2, 2),
                    Text("swedish"),
                    Number(3.0),
                ],
                vec![
                    Number(1001.0),
                    Date(2021, 2, 3),
                    Text("swedish"),
                    Number(2.5),
                ],
            ],
        )]);
        assert_eq!(
            failure(Table::Assessments, assessments),
            ("invalid_level", Some(3), Some("level".into()))
        );
    }

    #[test]
    fn dates_as_dates_as_text_and_as_plain_numbers() {
        use Put::*;
        let book = |entry: Put| {
            workbook(&[(
                "participants",
                vec![
                    vec![Text("id"), Text("gender"), Text("entry_date")],
                    vec![Text("N1"), Text("K"), entry],
                ],
            )])
        };
        for good in [
            Date(2021, 2, 1),
            Text("2021-02-01"),
            Text("2021-02-01 00:00:00"),
        ] {
            let dataset = read(Table::Participants, book(good.clone())).expect("reads");
            assert_eq!(dataset.participant_count(), 1, "{good:?}");
        }
        // 44228 is 2021-02-01 as a serial number, but a number without a
        // date format is not a date (docs/data.md#xlsx-cells), nor is a
        // date formula's cached value without one.
        for bad in [
            Number(44228.0),
            Formula("=DATE(2021,2,1)", "44228"),
            Text("01/02/2021"),
            Bool(true),
        ] {
            assert_eq!(
                failure(Table::Participants, book(bad.clone())),
                ("invalid_date", Some(2), Some("entry_date".into())),
                "{bad:?}"
            );
        }
        // Excel's 1900-02-29 (serial 60) is no date: rust_xlsxwriter writes
        // 1900-03-01 as serial 61, made 60 here.
        let bytes = book(Date(1900, 3, 1));
        assert!(
            find(&bytes, b"<v>61</v>").is_none(),
            "the sheet is compressed"
        );
        let bytes = repack_sheet(&bytes, |xml| {
            assert!(xml.contains("<v>61</v>"), "{xml}");
            xml.replace("<v>61</v>", "<v>60</v>")
        });
        assert_eq!(
            failure(Table::Participants, bytes),
            ("invalid_date", Some(2), Some("entry_date".into()))
        );
    }

    #[test]
    fn cell_references_beyond_32_bits_are_no_crash() {
        use Put::*;
        let bytes = workbook(&[(
            "participants",
            vec![
                vec![Text("id"), Text("gender"), Text("entry_date")],
                vec![Text("N1"), Text("K"), Date(2021, 2, 1)],
                vec![Text("N2"), Text("M"), Date(2021, 2, 1)],
            ],
        )]);
        // calamine adds these up in u32 unchecked (the workspace
        // Cargo.toml keeps its overflow checks off, as in release builds):
        // the cells wrap to somewhere else, and the rows read as usual.
        let bytes = repack_sheet(&bytes, |xml| {
            assert!(
                xml.contains("r=\"B2\"") && xml.contains("r=\"A3\""),
                "{xml}"
            );
            xml.replace("r=\"B2\"", "r=\"AAAAAAAAAAAA2\"")
                .replace("r=\"A3\"", "r=\"A99999999999\"")
        });
        match read(Table::Participants, bytes) {
            Ok(dataset) => assert!(dataset.participant_count() <= 2),
            Err(e) => assert!(e.row().is_some(), "{e}"),
        }
    }

    /// Where `needle` first occurs in `bytes`.
    fn find(bytes: &[u8], needle: &[u8]) -> Option<usize> {
        bytes.windows(needle.len()).position(|w| w == needle)
    }

    /// The workbook with its first sheet's XML changed by `edit`.
    fn repack_sheet(bytes: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).expect("a part");
            let name = part.name().expect("a name").into_owned();
            let mut content = Vec::new();
            part.read_to_end(&mut content).expect("unpacks");
            if name == "xl/worksheets/sheet1.xml" {
                content = edit(std::str::from_utf8(&content).expect("utf-8")).into_bytes();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .expect("a part");
            out.write_all(&content).expect("writes");
        }
        out.finish().expect("a zip").into_inner()
    }

    #[test]
    fn formulas_are_read_as_their_cached_values() {
        use Put::*;
        let bytes = workbook(&[(
            "assessments",
            vec![
                vec![
                    Text("participant_id"),
                    Text("date"),
                    Text("parameter"),
                    Text("level"),
                ],
                vec![
                    Text("N0001"),
                    Date(2021, 7, 9),
                    Text("swedish"),
                    Formula("=1+2", "3"),
                ],
                vec![
                    Text("N0001"),
                    Date(2021, 7, 10),
                    Text("swedish"),
                    Formula("=1/0", "#DIV/0!"),
                ],
            ],
        )]);
        // Row 2's level is 3 (read); row 3's cached error value is no level.
        assert_eq!(
            failure(Table::Assessments, bytes),
            ("invalid_level", Some(3), Some("level".into()))
        );
    }

    #[test]
    fn empty_rows_are_skipped_and_counted() {
        use Put::*;
        let bytes = workbook(&[(
            "participants",
            vec![
                vec![Text("id"), Text("gender"), Text("entry_date"), Text("note")],
                vec![Text("N1"), Text("K"), Date(2021, 2, 1)],
                vec![],
                vec![Text("  "), Skip, Skip],
                vec![Text("N2"), Text("M"), Date(2021, 2, 1)],
                vec![Skip, Skip, Skip, Text("a note only")],
            ],
        )]);
        // Rows 3 and 4 are empty and skipped; row 6 has a value (in a
        // column the table does not read), so it is a row: its id is empty.
        let e = read(Table::Participants, bytes).expect_err("an error");
        assert_eq!(
            (e.code(), e.row(), e.column(), e.sheet()),
            ("invalid_id", Some(6), Some("id"), Some("participants"))
        );
        assert_eq!(
            e.to_string(),
            "participants table, sheet participants, row 6, column id: \
             empty id, or longer than 128 bytes [invalid_id]"
                .replace(
                    "empty id, or longer than 128 bytes",
                    &DataErrorKind::InvalidId.to_string()
                )
        );
    }

    #[test]
    fn a_bad_cell_names_file_sheet_row_and_column_never_the_value() {
        use Put::*;
        let bytes = workbook(&[(
            "Deltagare",
            vec![
                vec![Text("Deltagare"), Text("Kön"), Text("Startdatum")],
                vec![Text("N0001"), Text("SECRET-GENDER"), Date(2021, 2, 1)],
            ],
        )]);
        let dir = std::env::temp_dir().join(format!("stegvis-xlsx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a directory");
        let path = dir.join("deltagare.XLSX");
        std::fs::write(&path, bytes).expect("writes");
        let mut builder = Dataset::builder(&programme());
        let e = builder
            .read_csv_file(Table::Participants, &path, super::super::Encoding::Auto)
            .expect_err("an error");
        assert_eq!(
            (e.code(), e.row(), e.column(), e.sheet()),
            ("invalid_gender", Some(2), Some("gender"), Some("Deltagare"))
        );
        assert_eq!(e.file(), Some(path.display().to_string().as_str()));
        let message = e.to_string();
        assert!(
            message.contains(", sheet Deltagare, row 2, column gender: "),
            "{message}"
        );
        assert!(
            !message.contains("SECRET") && !message.contains("N0001"),
            "{message}"
        );
        std::fs::remove_dir_all(&dir).expect("cleans up");
    }

    #[test]
    fn a_workbook_needs_sheets_for_participants_and_assessments() {
        let only_participants = workbook(&[("deltagare", csv_sheet(PARTICIPANTS, true))]);
        let mut book = Workbook::from_bytes(only_participants, Table::Participants).expect("opens");
        let mut builder = Dataset::builder(&programme());
        let e = builder.read_workbook(&mut book).expect_err("an error");
        assert_eq!(
            (e.code(), e.table(), e.row()),
            ("missing_sheet", Table::Assessments, None)
        );
        // One file per table: a sheet named for the table, else the first.
        let book = Workbook::from_bytes(
            workbook(&[("notes", vec![]), ("Assessments", vec![]), ("x", vec![])]),
            Table::Assessments,
        )
        .expect("opens");
        assert_eq!(book.sheet_or_first(Table::Assessments), Some("Assessments"));
        assert_eq!(book.sheet_or_first(Table::Participants), Some("notes"));
        assert_eq!(book.sheet_for(Table::FollowUps), None);
    }

    #[test]
    fn which_tables_a_workbook_holds() {
        let open = |bytes| Workbook::from_bytes(bytes, Table::Participants).expect("opens");
        let names = ["deltagare", "Blad2", "uppföljningar"];
        let mut named = open(nordost_workbook(false, names));
        assert_eq!(named.tables(), [Table::Participants, Table::FollowUps]);
        let mut first = open(workbook(&[("Blad1", csv_sheet(ASSESSMENTS, true))]));
        assert_eq!(first.tables(), [Table::Assessments]);
        let mut none = open(workbook(&[("Blad1", vec![])]));
        assert_eq!(none.tables(), []);
    }

    #[test]
    fn an_empty_sheet_is_a_missing_column() {
        assert_eq!(
            failure(Table::Participants, workbook(&[("participants", vec![])])),
            ("missing_column", Some(1), Some("id".into()))
        );
    }

    #[test]
    fn what_is_not_a_workbook_is_invalid_xlsx() {
        let csv = b"id,gender,entry_date\nN1,K,2021-02-01\n".to_vec();
        let mut truncated = workbook(&[("participants", vec![])]);
        truncated.truncate(truncated.len() / 2);
        let mut damaged = workbook(&[("participants", csv_sheet(PARTICIPANTS, false))]);
        // Flip bytes in the middle of the compressed sheet data.
        let middle = damaged.len() / 3;
        for b in &mut damaged[middle..middle + 64] {
            *b ^= 0x5a;
        }
        let not_a_workbook = {
            use std::io::Write;
            let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
            out.start_file("hello.txt", zip::write::SimpleFileOptions::default())
                .expect("a part");
            out.write_all(b"hello").expect("writes");
            out.finish().expect("a zip").into_inner()
        };
        for (what, bytes) in [
            ("csv", csv),
            ("empty", Vec::new()),
            ("truncated", truncated),
            ("damaged", damaged),
            ("a zip without a workbook", not_a_workbook),
        ] {
            let e = Workbook::from_bytes(bytes, Table::Participants).expect_err(what);
            assert_eq!(
                (e.code(), e.row(), e.column()),
                ("invalid_xlsx", None, None),
                "{what}"
            );
        }
    }

    /// A zip archive of one part, deflated, that unpacks to `size` zero
    /// bytes: deflate's fixed Huffman code, a literal 0 and then matches of
    /// 258 bytes at distance 1, 13 bits each (a zip bomb of ratio ~160).
    pub(crate) fn zip_bomb(size: u64) -> Vec<u8> {
        struct Bits {
            out: Vec<u8>,
            acc: u64,
            n: u32,
        }
        impl Bits {
            fn put(&mut self, value: u64, count: u32) {
                self.acc |= value << self.n;
                self.n += count;
                while self.n >= 8 {
                    self.out.push(self.acc as u8);
                    self.acc >>= 8;
                    self.n -= 8;
                }
            }
            /// A Huffman code, most significant bit first.
            fn code(&mut self, code: u64, count: u32) {
                let mut reversed = 0;
                for i in 0..count {
                    reversed |= ((code >> i) & 1) << (count - 1 - i);
                }
                self.put(reversed, count);
            }
        }
        let mut bits = Bits {
            out: Vec::new(),
            acc: 0,
            n: 0,
        };
        bits.put(1, 1); // final block
        bits.put(1, 2); // fixed Huffman
        bits.code(0x30, 8); // literal 0
        let mut left = size - 1;
        while left >= 258 {
            bits.code(0b1100_0101, 8); // length 258 (code 285)
            bits.code(0, 5); // distance 1
            left -= 258;
        }
        for _ in 0..left {
            bits.code(0x30, 8);
        }
        bits.code(0, 7); // end of block (256)
        bits.put(0, 7);
        let data = bits.out;
        // The CRC-32 of the zero bytes, for a small bomb that is read to
        // the end (a large one never is).
        let mut crc = 0u32;
        if size <= 1 << 20 {
            crc = !0;
            for _ in 0..size {
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            crc = !crc;
        }
        let name = b"xl/worksheets/sheet1.xml";
        let mut zip = Vec::new();
        let u16le = |v: u16| v.to_le_bytes();
        let u32le = |v: u32| v.to_le_bytes();
        let header = |zip: &mut Vec<u8>, central: bool| {
            zip.extend_from_slice(if central {
                b"PK\x01\x02"
            } else {
                b"PK\x03\x04"
            });
            if central {
                zip.extend_from_slice(&u16le(20));
            }
            zip.extend_from_slice(&u16le(20)); // version needed
            zip.extend_from_slice(&u16le(0)); // flags
            zip.extend_from_slice(&u16le(8)); // deflate
            zip.extend_from_slice(&u32le(0)); // time, date
            zip.extend_from_slice(&u32le(crc));
            zip.extend_from_slice(&u32le(data.len() as u32));
            zip.extend_from_slice(&u32le(size as u32));
            zip.extend_from_slice(&u16le(name.len() as u16));
            zip.extend_from_slice(&u16le(0)); // extra
            if central {
                zip.extend_from_slice(&u16le(0)); // comment
                zip.extend_from_slice(&u16le(0)); // disk
                zip.extend_from_slice(&u16le(0)); // internal attributes
                zip.extend_from_slice(&u32le(0)); // external attributes
                zip.extend_from_slice(&u32le(0)); // offset of the local header
            }
            zip.extend_from_slice(name);
        };
        header(&mut zip, false);
        zip.extend_from_slice(&data);
        let central = zip.len();
        header(&mut zip, true);
        let central_size = zip.len() - central;
        zip.extend_from_slice(b"PK\x05\x06");
        zip.extend_from_slice(&[0; 4]);
        zip.extend_from_slice(&u16le(1));
        zip.extend_from_slice(&u16le(1));
        zip.extend_from_slice(&u32le(central_size as u32));
        zip.extend_from_slice(&u32le(central as u32));
        zip.extend_from_slice(&u16le(0));
        zip
    }

    #[test]
    fn a_zip_bomb_is_xlsx_too_large_without_unpacking_it_into_memory() {
        // 1 MiB unpacks: the guard passes it (calamine then finds no workbook).
        assert_eq!(guard(&zip_bomb(1 << 20)), Ok(()));
        let bomb = zip_bomb(MAX_XLSX_UNPACKED + 1);
        assert!((bomb.len() as u64) < MAX_XLSX_BYTES, "{}", bomb.len());
        assert_eq!(guard(&bomb), Err(DataErrorKind::XlsxTooLarge));
        let e = Workbook::from_bytes(bomb, Table::Assessments).expect_err("too large");
        assert_eq!(
            (e.code(), e.table()),
            ("xlsx_too_large", Table::Assessments)
        );
    }

    #[test]
    fn a_file_over_64_mib_or_with_too_many_parts_is_xlsx_too_large() {
        let mut big = b"PK\x03\x04".to_vec();
        big.resize(MAX_XLSX_BYTES as usize + 1, 0);
        assert_eq!(guard(&big), Err(DataErrorKind::XlsxTooLarge));
        let many = {
            let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
            for i in 0..=MAX_XLSX_PARTS {
                out.start_file(
                    format!("{i}"),
                    zip::write::SimpleFileOptions::default()
                        .compression_method(zip::CompressionMethod::Stored),
                )
                .expect("a part");
            }
            out.finish().expect("a zip").into_inner()
        };
        assert_eq!(guard(&many), Err(DataErrorKind::XlsxTooLarge));
    }

    #[test]
    fn bytes_that_start_like_a_zip_are_read_as_a_workbook_else_as_csv() {
        let mut builder = Dataset::builder(&programme());
        builder
            .read_table_bytes(
                Table::Participants,
                &nordost_workbook(true, ["participants", "assessments", "follow_ups"]),
                super::super::Encoding::Auto,
            )
            .expect("a workbook");
        builder
            .read_table_bytes(
                Table::Assessments,
                ASSESSMENTS.as_bytes(),
                super::super::Encoding::Auto,
            )
            .expect("CSV");
        let dataset = builder.build();
        assert_eq!(
            dataset.participant_count(),
            PARTICIPANTS.lines().count() - 1 - 5
        );
    }
}
