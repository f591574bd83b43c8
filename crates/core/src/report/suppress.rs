//! Disclosure control (`docs/report.md#disclosure-control`).
//!
//! 1. Primary: every count in 1..min_cell−1 is suppressed.
//! 2. Secondary: a breakdown (a total and the cells that sum to it) with
//!    exactly one hidden member would give it away by subtraction, so the
//!    smallest shown non-zero cell (ties: the first in report order) is
//!    hidden too; repeated until nothing changes, since one cell belongs to
//!    several breakdowns. The breakdowns: each per-gender row and its total,
//!    improved + unchanged + worsened = evaluable (overall and per gender),
//!    denominator + excluded = population size, the transition matrix and
//!    evaluable, the matrix cells above, on and below the diagonal and the
//!    counts they sum to, exits by outcome, follow-ups by status.
//! 3. Derived: shares, intervals, mean gains, deviations, `needed` and the
//!    gender gap are hidden when a count they are computed from is hidden.

use super::{
    Count, Enrolment, Exits, Figure, FollowUpResult, GenderParameterChange, GoalResult, Interval,
    ParameterChange, Report, Share,
};

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
        for_each_count(&mut r, &mut |c| primary(c, min_cell));
        // Row numbers point into the input: for the analyst, not the public.
        r.data_quality
            .iter_mut()
            .for_each(|issue| issue.rows.clear());
        while secondary_pass(&mut r) {}
        derived(&mut r);
        r
    }
}

fn primary(c: &mut Count, min_cell: u64) {
    if matches!(*c, Figure::Value(v) if v >= 1 && v < min_cell) {
        *c = Figure::Suppressed;
    }
}

/// A breakdown is the relation total = Σ cells: if exactly one of its
/// members (the total or a cell) is hidden it can be recovered, so the
/// smallest shown non-zero cell (ties: the first) is hidden too.
fn complete(total: &Count, cells: &mut [&mut Count]) -> bool {
    let hidden =
        cells.iter().filter(|c| c.is_suppressed()).count() + usize::from(total.is_suppressed());
    if hidden != 1 {
        return false;
    }
    let smallest = cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match **c {
            Figure::Value(v) if v > 0 => Some((v, i)),
            _ => None,
        })
        .min();
    match smallest {
        Some((_, i)) => {
            *cells[i] = Figure::Suppressed;
            true
        }
        None => false,
    }
}

fn for_each_count(r: &mut Report, f: &mut impl FnMut(&mut Count)) {
    f(&mut r.enrolment.enrolled);
    r.enrolment
        .by_gender
        .values_mut()
        .for_each(|g| f(&mut g.count));
    for goal in &mut r.goals {
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
    for p in &mut r.parameters {
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
    for h in &mut r.follow_ups {
        [
            &mut h.due,
            &mut h.observed,
            &mut h.assistance_known,
            &mut h.not_receiving_assistance,
        ]
        .into_iter()
        .for_each(&mut *f);
        h.by_status.values_mut().for_each(&mut *f);
    }
    r.data_quality
        .iter_mut()
        .for_each(|issue| f(&mut issue.count));
}

/// One round of secondary suppression over every breakdown; true if it hid anything.
fn secondary_pass(r: &mut Report) -> bool {
    let mut changed = false;
    let e = &mut r.enrolment;
    changed |= complete(
        &e.enrolled,
        &mut e
            .by_gender
            .values_mut()
            .map(|g| &mut g.count)
            .collect::<Vec<_>>(),
    );
    for goal in &mut r.goals {
        changed |= goal_breakdowns(goal);
    }
    for p in &mut r.parameters {
        changed |= parameter_breakdowns(p);
    }
    let x = &mut r.exits;
    changed |= complete(
        &x.exited,
        &mut x
            .by_outcome
            .values_mut()
            .map(|o| &mut o.count)
            .collect::<Vec<_>>(),
    );
    for h in &mut r.follow_ups {
        changed |= complete(
            &h.observed,
            &mut h.by_status.values_mut().collect::<Vec<_>>(),
        );
    }
    changed
}

fn goal_breakdowns(goal: &mut GoalResult) -> bool {
    // population_size = denominator + excluded.
    let mut changed = complete(
        &goal.population_size,
        &mut [&mut goal.denominator, &mut goal.excluded],
    );
    let g = &mut goal.by_gender;
    changed |= complete(
        &goal.achieved,
        &mut g.values_mut().map(|x| &mut x.achieved).collect::<Vec<_>>(),
    ) | complete(
        &goal.unknown,
        &mut g.values_mut().map(|x| &mut x.unknown).collect::<Vec<_>>(),
    ) | complete(
        &goal.excluded,
        &mut g.values_mut().map(|x| &mut x.excluded).collect::<Vec<_>>(),
    ) | complete(
        &goal.denominator,
        &mut g
            .values_mut()
            .map(|x| &mut x.denominator)
            .collect::<Vec<_>>(),
    );
    changed
}

fn parameter_breakdowns(p: &mut ParameterChange) -> bool {
    let mut changed = complete(
        &p.evaluable,
        &mut [&mut p.improved, &mut p.unchanged, &mut p.worsened],
    );
    for g in p.by_gender.values_mut() {
        changed |= complete(
            &g.evaluable,
            &mut [&mut g.improved, &mut g.unchanged, &mut g.worsened],
        );
    }
    let columns: [fn(&mut GenderParameterChange) -> &mut Count; 4] = [
        |g| &mut g.evaluable,
        |g| &mut g.improved,
        |g| &mut g.unchanged,
        |g| &mut g.worsened,
    ];
    let totals = [p.evaluable, p.improved, p.unchanged, p.worsened];
    for (total, column) in totals.iter().zip(columns) {
        changed |= complete(
            total,
            &mut p.by_gender.values_mut().map(column).collect::<Vec<_>>(),
        );
    }
    if let Some(matrix) = &mut p.transitions {
        changed |= complete(
            &p.evaluable,
            &mut matrix.iter_mut().flatten().collect::<Vec<_>>(),
        );
        // Above the diagonal the latest level is higher, below it lower, on
        // it unchanged: each side sums to a shown count of the same row.
        let (higher, lower) = if p.higher_is_better {
            (p.improved, p.worsened)
        } else {
            (p.worsened, p.improved)
        };
        for (total, keep) in [
            (higher, (|b, l| l > b) as fn(usize, usize) -> bool),
            (p.unchanged, |b, l| l == b),
            (lower, |b, l| l < b),
        ] {
            let mut cells: Vec<&mut Count> = matrix
                .iter_mut()
                .enumerate()
                .flat_map(|(b, row)| {
                    row.iter_mut()
                        .enumerate()
                        .filter(move |(l, _)| keep(b, *l))
                        .map(|(_, c)| c)
                })
                .collect();
            changed |= complete(&total, &mut cells);
        }
    }
    changed
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
    }
}

fn goal(goal: &mut GoalResult) {
    let from = [&goal.achieved, &goal.denominator];
    hide_share(&mut goal.share, &from);
    hide_interval(&mut goal.ci, &from);
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
}

fn follow_up(h: &mut FollowUpResult) {
    let from = [&h.not_receiving_assistance, &h.assistance_known];
    hide_share(&mut h.share_not_receiving_assistance, &from);
    hide_interval(&mut h.ci, &from);
}
