//! The re-entry rows of the text report's enrolment section
//! (`docs/report.md#reentry`): the rule, then the counts.

use super::super::Reentry;
use crate::programme::ReentryRule;
use crate::words::{Label, Language};

/// The rule's words.
pub(crate) fn rule(lang: Language, rule: ReentryRule) -> &'static str {
    lang.word(match rule {
        ReentryRule::Once => Label::ReentryOnce,
        ReentryRule::PerEpisode => Label::ReentryPerEpisode,
        ReentryRule::Error => Label::ReentryError,
    })
}

/// The labelled counts, in report order.
pub(crate) fn counts(r: &Reentry) -> [(Label, &super::super::Count); 4] {
    [
        (Label::Persons, &r.participants),
        (Label::Episodes, &r.episodes),
        (Label::Reentrants, &r.reentrants),
        (Label::Reentries, &r.reentries),
    ]
}
