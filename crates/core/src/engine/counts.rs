//! What one evaluation counts, before its report is derived: the tallies,
//! each breakdown's groups keyed, and the settings they were counted
//! under. [`Dataset::evaluate`](crate::Dataset::evaluate) derives the
//! report straight away; a [`Partial`](crate::Partial) carries the counts
//! so that counts of other participants can be added first
//! (`docs/partials.md`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::breakdowns::{self, Group};
use super::status_on::{self, StatusWindow};
use super::tally::Tally;
use super::{horizons, report, trend};
use crate::programme::Programme;
use crate::report::{Issue, Report};

/// The counts of one set of participants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Counts {
    /// The report's date.
    pub(crate) as_of: NaiveDate,
    /// Every trend date, ascending, as-of last; empty without a trend.
    pub(crate) trend_dates: Vec<NaiveDate>,
    /// The status date and tolerance, when asked for.
    pub(crate) status_on: Option<StatusWindow>,
    /// Everything but the breakdowns; `esf` is there under the ESF+ profile.
    pub(crate) totals: Tally,
    /// Per breakdown (programme order), its groups in report order.
    pub(crate) breakdowns: Vec<Vec<Group>>,
}

impl Counts {
    /// Whether counts of other participants can be added to these: the
    /// same dates, status window and profile. (The programme is the
    /// caller's to compare.)
    pub(crate) fn same_settings(&self, other: &Counts) -> bool {
        self.trend_dates == other.trend_dates
            && self.status_on == other.status_on
            && self.totals.esf.is_some() == other.totals.esf.is_some()
    }

    /// Adds another set of participants' counts, with the same settings
    /// (`docs/partials.md#combining`): a group of a breakdown that only
    /// `other` has joins in report order.
    pub(crate) fn merge(&mut self, programme: &Programme, other: &Counts) {
        self.totals.merge(&other.totals);
        for ((spec, mine), theirs) in programme
            .breakdowns()
            .iter()
            .zip(&mut self.breakdowns)
            .zip(&other.breakdowns)
        {
            for group in theirs {
                match mine.iter_mut().find(|g| g.group == group.group) {
                    Some(g) => g.counts.merge(&group.counts),
                    None => mine.push(group.clone()),
                }
            }
            breakdowns::sort(programme, spec, mine);
        }
    }

    /// The report, with these data-quality issues.
    pub(crate) fn report(&self, programme: &Programme, data_quality: Vec<Issue>) -> Report {
        let horizons = horizons(programme.definition());
        let t = &self.totals;
        let mut report = report::build(programme, self.as_of, t, &horizons, data_quality);
        report.breakdowns = breakdowns::build(programme, &self.breakdowns);
        report.trend = trend::build(programme, &self.trend_dates, &t.trend, t);
        report.status_on = self.status_on.zip(t.status_on.as_ref()).map(|(w, t)| {
            let z = crate::stats::z_for(crate::stats::REPORT_CONFIDENCE)
                .expect("0.95 is a valid confidence");
            status_on::result(t, w, z)
        });
        report
    }
}
