//! Tables given as records (JSON objects): what JS arrays of plain objects,
//! Python lists of dicts and the shared test vectors look like. Record i
//! (from 0) is row i + 2, as if it came from a CSV file with a header.

use serde_json::{Map, Value};

use super::{DatasetBuilder, Field, columns};
use crate::error::{DataError, DataErrorKind};
use crate::vocab::Table;

/// The row number of record `i` (from 0).
pub fn record_row(i: usize) -> u64 {
    i as u64 + 2
}

fn field(value: Option<&Value>) -> Field<'_> {
    match value {
        None | Some(Value::Null) => Field::Null,
        Some(Value::String(s)) => Field::Text(s),
        Some(Value::Bool(b)) => Field::Bool(*b),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) => Field::Integer(i),
            None => Field::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Some(Value::Array(_) | Value::Object(_)) => Field::Unsupported,
    }
}

/// A record as an object, or an error naming its row.
fn object(table: Table, i: usize, record: &Value) -> Result<&Map<String, Value>, DataError> {
    record
        .as_object()
        .ok_or_else(|| DataError::new(DataErrorKind::InvalidCsv, table, Some(record_row(i)), None))
}

/// Checks that some record has each required column, as a CSV header would.
fn require(table: Table, records: &[Value], required: &[&str]) -> Result<(), DataError> {
    if records.is_empty() {
        return Ok(());
    }
    for name in required {
        if !records.iter().any(|r| r.get(name).is_some()) {
            return Err(DataError::new(
                DataErrorKind::MissingColumn,
                table,
                Some(1),
                Some(name),
            ));
        }
    }
    Ok(())
}

impl DatasetBuilder {
    /// Reads records of `table`: objects keyed by the column names of
    /// [`columns::of`]. `tags` may also be a list of texts.
    pub fn read_records(&mut self, table: Table, records: &[Value]) -> Result<(), DataError> {
        let (required, optional) = columns::of(table);
        require(table, records, required)?;
        let names = || required.iter().chain(optional);
        for (i, record) in records.iter().enumerate() {
            let r = object(table, i, record)?;
            let joined;
            let mut cells = [Field::Null; columns::MAX_CELLS];
            for (c, name) in names().enumerate() {
                cells[c] = field(r.get(*name));
            }
            if table == Table::Participants
                && let Some(Value::Array(items)) = r.get("tags")
            {
                cells[columns::TAGS] =
                    match items.iter().map(Value::as_str).collect::<Option<Vec<_>>>() {
                        Some(texts) => {
                            joined = texts.join(";");
                            Field::Text(&joined)
                        }
                        None => Field::Unsupported,
                    };
            }
            self.add_cells(table, record_row(i), &cells[..names().count()])?;
        }
        Ok(())
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
