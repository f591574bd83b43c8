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

#[cfg(test)]
mod tests {
    use crate::report::demo;
    use crate::words::{Label, Language};

    /// The rule and the four counts under the enrolment figures, in both
    /// languages; the demo has two persons of one episode each.
    #[test]
    fn the_enrolment_section_states_the_rule_and_counts() {
        let report = demo::report("reentry = \"per_episode\"");
        let text = report.to_text(Language::English);
        for line in [
            "  Re-entry          each episode counted",
            "  Persons           2",
            "  Episodes          2",
            "  Re-entrants       0",
            "  Re-entries        0",
        ] {
            assert!(text.lines().any(|l| l == line), "{line:?} in\n{text}");
        }
        // Swedish: the catalogue's words (the default rule is once).
        let sv = Language::Swedish;
        let text = demo::report("").to_text(sv);
        assert!(text.contains(sv.word(Label::ReentryOnce)), "{text}");
        assert!(
            text.contains(&format!("  {} ", sv.word(Label::Reentrants))),
            "{text}"
        );
        // The tidy table has the counts as rows, item `reentry`.
        let csv = report.tidy().to_csv();
        assert_eq!(
            demo::line(&csv, "enrolment,reentry,all,episodes,"),
            "enrolment,reentry,all,episodes,2,,,false"
        );
    }
}
