//! Disclosure control (`docs/report.md#disclosure-control`,
//! `docs/report.md#disclosure-relations`, `docs/decisions.md#decision-63`).
//!
//! 1. Primary: every count in 1..min_cell−1 is suppressed, and so is every
//!    *implied* count in that range: a number of participants the report
//!    never prints but that is the difference of two counts it does print
//!    (observed − assistance_known, enrolled − evaluable, …).
//! 2. Secondary: the report's tables imply linear relations between their
//!    counts (a total and its parts, the sides of a transition matrix,
//!    population = achieved + unknown + criterion false, a goal's counts and
//!    the change table of the parameter its criterion reads, …). A relation
//!    in which exactly one member is unknown to a reader gives that member
//!    away, so when that member is protected (a hidden or implied small
//!    count) the smallest shown non-zero count of the relation is hidden too.
//!    Repeated until nothing changes; then an exact solver checks that no
//!    protected count follows from *several* relations together (the mean
//!    gain of a ladder weighs its transition cells, so two relations can pin
//!    two cells), hiding a count used in any such derivation, until none is
//!    left.
//! 3. Derived: shares, intervals, mean gains, deviations, `needed`, the
//!    gender gap, and a goal's status and confidence are hidden when a count
//!    they are computed from is hidden.

mod comparison;

use std::collections::BTreeMap;

use super::{
    AssistanceCounts, Count, Enrolment, Exits, Figure, FollowUpCounts, FollowUpResult, GenderCount,
    GoalResult, Interval, ParameterChange, Report, Share, StatusOnCounts,
};
use crate::programme::Criterion;
use crate::vocab::Population;
use crate::vocab::{ExitOutcome, Gender, IssueKind, Key};

/// The minimum cell size when none is given: every surface's default
/// (docs/report.md#disclosure-control).
pub const DEFAULT_MIN_CELL: u64 = 5;

/// A minimum cell size that is not a whole number of at least 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the minimum cell size must be a whole number of at least 0")]
pub struct InvalidMinCell;

impl InvalidMinCell {
    /// The stable code every surface raises it with.
    pub fn code(self) -> &'static str {
        "invalid_argument"
    }
}

/// Checks a minimum cell size a user gave (as the integer a binding read
/// it as): any whole number ≥ 0. 0 and 1 hide nothing, as no count lies
/// between 1 and `min_cell − 1` (docs/decisions.md, decision 50); they are
/// accepted so that "no suppression" needs no special case in a caller.
pub fn min_cell(value: i64) -> Result<u64, InvalidMinCell> {
    u64::try_from(value).map_err(|_| InvalidMinCell)
}

impl Report {
    /// A publishable copy: counts below `min_cell` (and what would reveal
    /// them) become `"suppressed"`. `min_cell` ≤ 1 hides nothing.
    pub fn suppress(&self, min_cell: u64) -> Report {
        let mut r = self.clone();
        // Row numbers point into the input: for the analyst, not the public.
        r.data_quality
            .iter_mut()
            .chain(r.comparison.iter_mut().flat_map(|c| &mut c.data_quality))
            .for_each(|issue| issue.rows.clear());
        if min_cell > 1 {
            let system = System::of(self, min_cell);
            // A relation that does not hold would protect nothing and
            // mislead the solver; every one holds by construction (a
            // partial read from elsewhere is checked, `relations_hold`).
            debug_assert!(system.all_hold());
            let hidden = system.protect();
            let mut i = 0;
            for_each_count(&mut r, &mut |c| {
                if hidden[i] {
                    *c = Figure::Suppressed;
                }
                i += 1;
            });
        }
        derived(&mut r);
        r
    }
}

/// Whether every relation between the report's counts holds
/// (`docs/report.md#disclosure-relations`): true of every report stegvis
/// derives from data; a partial read from elsewhere is refused unless its
/// report passes this (`docs/partials.md#checks`).
pub(crate) fn relations_hold(report: &Report) -> bool {
    System::of(report, 2).all_hold()
}

/// Calls `f` on every count of the report, in report order. The order is
/// the index of a count in [`System`] and decides ties.
fn for_each_count(r: &mut Report, f: &mut impl FnMut(&mut Count)) {
    f(&mut r.enrolment.enrolled);
    r.enrolment
        .by_gender
        .values_mut()
        .for_each(|g| f(&mut g.count));
    r.enrolment
        .reentry
        .counts_mut()
        .into_iter()
        .for_each(&mut *f);
    for goal in &mut r.goals {
        goal_counts(goal, f);
    }
    for p in &mut r.parameters {
        parameter_counts(p, f);
        p.transitions
            .iter_mut()
            .flatten()
            .flatten()
            .for_each(&mut *f);
    }
    f(&mut r.exits.exited);
    r.exits
        .by_outcome
        .values_mut()
        .for_each(|o| f(&mut o.count));
    for g in r.exits.by_gender.values_mut() {
        f(&mut g.exited);
        g.by_outcome.values_mut().for_each(|o| f(&mut o.count));
    }
    for h in &mut r.follow_ups {
        h.for_each_part(|part| {
            [
                &mut part.due,
                &mut part.reached,
                &mut part.not_reached,
                &mut part.early,
                &mut part.assistance_known,
                &mut part.not_receiving_assistance,
            ]
            .into_iter()
            .for_each(&mut *f);
            part.by_status.values_mut().for_each(&mut *f);
        });
    }
    r.data_quality
        .iter_mut()
        .for_each(|issue| f(&mut issue.count));
    // The breakdowns come last (docs/report.md#breakdowns).
    for group in r.breakdowns.iter_mut().flat_map(|b| &mut b.groups) {
        f(&mut group.enrolment.enrolled);
        f(&mut group.enrolment.exited);
        group
            .enrolment
            .by_gender
            .values_mut()
            .for_each(|g| f(&mut g.count));
        for goal in &mut group.goals {
            goal_counts(goal, f);
        }
        for p in &mut group.parameters {
            parameter_counts(p, f);
        }
    }
    // The comparison after the breakdowns (docs/report.md#comparison).
    if let Some(c) = &mut r.comparison {
        comparison::counts(c, f);
    }
    // Then the trend, dates ascending (docs/report.md#trend).
    for point in &mut r.trend {
        f(&mut point.enrolled);
        point.by_gender.values_mut().for_each(|g| f(&mut g.count));
        for goal in &mut point.goals {
            f(&mut goal.achieved);
            f(&mut goal.denominator);
        }
    }
    // Then the before/after table and the ESF+ section (`docs/report.md#esf`).
    esf_counts(r, f);
    // The status on a date comes last (`docs/report.md#status-on`).
    if let Some(s) = &mut r.status_on {
        s.for_each_part(|part| status_on_counts(part, f));
    }
}

/// One part of the status on a date: the printed counts, in order.
fn status_on_counts(part: &mut StatusOnCounts, f: &mut impl FnMut(&mut Count)) {
    f(&mut part.exited);
    f(&mut part.with_follow_up);
    f(&mut part.no_follow_up);
    part.by_status.values_mut().for_each(&mut *f);
    f(&mut part.on_assistance);
    f(&mut part.not_on_assistance);
    f(&mut part.assistance_not_recorded);
}

/// The counts of the before/after table, then of the ESF+ section: each
/// total before its genders.
fn esf_counts(r: &mut Report, f: &mut impl FnMut(&mut Count)) {
    let mut gender_count = |c: &mut GenderCount| {
        f(&mut c.total);
        c.by_gender.values_mut().for_each(&mut *f);
    };
    gender_count(&mut r.assistance.recorded_at_entry);
    gender_count(&mut r.assistance.on_assistance_at_entry);
    if let Some(e) = &mut r.esf {
        e.indicators.values_mut().for_each(&mut gender_count);
    }
    for step in &mut r.assistance.steps {
        step.for_each_part(|p| {
            f(&mut p.population);
            f(&mut p.recorded);
            f(&mut p.not_on_assistance);
        });
    }
}

/// A goal's counts in report order: five overall, then four per gender.
fn goal_counts(goal: &mut GoalResult, f: &mut impl FnMut(&mut Count)) {
    for c in [
        &mut goal.population_size,
        &mut goal.achieved,
        &mut goal.unknown,
        &mut goal.excluded,
        &mut goal.denominator,
    ] {
        f(c);
    }
    for g in goal.by_gender.values_mut() {
        [
            &mut g.achieved,
            &mut g.unknown,
            &mut g.excluded,
            &mut g.denominator,
        ]
        .into_iter()
        .for_each(&mut *f);
    }
}

/// A parameter's counts in report order, transitions aside: four overall,
/// then four per gender.
fn parameter_counts(p: &mut ParameterChange, f: &mut impl FnMut(&mut Count)) {
    [
        &mut p.evaluable,
        &mut p.improved,
        &mut p.unchanged,
        &mut p.worsened,
    ]
    .into_iter()
    .for_each(&mut *f);
    for g in p.by_gender.values_mut() {
        [
            &mut g.evaluable,
            &mut g.improved,
            &mut g.unchanged,
            &mut g.worsened,
        ]
        .into_iter()
        .for_each(&mut *f);
    }
}

/// One unknown of the disclosure problem.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A count printed in the report (index = report order).
    Published,
    /// A number of participants the report does not print but that its
    /// relations define (a difference of printed counts).
    Implied,
    /// A number that is not a count of participants (the sum of gains of a
    /// ladder's evaluable participants): known exactly when the published
    /// count `when` is shown, since then mean_gain × `when` gives it.
    Latent { when: usize },
}

/// The per-gender counts of exits that goals relate to: each gender's
/// exited, active (implied) and outcome counts.
struct Sides<'a> {
    exited: &'a [usize],
    active: &'a [usize],
    outcome: &'a [Vec<usize>],
}

/// total = Σ coefficient × cell.
#[derive(Debug)]
struct Relation {
    total: usize,
    cells: Vec<(usize, i64)>,
}

/// The report's counts and implied counts, with the relations between them.
struct System {
    min_cell: u64,
    kinds: Vec<Kind>,
    /// `None` where not known (a count already hidden in the input).
    values: Vec<Option<i64>>,
    relations: Vec<Relation>,
    /// Published counts hidden so far.
    hidden: Vec<bool>,
}

impl System {
    fn of(report: &Report, min_cell: u64) -> System {
        // A copy whose counts are their own indices gives every count a
        // name without a second walk that could drift from the first.
        let mut ix = report.clone();
        let mut values = Vec::new();
        for_each_count(&mut ix, &mut |c| {
            values.push(c.value().and_then(|&v| i64::try_from(v).ok()));
            *c = Figure::Value(values.len() as u64 - 1);
        });
        let published = values.len();
        let mut s = System {
            min_cell,
            kinds: vec![Kind::Published; published],
            hidden: values
                .iter()
                .map(|v| v.is_none_or(|v| v >= 1 && (v as u64) < min_cell))
                .collect(),
            values,
            relations: Vec::new(),
        };
        s.relate(&ix);
        s
    }

    fn value(&self, v: usize) -> Option<i64> {
        self.values[v]
    }

    /// A number of participants that `total` − Σ `parts` defines.
    fn implied(&mut self, total: usize, parts: &[usize]) -> usize {
        let value = self.value(total).and_then(|t| {
            parts
                .iter()
                .try_fold(t, |acc, &p| acc.checked_sub(self.value(p)?))
        });
        self.kinds.push(Kind::Implied);
        self.values.push(value);
        self.kinds.len() - 1
    }

    fn relation(&mut self, total: usize, cells: &[usize]) {
        self.weighted(total, cells.iter().map(|&c| (c, 1)).collect());
    }

    fn weighted(&mut self, total: usize, cells: Vec<(usize, i64)>) {
        self.relations.push(Relation { total, cells });
    }

    /// total = Σ parts + (an implied count), the implied count returned.
    fn nested(&mut self, total: usize, parts: &[usize]) -> usize {
        let rest = self.implied(total, parts);
        let mut cells = parts.to_vec();
        cells.push(rest);
        self.relation(total, &cells);
        rest
    }

    /// Every relation the report's tables imply, over `ix` (the report with
    /// its counts replaced by their indices).
    fn relate(&mut self, ix: &Report) {
        let i = |c: &Count| *c.value().expect("an index") as usize;
        let e = &ix.enrolment;
        let enrolled = i(&e.enrolled);
        let gender: Vec<usize> = e.by_gender.iter().map(|(_, g)| i(&g.count)).collect();
        self.relation(enrolled, &gender);
        self.reentry(&e.reentry, enrolled, &i);

        // Present = exited + active; the goals' populations need both.
        let x = &ix.exits;
        let exited = i(&x.exited);
        let active = self.nested(enrolled, &[exited]);
        let outcome: Vec<usize> = x.by_outcome.iter().map(|(_, o)| i(&o.count)).collect();
        // Exits by gender (docs/decisions.md#decision-81): a gender's
        // enrolment is its exited and its active.
        let exited_g: Vec<usize> = x.by_gender.iter().map(|(_, e)| i(&e.exited)).collect();
        let outcome_g: Vec<Vec<usize>> = x
            .by_gender
            .iter()
            .map(|(_, e)| e.by_outcome.iter().map(|(_, o)| i(&o.count)).collect())
            .collect();
        let active_g: Vec<usize> = gender
            .iter()
            .zip(&exited_g)
            .map(|(&count, &e)| self.nested(count, &[e]))
            .collect();
        self.relation(active, &active_g);
        let sides = Sides {
            exited: &exited_g,
            active: &active_g,
            outcome: &outcome_g,
        };
        // In report order: the order decides which count a relation hides.
        for g in &ix.goals {
            let bases = [enrolled, exited, active];
            let top = Some((&sides, &ix.follow_ups[..]));
            self.goal(g, &ix.parameters, bases, &gender, Some(&outcome), top, &i);
        }
        for p in &ix.parameters {
            self.parameter(p, enrolled, &gender, &i);
        }
        self.relation(exited, &outcome);
        for (k, &e) in exited_g.iter().enumerate() {
            self.relation(e, &outcome_g[k]);
        }
        self.relation(exited, &exited_g);
        for (o, &total) in outcome.iter().enumerate() {
            let cells: Vec<usize> = outcome_g.iter().map(|g| g[o]).collect();
            self.relation(total, &cells);
        }
        for h in &ix.follow_ups {
            self.horizon(h, exited, &exited_g, &i);
        }
        for issue in &ix.data_quality {
            // Two kinds count participants, the same as a report cell.
            let same = match issue.kind {
                IssueKind::UnknownGender => gender[Gender::Unknown.index()],
                IssueKind::MissingExitOutcome => outcome[None::<ExitOutcome>.index()],
                _ => continue,
            };
            self.relation(i(&issue.count), &[same]);
        }
        self.breakdowns(ix, [enrolled, exited], &gender, &i);
        let all = |total: usize, parts: &[usize]| {
            let mut v = vec![total];
            v.extend(parts);
            v
        };
        let enrolled_all = all(enrolled, &gender);
        let exited_all = all(exited, &exited_g);
        self.esf(ix, &enrolled_all, &exited_all, &i);
        self.comparison(ix, &i);
        self.trend(ix, enrolled, &gender, &i);
        self.status_on(ix, &exited_all, &i);
    }

    /// The re-entry counts (docs/report.md#disclosure-relations):
    /// episodes = participants + re-entries, the enrolled are the
    /// participants (or, per episode, the episodes), and the re-entrants
    /// are part of both the participants and the re-entries.
    fn reentry(&mut self, r: &super::Reentry, enrolled: usize, i: &impl Fn(&Count) -> usize) {
        let [participants, episodes, reentrants, reentries] = [
            i(&r.participants),
            i(&r.episodes),
            i(&r.reentrants),
            i(&r.reentries),
        ];
        self.relation(episodes, &[participants, reentries]);
        let counted = match r.policy {
            crate::programme::ReentryRule::PerEpisode => episodes,
            _ => participants,
        };
        self.relation(enrolled, &[counted]);
        self.nested(participants, &[reentrants]);
        self.nested(reentries, &[reentrants]);
    }

    /// A count for everyone, then per gender (`[total, woman, man,
    /// non_binary, unknown]`), with total = Σ genders.
    fn gender_count(&mut self, c: &GenderCount, i: &impl Fn(&Count) -> usize) -> Vec<usize> {
        let mut v = vec![i(&c.total)];
        v.extend(c.by_gender.iter().map(|(_, x)| i(x)));
        self.relation(v[0], &v[1..]);
        v
    }

    /// `parent ⊇ Σ children`, for everyone and per gender, with the
    /// implied rests adding up over the genders too.
    fn nest_all(&mut self, parent: &[usize], children: &[&[usize]]) {
        let rest: Vec<usize> = (0..parent.len())
            .map(|k| {
                let parts: Vec<usize> = children.iter().map(|c| c[k]).collect();
                self.nested(parent[k], &parts)
            })
            .collect();
        self.relation(rest[0], &rest[1..]);
    }

    /// `parent = Σ children`, for everyone and per gender.
    fn partition_all(&mut self, parent: &[usize], children: &[&[usize]]) {
        for k in 0..parent.len() {
            let parts: Vec<usize> = children.iter().map(|c| c[k]).collect();
            self.relation(parent[k], &parts);
        }
    }

    /// The before/after table and the ESF+ section
    /// (`docs/report.md#disclosure-relations`): their margins, what they
    /// nest in, and the counts they share with the follow-up table.
    fn esf(
        &mut self,
        ix: &Report,
        enrolled: &[usize],
        exited: &[usize],
        i: &impl Fn(&Count) -> usize,
    ) {
        let horizon = |h: &FollowUpResult, f: &dyn Fn(&FollowUpCounts) -> usize| -> Vec<usize> {
            std::iter::once(f(&h.overall()))
                .chain(h.by_gender.iter().map(|(_, c)| f(c)))
                .collect()
        };
        let a = &ix.assistance;
        let recorded = self.gender_count(&a.recorded_at_entry, i);
        let on = self.gender_count(&a.on_assistance_at_entry, i);
        self.nest_all(enrolled, &[&recorded]);
        self.nest_all(&recorded, &[&on]);
        for (k, step) in a.steps.iter().enumerate() {
            let part = |f: &dyn Fn(&AssistanceCounts) -> usize| -> Vec<usize> {
                std::iter::once(f(&step.overall()))
                    .chain(step.by_gender.iter().map(|(_, c)| f(c)))
                    .collect()
            };
            let population = part(&|c| i(&c.population));
            let rec = part(&|c| i(&c.recorded));
            let off = part(&|c| i(&c.not_on_assistance));
            for v in [&population, &rec, &off] {
                self.relation(v[0], &v[1..]);
            }
            self.nest_all(&on, &[&population]);
            self.nest_all(&population, &[&rec]);
            self.nest_all(&rec, &[&off]);
            match k.checked_sub(1).and_then(|h| ix.follow_ups.get(h)) {
                None => self.nest_all(exited, &[&population]),
                Some(h) => {
                    self.nest_all(&horizon(h, &|c| i(&c.due)), &[&population]);
                    self.nest_all(&horizon(h, &|c| i(&c.assistance_known)), &[&rec]);
                    let not_receiving = horizon(h, &|c| i(&c.not_receiving_assistance));
                    self.nest_all(&not_receiving, &[&off]);
                }
            }
        }
        let Some(e) = &ix.esf else {
            return;
        };
        use crate::vocab::EsfIndicator as I;
        let mut c = |x: I| self.gender_count(e.indicator(x), i);
        let [p, u, ltu, inactive, employed, u18, a18, a55, i02, i34, i58] = I::OUTPUTS.map(&mut c);
        let [left, js, edu, qual, emp] = I::IMMEDIATE.map(&mut c);
        let [due, reached, emp6] = I::LONGER_TERM.map(&mut c);
        let [ml, me, mb, mg, none, open] = I::QUALITY.map(&mut c);
        self.partition_all(enrolled, &[&p]);
        self.partition_all(&p, &[&u, &inactive, &employed, &ml]);
        self.nest_all(&u, &[&ltu]);
        self.partition_all(&p, &[&i02, &i34, &i58, &me]);
        self.nest_all(&p, &[&u18, &a18, &a55, &mb]);
        // Only unknown gender is missing gender.
        self.relation(enrolled[1 + Gender::Unknown.index()], &[mg[0]]);
        self.partition_all(exited, &[&left, &open]);
        self.nest_all(&left, &[&js, &edu, &emp, &none]);
        self.nest_all(&left, &[&qual]);
        self.nest_all(exited, &[&due]);
        self.nest_all(&due, &[&reached]);
        self.nest_all(&reached, &[&emp6]);
        // The six-month horizon of the follow-up table, when it has one.
        let six = ix.follow_ups.iter().find(|h| {
            (h.after_months, h.tolerance_days)
                == (e.longer_term_months, e.longer_term_tolerance_days)
        });
        if let Some(h) = six {
            self.partition_all(&horizon(h, &|c| i(&c.due)), &[&due]);
            self.partition_all(&horizon(h, &|c| i(&c.reached)), &[&reached]);
            let status = |o: ExitOutcome| horizon(h, &|c| i(c.by_status.get(Some(o))));
            let (employment, subsidised) = (
                status(ExitOutcome::Employment),
                status(ExitOutcome::SubsidisedEmployment),
            );
            self.partition_all(&emp6, &[&employment, &subsidised]);
        }
    }

    /// One follow-up horizon (docs/report.md#disclosure-relations), overall
    /// and per gender, with its margins.
    fn horizon(
        &mut self,
        h: &FollowUpResult,
        exited: usize,
        exited_g: &[usize],
        i: &impl Fn(&Count) -> usize,
    ) {
        let printed = |c: &FollowUpCounts| -> Vec<usize> {
            [
                &c.due,
                &c.reached,
                &c.not_reached,
                &c.early,
                &c.assistance_known,
                &c.not_receiving_assistance,
            ]
            .into_iter()
            .chain(c.by_status.iter().map(|(_, s)| s))
            .map(i)
            .collect()
        };
        let all = printed(&h.overall());
        let implied_all = self.horizon_part(&all, exited);
        let mut per = Vec::new();
        let mut implied_per = Vec::new();
        for ((_, part), &base) in h.by_gender.iter().zip(exited_g) {
            let cells = printed(part);
            implied_per.push(self.horizon_part(&cells, base));
            per.push(cells);
        }
        for (k, &total) in all.iter().enumerate() {
            let cells: Vec<usize> = per.iter().map(|c| c[k]).collect();
            self.relation(total, &cells);
        }
        for (k, &total) in implied_all.iter().enumerate() {
            let cells: Vec<usize> = implied_per.iter().map(|c| c[k]).collect();
            self.relation(total, &cells);
        }
    }

    /// The relations within one part of a horizon, `cells` in the order of
    /// `horizon`'s `printed`; returns its implied counts: not yet due,
    /// neither due nor early, reached without a recorded assistance
    /// status, receiving assistance.
    fn horizon_part(&mut self, cells: &[usize], exited: usize) -> [usize; 4] {
        let [due, reached, not_reached, early, known, not_receiving] =
            [cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]];
        self.relation(due, &[reached, not_reached]);
        self.relation(reached, &cells[6..]);
        // Nested groups: exited ⊇ not yet due ⊇ early; reached ⊇
        // assistance known ⊇ not receiving.
        let not_due = self.nested(exited, &[due]);
        let neither = self.nested(not_due, &[early]);
        let not_recorded = self.nested(reached, &[known]);
        let receiving = self.nested(known, &[not_receiving]);
        [not_due, neither, not_recorded, receiving]
    }

    /// Whether a relation holds: true when a count in it is not known
    /// (hidden in the input), false when its sum overflows.
    fn holds(&self, r: &Relation) -> bool {
        let mut sum = 0i64;
        for &(c, k) in &r.cells {
            let Some(v) = self.value(c) else {
                return true;
            };
            match k.checked_mul(v).and_then(|kv| sum.checked_add(kv)) {
                Some(s) => sum = s,
                None => return false,
            }
        }
        self.value(r.total).is_none_or(|total| sum == total)
    }

    fn all_hold(&self) -> bool {
        self.relations.iter().all(|r| self.holds(r))
    }

    fn parameter(
        &mut self,
        p: &ParameterChange,
        enrolled: usize,
        gender: &[usize],
        i: &impl Fn(&Count) -> usize,
    ) {
        let row = |e: &Count, a: &Count, b: &Count, c: &Count| [i(e), i(a), i(b), i(c)];
        let all = row(&p.evaluable, &p.improved, &p.unchanged, &p.worsened);
        let per: Vec<[usize; 4]> = p
            .by_gender
            .iter()
            .map(|(_, g)| row(&g.evaluable, &g.improved, &g.unchanged, &g.worsened))
            .collect();
        self.relation(all[0], &all[1..]);
        for g in &per {
            self.relation(g[0], &g[1..]);
        }
        for column in 0..4 {
            let cells: Vec<usize> = per.iter().map(|g| g[column]).collect();
            self.relation(all[column], &cells);
        }
        // The table counts every present participant: the rest are not
        // evaluable, overall and per gender.
        let rest = self.nested(enrolled, &[all[0]]);
        let rest_by_gender: Vec<usize> = per
            .iter()
            .zip(gender)
            .map(|(g, &count)| self.nested(count, &[g[0]]))
            .collect();
        self.relation(rest, &rest_by_gender);
        if let Some(matrix) = &p.transitions {
            let cells: Vec<(usize, usize, usize)> = matrix
                .iter()
                .enumerate()
                .flat_map(|(b, row)| row.iter().enumerate().map(move |(l, c)| (b, l, i(c))))
                .collect();
            let every: Vec<usize> = cells.iter().map(|c| c.2).collect();
            self.relation(all[0], &every);
            // Above the diagonal the latest level is higher, below it
            // lower, on it unchanged.
            let (higher, lower) = if p.higher_is_better {
                (all[1], all[3])
            } else {
                (all[3], all[1])
            };
            for (total, keep) in [
                (higher, (|b, l| l > b) as fn(usize, usize) -> bool),
                (all[2], |b, l| l == b),
                (lower, |b, l| l < b),
            ] {
                let side: Vec<usize> = cells
                    .iter()
                    .filter(|c| keep(c.0, c.1))
                    .map(|c| c.2)
                    .collect();
                self.relation(total, &side);
            }
            // mean_gain × evaluable is the sum of the gains, and a cell's
            // gain is its distance from the diagonal: one more relation,
            // weighted, known whenever the mean gain is shown.
            let sign = if p.higher_is_better { 1 } else { -1 };
            let gains = self
                .value(all[0])
                .zip(p_mean_gain(p))
                .map(|(n, m)| (m * n as f64).round() as i64);
            self.kinds.push(Kind::Latent { when: all[0] });
            self.values.push(gains);
            let sum = self.kinds.len() - 1;
            let weighted = cells
                .iter()
                .map(|&(b, l, c)| (c, sign * (l as i64 - b as i64)))
                .filter(|&(_, k)| k != 0)
                .collect();
            self.weighted(sum, weighted);
        }
    }

    /// Each group's own relations, as the report's tables have them, and
    /// each breakdown's margins: Σ over its groups of every count of a
    /// group = the report's count (docs/report.md#disclosure-relations).
    fn breakdowns(
        &mut self,
        ix: &Report,
        [enrolled, exited]: [usize; 2],
        gender: &[usize],
        i: &impl Fn(&Count) -> usize,
    ) {
        let cells = |r: &mut Report| {
            let mut goals = Vec::new();
            for g in &mut r.goals {
                goal_counts(g, &mut |c| goals.push(i(c)));
            }
            let mut parameters = Vec::new();
            for p in &mut r.parameters {
                parameter_counts(p, &mut |c| parameters.push(i(c)));
            }
            (goals, parameters)
        };
        let mut whole = ix.clone();
        let (goals, parameters) = cells(&mut whole);
        for b in &ix.breakdowns {
            let mut margins: Vec<(usize, Vec<usize>)> = std::iter::once(enrolled)
                .chain(std::iter::once(exited))
                .chain(gender.iter().copied())
                .chain(goals.iter().copied())
                .chain(parameters.iter().copied())
                .map(|total| (total, Vec::new()))
                .collect();
            for group in &b.groups {
                let e = &group.enrolment;
                let (n, x) = (i(&e.enrolled), i(&e.exited));
                let by_gender: Vec<usize> = e.by_gender.iter().map(|(_, g)| i(&g.count)).collect();
                self.relation(n, &by_gender);
                let active = self.nested(n, &[x]);
                for g in &group.goals {
                    self.goal(
                        g,
                        &group.parameters,
                        [n, x, active],
                        &by_gender,
                        None,
                        None,
                        i,
                    );
                }
                for p in &group.parameters {
                    self.parameter(p, n, &by_gender, i);
                }
                let mut own = vec![n, x];
                own.extend(&by_gender);
                for g in &group.goals {
                    let mut g = g.clone();
                    goal_counts(&mut g, &mut |c| own.push(i(c)));
                }
                for p in &group.parameters {
                    let mut p = p.clone();
                    parameter_counts(&mut p, &mut |c| own.push(i(c)));
                }
                for ((_, parts), cell) in margins.iter_mut().zip(own) {
                    parts.push(cell);
                }
            }
            for (total, parts) in margins {
                self.relation(total, &parts);
            }
        }
    }

    /// Each trend date's own relations; at the report's date, each trend
    /// count equals the report's (docs/report.md#disclosure-relations,
    /// docs/decisions.md#decision-119). Differences between dates are not
    /// relations.
    fn trend(
        &mut self,
        ix: &Report,
        enrolled: usize,
        gender: &[usize],
        i: &impl Fn(&Count) -> usize,
    ) {
        for p in &ix.trend {
            let n = i(&p.enrolled);
            let by_gender: Vec<usize> = p.by_gender.iter().map(|(_, g)| i(&g.count)).collect();
            if p.as_of == ix.as_of {
                self.relation(enrolled, &[n]);
                for (&report, &own) in gender.iter().zip(&by_gender) {
                    self.relation(report, &[own]);
                }
                for (g, own) in ix.goals.iter().zip(&p.goals) {
                    self.relation(i(&g.achieved), &[i(&own.achieved)]);
                    self.relation(i(&g.denominator), &[i(&own.denominator)]);
                }
                // The point's own relations hold too: its denominator −
                // achieved is the report's not achieved and unknown together,
                // a count the report's goal table never prints.
            }
            self.relation(n, &by_gender);
            for g in &p.goals {
                let (achieved, denominator) = (i(&g.achieved), i(&g.denominator));
                self.nested(n, &[denominator]);
                self.nested(denominator, &[achieved]);
            }
        }
    }

    /// The status on a date (`docs/report.md#disclosure-relations`),
    /// overall and per gender: exited = with + no follow-up, with = the
    /// statuses = on + not on + not recorded, each count = its genders.
    /// Its `exited` equals the report's when the date is the as-of date,
    /// and is part of it unless re-entrants are counted once (someone who
    /// came back after the date has left by it but not by as-of).
    fn status_on(&mut self, ix: &Report, exited: &[usize], i: &impl Fn(&Count) -> usize) {
        let Some(s) = &ix.status_on else {
            return;
        };
        let printed = |c: &StatusOnCounts| -> Vec<usize> {
            let mut v = vec![i(&c.exited), i(&c.with_follow_up), i(&c.no_follow_up)];
            v.extend(c.by_status.iter().map(|(_, n)| i(n)));
            v.extend([
                i(&c.on_assistance),
                i(&c.not_on_assistance),
                i(&c.assistance_not_recorded),
            ]);
            v
        };
        let mut parts = vec![printed(&s.overall())];
        parts.extend(s.by_gender.iter().map(|(_, c)| printed(c)));
        let statuses = ExitOutcome::ALL.len() + 1;
        for p in &parts {
            self.relation(p[0], &[p[1], p[2]]);
            self.relation(p[1], &p[3..3 + statuses]);
            self.relation(p[1], &p[3 + statuses..]);
        }
        for k in 0..parts[0].len() {
            let cells: Vec<usize> = parts[1..].iter().map(|p| p[k]).collect();
            self.relation(parts[0][k], &cells);
        }
        let exited_d: Vec<usize> = parts.iter().map(|p| p[0]).collect();
        if s.date == ix.as_of {
            for (&report, &own) in exited.iter().zip(&exited_d) {
                self.relation(report, &[own]);
            }
        } else if ix.enrolment.reentry.policy != crate::programme::ReentryRule::Once {
            self.nest_all(exited, &[&exited_d]);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn goal(
        &mut self,
        g: &GoalResult,
        parameters: &[ParameterChange],
        [enrolled, exited, active]: [usize; 3],
        gender: &[usize],
        outcome: Option<&[usize]>,
        // The report's own exit sides and follow-ups; `None` in a group.
        top: Option<(&Sides<'_>, &[FollowUpResult])>,
        i: &impl Fn(&Count) -> usize,
    ) {
        let (size, achieved, unknown, excluded, denominator) = (
            i(&g.population_size),
            i(&g.achieved),
            i(&g.unknown),
            i(&g.excluded),
            i(&g.denominator),
        );
        let per = |f: fn(&super::GenderGoalResult) -> &Count| -> Vec<usize> {
            g.by_gender.iter().map(|(_, x)| i(f(x))).collect()
        };
        let (a, u, x, d) = (
            per(|x| &x.achieved),
            per(|x| &x.unknown),
            per(|x| &x.excluded),
            per(|x| &x.denominator),
        );
        self.relation(size, &[denominator, excluded]);
        self.relation(achieved, &a);
        self.relation(unknown, &u);
        self.relation(excluded, &x);
        self.relation(denominator, &d);
        // Under `exclude` every unknown is excluded; under `fail` none is
        // (and the excluded are all a shown 0).
        let exclude = self.value(excluded).is_some_and(|v| v > 0);
        if exclude {
            self.relation(excluded, &[unknown]);
            for (&xg, &ug) in x.iter().zip(&u) {
                self.relation(xg, &[ug]);
            }
        }
        // The population, overall and per gender: achieved + unknown +
        // criterion false. Per gender it is denominator + excluded.
        let mut population = Vec::new();
        let mut false_by_gender = Vec::new();
        for k in 0..a.len() {
            let n = self.implied_sum(&[d[k], x[k]]);
            self.relation(n, &[d[k], x[k]]);
            false_by_gender.push(self.nested(n, &[a[k], u[k]]));
            population.push(n);
        }
        self.relation(size, &population);
        let false_total = self.nested(size, &[achieved, unknown]);
        self.relation(false_total, &false_by_gender);
        // The population is part of the enrolled, exited or active; the
        // rest (left out by min_days) is a group of people too.
        let base = match g.population {
            Population::Enrolled => enrolled,
            Population::Exited => exited,
            Population::Active => active,
            // Due for a follow-up: part of the exited (`docs/method.md#population`).
            Population::Due => exited,
        };
        self.nested(base, &[size]);
        // Per gender too, now that exits are printed by gender.
        let base_g = match (g.population, top) {
            (Population::Enrolled, _) => Some(gender),
            (Population::Exited | Population::Due, Some((sides, _))) => Some(sides.exited),
            (Population::Active, Some((sides, _))) => Some(sides.active),
            // A group reports its exited in all only: the rule below
            // nests the group's population in its enrolled per gender.
            _ => None,
        };
        for (&count, &n) in base_g.into_iter().flatten().zip(&population) {
            self.nested(count, &[n]);
        }
        // A population within the exited or active is within the enrolled
        // too, and enrolled − population is a group of people as well:
        // protected directly, since an attacker may combine the enrolment,
        // exit and population margins in any order.
        if g.population != Population::Enrolled {
            self.nested(enrolled, &[size]);
            for (&count, &n) in gender.iter().zip(&population) {
                self.nested(count, &[n]);
            }
        }
        // A goal counting everyone due for a horizon of the follow-up
        // table counts that horizon's `due` (`docs/report.md#disclosure-relations`).
        if let (Population::Due, Some((_, follow_ups))) = (g.population, top) {
            for h in follow_ups {
                let same = g.population_after_months == Some(h.after_months)
                    && g.population_tolerance_days == Some(h.tolerance_days);
                // The goal's population is part of those due (min_days and
                // `where` only remove people), so equal sizes mean the
                // same people, in all and per gender.
                let equal = |this: &Self, a: usize, b: usize| {
                    this.value(a).is_some() && this.value(a) == this.value(b)
                };
                let due = i(&h.due);
                if same && equal(self, size, due) {
                    self.relation(due, &[size]);
                }
                for ((_, counts), &n) in h.by_gender.iter().zip(&population) {
                    let due = i(&counts.due);
                    if same && equal(self, n, due) {
                        self.relation(due, &[n]);
                    }
                }
            }
        }
        // When the goal counts every present participant, some criteria
        // count exactly what another table counts.
        let everyone = self.value(size).is_some() && self.value(size) == self.value(enrolled);
        let every_exited = self.value(size).is_some() && self.value(size) == self.value(exited);
        match &g.criterion {
            Criterion::Improved(c)
                if everyone && c.at_least == 1 && (0..=1).contains(&c.min_gain) =>
            {
                let q = match &c.parameters {
                    Some(ids) if ids.len() == 1 => parameters.iter().position(|p| p.id == ids[0]),
                    None if parameters.len() == 1 => Some(0),
                    _ => None,
                };
                if let Some(p) = q.map(|q| &parameters[q]) {
                    // gain ≥ 1 is improved; gain ≥ 0 adds unchanged (levels
                    // are whole numbers); unknown is not evaluable.
                    let counts = |e: &Count, im: &Count, un: &Count| {
                        let mut yes = vec![i(im)];
                        if c.min_gain == 0 {
                            yes.push(i(un));
                        }
                        (i(e), yes)
                    };
                    let rows = std::iter::once(counts(&p.evaluable, &p.improved, &p.unchanged))
                        .chain(
                            p.by_gender
                                .iter()
                                .map(|(_, h)| counts(&h.evaluable, &h.improved, &h.unchanged)),
                        );
                    let goal_rows = std::iter::once((achieved, unknown, size))
                        .chain((0..a.len()).map(|k| (a[k], u[k], population[k])));
                    for ((e, yes), (ak, uk, nk)) in rows.zip(goal_rows) {
                        self.relation(ak, &yes);
                        // unknown = population − evaluable.
                        self.relation(nk, &[e, uk]);
                    }
                }
            }
            Criterion::ExitOutcome(list)
                if everyone
                    || (matches!(g.population, Population::Exited | Population::Due)
                        && every_exited) =>
            {
                // The exit tables are the report's own; a group has none.
                let (Some(outcome), Some((sides, _))) = (outcome, top) else {
                    return;
                };
                // Each outcome once: a list may name one twice, and a
                // count named twice is not a sum.
                let mut list = list.clone();
                list.sort_unstable_by_key(|o| o.index());
                list.dedup();
                let yes: Vec<usize> = list.iter().map(|o| outcome[Some(*o).index()]).collect();
                self.relation(achieved, &yes);
                let unknown_outcome = [
                    outcome[Some(ExitOutcome::Unknown).index()],
                    outcome[None::<ExitOutcome>.index()],
                ];
                self.relation(unknown, &unknown_outcome);
                for (k, out) in sides.outcome.iter().enumerate() {
                    let yes: Vec<usize> = list.iter().map(|o| out[Some(*o).index()]).collect();
                    self.relation(a[k], &yes);
                    let unknown_outcome = [
                        out[Some(ExitOutcome::Unknown).index()],
                        out[None::<ExitOutcome>.index()],
                    ];
                    self.relation(u[k], &unknown_outcome);
                }
            }
            _ => {}
        }
    }

    /// An implied count equal to Σ parts.
    fn implied_sum(&mut self, parts: &[usize]) -> usize {
        let value = parts
            .iter()
            .try_fold(0i64, |acc, &p| acc.checked_add(self.value(p)?));
        self.kinds.push(Kind::Implied);
        self.values.push(value);
        self.kinds.len() - 1
    }

    /// Whether a reader of the report knows `v` without solving anything:
    /// a shown count, an implied count of 0 (0 reveals nobody, and a reader
    /// may know it from the programme), or a latent known from a shown count.
    fn known(&self, v: usize) -> bool {
        match self.kinds[v] {
            Kind::Published => !self.hidden[v],
            Kind::Implied => self.values[v] == Some(0),
            Kind::Latent { when } => !self.hidden[when],
        }
    }

    /// Whether `v` must stay unknown: a hidden count, or an implied count
    /// below `min_cell` (or of unknown size).
    fn protected(&self, v: usize) -> bool {
        match self.kinds[v] {
            Kind::Published => self.hidden[v],
            Kind::Implied => self.values[v].is_none_or(|x| x >= 1 && (x as u64) < self.min_cell),
            Kind::Latent { .. } => false,
        }
    }

    /// A published, shown, non-zero count that can be hidden.
    fn hideable(&self, v: usize) -> Option<(i64, usize)> {
        match (self.kinds[v], self.values[v]) {
            (Kind::Published, Some(x)) if !self.hidden[v] && x > 0 => Some((x, v)),
            (Kind::Latent { when }, _) => self.hideable(when),
            _ => None,
        }
    }

    /// Secondary suppression to a fixed point; the hidden flags of the
    /// published counts.
    fn protect(mut self) -> Vec<bool> {
        self.local();
        while self.exact() {
            self.local();
        }
        self.hidden.truncate(self.published());
        self.hidden
    }

    fn published(&self) -> usize {
        self.kinds
            .iter()
            .take_while(|k| **k == Kind::Published)
            .count()
    }

    /// One-relation rule to a fixed point: in report order, a relation with
    /// exactly one member a reader cannot work out, that member protected,
    /// gets its smallest shown non-zero cell hidden (ties: the first in
    /// report order; the total when no cell qualifies). What a reader can
    /// work out is kept up to date after every hide. True if it hid anything.
    fn local(&mut self) -> bool {
        let mut reader = Reader::new(self);
        let mut any = false;
        loop {
            let mut changed = false;
            for k in 0..self.relations.len() {
                let r = &self.relations[k];
                let mut unknown = members(r).filter(|&v| !reader.known[v]);
                let (Some(v), None) = (unknown.next(), unknown.next()) else {
                    continue;
                };
                if !self.protected(v) {
                    continue;
                }
                let pick = self.pick(k, &reader);
                if let Some((_, h)) = pick {
                    self.hidden[h] = true;
                    reader.forget(self, h);
                    changed = true;
                }
            }
            if !changed {
                return any;
            }
            any = true;
        }
    }

    /// What to hide to repair relation `k`: its smallest shown non-zero
    /// printed cell (ties: the first in report order); if it has none, the
    /// same among the printed counts its worked-out cells were worked out
    /// from (and so on back); else its total.
    fn pick(&self, k: usize, reader: &Reader) -> Option<(i64, usize)> {
        let r = &self.relations[k];
        let mut level: Vec<usize> = r.cells.iter().map(|c| c.0).collect();
        let mut seen = vec![k];
        while !level.is_empty() {
            if let Some(best) = level.iter().filter_map(|&c| self.hideable(c)).min() {
                return Some(best);
            }
            let mut next = Vec::new();
            for &c in &level {
                if let Some(source) = reader.source[c]
                    && !seen.contains(&source)
                {
                    seen.push(source);
                    next.extend(members(&self.relations[source]).filter(|&m| m != c));
                }
            }
            level = next;
        }
        self.hideable(r.total)
    }

    /// Solves all relations together; hides a count used in the derivation
    /// of each protected value they still determine. True if it hid anything.
    fn exact(&mut self) -> bool {
        let mut solver = Solver::default();
        for r in &self.relations {
            let mut row = Row::default();
            for (v, k) in members_weighted(r) {
                if self.known(v) {
                    // Only what could be hidden is worth tracking (a known
                    // 0 cannot be); a latent stays itself, as its value is
                    // not that of the count it is known through.
                    if self.hideable(v).is_some() {
                        add(&mut row.known, v, i128::from(k));
                    }
                } else {
                    add(&mut row.unknown, v, i128::from(k));
                }
            }
            if !row.unknown.is_empty() && solver.insert(row).is_none() {
                // Coefficients beyond i128 cannot come from these
                // relations; should they, hide nothing more rather than
                // guess.
                return false;
            }
        }
        let mut picks: Vec<usize> = solver
            .rows
            .iter()
            .filter(|row| row.unknown.len() == 1)
            .filter(|row| row.unknown.keys().all(|&v| self.protected(v)))
            .filter_map(|row| {
                row.known
                    .keys()
                    .filter_map(|&v| self.hideable(v))
                    .min()
                    .map(|(_, v)| v)
            })
            .collect();
        picks.sort_unstable();
        picks.dedup();
        for &v in &picks {
            self.hidden[v] = true;
        }
        !picks.is_empty()
    }
}

/// What a reader can work out one relation at a time: the known values,
/// closed under "a relation with one unknown member gives it away" for the
/// members that may be given away (protected ones are the leaks the rule
/// repairs, never premises). Kept incrementally, so that hiding a count
/// withdraws exactly the conclusions that rested on it.
struct Reader {
    known: Vec<bool>,
    /// The relation each worked-out value came from.
    source: Vec<Option<usize>>,
    /// Relations each value is a member of.
    relations_of: Vec<Vec<usize>>,
    /// Latent values known through each published count.
    latents_of: Vec<Vec<usize>>,
}

impl Reader {
    fn new(s: &System) -> Reader {
        let n = s.kinds.len();
        let mut relations_of = vec![Vec::new(); n];
        for (k, r) in s.relations.iter().enumerate() {
            for v in members(r) {
                relations_of[v].push(k);
            }
        }
        let mut latents_of = vec![Vec::new(); n];
        for (v, kind) in s.kinds.iter().enumerate() {
            if let Kind::Latent { when } = kind {
                latents_of[*when].push(v);
            }
        }
        let mut reader = Reader {
            known: (0..n).map(|v| s.known(v)).collect(),
            source: vec![None; n],
            relations_of,
            latents_of,
        };
        reader.propagate(s, (0..s.relations.len()).collect());
        reader
    }

    fn propagate(&mut self, s: &System, mut queue: Vec<usize>) {
        while let Some(k) = queue.pop() {
            let mut unknown = members(&s.relations[k]).filter(|&v| !self.known[v]);
            if let (Some(v), None) = (unknown.next(), unknown.next())
                && !s.protected(v)
            {
                self.known[v] = true;
                self.source[v] = Some(k);
                queue.extend(&self.relations_of[v]);
            }
        }
    }

    /// `v` has just been hidden: forget it and everything worked out from
    /// it, then work out again what still follows.
    fn forget(&mut self, s: &System, v: usize) {
        let mut stack = vec![v];
        let mut touched = Vec::new();
        self.known[v] = false;
        while let Some(x) = stack.pop() {
            touched.push(x);
            for &l in &self.latents_of[x] {
                if self.known[l] {
                    self.known[l] = false;
                    stack.push(l);
                }
            }
            for &k in &self.relations_of[x] {
                for d in members(&s.relations[k]) {
                    if self.source[d] == Some(k) && self.known[d] {
                        self.known[d] = false;
                        self.source[d] = None;
                        stack.push(d);
                    }
                }
            }
        }
        let queue = touched
            .iter()
            .flat_map(|&x| self.relations_of[x].iter().copied())
            .collect();
        self.propagate(s, queue);
    }
}

fn p_mean_gain(p: &ParameterChange) -> Option<f64> {
    p.mean_gain.value().copied().flatten()
}

fn members(r: &Relation) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(r.total).chain(r.cells.iter().map(|c| c.0))
}

fn members_weighted(r: &Relation) -> impl Iterator<Item = (usize, i64)> + '_ {
    std::iter::once((r.total, -1)).chain(r.cells.iter().copied())
}

fn add(row: &mut BTreeMap<usize, i128>, v: usize, k: i128) {
    let entry = row.entry(v).or_insert(0);
    *entry += k;
    if *entry == 0 {
        row.remove(&v);
    }
}

/// An equation Σ unknown + Σ known = 0 over the unknowns, with the known
/// counts that enter it (for the derivation, not their values).
#[derive(Debug, Default, Clone)]
struct Row {
    unknown: BTreeMap<usize, i128>,
    known: BTreeMap<usize, i128>,
}

/// Gauss–Jordan elimination over the integers, kept in reduced row echelon
/// form: an unknown is determined exactly when some row has it alone.
#[derive(Default)]
struct Solver {
    rows: Vec<Row>,
    /// Pivot unknown → its row.
    pivots: BTreeMap<usize, usize>,
    /// Unknown → rows it may appear in (stale entries are skipped).
    occurs: BTreeMap<usize, Vec<usize>>,
}

impl Solver {
    /// Adds an equation; `None` on arithmetic overflow.
    fn insert(&mut self, mut row: Row) -> Option<()> {
        let keys: Vec<usize> = row.unknown.keys().copied().collect();
        for v in keys {
            if let Some(&p) = self.pivots.get(&v)
                && row.unknown.contains_key(&v)
            {
                row = eliminate(&row, &self.rows[p], v)?;
            }
        }
        // The latest unknown as pivot: implied and per-goal counts come
        // after the shared enrolment counts, so elimination stays local.
        let Some((&pivot, _)) = row.unknown.iter().next_back() else {
            return Some(());
        };
        let index = self.rows.len();
        for &v in row.unknown.keys() {
            self.occurs.entry(v).or_default().push(index);
        }
        // Keep the form reduced: take the new pivot out of every other row.
        let others = self.occurs.get(&pivot).cloned().unwrap_or_default();
        self.rows.push(row);
        self.pivots.insert(pivot, index);
        for o in others {
            if o != index && self.rows[o].unknown.contains_key(&pivot) {
                let reduced = eliminate(&self.rows[o], &self.rows[index], pivot)?;
                for &v in reduced.unknown.keys() {
                    if !self.rows[o].unknown.contains_key(&v) {
                        self.occurs.entry(v).or_default().push(o);
                    }
                }
                self.rows[o] = reduced;
            }
        }
        Some(())
    }
}

/// `row` without unknown `v`, using `pivot` (which has `v`).
fn eliminate(row: &Row, pivot: &Row, v: usize) -> Option<Row> {
    let (a, b) = (pivot.unknown[&v], row.unknown[&v]);
    let combine = |x: &BTreeMap<usize, i128>, y: &BTreeMap<usize, i128>| {
        let mut out = BTreeMap::new();
        for (&k, &c) in x {
            out.insert(k, c.checked_mul(a)?);
        }
        for (&k, &c) in y {
            let e = out.entry(k).or_insert(0i128);
            *e = e.checked_sub(c.checked_mul(b)?)?;
        }
        out.retain(|_, c| *c != 0);
        Some(out)
    };
    let mut out = Row {
        unknown: combine(&row.unknown, &pivot.unknown)?,
        known: combine(&row.known, &pivot.known)?,
    };
    let g = out
        .unknown
        .values()
        .chain(out.known.values())
        .fold(0i128, |g, &c| gcd(g, c.abs()));
    if g > 1 {
        out.unknown
            .values_mut()
            .chain(out.known.values_mut())
            .for_each(|c| *c /= g);
    }
    Some(out)
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Hides a defined value computed from a hidden count; an undefined (null)
/// value reveals nothing and stays null.
fn hide<T>(value: &mut Figure<Option<T>>, from: &[&Count]) {
    hide_if(value, from.iter().any(|c| c.is_suppressed()));
}

fn hide_if<T>(value: &mut Figure<Option<T>>, hidden: bool) {
    if hidden && matches!(value, Figure::Value(Some(_))) {
        *value = Figure::Suppressed;
    }
}

fn hide_share(share: &mut Share, from: &[&Count]) {
    hide(share, from);
}

fn hide_interval(ci: &mut Interval, from: &[&Count]) {
    hide(&mut ci.lower, from);
    hide(&mut ci.upper, from);
}

fn derived(r: &mut Report) {
    enrolment(&mut r.enrolment);
    r.goals.iter_mut().for_each(goal);
    r.parameters.iter_mut().for_each(parameter);
    exits(&mut r.exits);
    r.follow_ups.iter_mut().for_each(follow_up);
    for step in &mut r.assistance.steps {
        step.for_each_part(|c| {
            let from = [&c.not_on_assistance, &c.recorded];
            hide_share(&mut c.share, &from);
            hide_interval(&mut c.ci, &from);
        });
    }
    for group in r.breakdowns.iter_mut().flat_map(|b| &mut b.groups) {
        group_enrolment(&mut group.enrolment);
        group.goals.iter_mut().for_each(goal);
        group.parameters.iter_mut().for_each(parameter);
    }
    if let Some(c) = &mut r.comparison {
        comparison::derived(c);
    }
    r.trend.iter_mut().for_each(trend_point);
    if let Some(s) = &mut r.status_on {
        s.for_each_part(status_on_part);
    }
}

/// The shares of the status on a date go with the counts they are
/// computed from.
fn status_on_part(c: &mut StatusOnCounts) {
    let (exited, with) = (c.exited, c.with_follow_up);
    hide_share(&mut c.no_follow_up_share, &[&c.no_follow_up, &exited]);
    let counts: Vec<Count> = c.by_status.iter().map(|(_, n)| *n).collect();
    for (share, n) in c.status_share.values_mut().zip(&counts) {
        hide_share(share, &[n, &with]);
    }
    for (share, n) in c.status_share_of_exited.values_mut().zip(&counts) {
        hide_share(share, &[n, &exited]);
    }
    let from = [&c.not_on_assistance, &c.on_assistance];
    hide_share(&mut c.share_not_on_assistance, &from);
    hide_interval(&mut c.ci, &from);
    let from = [&c.not_on_assistance, &exited];
    hide_share(&mut c.share_not_on_assistance_of_exited, &from);
    hide_interval(&mut c.ci_of_exited, &from);
}

/// A trend date's gender shares go with every gender count and `enrolled`
/// (they are over the known total), a goal's share, interval and status
/// with its `achieved` and `denominator`.
fn trend_point(p: &mut super::TrendPoint) {
    let mut from: Vec<Count> = p.by_gender.iter().map(|(_, g)| g.count).collect();
    from.push(p.enrolled);
    let from: Vec<&Count> = from.iter().collect();
    for g in p.by_gender.values_mut() {
        hide_share(&mut g.share, &from);
    }
    for g in &mut p.goals {
        let from = [&g.achieved, &g.denominator];
        hide_share(&mut g.share, &from);
        hide_interval(&mut g.ci, &from);
        if g.share.is_suppressed() {
            g.status = Figure::Suppressed;
        }
    }
}

/// A group's gender shares are over its known-gender total: one hidden
/// count among them (or a hidden `enrolled`) hides every share and interval.
fn group_enrolment(e: &mut super::GroupEnrolment) {
    let mut from: Vec<Count> = e.by_gender.iter().map(|(_, g)| g.count).collect();
    from.push(e.enrolled);
    let from: Vec<&Count> = from.iter().collect();
    for g in e.by_gender.values_mut() {
        hide_share(&mut g.share, &from);
        hide_interval(&mut g.ci, &from);
    }
}

fn enrolment(e: &mut Enrolment) {
    hide_share(&mut e.share_of_plan, &[&e.enrolled]);
    // Every gender share is over the participants of known gender, and its
    // interval reveals that total: one hidden count in the breakdown (or a
    // hidden total) hides all the shares.
    let mut from: Vec<Count> = e.by_gender.iter().map(|(_, g)| g.count).collect();
    from.push(e.enrolled);
    let from: Vec<&Count> = from.iter().collect();
    for g in e.by_gender.values_mut() {
        hide_share(&mut g.share, &from);
        hide_interval(&mut g.ci, &from);
        hide_share(&mut g.deviation, &from);
        hide(&mut g.within_tolerance, &from);
        hide(&mut g.needed, &[&g.count]);
        // round(target × planned) is public: `missed` gives the count
        // away as `needed` does (`docs/report.md#disclosure-control`).
        hide(&mut g.missed, &[&g.count]);
        // The projection is the share and its Wilson bounds moved towards
        // it by the public remaining places: it goes with the share.
        hide_share(&mut g.projected_share, &from);
        hide_interval(&mut g.projected_ci, &from);
    }
}

fn goal(goal: &mut GoalResult) {
    let from = [&goal.achieved, &goal.denominator];
    hide_share(&mut goal.share, &from);
    hide_interval(&mut goal.ci, &from);
    // With the shown denominator and target, the status bounds a hidden
    // achieved (8 of whom at least half → achieved ≥ 4, and below 5), and
    // confidence bounds it through the interval: both go with the share.
    // A null share (n = 0, no_data) reveals nothing and stays.
    if goal.share.is_suppressed() {
        goal.status = Figure::Suppressed;
        goal.confident = Figure::Suppressed;
    }
    for g in goal.by_gender.values_mut() {
        let from = [&g.achieved, &g.denominator];
        hide_share(&mut g.share, &from);
        hide_interval(&mut g.ci, &from);
    }
    let women = goal.by_gender.get(crate::Gender::Woman).share;
    let men = goal.by_gender.get(crate::Gender::Man).share;
    if let Some(gap) = &mut goal.gender_gap {
        // The gap is computed from the women's and men's shares.
        let hidden = women.is_suppressed() || men.is_suppressed();
        for bound in [&mut gap.difference, &mut gap.lower, &mut gap.upper] {
            hide_if(bound, hidden);
        }
    }
}

fn parameter(p: &mut ParameterChange) {
    hide_share(&mut p.improved_share, &[&p.improved, &p.evaluable]);
    hide_share(&mut p.unchanged_share, &[&p.unchanged, &p.evaluable]);
    hide_share(&mut p.worsened_share, &[&p.worsened, &p.evaluable]);
    hide_share(&mut p.mean_gain, &[&p.evaluable]);
    for g in p.by_gender.values_mut() {
        hide_share(&mut g.improved_share, &[&g.improved, &g.evaluable]);
        hide_share(&mut g.unchanged_share, &[&g.unchanged, &g.evaluable]);
        hide_share(&mut g.worsened_share, &[&g.worsened, &g.evaluable]);
        hide_share(&mut g.mean_gain, &[&g.evaluable]);
    }
}

fn exits(x: &mut Exits) {
    let exited = x.exited;
    for o in x.by_outcome.values_mut() {
        hide_share(&mut o.share, &[&o.count, &exited]);
    }
    for g in x.by_gender.values_mut() {
        let exited = g.exited;
        for o in g.by_outcome.values_mut() {
            hide_share(&mut o.share, &[&o.count, &exited]);
        }
    }
}

fn follow_up(h: &mut FollowUpResult) {
    h.for_each_part(follow_up_part);
}

fn follow_up_part(h: &mut FollowUpCounts) {
    let (due, reached) = (h.due, h.reached);
    hide_share(&mut h.response_rate, &[&reached, &due]);
    hide_interval(&mut h.response_ci, &[&reached, &due]);
    let counts: Vec<Count> = h.by_status.iter().map(|(_, c)| *c).collect();
    for (share, c) in h.status_share.values_mut().zip(&counts) {
        hide_share(share, &[c, &reached]);
    }
    for (share, c) in h.status_share_of_due.values_mut().zip(&counts) {
        hide_share(share, &[c, &due]);
    }
    hide_share(&mut h.not_reached_share_of_due, &[&h.not_reached, &due]);
    let from = [&h.not_receiving_assistance, &h.assistance_known];
    hide_share(&mut h.share_not_receiving_assistance, &from);
    hide_interval(&mut h.ci, &from);
    let from = [&h.not_receiving_assistance, &due];
    hide_share(&mut h.share_not_receiving_assistance_of_due, &from);
    hide_interval(&mut h.ci_of_due, &from);
}
