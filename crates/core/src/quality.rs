//! Data-quality issues (SPEC §10): problems that do not stop a report but
//! that an analyst must see. Each issue carries a count and the smallest row
//! numbers, never ids or values.

use serde::Serialize;

use crate::error::Table;
use crate::report::{Count, Figure};

/// The kinds of data-quality issue, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueKind {
    /// An assessment or follow-up names a participant not in the participants table.
    UnknownParticipant,
    /// An assessment names a parameter the programme does not define.
    UnknownParameter,
    /// An assessment dated outside [entry − 30 days, exit + 30 days], or a
    /// follow-up dated before the exit (or of a participant who has not exited).
    OutsideWindow,
    /// Two assessments of one participant, parameter and date with different levels.
    ConflictingDuplicate,
    /// An integer level outside the parameter's scale (the row is dropped).
    LevelOutsideScale,
    /// Age at entry outside the programme's `eligible_age`.
    AgeOutsideEligible,
    /// A participant whose gender is not recorded.
    UnknownGender,
    /// A participant who has exited without a recorded exit outcome.
    MissingExitOutcome,
    /// Two follow-ups of one participant on one date with different values.
    ConflictingFollowUp,
}

impl IssueKind {
    /// Every kind, in report order.
    pub const ALL: [IssueKind; 9] = [
        IssueKind::UnknownParticipant,
        IssueKind::UnknownParameter,
        IssueKind::OutsideWindow,
        IssueKind::ConflictingDuplicate,
        IssueKind::LevelOutsideScale,
        IssueKind::AgeOutsideEligible,
        IssueKind::UnknownGender,
        IssueKind::MissingExitOutcome,
        IssueKind::ConflictingFollowUp,
    ];

    /// The snake_case name, also the error code in strict mode.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnknownParticipant => "unknown_participant",
            Self::UnknownParameter => "unknown_parameter",
            Self::OutsideWindow => "outside_window",
            Self::ConflictingDuplicate => "conflicting_duplicate",
            Self::LevelOutsideScale => "level_outside_scale",
            Self::AgeOutsideEligible => "age_outside_eligible",
            Self::UnknownGender => "unknown_gender",
            Self::MissingExitOutcome => "missing_exit_outcome",
            Self::ConflictingFollowUp => "conflicting_follow_up",
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::UnknownParticipant => "participant not in the participants table",
            Self::UnknownParameter => "parameter not defined by the programme",
            Self::OutsideWindow => "dated outside the participant's window",
            Self::ConflictingDuplicate => {
                "same participant, parameter and date with different levels"
            }
            Self::LevelOutsideScale => "level outside the parameter's scale",
            Self::AgeOutsideEligible => "age at entry outside the eligible ages",
            Self::UnknownGender => "gender not recorded",
            Self::MissingExitOutcome => "exited without an exit outcome",
            Self::ConflictingFollowUp => "two follow-ups on one date with different values",
        }
    }
}

/// How many rows show one kind of issue in one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// What kind of problem.
    pub kind: IssueKind,
    /// In which table.
    pub table: Table,
    /// How many offending rows (a conflict counts once per participant,
    /// parameter and date); suppressed in a publishable copy when small.
    pub count: Count,
    /// The five smallest offending row numbers (header = row 1); empty in a
    /// publishable copy.
    pub rows: Vec<u64>,
}

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
