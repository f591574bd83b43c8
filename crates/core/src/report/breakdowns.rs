//! The report's `breakdowns` (`docs/report.md#breakdowns`): the results per
//! group of each breakdown the programme declares.

use serde::Serialize;

use super::{Count, GoalResult, Interval, ParameterChange, PerGender, Share};
use crate::vocab::BreakdownKind;

/// One breakdown: its groups in report order (`docs/method.md#breakdowns`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownResult {
    /// `age`, `tag:<name>` or `column:<name>`.
    pub id: String,
    /// What it groups by.
    pub kind: BreakdownKind,
    /// Age bands in order then `unknown`; `yes`, `no`; column values by
    /// Unicode code points, then `unknown`.
    pub groups: Vec<GroupResult>,
}

/// The results of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResult {
    /// The group's key (`18-29`, `yes`, a column value, `unknown`).
    pub group: String,
    /// Enrolment with the gender split.
    pub enrolment: GroupEnrolment,
    /// Every goal, in definition order, over the group's participants.
    pub goals: Vec<GoalResult>,
    /// The parameter change table over the group's participants
    /// (`transitions` is null).
    pub parameters: Vec<ParameterChange>,
}

/// A group's enrolment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupEnrolment {
    /// Participants of the group present at as-of.
    pub enrolled: Count,
    /// Of those, how many exited by as-of.
    pub exited: Count,
    /// Per gender: the count and its share of the group's known gender.
    pub by_gender: PerGender<GroupGender>,
}

/// One gender within a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupGender {
    /// Participants of this gender in the group.
    pub count: Count,
    /// Share of the group's participants of known gender (`None` for unknown).
    pub share: Share,
    /// Wilson 95 % interval of the share.
    pub ci: Interval,
}
