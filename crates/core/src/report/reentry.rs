//! The re-entry rule and counts of the enrolment section
//! (`docs/report.md#reentry`, `docs/method.md#episodes`).

use serde::Serialize;

use super::Count;
use crate::programme::ReentryRule;

/// How several rows of one participant id were counted, and how many
/// returns there were, over the episodes begun by as-of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reentry {
    /// The programme's `reentry` rule.
    pub policy: ReentryRule,
    /// Distinct persons with an episode begun by as-of.
    pub participants: Count,
    /// Episodes begun by as-of.
    pub episodes: Count,
    /// Persons with two or more such episodes.
    pub reentrants: Count,
    /// episodes − participants: the returns after a gap.
    pub reentries: Count,
}

impl Reentry {
    /// The four counts, in report order.
    pub(crate) fn counts_mut(&mut self) -> [&mut Count; 4] {
        [
            &mut self.participants,
            &mut self.episodes,
            &mut self.reentrants,
            &mut self.reentries,
        ]
    }
}
