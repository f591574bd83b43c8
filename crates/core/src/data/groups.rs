//! The values of breakdown columns (`docs/data.md#breakdown-columns`):
//! each distinct value is interned once, and every participant keeps a
//! small group index per column breakdown, so nothing is allocated per row
//! beyond a new distinct value.

use std::fmt::Write;

use foldhash::HashMap;

use super::Field;
use crate::error::DataErrorKind;
use crate::programme::{MAX_GROUPS, UNKNOWN_GROUP};

/// The group index of a participant without a value.
pub(crate) const UNKNOWN: u32 = u32::MAX;

/// One column breakdown's distinct values and each participant's group.
#[derive(Debug, Clone, Default)]
pub(crate) struct ColumnGroups {
    /// Distinct values, in the order first read.
    pub(crate) values: Vec<Box<str>>,
    lookup: HashMap<Box<str>, u32>,
    /// Per participant (by index): an index into `values`, or [`UNKNOWN`].
    pub(crate) of: Vec<u32>,
}

impl ColumnGroups {
    /// The group of a cell, interning a new value: trimmed text; an integer
    /// in decimal; a float that is a whole number as that integer, any
    /// other finite one in its shortest round-trip form; `true`/`false`; a
    /// date as `YYYY-MM-DD`. An empty cell, NaN and the text `unknown` (any
    /// ASCII case) are [`UNKNOWN`]; a list, an infinite number or another
    /// value is `invalid_group`; a value past the 1 000th distinct one
    /// `too_many_groups`. `buf` is reused across rows.
    pub(crate) fn intern(
        &mut self,
        cell: Field<'_>,
        buf: &mut String,
    ) -> Result<u32, DataErrorKind> {
        buf.clear();
        let text: &str = match cell.normalised() {
            Field::Null => return Ok(UNKNOWN),
            Field::Text(s) => crate::vocab::trim(s),
            Field::Integer(i) => {
                let _ = write!(buf, "{i}");
                buf
            }
            Field::Float(f) if f.is_nan() => return Ok(UNKNOWN),
            Field::Float(f) if !f.is_finite() => return Err(DataErrorKind::InvalidGroup),
            Field::Float(f) if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 => {
                let _ = write!(buf, "{}", f as i64);
                buf
            }
            Field::Float(f) => {
                let _ = write!(buf, "{f}");
                buf
            }
            Field::Bool(b) => {
                buf.push_str(if b { "true" } else { "false" });
                buf
            }
            Field::Date(d) => {
                let _ = write!(buf, "{}", d.format("%Y-%m-%d"));
                buf
            }
            Field::List(_) | Field::Unsupported => return Err(DataErrorKind::InvalidGroup),
        };
        if text.is_empty() || text.eq_ignore_ascii_case(UNKNOWN_GROUP) {
            return Ok(UNKNOWN);
        }
        if let Some(&i) = self.lookup.get(text) {
            return Ok(i);
        }
        if self.values.len() >= MAX_GROUPS {
            return Err(DataErrorKind::TooManyGroups);
        }
        let i = self.values.len() as u32;
        self.values.push(text.into());
        self.lookup.insert(text.into(), i);
        Ok(i)
    }

    /// Drops the values no participant has (those read only from a later
    /// episode, whose values are not used: `docs/data.md#episodes`),
    /// keeping the others in order.
    pub(crate) fn keep_used(&mut self) {
        let mut new = vec![UNKNOWN; self.values.len()];
        for &g in &self.of {
            if g != UNKNOWN {
                new[g as usize] = 0;
            }
        }
        if new.iter().all(|&n| n == 0) {
            return;
        }
        let mut kept = 0;
        for (i, n) in new.iter_mut().enumerate() {
            if *n == 0 {
                *n = kept;
                self.values.swap(kept as usize, i);
                kept += 1;
            }
        }
        self.values.truncate(kept as usize);
        for g in &mut self.of {
            if *g != UNKNOWN {
                *g = new[*g as usize];
            }
        }
        self.lookup = self
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| (v.clone(), i as u32))
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn values_are_trimmed_text_and_numbers_in_their_text_form() {
        let mut g = ColumnGroups::default();
        let mut buf = String::new();
        let mut text = |f: Field<'_>| {
            g.intern(f, &mut buf)
                .map(|i| (i != UNKNOWN).then(|| g.values[i as usize].to_string()))
        };
        assert_eq!(text(Field::Text("  Norr ")), Ok(Some("Norr".into())));
        assert_eq!(text(Field::Text("Norr")), Ok(Some("Norr".into())));
        assert_eq!(text(Field::Text("   ")), Ok(None));
        assert_eq!(text(Field::Text("Unknown")), Ok(None));
        assert_eq!(text(Field::Null), Ok(None));
        assert_eq!(text(Field::Integer(12)), Ok(Some("12".into())));
        assert_eq!(text(Field::Float(12.0)), Ok(Some("12".into())));
        assert_eq!(text(Field::Float(2.5)), Ok(Some("2.5".into())));
        assert_eq!(text(Field::Float(f64::NAN)), Ok(None));
        assert_eq!(
            text(Field::Float(f64::INFINITY)),
            Err(DataErrorKind::InvalidGroup)
        );
        assert_eq!(text(Field::Bool(true)), Ok(Some("true".into())));
        let d = NaiveDate::from_ymd_opt(2021, 3, 1).unwrap();
        assert_eq!(text(Field::Date(d)), Ok(Some("2021-03-01".into())));
        assert_eq!(text(Field::List(&[])), Err(DataErrorKind::InvalidGroup));
        assert_eq!(text(Field::Unsupported), Err(DataErrorKind::InvalidGroup));
        // "12" from text and from a number is the same group.
        assert_eq!(text(Field::Text("12")), Ok(Some("12".into())));
        assert_eq!(g.values.len(), 5);
    }

    #[test]
    fn the_thousand_and_first_value_is_too_many() {
        let mut g = ColumnGroups::default();
        let mut buf = String::new();
        for i in 0..1000 {
            assert!(g.intern(Field::Integer(i), &mut buf).is_ok());
        }
        assert_eq!(g.intern(Field::Integer(5), &mut buf), Ok(5));
        assert_eq!(
            g.intern(Field::Integer(1000), &mut buf),
            Err(DataErrorKind::TooManyGroups)
        );
    }

    #[test]
    fn every_reader_names_the_row_and_column_of_a_bad_group() {
        let programme = crate::Programme::from_toml(
            "id = \"T\"\nname = \"T\"\nstart = 2022-01-01\nend = 2022-12-31\n\
             planned_participants = 10\nbreakdowns = [\"column:District\"]\n",
        )
        .expect("valid");
        // CSV: the header matches ignoring case; the 1 001st value (row
        // 1 002) is too many.
        let mut csv = String::from("id,gender,entry_date,district\n");
        for i in 0..1001 {
            csv += &format!("p{i},K,2022-01-10,d{i}\n");
        }
        let mut b = crate::Dataset::builder(&programme);
        let e = b
            .read_participants_csv(csv.as_bytes())
            .expect_err("too many");
        assert_eq!(
            (e.code(), e.row(), e.column()),
            ("too_many_groups", Some(1002), Some("District"))
        );
        // Records: a list is invalid_group at its row.
        let records = [
            serde_json::json!({"id": "a", "gender": "K", "entry_date": "2022-01-10", "District": "x"}),
            serde_json::json!({"id": "b", "gender": "K", "entry_date": "2022-01-10", "District": ["x"]}),
        ];
        let mut b = crate::Dataset::builder(&programme);
        let e = b.read_participant_records(&records).expect_err("a list");
        assert_eq!(
            (e.code(), e.row(), e.column()),
            ("invalid_group", Some(3), Some("District"))
        );
    }
}
