//! The report's `breakdowns` (`docs/report.md#breakdowns`): the results per
//! group of each breakdown the programme declares.

use serde::Serialize;

use super::frames::{Frame, Value};
use super::{
    Count, Figure, GoalResult, GoalStatus, Interval, ParameterChange, PerGender, Report, Share,
};
use crate::vocab::BreakdownKind;

/// One breakdown: its groups in report order (`docs/method.md#breakdowns`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownResult {
    /// `age`, `tag:<name>` or `column:<name>`.
    pub id: String,
    /// What it groups by.
    pub kind: BreakdownKind,
    /// Age bands in order then `unknown`; `yes`, `no`; column values by
    /// Unicode code points, then `unknown`.
    pub groups: Vec<GroupResult>,
}

/// The results of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResult {
    /// The group's key (`18-29`, `yes`, a column value, `unknown`).
    pub group: String,
    /// Enrolment with the gender split.
    pub enrolment: GroupEnrolment,
    /// Every goal, in definition order, over the group's participants.
    pub goals: Vec<GoalResult>,
    /// The parameter change table over the group's participants
    /// (`transitions` is null).
    pub parameters: Vec<ParameterChange>,
}

/// A group's enrolment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupEnrolment {
    /// Participants of the group present at as-of.
    pub enrolled: Count,
    /// Of those, how many exited by as-of.
    pub exited: Count,
    /// Per gender: the count and its share of the group's known gender.
    pub by_gender: PerGender<GroupGender>,
}

/// One gender within a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupGender {
    /// Participants of this gender in the group.
    pub count: Count,
    /// Share of the group's participants of known gender (`None` for unknown).
    pub share: Share,
    /// Wilson 95 % interval of the share.
    pub ci: Interval,
}

/// Receives one figure: group, table, id, gender, measure, value, interval.
type Emit<'a> = dyn FnMut(&str, &str, &str, &str, &str, Share, Option<&Interval>) + 'a;

/// Emits every figure of a breakdown as (group, table, id, gender, measure,
/// value, interval): table `enrolment`, `goals` or `parameters`, id the goal
/// or parameter (empty for enrolment), gender `all` or a gender; counts as
/// numbers, `met`, `confident` as 1/0 (docs/report.md#breakdown-frame).
pub(super) fn for_each_figure(b: &BreakdownResult, emit: &mut Emit<'_>) {
    use super::frames::ALL;
    let count = |c: &Count| c.map(|v| Some(v as f64));
    let flag = |f: Figure<Option<bool>>| f.map(|b| b.map(|b| if b { 1.0 } else { 0.0 }));
    for g in &b.groups {
        let k = g.group.as_str();
        let e = &g.enrolment;
        emit(
            k,
            "enrolment",
            "",
            ALL,
            "enrolled",
            count(&e.enrolled),
            None,
        );
        emit(k, "enrolment", "", ALL, "exited", count(&e.exited), None);
        for (gender, x) in e.by_gender.iter() {
            let gender = gender.as_str();
            emit(k, "enrolment", "", gender, "count", count(&x.count), None);
            emit(k, "enrolment", "", gender, "share", x.share, Some(&x.ci));
        }
        for goal in &g.goals {
            let (t, id) = ("goals", goal.id.as_str());
            emit(
                k,
                t,
                id,
                ALL,
                "population_size",
                count(&goal.population_size),
                None,
            );
            emit(k, t, id, ALL, "achieved", count(&goal.achieved), None);
            emit(k, t, id, ALL, "unknown", count(&goal.unknown), None);
            emit(k, t, id, ALL, "excluded", count(&goal.excluded), None);
            emit(k, t, id, ALL, "denominator", count(&goal.denominator), None);
            emit(k, t, id, ALL, "share", goal.share, Some(&goal.ci));
            let met = goal.status.map(|status| match status {
                GoalStatus::Met => Some(true),
                GoalStatus::NotMet => Some(false),
                GoalStatus::NoData => None,
            });
            emit(k, t, id, ALL, "met", flag(met), None);
            emit(
                k,
                t,
                id,
                ALL,
                "confident",
                flag(goal.confident.map(Some)),
                None,
            );
            if let Some(gap) = &goal.gender_gap {
                let bounds = Interval {
                    lower: gap.lower,
                    upper: gap.upper,
                };
                emit(k, t, id, ALL, "gender_gap", gap.difference, Some(&bounds));
            }
            for (gender, x) in goal.by_gender.iter() {
                let gender = gender.as_str();
                emit(k, t, id, gender, "achieved", count(&x.achieved), None);
                emit(k, t, id, gender, "unknown", count(&x.unknown), None);
                emit(k, t, id, gender, "excluded", count(&x.excluded), None);
                emit(k, t, id, gender, "denominator", count(&x.denominator), None);
                emit(k, t, id, gender, "share", x.share, Some(&x.ci));
            }
        }
        for p in &g.parameters {
            let (t, id) = ("parameters", p.id.as_str());
            let overall = std::iter::once((
                ALL,
                [&p.evaluable, &p.improved, &p.unchanged, &p.worsened],
                [
                    p.improved_share,
                    p.unchanged_share,
                    p.worsened_share,
                    p.mean_gain,
                ],
            ));
            let per_gender = p.by_gender.iter().map(|(gender, x)| {
                (
                    gender.as_str(),
                    [&x.evaluable, &x.improved, &x.unchanged, &x.worsened],
                    [
                        x.improved_share,
                        x.unchanged_share,
                        x.worsened_share,
                        x.mean_gain,
                    ],
                )
            });
            for (gender, counts, shares) in overall.chain(per_gender) {
                for (measure, c) in ["evaluable", "improved", "unchanged", "worsened"]
                    .into_iter()
                    .zip(counts)
                {
                    emit(k, t, id, gender, measure, count(c), None);
                }
                for (measure, s) in [
                    "improved_share",
                    "unchanged_share",
                    "worsened_share",
                    "mean_gain",
                ]
                .into_iter()
                .zip(shares)
                {
                    emit(k, t, id, gender, measure, s, None);
                }
            }
        }
    }
}

/// The columns of a breakdown's frame (docs/report.md#breakdown-frame).
pub const BREAKDOWN_COLUMNS: [&str; 9] = [
    "group",
    "table",
    "id",
    "gender",
    "measure",
    "value",
    "lower",
    "upper",
    "suppressed",
];

impl Report {
    /// The breakdown with this id (`age`, `tag:<name>`, `column:<name>`).
    pub fn breakdown(&self, id: &str) -> Option<&BreakdownResult> {
        self.breakdowns.iter().find(|b| b.id == id)
    }

    /// One breakdown as a long table, one row per figure of each group
    /// (Python's `breakdown_frame(name)`, docs/report.md#breakdown-frame);
    /// `None` when the programme has no such breakdown.
    pub fn breakdown_frame(&self, id: &str) -> Option<Frame> {
        use super::frames::Kind::{Bool, Float, Text};
        let b = self.breakdown(id)?;
        let kinds = [Text, Text, Text, Text, Text, Float, Float, Float, Bool];
        let schema: Vec<(&'static str, _)> = BREAKDOWN_COLUMNS.into_iter().zip(kinds).collect();
        let mut f = Frame::new(&schema);
        let text = |s: &str| Value::Text(Some(s.to_owned()));
        let number = |s: Option<&Share>| Value::Float(s.and_then(|s| s.value().copied().flatten()));
        for_each_figure(b, &mut |group, table, id, gender, measure, value, ci| {
            let hidden = value.is_suppressed()
                || ci.is_some_and(|b| b.lower.is_suppressed() || b.upper.is_suppressed());
            f.push(vec![
                text(group),
                text(table),
                text(id),
                text(gender),
                text(measure),
                number(Some(&value)),
                number(ci.map(|c| &c.lower)),
                number(ci.map(|c| &c.upper)),
                Value::Bool(Some(hidden)),
            ]);
        });
        Some(f)
    }
}

/// The breakdowns' rows of the tidy table (docs/report.md#tidy-table):
/// section `breakdowns`, item `<breakdown id>/<group>`, group the gender or
/// `all`, measure the figure's name, prefixed `goals.<id>.` or
/// `parameters.<id>.` for a goal's or parameter's.
pub(super) fn tidy_rows(r: &Report, t: &mut super::frames::Tidy) {
    for b in &r.breakdowns {
        for_each_figure(b, &mut |group, table, id, gender, measure, value, ci| {
            let item = format!("{}/{group}", b.id);
            let measure = match table {
                "enrolment" => measure.to_owned(),
                _ => format!("{table}.{id}.{measure}"),
            };
            t.row("breakdowns", &item, gender, &measure, value, ci);
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::Report;
    use crate::report::demo::{self, line};
    use crate::report::frames::Values;

    fn report() -> Report {
        demo::report(r#"breakdowns = ["tag:na"]"#)
    }

    #[test]
    fn the_tidy_table_holds_every_figure_of_every_group() {
        // yes: a, woman, step 1 -> 3 (improved); no: b, man, 2 -> 2.
        let csv = report().tidy().to_csv();
        for (row, value) in [
            ("breakdowns,tag:na/yes,all,enrolled,", "1,,,false"),
            ("breakdowns,tag:na/yes,woman,count,", "1,,,false"),
            (
                "breakdowns,tag:na/yes,all,goals.progression.achieved,",
                "1,,,false",
            ),
            (
                "breakdowns,tag:na/yes,all,goals.progression.met,",
                "1,,,false",
            ),
            (
                "breakdowns,tag:na/no,all,goals.progression.met,",
                "0,,,false",
            ),
            (
                "breakdowns,tag:na/no,man,parameters.step.unchanged,",
                "1,,,false",
            ),
            (
                "breakdowns,tag:na/yes,all,parameters.step.mean_gain,",
                "2,,,false",
            ),
        ] {
            assert_eq!(line(&csv, row), format!("{row}{value}"));
        }
        // 1/1 with its Wilson interval [0.206549, 1].
        let share = line(&csv, "breakdowns,tag:na/yes,all,goals.progression.share,");
        assert!(share.starts_with("breakdowns,tag:na/yes,all,goals.progression.share,1,0.2065"));
        // Every figure of a group is a row: hidden in a publishable copy.
        let hidden = report().suppress(5).tidy().to_csv();
        assert_eq!(
            line(&hidden, "breakdowns,tag:na/yes,all,enrolled,"),
            "breakdowns,tag:na/yes,all,enrolled,,,,true"
        );
    }

    #[test]
    fn a_breakdown_frame_has_a_row_per_figure_of_each_group() {
        let r = report();
        assert!(r.breakdown_frame("age").is_none());
        let f = r.breakdown_frame("tag:na").expect("declared");
        let names: Vec<&str> = f.columns.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, super::BREAKDOWN_COLUMNS);
        // Per group: enrolled, exited, 4 × (count, share); goal: 5 counts,
        // share, met, confident, gender gap (women 1/1, men: none -> no
        // gap), 4 × 5 per gender; parameter: 5 × 8.
        let per_group = 2 + 8 + (8 + 20) + 40;
        assert_eq!(f.len(), 2 * per_group);
        let Values::Text(groups) = &f.columns[0].1 else {
            panic!("text")
        };
        assert_eq!(groups[0].as_deref(), Some("yes"));
        assert_eq!(groups[per_group].as_deref(), Some("no"));
    }
}
