//! Tables given as records (JSON objects): what JS arrays of plain objects,
//! Python lists of dicts and the shared test vectors look like. Record i
//! (from 0) is row i + 2, as if it came from a CSV file with a header.

use serde_json::{Map, Value};

use super::{AssessmentRow, DatasetBuilder, Field, FollowUpRow, ParticipantRow, columns};
use crate::error::{DataError, DataErrorKind, Table};

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
    /// Reads participants from records with the CSV column names as keys.
    pub fn read_participant_records(&mut self, records: &[Value]) -> Result<(), DataError> {
        let t = Table::Participants;
        require(t, records, &columns::PARTICIPANTS)?;
        for (i, record) in records.iter().enumerate() {
            let r = object(t, i, record)?;
            let tags_joined;
            // A list of tags is accepted as well as the `;`-separated text.
            // A list of tags is accepted as well as the `;`-separated text.
            let tags = match r.get("tags") {
                Some(Value::Array(items)) => {
                    match items.iter().map(Value::as_str).collect::<Option<Vec<_>>>() {
                        Some(texts) => {
                            tags_joined = texts.join(";");
                            Field::Text(&tags_joined)
                        }
                        None => Field::Unsupported,
                    }
                }
                other => field(other),
            };
            let row = ParticipantRow {
                id: field(r.get("id")),
                gender: field(r.get("gender")),
                birth_date: field(r.get("birth_date")),
                entry_date: field(r.get("entry_date")),
                exit_date: field(r.get("exit_date")),
                exit_outcome: field(r.get("exit_outcome")),
                tags,
            };
            self.add_participant(record_row(i), &row)?;
        }
        Ok(())
    }

    /// Reads assessments from records.
    pub fn read_assessment_records(&mut self, records: &[Value]) -> Result<(), DataError> {
        let t = Table::Assessments;
        require(t, records, &columns::ASSESSMENTS)?;
        for (i, record) in records.iter().enumerate() {
            let r = object(t, i, record)?;
            let row = AssessmentRow {
                participant_id: field(r.get("participant_id")),
                date: field(r.get("date")),
                parameter: field(r.get("parameter")),
                level: field(r.get("level")),
            };
            self.add_assessment(record_row(i), &row)?;
        }
        Ok(())
    }

    /// Reads follow-ups from records.
    pub fn read_follow_up_records(&mut self, records: &[Value]) -> Result<(), DataError> {
        let t = Table::FollowUps;
        require(t, records, &columns::FOLLOW_UPS)?;
        for (i, record) in records.iter().enumerate() {
            let r = object(t, i, record)?;
            let row = FollowUpRow {
                participant_id: field(r.get("participant_id")),
                date: field(r.get("date")),
                status: field(r.get("status")),
                receives_assistance: field(r.get("receives_assistance")),
            };
            self.add_follow_up(record_row(i), &row)?;
        }
        Ok(())
    }
}
