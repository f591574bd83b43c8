//! The log of data-quality issues (docs/method.md, data quality) as rows
//! are read and evaluated: per kind and table a count and the smallest row
//! numbers, so memory stays constant whatever the input. The data layer
//! records what it finds while reading, the engine what it finds while
//! evaluating; the report gets the sorted [`Issue`]s.

use crate::report::{Figure, Issue};
use crate::vocab::{IssueKind, Table};

/// An issue while it is being counted.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    kind: IssueKind,
    table: Table,
    count: u64,
    rows: Vec<u64>,
}

/// How many row numbers an issue lists.
pub(crate) const ROWS_SHOWN: usize = 5;

/// Collects issues while the data is read and evaluated, keeping per
/// (kind, table) a count and the smallest rows, so memory stays constant.
#[derive(Debug, Clone, Default)]
pub(crate) struct IssueLog {
    entries: Vec<Entry>,
}

impl IssueLog {
    pub(crate) fn record(&mut self, kind: IssueKind, table: Table, row: u64) {
        let entry = match self
            .entries
            .iter_mut()
            .position(|e| e.kind == kind && e.table == table)
        {
            Some(i) => &mut self.entries[i],
            None => {
                self.entries.push(Entry {
                    kind,
                    table,
                    count: 0,
                    rows: Vec::with_capacity(ROWS_SHOWN),
                });
                self.entries.last_mut().expect("just pushed")
            }
        };
        entry.count += 1;
        keep_smallest(&mut entry.rows, row);
    }

    /// Adds another log's counts and rows.
    pub(crate) fn absorb(&mut self, other: IssueLog) {
        for issue in other.entries {
            match self
                .entries
                .iter_mut()
                .find(|e| e.kind == issue.kind && e.table == issue.table)
            {
                Some(entry) => {
                    entry.count += issue.count;
                    issue
                        .rows
                        .into_iter()
                        .for_each(|row| keep_smallest(&mut entry.rows, row));
                }
                None => self.entries.push(issue),
            }
        }
    }

    /// The issues in report order: by table, then kind.
    pub(crate) fn into_sorted(mut self) -> Vec<Issue> {
        self.entries.sort_by_key(|e| (e.table, e.kind));
        let issue = |e: Entry| Issue {
            kind: e.kind,
            table: e.table,
            count: Figure::Value(e.count),
            rows: e.rows,
        };
        self.entries.into_iter().map(issue).collect()
    }

    /// The first issue by (table, row), which strict mode raises.
    pub(crate) fn first(&self) -> Option<(IssueKind, Table, u64)> {
        self.entries
            .iter()
            .filter_map(|e| e.rows.first().map(|&r| (e.table, r, e.kind)))
            .min()
            .map(|(t, r, k)| (k, t, r))
    }
}

/// Inserts `row` into the sorted list of the smallest [`ROWS_SHOWN`] rows.
fn keep_smallest(rows: &mut Vec<u64>, row: u64) {
    let at = rows.partition_point(|&r| r < row);
    if at < ROWS_SHOWN && rows.get(at) != Some(&row) {
        if rows.len() == ROWS_SHOWN {
            rows.pop();
        }
        rows.insert(at, row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_five_smallest_rows_whatever_the_order() {
        let mut log = IssueLog::default();
        for row in [9, 3, 7, 2, 8, 5, 4] {
            log.record(IssueKind::OutsideWindow, Table::Assessments, row);
        }
        let issues = log.into_sorted();
        assert_eq!(issues[0].count, Figure::Value(7));
        assert_eq!(issues[0].rows, vec![2, 3, 4, 5, 7]);
    }
}
