//! Additive counts gathered in the single pass over participants. Two
//! tallies of disjoint participant batches add up to the tally of both
//! (`docs/method.md#properties`); the report is derived from the sum.

use serde::{Deserialize, Serialize};

use super::Truth;
use crate::model::ExitOutcome;

/// Per-gender counts, indexed by [`Gender::index`](crate::Gender::index).
pub(crate) type GenderCounts = [u64; 4];

/// Adds `b`'s counts to `a`'s.
pub(crate) fn add(a: &mut GenderCounts, b: &GenderCounts) {
    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GoalTally {
    pub(crate) population: GenderCounts,
    pub(crate) achieved: GenderCounts,
    pub(crate) unknown: GenderCounts,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ParameterTally {
    pub(crate) evaluable: GenderCounts,
    pub(crate) improved: GenderCounts,
    pub(crate) unchanged: GenderCounts,
    pub(crate) worsened: GenderCounts,
    /// Sum of the gains. A gain lies within ±2 000 000 (scales are bounded,
    /// `docs/programme.md#limits`) and fits an `i64`; the sum, over any
    /// number of participants, fits an `i128` whatever the input.
    pub(crate) gain_sum: [i128; 4],
    /// Ladder only: row-major baseline × latest counts.
    pub(crate) transitions: Vec<u64>,
}

impl GoalTally {
    /// Counts one participant of gender index `g` whose value is `value`
    /// when in the goal's population: the one place the overall tally,
    /// every breakdown group and every trend date count a goal.
    #[inline]
    pub(crate) fn count(&mut self, g: usize, value: Option<Truth>) {
        let Some(value) = value else { return };
        self.population[g] += 1;
        match value {
            Truth::True => self.achieved[g] += 1,
            Truth::Unknown => self.unknown[g] += 1,
            Truth::False => {}
        }
    }
}

impl ParameterTally {
    /// Counts one participant of gender index `g` whose gain is `gain`
    /// when defined, as [`GoalTally::count`] a goal. The transitions are
    /// counted apart, in the overall tally only.
    #[inline]
    pub(crate) fn count(&mut self, g: usize, gain: Option<i64>) {
        let Some(gain) = gain else { return };
        self.evaluable[g] += 1;
        match gain.signum() {
            1 => self.improved[g] += 1,
            0 => self.unchanged[g] += 1,
            _ => self.worsened[g] += 1,
        }
        self.gain_sum[g] += i128::from(gain);
    }
}

/// One horizon's follow-up counts per gender (`docs/method.md#follow-up-accounting`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FollowUpTally {
    pub(crate) due: GenderCounts,
    pub(crate) reached: GenderCounts,
    pub(crate) early: GenderCounts,
    /// Among the reached, per outcome index, then missing (status absent
    /// or conflicting).
    pub(crate) by_status: [GenderCounts; ExitOutcome::ALL.len() + 1],
    pub(crate) assistance_known: GenderCounts,
    pub(crate) not_receiving: GenderCounts,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tally {
    pub(crate) enrolled: GenderCounts,
    pub(crate) goals: Vec<GoalTally>,
    pub(crate) parameters: Vec<ParameterTally>,
    pub(crate) exited: GenderCounts,
    /// Per outcome index, then missing; per gender.
    pub(crate) exits: [GenderCounts; ExitOutcome::ALL.len() + 1],
    pub(crate) follow_ups: Vec<FollowUpTally>,
    /// Per breakdown (programme order), per group: the same counts for the
    /// group's participants (enrolment, exited, goals, parameters without
    /// transitions; `docs/method.md#breakdowns`). Only while tallying: the
    /// groups are then keyed ([`Counts::breakdowns`](super::counts::Counts)).
    #[serde(skip)]
    pub(crate) breakdowns: Vec<Vec<Tally>>,
    /// Re-entry counts (`docs/method.md#episodes`).
    pub(crate) reentry: ReentryTally,
    /// The ESF+ indicators, with the profile (`docs/esf.md#indicators`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) esf: Option<super::esf::EsfTally>,
    /// The before/after assistance table (`docs/method.md#assistance-before-after`).
    pub(crate) assistance: super::esf::AssistanceTally,
    /// Per trend date before as-of: enrolment and goals
    /// (`docs/method.md#trend`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) trend: Vec<Tally>,
    /// The status on a date, when asked for (`docs/method.md#status-on-a-date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) status_on: Option<super::status_on::StatusOnTally>,
}

/// Persons, episodes, re-entrants and re-entries begun by as-of
/// (`docs/method.md#episodes`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReentryTally {
    pub(crate) participants: u64,
    pub(crate) episodes: u64,
    pub(crate) reentrants: u64,
    pub(crate) reentries: u64,
}

impl ReentryTally {
    /// Counts one participant: under `once` a person with `episodes`
    /// episodes begun by as-of (`first` true); under `per_episode` one
    /// episode (`episodes` 1), `first` when it is its person's first and
    /// `episode` its place among them (from 0).
    pub(crate) fn add(&mut self, episodes: u64, first: bool, episode: u32) {
        self.episodes += episodes;
        self.participants += u64::from(first);
        self.reentries += episodes - u64::from(first);
        self.reentrants += u64::from(episodes >= 2 || episode == 1);
    }

    fn merge(&mut self, other: &ReentryTally) {
        self.participants += other.participants;
        self.episodes += other.episodes;
        self.reentrants += other.reentrants;
        self.reentries += other.reentries;
    }
}

impl Tally {
    /// Counts one participant of gender index `g` as enrolled, with goal
    /// values `results` (the value when in the goal's population): all a
    /// trend date counts, and what a breakdown group counts before exits
    /// and gains.
    pub(crate) fn count_enrolled(&mut self, g: usize, results: &[Option<Truth>]) {
        self.enrolled[g] += 1;
        for (goal, r) in self.goals.iter_mut().zip(results) {
            goal.count(g, *r);
        }
    }

    pub(crate) fn new(goals: usize, ladder_sizes: &[Option<usize>], horizons: usize) -> Self {
        Tally {
            goals: vec![GoalTally::default(); goals],
            parameters: ladder_sizes
                .iter()
                .map(|size| ParameterTally {
                    transitions: vec![0; size.map_or(0, |n| n * n)],
                    ..Default::default()
                })
                .collect(),
            follow_ups: vec![FollowUpTally::default(); horizons],
            ..Default::default()
        }
    }

    /// Adds another batch's counts.
    pub(crate) fn merge(&mut self, other: &Tally) {
        add(&mut self.enrolled, &other.enrolled);
        self.reentry.merge(&other.reentry);
        for (a, b) in self.trend.iter_mut().zip(&other.trend) {
            a.merge(b);
        }
        for (a, b) in self.breakdowns.iter_mut().zip(&other.breakdowns) {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
        }
        for (a, b) in self.goals.iter_mut().zip(&other.goals) {
            add(&mut a.population, &b.population);
            add(&mut a.achieved, &b.achieved);
            add(&mut a.unknown, &b.unknown);
        }
        for (a, b) in self.parameters.iter_mut().zip(&other.parameters) {
            add(&mut a.evaluable, &b.evaluable);
            add(&mut a.improved, &b.improved);
            add(&mut a.unchanged, &b.unchanged);
            add(&mut a.worsened, &b.worsened);
            a.gain_sum
                .iter_mut()
                .zip(&b.gain_sum)
                .for_each(|(x, y)| *x += y);
            a.transitions
                .iter_mut()
                .zip(&b.transitions)
                .for_each(|(x, y)| *x += y);
        }
        if let (Some(a), Some(b)) = (&mut self.esf, &other.esf) {
            a.merge(b);
        }
        self.assistance.merge(&other.assistance);
        if let (Some(a), Some(b)) = (&mut self.status_on, &other.status_on) {
            a.merge(b);
        }
        add(&mut self.exited, &other.exited);
        for (a, b) in self.exits.iter_mut().zip(&other.exits) {
            add(a, b);
        }
        for (a, b) in self.follow_ups.iter_mut().zip(&other.follow_ups) {
            add(&mut a.due, &b.due);
            add(&mut a.reached, &b.reached);
            add(&mut a.early, &b.early);
            for (x, y) in a.by_status.iter_mut().zip(&b.by_status) {
                add(x, y);
            }
            add(&mut a.assistance_known, &b.assistance_known);
            add(&mut a.not_receiving, &b.not_receiving);
        }
    }
}

/// Sum over genders.
pub(crate) fn total(counts: &GenderCounts) -> u64 {
    counts.iter().sum()
}
