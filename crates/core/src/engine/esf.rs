//! The ESF+ indicators (`docs/esf.md#indicators`) and the before/after
//! assistance table (`docs/method.md#assistance-before-after`): per-gender
//! counts added to in the single pass, and the report sections built from
//! them.

use chrono::{Days, NaiveDate};

use super::Horizon;
use super::follow_up::{self, Account, DueBy};
use super::report::{share, wilson};
use super::state::Observation;
use super::tally::{GenderCounts, add, total};
use crate::data::ParticipantData;
use crate::programme::DEFAULT_TOLERANCE_DAYS;
use crate::report::{
    AssistanceCounts, AssistanceResult, AssistanceStep, Breakdown, EsfResult, Figure, GenderCount,
    PerGender,
};
use crate::vocab::{Education, EsfIndicator as I, ExitOutcome, Gender, LabourStatus};

/// Days after leaving in which immediate results count (`docs/esf.md#immediate-results`).
pub(crate) const WINDOW_DAYS: u32 = 28;

/// The longer-term horizon: six months, the default tolerance
/// (`docs/esf.md#longer-term-results`).
pub(crate) const LONGER_TERM: Horizon = Horizon {
    months: 6,
    tolerance: DEFAULT_TOLERANCE_DAYS,
};

/// Per indicator (in [`I`]'s order), per gender.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EsfTally {
    pub(crate) counts: Vec<GenderCounts>,
}

impl Default for EsfTally {
    fn default() -> Self {
        EsfTally {
            counts: vec![[0; 4]; <I as strum::VariantArray>::VARIANTS.len()],
        }
    }
}

/// One step of the before/after table, per gender.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StepTally {
    pub(crate) population: GenderCounts,
    pub(crate) recorded: GenderCounts,
    pub(crate) off: GenderCounts,
}

/// The before/after table, per gender.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AssistanceTally {
    pub(crate) recorded_at_entry: GenderCounts,
    pub(crate) on_at_entry: GenderCounts,
    pub(crate) exit: StepTally,
    pub(crate) horizons: Vec<StepTally>,
}

impl EsfTally {
    pub(crate) fn merge(&mut self, other: &EsfTally) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            add(a, b);
        }
    }
}

impl AssistanceTally {
    pub(crate) fn merge(&mut self, other: &AssistanceTally) {
        add(&mut self.recorded_at_entry, &other.recorded_at_entry);
        add(&mut self.on_at_entry, &other.on_at_entry);
        for (a, b) in std::iter::once((&mut self.exit, &other.exit))
            .chain(self.horizons.iter_mut().zip(&other.horizons))
        {
            add(&mut a.population, &b.population);
            add(&mut a.recorded, &b.recorded);
            add(&mut a.off, &b.off);
        }
    }
}

/// The immediate-result indicator a status counts for
/// (`docs/esf.md#immediate-results`), if any.
fn immediate(status: ExitOutcome) -> Option<I> {
    match status {
        ExitOutcome::Employment | ExitOutcome::SubsidisedEmployment => Some(I::InEmployment),
        ExitOutcome::Education => Some(I::InEducation),
        ExitOutcome::JobSeeking => Some(I::JobSearching),
        _ => None,
    }
}

/// The last event of the 28-day window (`docs/esf.md#immediate-results`):
/// the latest follow-up dated from the exit to exit + 28 days that has a
/// status (not conflicting), else the exit outcome; `None` when neither.
pub(crate) fn last_event(
    exit: NaiveDate,
    outcome: Option<ExitOutcome>,
    observations: &[Observation],
) -> Option<ExitOutcome> {
    let end = exit.checked_add_days(Days::new(WINDOW_DAYS.into()));
    observations
        .iter()
        .rev()
        .filter(|o| o.date >= exit && end.is_some_and(|end| o.date <= end))
        .find_map(|o| o.status.filter(|_| !o.conflicting))
        .or(outcome)
}

/// Adds one participant present at as-of (gender index `g`) to the ESF+
/// counts (`docs/esf.md#indicators`). `exit` is the exit on or before
/// as-of; `due` the exits due at the [`LONGER_TERM`] horizon;
/// `observations` are the participant's follow-ups from the exit to as-of.
pub(crate) fn add_esf(
    t: &mut EsfTally,
    g: usize,
    p: &ParticipantData,
    exit: Option<NaiveDate>,
    as_of: NaiveDate,
    due: DueBy,
    observations: &[Observation],
) {
    let mut count = |i: I| t.counts[i.index()][g] += 1;
    count(I::Participants);
    match p.status.labour {
        Some(LabourStatus::Unemployed) => count(I::Unemployed),
        Some(LabourStatus::LongTermUnemployed) => {
            count(I::Unemployed);
            count(I::LongTermUnemployed);
        }
        Some(LabourStatus::Inactive) => count(I::Inactive),
        Some(LabourStatus::Employed) => count(I::Employed),
        None => count(I::MissingLabourStatus),
    }
    match p.birth_date.and_then(|b| p.entry.years_since(b)) {
        Some(age) if age < 18 => count(I::AgeUnder18),
        Some(18..=29) => count(I::Age18To29),
        Some(age) if age >= 55 => count(I::Age55Plus),
        Some(_) => {}
        None => count(I::MissingBirthDate),
    }
    count(match p.status.education {
        Some(Education::Isced02) => I::Isced02,
        Some(Education::Isced34) => I::Isced34,
        Some(Education::Isced58) => I::Isced58,
        None => I::MissingEducation,
    });
    if g == Gender::Unknown.index() {
        count(I::MissingGender);
    }
    let Some(exit) = exit else {
        return;
    };
    let closed = exit
        .checked_add_days(Days::new(WINDOW_DAYS.into()))
        .is_some_and(|end| end <= as_of);
    if !closed {
        count(I::WindowOpen);
    } else {
        count(I::Left);
        if p.status.qualification == Some(true) {
            count(I::GainingQualification);
        }
        match last_event(exit, p.outcome, observations) {
            None => count(I::NoEventInWindow),
            Some(status) => {
                if let Some(i) = immediate(status) {
                    count(i);
                }
            }
        }
    }
    match follow_up::account(exit, due, observations) {
        Account::NotReached => count(I::Due6Months),
        Account::Reached(o) => {
            count(I::Due6Months);
            count(I::Reached6Months);
            let status = o.status.filter(|_| !o.conflicting);
            if status.and_then(immediate) == Some(I::InEmployment) {
                count(I::Employed6Months);
            }
        }
        Account::NotDue | Account::Early(_) => {}
    }
}

/// Adds one participant present at as-of to the before/after table
/// (`docs/method.md#assistance-before-after`).
pub(crate) fn add_assistance(
    t: &mut AssistanceTally,
    g: usize,
    p: &ParticipantData,
    exit: Option<NaiveDate>,
    due: &[DueBy],
    observations: &[Observation],
) {
    let Some(at_entry) = p.status.assistance_at_entry else {
        return;
    };
    t.recorded_at_entry[g] += 1;
    if !at_entry {
        return;
    }
    t.on_at_entry[g] += 1;
    let Some(exit) = exit else {
        return;
    };
    let step = |s: &mut StepTally, recorded: Option<bool>| {
        s.population[g] += 1;
        if let Some(on) = recorded {
            s.recorded[g] += 1;
            s.off[g] += u64::from(!on);
        }
    };
    step(&mut t.exit, p.status.assistance_at_exit);
    for (due, s) in due.iter().zip(&mut t.horizons) {
        match follow_up::account(exit, *due, observations) {
            Account::NotReached => step(s, None),
            Account::Reached(o) => {
                step(s, o.receives_assistance.filter(|_| !o.conflicting));
            }
            Account::NotDue | Account::Early(_) => {}
        }
    }
}

fn gender_count(c: &GenderCounts) -> GenderCount {
    GenderCount {
        total: Figure::Value(total(c)),
        by_gender: PerGender::from_fn(|g: Gender| Figure::Value(c[g.index()])),
    }
}

/// The ESF+ section from its counts.
pub(crate) fn esf_result(t: &EsfTally) -> EsfResult {
    EsfResult {
        window_days: WINDOW_DAYS,
        longer_term_months: LONGER_TERM.months,
        longer_term_tolerance_days: LONGER_TERM.tolerance,
        indicators: Breakdown::from_fn(|i: I| gender_count(&t.counts[i.index()])),
    }
}

fn step_counts(s: &StepTally, genders: &[usize], z: f64) -> AssistanceCounts {
    let sum = |c: &GenderCounts| genders.iter().map(|&g| c[g]).sum::<u64>();
    let (population, recorded, off) = (sum(&s.population), sum(&s.recorded), sum(&s.off));
    AssistanceCounts {
        population: Figure::Value(population),
        recorded: Figure::Value(recorded),
        not_on_assistance: Figure::Value(off),
        share: share(off, recorded),
        ci: wilson(off, recorded, z),
    }
}

fn step(s: &StepTally, h: Option<Horizon>, z: f64) -> AssistanceStep {
    let every: Vec<usize> = Gender::ALL.iter().map(|g| g.index()).collect();
    AssistanceStep::new(
        h.map(|h| h.months),
        h.map(|h| h.tolerance),
        step_counts(s, &every, z),
        PerGender::from_fn(|g: Gender| step_counts(s, &[g.index()], z)),
    )
}

/// The before/after table from its counts; `horizons` are the report's.
pub(crate) fn assistance_result(
    t: &AssistanceTally,
    horizons: &[Horizon],
    z: f64,
) -> AssistanceResult {
    let mut steps = vec![step(&t.exit, None, z)];
    steps.extend(
        horizons
            .iter()
            .zip(&t.horizons)
            .map(|(h, s)| step(s, Some(*h), z)),
    );
    AssistanceResult {
        recorded_at_entry: gender_count(&t.recorded_at_entry),
        on_assistance_at_entry: gender_count(&t.on_at_entry),
        steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    fn seen(d: &str, status: ExitOutcome) -> Observation {
        Observation {
            date: date(d),
            status: Some(status),
            receives_assistance: None,
            conflicting: false,
        }
    }

    /// `docs/esf.md#immediate-results`: the SFC's two examples.
    #[test]
    fn the_last_event_in_28_days_counts() {
        let exit = date("2022-03-01");
        // Inactive at exit, job search on day 5, a job on day 20.
        let o = [
            seen("2022-03-06", ExitOutcome::JobSeeking),
            seen("2022-03-21", ExitOutcome::Employment),
        ];
        let last = last_event(exit, Some(ExitOutcome::Other), &o);
        assert_eq!(last.and_then(immediate), Some(I::InEmployment));
        // A job at exit, job seeking again on day 10.
        let o = [seen("2022-03-11", ExitOutcome::JobSeeking)];
        let last = last_event(exit, Some(ExitOutcome::Employment), &o);
        assert_eq!(last.and_then(immediate), Some(I::JobSearching));
        // Day 28 is in the window, day 29 is not.
        let o = [
            seen("2022-03-29", ExitOutcome::Education),
            seen("2022-03-30", ExitOutcome::JobSeeking),
        ];
        assert_eq!(last_event(exit, None, &o), Some(ExitOutcome::Education));
        assert_eq!(last_event(exit, None, &o[1..]), None);
    }
}
