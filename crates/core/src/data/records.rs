//! Tables given as records: JS arrays of plain objects, Python lists of
//! dicts, the shared test vectors' JSON arrays and Rust values. Every
//! binding feeds [`Records`] one record at a time with the cells of the
//! columns it asks for, so the rules of docs/data.md#records (which
//! columns must appear, what a record that is not an object is, how rows
//! are numbered, which error wins) are decided here once.

use chrono::NaiveDate;
use serde_json::Value;

use super::{DatasetBuilder, Field, columns};
use crate::error::{DataError, DataErrorKind};
use crate::vocab::Table;

/// The row number of record `i` (from 0): records are numbered as if they
/// came from a CSV file with a header (row 1), so record 0 is row 2.
pub fn record_row(i: usize) -> u64 {
    i as u64 + 2
}

/// Reads one table given as records into a [`DatasetBuilder`]; made by
/// [`DatasetBuilder::records`].
///
/// Hand over every record in order ([`Records::add`], or
/// [`Records::add_not_object`] for an element that is not an object), then
/// call [`Records::finish`]. A required column counts as present when at
/// least one record has it, which is only known at the end: so a row error
/// is kept, later records count only for their keys, and `finish` reports
/// a missing column before the row error, as a CSV header check would.
#[derive(Debug)]
pub struct Records<'b> {
    builder: &'b mut DatasetBuilder,
    table: Table,
    /// Records handed over so far.
    count: usize,
    /// Per column (required, then optional): whether some record has it.
    present: [bool; columns::MAX_CELLS],
    /// The first row's error.
    error: Option<DataError>,
}

/// One cell copied out of a host language's value (a Python object, a JS
/// value), for bindings that cannot lend their cells as [`Field`]s: the
/// owned form of a field. [`Records::add_owned`] lends it to the core.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Cell {
    /// Null, missing or NaN.
    #[default]
    Null,
    /// Text.
    Text(String),
    /// An integer.
    Integer(i64),
    /// A floating-point number (all a JS number is; the core reads whole
    /// numbers as integers).
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A calendar date (a host's date value, read as its calendar day).
    Date(NaiveDate),
    /// A list; an item that is itself a list is read as unsupported.
    List(Vec<Cell>),
    /// A value no column accepts.
    Unsupported,
}

impl Cell {
    /// The cell as a field; a list's items are the `items` lent with it.
    fn field<'a>(&'a self, items: &'a [Field<'a>]) -> Field<'a> {
        match self {
            Cell::Null => Field::Null,
            Cell::Text(s) => Field::Text(s),
            Cell::Integer(i) => Field::Integer(*i),
            Cell::Float(f) => Field::Float(*f),
            Cell::Bool(b) => Field::Bool(*b),
            Cell::Date(d) => Field::Date(*d),
            Cell::List(_) => Field::List(items),
            Cell::Unsupported => Field::Unsupported,
        }
    }

    /// A cell that stands alone (an argument such as the participant to
    /// explain) as a field; a list is [`Field::Unsupported`] here, as only
    /// a record's cell lends its items ([`Records::add_owned`]).
    pub fn as_field(&self) -> Field<'_> {
        match self {
            Cell::List(_) => Field::Unsupported,
            other => other.field(&[]),
        }
    }

    /// A list's items as fields, one level deep (empty for other cells).
    fn items(&self) -> Vec<Field<'_>> {
        match self {
            Cell::List(items) => items
                .iter()
                .map(|item| match item {
                    Cell::List(_) => Field::Unsupported,
                    other => other.field(&[]),
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

impl DatasetBuilder {
    /// Starts reading `table` from records; see [`Records`].
    pub fn records(&mut self, table: Table) -> Records<'_> {
        Records {
            builder: self,
            table,
            count: 0,
            present: [false; columns::MAX_CELLS],
            error: None,
        }
    }
}

impl Records<'_> {
    /// The keys to look up in each record, required then optional, then
    /// for participants the programme's breakdown columns
    /// (`docs/data.md#breakdown-columns`): the order of the cells
    /// [`Records::add`] takes.
    pub fn columns(&self) -> Vec<String> {
        self.builder.column_names(self.table)
    }

    /// Whether a record has failed: later records only count for their
    /// keys, so a binding may skip converting their values.
    pub fn failed(&self) -> bool {
        self.error.is_some()
    }

    /// Whether the builder's [`Interrupt`](super::Interrupt) hook said to
    /// stop: a binding stops handing over records, and
    /// [`Records::finish`] returns `interrupted`.
    pub fn interrupted(&self) -> bool {
        self.error
            .as_ref()
            .is_some_and(|e| e.kind() == DataErrorKind::Interrupted)
    }

    /// Counts one more record for the hook; an interruption replaces any
    /// earlier error, as nothing after it is read.
    fn poll(&mut self, row: u64) {
        if let Err(e) = self.builder.poll(self.table, row) {
            self.error = Some(e);
        }
    }

    /// Adds the next record: `cells[i]` is the cell of the i-th of
    /// [`Records::columns`], `None` when the record has no such key
    /// (columns past the end of `cells` are absent too).
    pub fn add(&mut self, cells: &[Option<Field<'_>>]) {
        let row = record_row(self.count);
        self.count += 1;
        let mut fields = [Field::Null; columns::MAX_CELLS];
        for (i, cell) in cells.iter().enumerate().take(columns::MAX_CELLS) {
            if let Some(field) = cell {
                self.present[i] = true;
                fields[i] = *field;
            }
        }
        self.poll(row);
        if self.error.is_none()
            && let Err(e) = self.builder.add_row(self.table, row, &fields)
        {
            self.error = Some(e);
        }
    }

    /// [`Records::add`] for owned cells.
    pub fn add_owned(&mut self, cells: &[Option<Cell>]) {
        let lists: Vec<Vec<Field<'_>>> = cells
            .iter()
            .map(|c| c.as_ref().map(Cell::items).unwrap_or_default())
            .collect();
        let mut fields = [None; columns::MAX_CELLS];
        for ((field, cell), items) in fields.iter_mut().zip(cells).zip(&lists) {
            *field = cell.as_ref().map(|c| c.field(items));
        }
        self.add(&fields);
    }

    /// Adds the next record when it is not an object (a number, a list,
    /// null, …): `invalid_record` at its row (docs/decisions.md, decision 10).
    pub fn add_not_object(&mut self) {
        let row = record_row(self.count);
        self.count += 1;
        self.poll(row);
        if self.error.is_none() {
            let kind = DataErrorKind::InvalidRecord;
            self.error = Some(DataError::new(kind, self.table, Some(row), None));
        }
    }

    /// Adds the next record when one of its cells is not plain data (a
    /// JavaScript getter, which is never called, or a proxy that throws):
    /// `invalid_record` at its row and the first such column, the
    /// `column`-th of [`Records::columns`] (docs/data.md#js-values).
    /// `present[i]` says whether the record has the i-th key; the record
    /// counts for its keys, as any record does.
    pub fn add_not_data(&mut self, present: &[bool], column: usize) {
        let Some(name) = self.columns().into_iter().nth(column) else {
            return self.add_not_object();
        };
        let row = record_row(self.count);
        self.count += 1;
        for (seen, &has) in self.present.iter_mut().zip(present) {
            *seen |= has;
        }
        self.present[column] = true;
        if self.error.is_none() {
            let kind = DataErrorKind::InvalidRecord;
            self.error = Some(DataError::new(kind, self.table, Some(row), Some(&name)));
        }
    }

    /// Ends the table: a required column that no record has (when there is
    /// any record) is `missing_column`; otherwise the first row's error.
    /// An interruption wins over both.
    pub fn finish(self) -> Result<(), DataError> {
        if self.interrupted() {
            return self.error.map_or(Ok(()), Err);
        }
        let required = columns::of(self.table).0;
        if self.count > 0
            && let Some(i) = (0..required.len()).find(|&i| !self.present[i])
        {
            let kind = DataErrorKind::MissingColumn;
            return Err(DataError::new(kind, self.table, Some(1), Some(required[i])));
        }
        self.error.map_or(Ok(()), Err)
    }
}

/// A JSON value as a cell; lists keep their items one level deep.
fn field<'v>(value: &'v Value, items: &'v [Field<'v>]) -> Field<'v> {
    match value {
        Value::Null => Field::Null,
        Value::String(s) => Field::Text(s),
        Value::Bool(b) => Field::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Field::Integer(i),
            None => Field::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::Array(_) => Field::List(items),
        Value::Object(_) => Field::Unsupported,
    }
}

/// The items of a JSON list as cells; an item that is a list is
/// [`Field::Unsupported`] (lists hold texts, never lists).
fn items(value: Option<&Value>) -> Vec<Field<'_>> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::Array(_) => Field::Unsupported,
                other => field(other, &[]),
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl DatasetBuilder {
    /// Reads records of `table` given as JSON values: objects keyed by the
    /// column names of [`columns::of`]. `tags` may also be a list of texts.
    pub fn read_records(&mut self, table: Table, records: &[Value]) -> Result<(), DataError> {
        let mut reader = self.records(table);
        let names = reader.columns();
        for record in records {
            let Some(object) = record.as_object() else {
                reader.add_not_object();
                continue;
            };
            let values: Vec<Option<&Value>> = names.iter().map(|n| object.get(n)).collect();
            // A list's items need a home for as long as the cells borrow them.
            let lists: Vec<Vec<Field<'_>>> = values.iter().map(|v| items(*v)).collect();
            let cells: Vec<Option<Field<'_>>> = values
                .iter()
                .zip(&lists)
                .map(|(v, items)| v.map(|v| field(v, items)))
                .collect();
            reader.add(&cells);
        }
        reader.finish()
    }

    /// Reads participants from records with the CSV column names as keys.
    pub fn read_participant_records(&mut self, records: &[Value]) -> Result<(), DataError> {
        self.read_records(Table::Participants, records)
    }

    /// Reads assessments from records.
    pub fn read_assessment_records(&mut self, records: &[Value]) -> Result<(), DataError> {
        self.read_records(Table::Assessments, records)
    }

    /// Reads follow-ups from records.
    pub fn read_follow_up_records(&mut self, records: &[Value]) -> Result<(), DataError> {
        self.read_records(Table::FollowUps, records)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn builder() -> DatasetBuilder {
        crate::Dataset::builder(&crate::report::demo::programme(""))
    }

    fn code(records: Value) -> Result<(), (String, Option<u64>, Option<String>)> {
        let records = records.as_array().expect("a list").clone();
        builder()
            .read_records(Table::Participants, &records)
            .map_err(|e| (e.code().to_owned(), e.row(), e.column().map(str::to_owned)))
    }

    #[test]
    fn a_missing_column_wins_over_an_earlier_row_error() {
        let e = code(json!([{"id": "a", "gender": "Q"}, {"id": "b"}])).expect_err("fails");
        assert_eq!(
            e,
            ("missing_column".into(), Some(1), Some("entry_date".into()))
        );
        let e = code(json!([{"id": "a", "gender": "Q", "entry_date": null}])).expect_err("fails");
        assert_eq!(e, ("invalid_gender".into(), Some(2), Some("gender".into())));
    }

    #[test]
    fn a_record_that_is_not_an_object_is_invalid_record() {
        let ok = json!({"id": "a", "gender": "K", "entry_date": "2021-02-01"});
        let e = code(json!([ok, 3])).expect_err("fails");
        assert_eq!(e, ("invalid_record".into(), Some(3), None));
        assert!(code(json!([])).is_ok());
    }

    #[test]
    fn a_cell_that_is_not_data_is_invalid_record_at_its_column() {
        let mut builder = builder();
        let mut reader = builder.records(Table::Participants);
        let ok = [
            Field::Text("a"),
            Field::Text("K"),
            Field::Text("2021-02-01"),
        ]
        .map(Some);
        reader.add(&ok);
        // The gender (column 1) of the second record is a getter: the
        // record's error, at that column.
        reader.add_not_data(&[true, true, true], 1);
        let e = reader.finish().expect_err("fails");
        assert_eq!(
            (e.code(), e.row(), e.column()),
            ("invalid_record", Some(3), Some("gender"))
        );
        // The only record, whose keys are all there: a getter for gender
        // is the record's error, not a missing column.
        let mut builder = self::builder();
        let mut reader = builder.records(Table::Participants);
        reader.add_not_data(&[true, false, true], 1);
        let e = reader.finish().expect_err("fails");
        assert_eq!(
            (e.code(), e.row(), e.column()),
            ("invalid_record", Some(2), Some("gender"))
        );
        // A key that no record has is still a missing column first.
        let mut builder = self::builder();
        let mut reader = builder.records(Table::Participants);
        reader.add_not_data(&[true, true, false], 0);
        let e = reader.finish().expect_err("fails");
        assert_eq!(
            (e.code(), e.row(), e.column()),
            ("missing_column", Some(1), Some("entry_date"))
        );
    }

    #[test]
    fn tags_are_texts_or_lists_of_texts() {
        let with = |tags: Value| {
            code(json!([{"id": "a", "gender": "K", "entry_date": "2021-02-01", "tags": tags}]))
        };
        assert!(with(json!(["x", " y;z ", "", null])).is_ok());
        assert!(with(json!("x;y")).is_ok());
        assert!(with(json!([])).is_ok());
        for bad in [
            json!([1]),
            json!([true]),
            json!([["x"]]),
            json!({"x": 1}),
            json!(2),
        ] {
            let e = with(bad).expect_err("fails");
            assert_eq!(e, ("invalid_tags".into(), Some(2), Some("tags".into())));
        }
    }
}
