//! Disclosure control of the report's `comparison`
//! (`docs/report.md#disclosure-relations`, `docs/comparison.md#disclosure-control`):
//! its counts, the relations between them and the report's own counts, and
//! what is hidden with them.

use super::{System, hide_if, hide_interval, hide_share};
use crate::programme::Criterion;
use crate::report::{BreakdownResult, Comparison, Count, GroupGoal, Report};
use crate::vocab::{BreakdownKind, Characteristic, Gender, IssueKind};

/// The comparison's counts in report order: the two enrolled, per goal
/// the participants' then the comparison group's five counts, per balance
/// row its two counts, then the comparison group's issue counts.
pub(super) fn counts(c: &mut Comparison, f: &mut impl FnMut(&mut Count)) {
    f(&mut c.participants_enrolled);
    f(&mut c.comparison_enrolled);
    for g in &mut c.goals {
        for side in [&mut g.participants, &mut g.comparison] {
            for count in [
                &mut side.population_size,
                &mut side.achieved,
                &mut side.unknown,
                &mut side.excluded,
                &mut side.denominator,
            ] {
                f(count);
            }
        }
    }
    for row in &mut c.balance {
        f(&mut row.participants.count);
        f(&mut row.comparison.count);
    }
    for issue in &mut c.data_quality {
        f(&mut issue.count);
    }
}

impl System {
    /// The comparison's relations: the participants' side equals the
    /// report's own counts; each group's goal counts nest in its enrolled
    /// as a goal's do; each balance characteristic adds up to the enrolled
    /// (a tag's count and those without it, too); a balance row equals the
    /// matching group of an age or tag breakdown; a goal whose criterion is
    /// a tag and whose population is everyone counts that tag's row.
    pub(super) fn comparison(&mut self, ix: &Report, i: &impl Fn(&Count) -> usize) {
        let Some(c) = &ix.comparison else { return };
        let enrolled = [i(&c.participants_enrolled), i(&c.comparison_enrolled)];
        self.relation(enrolled[0], &[i(&ix.enrolment.enrolled)]);
        for (g, report_goal) in c.goals.iter().zip(&ix.goals) {
            let own = &report_goal;
            let same = [
                (&g.participants.population_size, &own.population_size),
                (&g.participants.achieved, &own.achieved),
                (&g.participants.unknown, &own.unknown),
                (&g.participants.excluded, &own.excluded),
                (&g.participants.denominator, &own.denominator),
            ];
            for (copy, original) in same {
                self.relation(i(copy), &[i(original)]);
            }
            self.group_goal(&g.comparison, enrolled[1], i);
        }
        // Balance rows by characteristic, per side.
        for (side, &members) in enrolled.iter().enumerate() {
            let cell = |row: &crate::report::BalanceRow| {
                i(if side == 0 {
                    &row.participants.count
                } else {
                    &row.comparison.count
                })
            };
            let of = |k: Characteristic| -> Vec<usize> {
                c.balance
                    .iter()
                    .filter(|r| r.characteristic == k)
                    .map(cell)
                    .collect()
            };
            self.relation(members, &of(Characteristic::Gender));
            self.relation(members, &of(Characteristic::Age));
            for t in of(Characteristic::Tag) {
                self.nested(members, &[t]);
            }
            let unknown_gender = c
                .balance
                .iter()
                .find(|r| {
                    r.characteristic == Characteristic::Gender
                        && r.group == Gender::Unknown.as_str()
                })
                .map(cell);
            if side == 0 {
                for (row, (_, g)) in c
                    .balance
                    .iter()
                    .filter(|r| r.characteristic == Characteristic::Gender)
                    .zip(ix.enrolment.by_gender.iter())
                {
                    self.relation(cell(row), &[i(&g.count)]);
                }
                for row in &c.balance {
                    if let Some(same) = breakdown_group(&ix.breakdowns, row) {
                        self.relation(cell(row), &[i(&same)]);
                    }
                }
            } else if let Some(unknown) = unknown_gender {
                for issue in &c.data_quality {
                    if issue.kind == IssueKind::UnknownGender {
                        self.relation(i(&issue.count), &[unknown]);
                    }
                }
            }
            // A goal counting everyone by a tag counts the tag's row.
            for (g, report_goal) in c.goals.iter().zip(&ix.goals) {
                let Criterion::Tag(name) = &report_goal.criterion else {
                    continue;
                };
                let side_goal = if side == 0 {
                    &g.participants
                } else {
                    &g.comparison
                };
                let everyone = self.value(i(&side_goal.population_size)).is_some()
                    && self.value(i(&side_goal.population_size)) == self.value(members);
                let row = c
                    .balance
                    .iter()
                    .find(|r| r.characteristic == Characteristic::Tag && &r.group == name);
                if let (true, Some(row)) = (everyone, row) {
                    self.relation(i(&side_goal.achieved), &[cell(row)]);
                }
            }
        }
    }

    /// One goal's counts in a group reported in all only: denominator +
    /// excluded = population = achieved + unknown + criterion false,
    /// excluded = unknown under `exclude`, the population within the
    /// enrolled.
    fn group_goal(&mut self, g: &GroupGoal, enrolled: usize, i: &impl Fn(&Count) -> usize) {
        let (size, achieved, unknown, excluded, denominator) = (
            i(&g.population_size),
            i(&g.achieved),
            i(&g.unknown),
            i(&g.excluded),
            i(&g.denominator),
        );
        self.relation(size, &[denominator, excluded]);
        if self.value(excluded).is_some_and(|v| v > 0) {
            self.relation(excluded, &[unknown]);
        }
        self.nested(size, &[achieved, unknown]);
        self.nested(enrolled, &[size]);
    }
}

/// The breakdown group that counts the same people as a participants'
/// balance row: an age breakdown's band (the same bands), a tag
/// breakdown's `yes`.
fn breakdown_group(
    breakdowns: &[BreakdownResult],
    row: &crate::report::BalanceRow,
) -> Option<Count> {
    breakdowns
        .iter()
        .find_map(|b| match (b.kind, row.characteristic) {
            (BreakdownKind::Age, Characteristic::Age) => b
                .groups
                .iter()
                .find(|g| g.group == row.group)
                .map(|g| g.enrolment.enrolled),
            (BreakdownKind::Tag, Characteristic::Tag) if b.id == format!("tag:{}", row.group) => b
                .groups
                .iter()
                .find(|g| g.group == "yes")
                .map(|g| g.enrolment.enrolled),
            _ => None,
        })
}

/// What is hidden with the comparison's counts: a side's share and
/// interval with its achieved or denominator, the difference and its
/// interval with either share; a balance share with its count or the
/// side's enrolled, the balance difference with either share.
pub(super) fn derived(c: &mut Comparison) {
    for g in &mut c.goals {
        for side in [&mut g.participants, &mut g.comparison] {
            let from = [&side.achieved, &side.denominator];
            hide_share(&mut side.share, &from);
            hide_interval(&mut side.ci, &from);
        }
        let hidden = g.participants.share.is_suppressed() || g.comparison.share.is_suppressed();
        if let Some(d) = &mut g.difference {
            for bound in [&mut d.difference, &mut d.lower, &mut d.upper] {
                hide_if(bound, hidden);
            }
        }
    }
    let enrolled = [c.participants_enrolled, c.comparison_enrolled];
    for row in &mut c.balance {
        hide_share(
            &mut row.participants.share,
            &[&row.participants.count, &enrolled[0]],
        );
        hide_share(
            &mut row.comparison.share,
            &[&row.comparison.count, &enrolled[1]],
        );
        let hidden = row.participants.share.is_suppressed() || row.comparison.share.is_suppressed();
        hide_if(&mut row.difference, hidden);
    }
}
