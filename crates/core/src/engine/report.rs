//! Turns the tallies into a [`Report`]: shares, Wilson intervals, statuses,
//! the gender gap and the enrolment figures (`docs/method.md`).

use chrono::NaiveDate;

use super::Horizon;
use super::tally::{FollowUpTally, GenderCounts, GoalTally, ParameterTally, Tally, total};
use crate::EPSILON;
use crate::programme::{GoalDefinition, Programme, UnknownPolicy};
use crate::report::Issue;
use crate::report::{
    Enrolment, Exits, Figure, FollowUpCounts, FollowUpResult, GenderEnrolment, GenderExits,
    GenderGap, GenderGoalResult, GenderParameterChange, GoalResult, GoalStatus, Interval,
    OutcomeCount, ParameterChange, PerGender, PerOutcome, ProgrammeSummary, Reentry, Report, Share,
};
use crate::stats::{REPORT_CONFIDENCE, newcombe_with_z, wilson_with_z, z_for};
use crate::vocab::{ExitOutcome, Gender, Key};

pub(super) fn build(
    programme: &Programme,
    as_of: NaiveDate,
    tally: &Tally,
    horizons: &[Horizon],
    data_quality: Vec<Issue>,
) -> Report {
    let z = z_for(REPORT_CONFIDENCE).expect("0.95 is a valid confidence");
    Report {
        programme: ProgrammeSummary {
            id: programme.id().to_owned(),
            name: programme.name().to_owned(),
        },
        as_of,
        enrolment: enrolment(programme, as_of, tally, z),
        goals: programme
            .goals()
            .iter()
            .zip(&tally.goals)
            .map(|(g, t)| goal(g, t, z))
            .collect(),
        parameters: tally
            .parameters
            .iter()
            .enumerate()
            .map(|(q, t)| parameter(programme, q, t))
            .collect(),
        exits: exits(tally),
        follow_ups: horizons
            .iter()
            .zip(&tally.follow_ups)
            .map(|(h, t)| follow_up(*h, t, z))
            .collect(),
        data_quality,
        breakdowns: Vec::new(),
        assistance: super::esf::assistance_result(&tally.assistance, horizons, z),
        esf: tally.esf.as_ref().map(super::esf::esf_result),
        comparison: None,
        trend: Vec::new(),
        status_on: None,
    }
}

pub(super) fn share(k: u64, n: u64) -> Share {
    Figure::Value((n > 0).then(|| k as f64 / n as f64))
}

pub(super) fn wilson(k: u64, n: u64, z: f64) -> Interval {
    Interval::from_bounds(
        wilson_with_z(k, n, z)
            .expect("k ≤ n by construction")
            .map(|b| (b.lower, b.upper)),
    )
}

fn by_gender<V>(f: impl Fn(usize) -> V) -> PerGender<V> {
    PerGender::from_fn(|g: Gender| f(g.index()))
}

/// ⌊x + 0.5 + ε⌋ (`docs/method.md#epsilon`).
fn round_half_up(x: f64) -> u64 {
    (x + 0.5 + EPSILON).floor().max(0.0) as u64
}

fn enrolment(programme: &Programme, as_of: NaiveDate, tally: &Tally, z: f64) -> Enrolment {
    let counts = &tally.enrolled;
    let def = programme.definition();
    let planned = u64::from(def.planned_participants);
    let enrolled = total(counts);
    // `docs/method.md#recruitment`: an even pace from start to the end of
    // recruitment; open while as-of is before that day.
    let recruitment_end = programme.recruitment_end();
    let open = as_of < recruitment_end;
    let elapsed = (as_of.min(recruitment_end) - def.start).num_days() as f64
        / (recruitment_end - def.start).num_days() as f64;
    let known = total(counts) - counts[Gender::Unknown.index()];
    let remaining = planned.saturating_sub(enrolled) as f64;
    let target = |g: Gender| {
        let t = def.gender_target.as_ref()?;
        match g {
            Gender::Woman => Some(t.woman),
            Gender::Man => Some(t.man),
            Gender::NonBinary => t.non_binary,
            Gender::Unknown => None,
        }
    };
    let tolerance = def.gender_target.as_ref().map_or(0.0, |t| t.tolerance);
    let entry = |i: usize| {
        let gender = Gender::ALL[i];
        let count = counts[i];
        if gender == Gender::Unknown {
            return GenderEnrolment {
                count: Figure::Value(count),
                share: Figure::Value(None),
                ci: Interval::UNDEFINED,
                target: None,
                deviation: Figure::Value(None),
                within_tolerance: Figure::Value(None),
                needed: Figure::Value(None),
                missed: Figure::Value(None),
                projected_share: Figure::Value(None),
                projected_ci: Interval::UNDEFINED,
            };
        }
        let share_value = (known > 0).then(|| count as f64 / known as f64);
        let target = target(gender);
        let deviation = share_value.zip(target).map(|(s, t)| s - t);
        let short = target.map(|t| round_half_up(t * planned as f64).saturating_sub(count));
        let bounds = wilson_with_z(count, known, z).expect("k ≤ n by construction");
        // The current count plus the remaining places at the share (or a
        // bound), over the known total plus the remaining places.
        let projected = |p: f64| (count as f64 + remaining * p) / (known as f64 + remaining);
        let projection = bounds.filter(|_| open);
        GenderEnrolment {
            count: Figure::Value(count),
            share: Figure::Value(share_value),
            ci: wilson(count, known, z),
            target,
            deviation: Figure::Value(deviation),
            within_tolerance: Figure::Value(deviation.map(|d| d.abs() <= tolerance + EPSILON)),
            needed: Figure::Value(short.filter(|_| open)),
            missed: Figure::Value(short.filter(|_| !open)),
            projected_share: Figure::Value(projection.and(share_value).map(&projected)),
            projected_ci: Interval::from_bounds(
                projection.map(|b| (projected(b.lower), projected(b.upper))),
            ),
        }
    };
    Enrolment {
        enrolled: Figure::Value(enrolled),
        planned,
        share_of_plan: share(enrolled, planned),
        expected_by_now: planned as f64 * elapsed.clamp(0.0, 1.0),
        recruitment_end,
        recruitment_open: open,
        gender_tolerance: def.gender_target.as_ref().map(|t| t.tolerance),
        by_gender: by_gender(entry),
        reentry: Reentry {
            policy: programme.reentry(),
            participants: Figure::Value(tally.reentry.participants),
            episodes: Figure::Value(tally.reentry.episodes),
            reentrants: Figure::Value(tally.reentry.reentrants),
            reentries: Figure::Value(tally.reentry.reentries),
        },
    }
}

fn status(share: Option<f64>, target: f64) -> GoalStatus {
    match share {
        None => GoalStatus::NoData,
        Some(s) if s >= target - EPSILON => GoalStatus::Met,
        Some(_) => GoalStatus::NotMet,
    }
}

pub(super) fn goal(def: &GoalDefinition, t: &GoalTally, z: f64) -> GoalResult {
    let exclude = def.unknown == UnknownPolicy::Exclude;
    let excluded = |i: usize| if exclude { t.unknown[i] } else { 0 };
    let denominator = |i: usize| t.population[i] - excluded(i);
    let population = total(&t.population);
    let achieved = total(&t.achieved);
    let excluded_total = if exclude { total(&t.unknown) } else { 0 };
    let n = population - excluded_total;
    let ci_bounds = wilson_with_z(achieved, n, z).expect("k ≤ n");
    let share_value = (n > 0).then(|| achieved as f64 / n as f64);
    let status = status(share_value, def.target);
    let confident = match (status, ci_bounds) {
        (GoalStatus::Met, Some(b)) => b.lower >= def.target - EPSILON,
        (GoalStatus::NotMet, Some(b)) => b.upper < def.target - EPSILON,
        _ => false,
    };
    let (w, m) = (Gender::Woman.index(), Gender::Man.index());
    let gap = newcombe_with_z(
        t.achieved[w],
        denominator(w),
        t.achieved[m],
        denominator(m),
        z,
    )
    .expect("k ≤ n");
    GoalResult {
        id: def.id.clone(),
        name: def.name.clone().unwrap_or_else(|| def.id.clone()),
        target: def.target,
        population: def.population.of,
        population_after_months: def.population.after_months,
        population_tolerance_days: def.population.tolerance_days,
        population_where: def
            .population
            .r#where
            .as_ref()
            .map(|c| serde_json::to_value(c).expect("a criterion always serialises")),
        population_size: Figure::Value(population),
        achieved: Figure::Value(achieved),
        unknown: Figure::Value(total(&t.unknown)),
        excluded: Figure::Value(excluded_total),
        denominator: Figure::Value(n),
        share: Figure::Value(share_value),
        ci: Interval::from_bounds(ci_bounds.map(|b| (b.lower, b.upper))),
        status: Figure::Value(status),
        confident: Figure::Value(confident),
        by_gender: by_gender(|i| GenderGoalResult {
            achieved: Figure::Value(t.achieved[i]),
            unknown: Figure::Value(t.unknown[i]),
            excluded: Figure::Value(excluded(i)),
            denominator: Figure::Value(denominator(i)),
            share: share(t.achieved[i], denominator(i)),
            ci: wilson(t.achieved[i], denominator(i), z),
        }),
        gender_gap: gap.map(|d| GenderGap {
            difference: Figure::Value(Some(d.difference)),
            lower: Figure::Value(Some(d.lower)),
            upper: Figure::Value(Some(d.upper)),
        }),
        criterion: def.criterion.clone(),
    }
}

pub(super) fn parameter(programme: &Programme, q: usize, t: &ParameterTally) -> ParameterChange {
    let change = |evaluable: u64, improved: u64, unchanged: u64, worsened: u64, gain_sum: i128| {
        GenderParameterChange {
            evaluable: Figure::Value(evaluable),
            improved: Figure::Value(improved),
            unchanged: Figure::Value(unchanged),
            worsened: Figure::Value(worsened),
            improved_share: share(improved, evaluable),
            unchanged_share: share(unchanged, evaluable),
            worsened_share: share(worsened, evaluable),
            mean_gain: Figure::Value((evaluable > 0).then(|| gain_sum as f64 / evaluable as f64)),
        }
    };
    let all = change(
        total(&t.evaluable),
        total(&t.improved),
        total(&t.unchanged),
        total(&t.worsened),
        t.gain_sum.iter().sum(),
    );
    let scale = programme.scale(q);
    let size = scale.labels.as_ref().map(Vec::len);
    ParameterChange {
        id: programme.parameters()[q].id.clone(),
        name: programme.parameter_name(q).to_owned(),
        evaluable: all.evaluable,
        improved: all.improved,
        unchanged: all.unchanged,
        worsened: all.worsened,
        improved_share: all.improved_share,
        unchanged_share: all.unchanged_share,
        worsened_share: all.worsened_share,
        mean_gain: all.mean_gain,
        by_gender: by_gender(|i| {
            change(
                t.evaluable[i],
                t.improved[i],
                t.unchanged[i],
                t.worsened[i],
                t.gain_sum[i],
            )
        }),
        transitions: size.map(|n| {
            t.transitions
                .chunks(n)
                .map(|row| row.iter().map(|&c| Figure::Value(c)).collect())
                .collect()
        }),
        higher_is_better: scale.higher_is_better,
    }
}

fn exits(tally: &Tally) -> Exits {
    let exited = total(&tally.exited);
    Exits {
        exited: Figure::Value(exited),
        by_outcome: PerOutcome::from_fn(|o| {
            let count = total(&tally.exits[Key::index(o)]);
            OutcomeCount {
                count: Figure::Value(count),
                share: share(count, exited),
            }
        }),
        by_gender: by_gender(|g| {
            let exited = tally.exited[g];
            GenderExits {
                exited: Figure::Value(exited),
                by_outcome: PerOutcome::from_fn(|o| {
                    let count = tally.exits[Key::index(o)][g];
                    OutcomeCount {
                        count: Figure::Value(count),
                        share: share(count, exited),
                    }
                }),
            }
        }),
    }
}

/// The figures of one horizon over one set of genders
/// (`docs/method.md#follow-up-accounting`).
fn follow_up_counts(t: &FollowUpTally, genders: &[usize], z: f64) -> FollowUpCounts {
    let sum = |c: &GenderCounts| genders.iter().map(|&g| c[g]).sum::<u64>();
    let (due, reached, known, not_receiving) = (
        sum(&t.due),
        sum(&t.reached),
        sum(&t.assistance_known),
        sum(&t.not_receiving),
    );
    let status = |o: Option<ExitOutcome>| sum(&t.by_status[Key::index(o)]);
    FollowUpCounts {
        due: Figure::Value(due),
        reached: Figure::Value(reached),
        not_reached: Figure::Value(due - reached),
        response_rate: share(reached, due),
        response_ci: wilson(reached, due, z),
        early: Figure::Value(sum(&t.early)),
        by_status: PerOutcome::from_fn(|o| Figure::Value(status(o))),
        status_share: PerOutcome::from_fn(|o| share(status(o), reached)),
        status_share_of_due: PerOutcome::from_fn(|o| share(status(o), due)),
        not_reached_share_of_due: share(due - reached, due),
        assistance_known: Figure::Value(known),
        not_receiving_assistance: Figure::Value(not_receiving),
        share_not_receiving_assistance: share(not_receiving, known),
        ci: wilson(not_receiving, known, z),
        share_not_receiving_assistance_of_due: share(not_receiving, due),
        ci_of_due: wilson(not_receiving, due, z),
    }
}

fn follow_up(h: Horizon, t: &FollowUpTally, z: f64) -> FollowUpResult {
    debug_assert_eq!(t.by_status.len(), ExitOutcome::ALL.len() + 1);
    let every: Vec<usize> = Gender::ALL.iter().map(|g| g.index()).collect();
    FollowUpResult::new(
        h.months,
        h.tolerance,
        follow_up_counts(t, &every, z),
        by_gender(|g| follow_up_counts(t, &[g], z)),
    )
}
