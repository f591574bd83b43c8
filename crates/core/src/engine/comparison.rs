//! The participants beside a comparison group (`docs/comparison.md`): the
//! comparison group is evaluated under the same programme and as-of date
//! as the participants, each goal's two results are set side by side with
//! Newcombe's interval of their difference, and a balance table counts
//! both groups by gender, age band and the programme's tags.

use chrono::NaiveDate;

use super::Options;
use super::report::share;
use crate::data::{Dataset, Interrupt};
use crate::error::Error;
use crate::programme::{BreakdownSpec, Criterion, Programme, age_band, age_group_keys};
use crate::report::{
    BalanceCell, BalanceRow, Comparison, ComparisonGoal, Figure, GoalResult, GroupGoal, Report,
    ShareDifference,
};
use crate::stats::{REPORT_CONFIDENCE, newcombe_with_z, z_for};
use crate::vocab::{Caveat, Characteristic, Gender};

impl Dataset {
    /// Evaluates the participants (this dataset) and a comparison group
    /// read for the same programme, as of the same date: the participants'
    /// report with its `comparison` section (`docs/comparison.md`).
    ///
    /// An error in the comparison group's data (in strict mode, its first
    /// data-quality issue) names the comparison table
    /// ([`DataError::table_name`](crate::DataError::table_name)).
    pub fn evaluate_compared(
        &self,
        comparison: &Dataset,
        options: &Options,
    ) -> Result<Report, Error> {
        self.evaluate_compared_with(comparison, options, &mut || false)
    }

    /// [`evaluate_compared`](Self::evaluate_compared), asking `interrupt`
    /// whether to stop as [`evaluate_with`](Self::evaluate_with) does.
    pub fn evaluate_compared_with(
        &self,
        comparison: &Dataset,
        options: &Options,
        interrupt: &mut dyn Interrupt,
    ) -> Result<Report, Error> {
        let mut report = self.evaluate_with(options, interrupt)?;
        // The comparison group at the report's date only: a trend is the
        // participants' (docs/comparison.md).
        let same_date = options.clone().with_trend(None).as_of(report.as_of);
        let other = comparison
            .evaluate_with(&same_date, interrupt)
            .map_err(|e| match e {
                Error::Data(d) => Error::Data(d.in_comparison()),
                other => other,
            })?;
        report.comparison = Some(compare(self, comparison, &report, other));
        Ok(report)
    }
}

/// The comparison section from the two reports and the two datasets.
fn compare(data: &Dataset, comparison: &Dataset, report: &Report, other: Report) -> Comparison {
    let z = z_for(REPORT_CONFIDENCE).expect("0.95 is a valid confidence");
    let goals = report
        .goals
        .iter()
        .zip(&other.goals)
        .map(|(p, c)| {
            let count = |f: &Figure<u64>| f.value().copied().unwrap_or(0);
            let difference = newcombe_with_z(
                count(&p.achieved),
                count(&p.denominator),
                count(&c.achieved),
                count(&c.denominator),
                z,
            )
            .expect("k ≤ n by construction")
            .map(|d| ShareDifference {
                difference: Figure::Value(Some(d.difference)),
                lower: Figure::Value(Some(d.lower)),
                upper: Figure::Value(Some(d.upper)),
            });
            ComparisonGoal {
                id: p.id.clone(),
                name: p.name.clone(),
                participants: group_goal(p),
                comparison: group_goal(c),
                difference,
            }
        })
        .collect();
    let programme = &data.programme;
    let ours = Counts::of(data, programme, report.as_of);
    let theirs = Counts::of(comparison, programme, report.as_of);
    Comparison {
        caveat: Caveat::Selection,
        participants_enrolled: Figure::Value(ours.enrolled),
        comparison_enrolled: Figure::Value(theirs.enrolled),
        goals,
        balance: balance(programme, &ours, &theirs),
        data_quality: other.data_quality,
    }
}

fn group_goal(g: &GoalResult) -> GroupGoal {
    GroupGoal {
        population_size: g.population_size,
        achieved: g.achieved,
        unknown: g.unknown,
        excluded: g.excluded,
        denominator: g.denominator,
        share: g.share,
        ci: g.ci,
    }
}

/// The tags of the balance table (`docs/comparison.md#balance`): those the
/// programme's goals read (criterion, then population `where`, goal by
/// goal), then those of its tag breakdowns, each once, in that order.
pub(crate) fn balance_tags(programme: &Programme) -> Vec<&str> {
    fn walk<'p>(c: &'p Criterion, out: &mut Vec<&'p str>) {
        match c {
            Criterion::Tag(name) if !out.contains(&name.as_str()) => out.push(name),
            Criterion::All(items) | Criterion::Any(items) => {
                items.iter().for_each(|c| walk(c, out))
            }
            Criterion::Not(inner) => walk(inner, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for g in programme.goals() {
        walk(&g.criterion, &mut out);
        if let Some(w) = &g.population.r#where {
            walk(w, &mut out);
        }
    }
    for b in programme.breakdowns() {
        if let BreakdownSpec::Tag(name) = b
            && !out.contains(&name.as_str())
        {
            out.push(name);
        }
    }
    out
}

/// One group's members present at as-of, by gender, age band and tag.
struct Counts {
    enrolled: u64,
    gender: [u64; 4],
    age: Vec<u64>,
    tags: Vec<u64>,
}

impl Counts {
    fn of(data: &Dataset, programme: &Programme, as_of: NaiveDate) -> Counts {
        let bands = programme.age_bands();
        let tag_ids: Vec<Option<u32>> = balance_tags(programme)
            .into_iter()
            .map(|name| data.tag_names.get(name).copied())
            .collect();
        let mut c = Counts {
            enrolled: 0,
            gender: [0; 4],
            age: vec![0; bands.len() + 2],
            tags: vec![0; tag_ids.len()],
        };
        for p in data.participants.iter().filter(|p| p.entry <= as_of) {
            c.enrolled += 1;
            c.gender[p.gender.index()] += 1;
            let band = match p.birth_date.and_then(|b| p.entry.years_since(b)) {
                Some(age) => age_band(bands, age),
                None => bands.len() + 1,
            };
            c.age[band] += 1;
            let tags = &data.tags[p.tags.0 as usize..p.tags.1 as usize];
            for (n, id) in c.tags.iter_mut().zip(&tag_ids) {
                *n += u64::from(id.is_some_and(|id| tags.contains(&id)));
            }
        }
        c
    }
}

/// The balance rows: genders (unknown included), age bands (unknown
/// last), tags (`docs/comparison.md#balance`).
fn balance(programme: &Programme, ours: &Counts, theirs: &Counts) -> Vec<BalanceRow> {
    let row = |characteristic, group: String, k: u64, j: u64| {
        let p = share(k, ours.enrolled);
        let c = share(j, theirs.enrolled);
        let difference = match (p, c) {
            (Figure::Value(Some(p)), Figure::Value(Some(c))) => Some(p - c),
            _ => None,
        };
        BalanceRow {
            characteristic,
            group,
            participants: BalanceCell {
                count: Figure::Value(k),
                share: p,
            },
            comparison: BalanceCell {
                count: Figure::Value(j),
                share: c,
            },
            difference: Figure::Value(difference),
        }
    };
    let mut rows = Vec::new();
    for g in Gender::ALL {
        let i = g.index();
        rows.push(row(
            Characteristic::Gender,
            g.as_str().to_owned(),
            ours.gender[i],
            theirs.gender[i],
        ));
    }
    for (i, key) in age_group_keys(programme.age_bands())
        .into_iter()
        .enumerate()
    {
        rows.push(row(Characteristic::Age, key, ours.age[i], theirs.age[i]));
    }
    for (i, name) in balance_tags(programme).into_iter().enumerate() {
        rows.push(row(
            Characteristic::Tag,
            name.to_owned(),
            ours.tags[i],
            theirs.tags[i],
        ));
    }
    rows
}
