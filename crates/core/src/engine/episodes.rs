//! A person's episodes as an explanation shows them
//! (`docs/method.md#explanations`, `docs/method.md#episodes`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::data::{Dataset, ParticipantData};
use crate::model::ExitOutcome;
use crate::programme::ReentryRule;

/// One episode of a participant, as known at as-of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Episode {
    /// Its entry date.
    pub entry_date: NaiveDate,
    /// Its exit date, when on or before as-of.
    pub exit_date: Option<NaiveDate>,
    /// Its exit outcome, when it has exited by as-of.
    pub exit_outcome: Option<ExitOutcome>,
}

/// The episodes of `p`'s person begun by `as_of`, in entry order, and
/// under `per_episode` which of them `p` is (from 1).
pub(super) fn of(
    data: &Dataset,
    p: &ParticipantData,
    as_of: NaiveDate,
) -> (Vec<Episode>, Option<u32>) {
    let (a, b) = p.episodes;
    let known = |entry: NaiveDate, exit: Option<NaiveDate>, outcome: Option<ExitOutcome>| {
        let exit = exit.filter(|&e| e <= as_of);
        Episode {
            entry_date: entry,
            exit_date: exit,
            exit_outcome: outcome.filter(|_| exit.is_some()),
        }
    };
    let episodes: Vec<Episode> = if a == b {
        vec![known(p.entry, p.exit, p.outcome)]
    } else {
        data.episodes[a as usize..b as usize]
            .iter()
            .filter(|e| e.entry <= as_of)
            .map(|e| known(e.entry, e.exit, e.outcome))
            .collect()
    };
    let which = (data.programme.reentry() == ReentryRule::PerEpisode).then_some(p.episode + 1);
    (episodes, which)
}

/// Under `per_episode`, the last participant-episode begun by `as_of` of
/// the person whose first is `first`; else `first`.
pub(super) fn last_begun(data: &Dataset, first: usize, as_of: NaiveDate) -> usize {
    let (a, b) = data.participants[first].episodes;
    if data.programme.reentry() != ReentryRule::PerEpisode || a == b {
        return first;
    }
    let begun = data.episodes[a as usize..b as usize].partition_point(|e| e.entry <= as_of);
    first + begun.saturating_sub(1)
}
