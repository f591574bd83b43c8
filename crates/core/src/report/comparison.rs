//! The report's `comparison` (`docs/comparison.md`, `docs/report.md#comparison`):
//! every goal for the participants and for a comparison group, the
//! difference with Newcombe's interval, and a balance table.

use serde::Serialize;

use super::{Count, Interval, Issue, Share};
use crate::vocab::{Caveat, Characteristic};

/// A comparison of the participants with a comparison group
/// (`docs/report.md#comparison`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Why the comparison is to be read with care (always `selection`).
    pub caveat: Caveat,
    /// Participants present at as-of (the report's `enrolment.enrolled`).
    pub participants_enrolled: Count,
    /// Members of the comparison group present at as-of (index date ≤ as-of).
    pub comparison_enrolled: Count,
    /// One row per goal, in definition order.
    pub goals: Vec<ComparisonGoal>,
    /// The balance table: one row per characteristic and group.
    pub balance: Vec<BalanceRow>,
    /// Data-quality issues of the comparison group's tables, by table then
    /// kind, as the report's `data_quality`.
    pub data_quality: Vec<Issue>,
}

/// One goal for both groups (`docs/comparison.md#goals`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonGoal {
    /// Goal id.
    pub id: String,
    /// Goal name.
    pub name: String,
    /// The participants' result (the report's own figures for the goal).
    pub participants: GroupGoal,
    /// The comparison group's result under the same rules.
    pub comparison: GroupGoal,
    /// participants' share − comparison group's share, with Newcombe's
    /// hybrid score interval; `None` when either denominator is 0.
    pub difference: Option<ShareDifference>,
}

/// One group's result for a goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupGoal {
    /// Members in the goal's population.
    pub population_size: Count,
    /// Members for whom the criterion is true.
    pub achieved: Count,
    /// Members for whom it is unknown.
    pub unknown: Count,
    /// Unknown members left out (policy `exclude`).
    pub excluded: Count,
    /// population_size − excluded.
    pub denominator: Count,
    /// achieved / denominator.
    pub share: Share,
    /// Wilson 95 % interval of the share.
    pub ci: Interval,
}

/// A difference of two shares with its interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareDifference {
    /// The difference.
    pub difference: Share,
    /// Newcombe hybrid score lower bound.
    pub lower: Share,
    /// Newcombe hybrid score upper bound.
    pub upper: Share,
}

/// One row of the balance table: how many in each group have one value of
/// one characteristic at entry (`docs/comparison.md#balance`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BalanceRow {
    /// Which characteristic.
    pub characteristic: Characteristic,
    /// Which of its groups: a gender, an age band's key or `unknown`, a tag.
    pub group: String,
    /// The participants in this group.
    pub participants: BalanceCell,
    /// The comparison group's members in this group.
    pub comparison: BalanceCell,
    /// participants' share − comparison group's share; `None` when either
    /// group is empty.
    pub difference: Share,
}

/// A count and its share of the group's present members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BalanceCell {
    /// Members in the row's group.
    pub count: Count,
    /// count / members present at as-of.
    pub share: Share,
}
