//! The report's `comparison` (`docs/comparison.md`, `docs/report.md#comparison`):
//! every goal for the participants and for a comparison group, the
//! difference with Newcombe's interval, and a balance table.

use serde::Serialize;

use super::frames::{ALL, Tidy};
use super::{Count, Figure, Interval, Issue, Report, Share};
use crate::vocab::{Caveat, Characteristic};

/// A comparison of the participants with a comparison group
/// (`docs/report.md#comparison`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Why the comparison is to be read with care (always `selection`).
    pub caveat: Caveat,
    /// Participants present at as-of (the report's `enrolment.enrolled`).
    pub participants_enrolled: Count,
    /// Members of the comparison group present at as-of (index date ≤ as-of).
    pub comparison_enrolled: Count,
    /// One row per goal, in definition order.
    pub goals: Vec<ComparisonGoal>,
    /// The balance table: one row per characteristic and group.
    pub balance: Vec<BalanceRow>,
    /// Data-quality issues of the comparison group's tables, by table then
    /// kind, as the report's `data_quality`.
    pub data_quality: Vec<Issue>,
}

/// One goal for both groups (`docs/comparison.md#goals`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonGoal {
    /// Goal id.
    pub id: String,
    /// Goal name.
    pub name: String,
    /// The participants' result (the report's own figures for the goal).
    pub participants: GroupGoal,
    /// The comparison group's result under the same rules.
    pub comparison: GroupGoal,
    /// participants' share − comparison group's share, with Newcombe's
    /// hybrid score interval; `None` when either denominator is 0.
    pub difference: Option<ShareDifference>,
}

/// One group's result for a goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupGoal {
    /// Members in the goal's population.
    pub population_size: Count,
    /// Members for whom the criterion is true.
    pub achieved: Count,
    /// Members for whom it is unknown.
    pub unknown: Count,
    /// Unknown members left out (policy `exclude`).
    pub excluded: Count,
    /// population_size − excluded.
    pub denominator: Count,
    /// achieved / denominator.
    pub share: Share,
    /// Wilson 95 % interval of the share.
    pub ci: Interval,
}

/// A difference of two shares with its interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareDifference {
    /// The difference.
    pub difference: Share,
    /// Newcombe hybrid score lower bound.
    pub lower: Share,
    /// Newcombe hybrid score upper bound.
    pub upper: Share,
}

/// One row of the balance table: how many in each group have one value of
/// one characteristic at entry (`docs/comparison.md#balance`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BalanceRow {
    /// Which characteristic.
    pub characteristic: Characteristic,
    /// Which of its groups: a gender, an age band's key or `unknown`, a tag.
    pub group: String,
    /// The participants in this group.
    pub participants: BalanceCell,
    /// The comparison group's members in this group.
    pub comparison: BalanceCell,
    /// participants' share − comparison group's share; `None` when either
    /// group is empty.
    pub difference: Share,
}

/// A count and its share of the group's present members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BalanceCell {
    /// Members in the row's group.
    pub count: Count,
    /// count / members present at as-of.
    pub share: Share,
}

/// The comparison's rows of the tidy table (`docs/report.md#tidy-table`),
/// section `comparison`: the group column is the side (`participants`,
/// `comparison`) or `all` for a difference; goals by id, balance rows as
/// `balance/<characteristic>/<group>`, issues as `data_quality/<table>`.
pub(super) fn tidy_rows(r: &Report, t: &mut Tidy) {
    let Some(c) = &r.comparison else { return };
    let s = "comparison";
    let sides = ["participants", "comparison"];
    t.count(s, "", sides[0], "enrolled", &c.participants_enrolled);
    t.count(s, "", sides[1], "enrolled", &c.comparison_enrolled);
    for g in &c.goals {
        for (side, x) in sides.iter().zip([&g.participants, &g.comparison]) {
            t.count(s, &g.id, side, "population_size", &x.population_size);
            t.count(s, &g.id, side, "achieved", &x.achieved);
            t.count(s, &g.id, side, "unknown", &x.unknown);
            t.count(s, &g.id, side, "excluded", &x.excluded);
            t.count(s, &g.id, side, "denominator", &x.denominator);
            t.row(s, &g.id, side, "share", x.share, Some(&x.ci));
        }
        let (value, bounds) = match &g.difference {
            Some(d) => (
                d.difference,
                Interval {
                    lower: d.lower,
                    upper: d.upper,
                },
            ),
            None => (Figure::Value(None), Interval::UNDEFINED),
        };
        t.row(s, &g.id, ALL, "difference", value, Some(&bounds));
    }
    for b in &c.balance {
        let item = format!("balance/{}/{}", <&str>::from(b.characteristic), b.group);
        for (side, x) in sides.iter().zip([&b.participants, &b.comparison]) {
            t.count(s, &item, side, "count", &x.count);
            t.row(s, &item, side, "share", x.share, None);
        }
        t.row(s, &item, ALL, "difference", b.difference, None);
    }
    for issue in &c.data_quality {
        let item = format!("data_quality/{}", issue.table.as_str());
        t.count(s, &item, sides[1], issue.kind.as_str(), &issue.count);
    }
}

/// The demo report beside a comparison group of one woman `x` (tag `na`)
/// who stays at step 1 → 1: progression 1 of 2 against 0 of 1.
#[cfg(test)]
pub(crate) mod demo {
    use crate::report::demo;
    use crate::{Dataset, Options, Report};

    pub(crate) fn report() -> Report {
        let programme = demo::programme(r#"breakdowns = ["tag:na"]"#);
        let mut data = Dataset::builder(&programme);
        data.read_participants_csv(
            "id,gender,entry_date,tags\na,K,2021-03-01,na\nb,M,2021-04-01,\n".as_bytes(),
        )
        .expect("valid");
        data.read_assessments_csv(
            "participant_id,date,parameter,level\na,2021-03-01,step,1\na,2021-09-01,step,3\n\
             b,2021-04-01,step,2\nb,2021-10-01,step,2\n"
                .as_bytes(),
        )
        .expect("valid");
        let mut other = Dataset::builder(&programme);
        other
            .read_participants_csv("id,gender,entry_date,tags\nx,K,2021-03-01,na\n".as_bytes())
            .expect("valid");
        other
            .read_assessments_csv(
                "participant_id,date,parameter,level\nx,2021-03-01,step,1\nx,2021-09-01,step,1\n"
                    .as_bytes(),
            )
            .expect("valid");
        let options = Options::new().as_of("2022-06-30".parse().expect("a date"));
        data.build()
            .evaluate_compared(&other.build(), &options)
            .expect("evaluates")
    }
}

#[cfg(test)]
mod tests {
    use crate::report::demo::line;

    #[test]
    fn the_tidy_table_holds_the_comparison() {
        let csv = super::demo::report().tidy().to_csv();
        // 1/2 − 0/1 = 0.5; a's tag na: 1 of 2 against 1 of 1, 0.5 − 1 = −0.5.
        for (row, value) in [
            ("comparison,,participants,enrolled,", "2,,,false"),
            ("comparison,,comparison,enrolled,", "1,,,false"),
            ("comparison,progression,comparison,achieved,", "0,,,false"),
            (
                "comparison,progression,comparison,denominator,",
                "1,,,false",
            ),
            ("comparison,progression,participants,share,", "0.5,"),
            ("comparison,progression,all,difference,", "0.5,"),
            ("comparison,balance/tag/na,participants,count,", "1,,,false"),
            ("comparison,balance/tag/na,comparison,share,", "1,,,false"),
            ("comparison,balance/tag/na,all,difference,", "-0.5,,,false"),
            (
                "comparison,balance/gender/man,comparison,count,",
                "0,,,false",
            ),
            (
                "comparison,balance/age/unknown,participants,count,",
                "2,,,false",
            ),
        ] {
            let l = line(&csv, row);
            assert!(l[row.len()..].starts_with(value), "{l}");
        }
        // Without a comparison group there are no comparison rows.
        let plain = crate::report::demo::report("").tidy().to_csv();
        assert!(!plain.contains("\ncomparison,"));
    }
}
