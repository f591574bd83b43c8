//! The report (`docs/report.md#keys`): what a programme has achieved as of a date.
//!
//! Every figure that could reveal a small group is a [`Figure`], so that a
//! publishable copy ([`Report::suppress`]) has the same shape with some
//! values replaced by `"suppressed"`.

mod breakdowns;
mod cells;
pub mod charts;
mod comparison;
mod document;
mod esf;
mod follow_ups;
pub mod frames;
mod html;
mod reentry;
mod status_on;
pub(crate) mod suppress;
mod text;
#[cfg(feature = "xlsx")]
mod workbook;
#[cfg(feature = "xlsx")]
pub use workbook::XlsxError;
mod trend;

pub use suppress::{DEFAULT_MIN_CELL, InvalidMinCell, min_cell};

use std::marker::PhantomData;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

pub use crate::words::{Language, UnknownLanguage};
pub use breakdowns::{
    BREAKDOWN_COLUMNS, BreakdownResult, GroupEnrolment, GroupGender, GroupResult,
};
pub use cells::Cells;
pub use comparison::{
    BalanceCell, BalanceRow, Comparison, ComparisonGoal, GroupGoal, ShareDifference,
};
pub use esf::{AssistanceCounts, AssistanceResult, AssistanceStep, EsfResult, GenderCount};
pub use follow_ups::{FollowUpCounts, FollowUpResult, GenderExits};
pub use reentry::Reentry;
pub use status_on::{StatusOnCounts, StatusOnResult};
pub use trend::{TREND_COLUMNS, TrendGender, TrendGoal, TrendPoint};

use crate::programme::Criterion;
pub use crate::vocab::GoalStatus;
use crate::vocab::{ExitOutcome, Gender, IssueKind, Key, Population, Table};

/// A reported value, or the marker that disclosure control hid it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure<T> {
    /// The value.
    Value(T),
    /// Hidden because it is, or reveals, a count below the minimum cell size.
    Suppressed,
}

impl<T> Figure<T> {
    /// The value, unless suppressed.
    pub fn value(&self) -> Option<&T> {
        match self {
            Figure::Value(v) => Some(v),
            Figure::Suppressed => None,
        }
    }

    /// Whether the value is hidden.
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Figure::Suppressed)
    }

    /// The value through `f`; hidden stays hidden.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Figure<U> {
        match self {
            Figure::Value(v) => Figure::Value(f(v)),
            Figure::Suppressed => Figure::Suppressed,
        }
    }
}

impl<T: Serialize> Serialize for Figure<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Figure::Value(v) => v.serialize(s),
            Figure::Suppressed => s.serialize_str(SUPPRESSED),
        }
    }
}

/// The marker a suppressed value serialises to.
pub const SUPPRESSED: &str = "suppressed";

/// A count of participants (or rows).
pub type Count = Figure<u64>;
/// A share or bound: `None` where undefined (n = 0).
pub type Share = Figure<Option<f64>>;

/// A confidence interval; both bounds `None` where undefined.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Lower bound.
    pub lower: Share,
    /// Upper bound.
    pub upper: Share,
}

impl Interval {
    pub(crate) const UNDEFINED: Interval = Interval {
        lower: Figure::Value(None),
        upper: Figure::Value(None),
    };

    pub(crate) fn from_bounds(bounds: Option<(f64, f64)>) -> Self {
        match bounds {
            Some((lower, upper)) => Interval {
                lower: Figure::Value(Some(lower)),
                upper: Figure::Value(Some(upper)),
            },
            None => Interval::UNDEFINED,
        }
    }
}

/// Values keyed by a closed set of domain words (genders; exit outcomes and
/// `missing`), one per key in report order, serialised as a JSON object
/// keyed by the words' names. The keys are data, not field names.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown<K, V> {
    values: Vec<V>,
    key: PhantomData<K>,
}

/// Values per gender: woman, man, non_binary, unknown.
pub type PerGender<V> = Breakdown<Gender, V>;

/// Values per exit outcome (or follow-up status), then `missing`.
pub type PerOutcome<V> = Breakdown<Option<ExitOutcome>, V>;

impl<K: Key, V> Breakdown<K, V> {
    /// One value per key, in report order.
    pub(crate) fn from_fn(f: impl FnMut(K) -> V) -> Self {
        Breakdown {
            values: K::ALL.iter().copied().map(f).collect(),
            key: PhantomData,
        }
    }

    /// The value for a key.
    pub fn get(&self, key: K) -> &V {
        &self.values[key.index()]
    }

    /// Keys and values in report order.
    pub fn iter(&self) -> impl Iterator<Item = (K, &V)> {
        K::ALL.iter().copied().zip(&self.values)
    }

    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.values.iter_mut()
    }
}

impl<K: Key, V: Serialize> Serialize for Breakdown<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter().map(|(k, v)| (k.name(), v)))
    }
}

/// The full report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Which programme.
    pub programme: ProgrammeSummary,
    /// The date the report describes.
    pub as_of: NaiveDate,
    /// Enrolment against plan and the gender split (`docs/method.md#enrolment`).
    pub enrolment: Enrolment,
    /// One result per goal, in definition order (`docs/method.md#goal-results`).
    pub goals: Vec<GoalResult>,
    /// The parameter change table (`docs/method.md#parameter-table`).
    pub parameters: Vec<ParameterChange>,
    /// Exit outcomes (`docs/method.md#exits`).
    pub exits: Exits,
    /// One result per follow-up horizon (`docs/method.md#follow-up-accounting`).
    pub follow_ups: Vec<FollowUpResult>,
    /// Data-quality issues, by table then kind (`docs/method.md#data-quality`).
    pub data_quality: Vec<Issue>,
    /// Results per group of each declared breakdown (`docs/report.md#breakdowns`).
    pub breakdowns: Vec<BreakdownResult>,
    /// On assistance at entry, then at exit and each horizon
    /// (`docs/report.md#assistance`).
    pub assistance: AssistanceResult,
    /// The ESF+ indicators, with the `esf` profile (`docs/report.md#esf`).
    pub esf: Option<EsfResult>,
    /// The participants beside a comparison group; `None` without one
    /// (`docs/report.md#comparison`).
    pub comparison: Option<Comparison>,
    /// The figures at each trend date, ascending (`docs/report.md#trend`).
    pub trend: Vec<TrendPoint>,
    /// The status on a calendar date; `None` without a status date
    /// (`docs/report.md#status-on`).
    pub status_on: Option<StatusOnResult>,
}

/// The programme's id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgrammeSummary {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// Enrolment against plan (`docs/method.md#enrolment`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enrolment {
    /// Participants with entry_date ≤ as_of.
    pub enrolled: Count,
    /// planned_participants.
    pub planned: u64,
    /// enrolled / planned.
    pub share_of_plan: Share,
    /// planned × elapsed share of the recruitment period, clamped to
    /// [0, planned] (`docs/method.md#recruitment`).
    pub expected_by_now: f64,
    /// The last day of recruitment: `recruitment_end`, else the end.
    pub recruitment_end: NaiveDate,
    /// Whether recruitment is still open: as-of before `recruitment_end`.
    pub recruitment_open: bool,
    /// The gender target's tolerance (a fraction) that `within_tolerance`
    /// was judged by; `None` when the programme sets no gender target.
    pub gender_tolerance: Option<f64>,
    /// Per gender: woman, man, non_binary, unknown.
    pub by_gender: PerGender<GenderEnrolment>,
    /// The re-entry rule and counts (`docs/report.md#reentry`).
    pub reentry: Reentry,
}

/// One gender's enrolment against the gender target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenderEnrolment {
    /// Participants of this gender.
    pub count: Count,
    /// Share of the participants of known gender (`None` for unknown).
    pub share: Share,
    /// Wilson 95 % interval of the share.
    pub ci: Interval,
    /// The planned share, when the programme sets one.
    pub target: Option<f64>,
    /// share − target, a fraction.
    pub deviation: Share,
    /// |deviation| ≤ tolerance.
    pub within_tolerance: Figure<Option<bool>>,
    /// Participants of this gender still to recruit to reach the target split
    /// at the planned total; `None` once recruitment has closed.
    pub needed: Figure<Option<u64>>,
    /// Once recruitment has closed: how many of this gender the target split
    /// at the planned total missed; `None` while it is open.
    pub missed: Figure<Option<u64>>,
    /// While recruitment is open: the share of this gender at the planned
    /// total if the remaining places fill at the current share
    /// (`docs/method.md#recruitment`).
    pub projected_share: Share,
    /// Its interval: the Wilson bounds of the current share applied to the
    /// remaining places only.
    pub projected_ci: Interval,
}

/// The result of one goal (`docs/method.md#goal-results`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalResult {
    /// Goal id.
    pub id: String,
    /// Goal name.
    pub name: String,
    /// Target share.
    pub target: f64,
    /// Which participants the goal counts: enrolled, exited, active or due
    /// (`docs/report.md#goals`).
    pub population: Population,
    /// The horizon of a `due` population in months, else `None`.
    pub population_after_months: Option<u32>,
    /// The window's half-width of a `due` population in days, else `None`.
    pub population_tolerance_days: Option<u32>,
    /// The population's `where` criterion, in the definition's JSON form.
    pub population_where: Option<serde_json::Value>,
    /// Participants in the population (after min_days).
    pub population_size: Count,
    /// Participants for whom the criterion is true.
    pub achieved: Count,
    /// Participants for whom it is unknown.
    pub unknown: Count,
    /// Unknown participants left out of the denominator (policy `exclude`).
    pub excluded: Count,
    /// population_size − excluded.
    pub denominator: Count,
    /// achieved / denominator.
    pub share: Share,
    /// Wilson 95 % interval of the share.
    pub ci: Interval,
    /// met / not_met / no_data; hidden in a publishable copy with the share,
    /// because with the denominator and the target it bounds `achieved`.
    pub status: Figure<GoalStatus>,
    /// Whether the whole interval lies on the status's side of the target;
    /// hidden with the interval.
    pub confident: Figure<bool>,
    /// The same per gender.
    pub by_gender: PerGender<GenderGoalResult>,
    /// Women − men, with the Newcombe hybrid score interval; `None` when
    /// either denominator is 0.
    pub gender_gap: Option<GenderGap>,
    /// The goal's criterion, so that disclosure control can tell when the
    /// goal's counts equal counts of other tables. Not part of the JSON report.
    #[serde(skip)]
    pub criterion: Criterion,
}

/// A goal's result for one gender.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenderGoalResult {
    /// Achieved.
    pub achieved: Count,
    /// Unknown.
    pub unknown: Count,
    /// Excluded.
    pub excluded: Count,
    /// Denominator.
    pub denominator: Count,
    /// achieved / denominator.
    pub share: Share,
    /// Wilson 95 % interval.
    pub ci: Interval,
}

/// The women − men difference in a goal's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenderGap {
    /// share(women) − share(men).
    pub difference: Share,
    /// Newcombe hybrid score lower bound.
    pub lower: Share,
    /// Newcombe hybrid score upper bound.
    pub upper: Share,
}

/// Change in one parameter (`docs/method.md#parameter-table`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParameterChange {
    /// Parameter id.
    pub id: String,
    /// Parameter name.
    pub name: String,
    /// Participants with a defined gain.
    pub evaluable: Count,
    /// Gain > 0.
    pub improved: Count,
    /// Gain = 0.
    pub unchanged: Count,
    /// Gain < 0.
    pub worsened: Count,
    /// improved / evaluable.
    pub improved_share: Share,
    /// unchanged / evaluable.
    pub unchanged_share: Share,
    /// worsened / evaluable.
    pub worsened_share: Share,
    /// Mean gain over the evaluable (`None` when none).
    pub mean_gain: Share,
    /// The same per gender.
    pub by_gender: PerGender<GenderParameterChange>,
    /// For a ladder: counts by baseline level (rows) and latest level (columns).
    pub transitions: Option<Vec<Vec<Count>>>,
    /// Whether a higher level is better: which side of the transition
    /// matrix's diagonal is improvement. Not part of the JSON report.
    #[serde(skip)]
    pub higher_is_better: bool,
}

/// Change in one parameter for one gender.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenderParameterChange {
    /// Evaluable.
    pub evaluable: Count,
    /// Improved.
    pub improved: Count,
    /// Unchanged.
    pub unchanged: Count,
    /// Worsened.
    pub worsened: Count,
    /// improved / evaluable.
    pub improved_share: Share,
    /// unchanged / evaluable.
    pub unchanged_share: Share,
    /// worsened / evaluable.
    pub worsened_share: Share,
    /// Mean gain.
    pub mean_gain: Share,
}

/// Exit outcomes of the participants exited by as-of (`docs/method.md#exits`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exits {
    /// Participants exited by as-of.
    pub exited: Count,
    /// Per outcome (every [`ExitOutcome`], then `missing`).
    pub by_outcome: PerOutcome<OutcomeCount>,
    /// The same per gender (`docs/method.md#exits-by-gender`).
    pub by_gender: PerGender<GenderExits>,
}

/// How many exited to one outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeCount {
    /// Participants.
    pub count: Count,
    /// Share of the exited.
    pub share: Share,
}

/// How many rows show one kind of issue in one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// What kind of problem.
    pub kind: IssueKind,
    /// In which table.
    pub table: Table,
    /// How many offending rows (a conflict counts once per participant,
    /// parameter and date); suppressed in a publishable copy when small.
    pub count: Count,
    /// The five smallest offending row numbers (header = row 1); empty in a
    /// publishable copy.
    pub rows: Vec<u64>,
}

impl Report {
    /// The report as pretty JSON with the keys of `docs/report.md#keys`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }

    /// The report as a JSON value.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a report always serialises")
    }

    /// The result of a goal by id.
    pub fn goal(&self, id: &str) -> Option<&GoalResult> {
        self.goals.iter().find(|g| g.id == id)
    }

    /// The change table row of a parameter by id.
    pub fn parameter(&self, id: &str) -> Option<&ParameterChange> {
        self.parameters.iter().find(|p| p.id == id)
    }
}

/// The small programme and report the unit tests share: one ladder
/// `step`, one goal `progression`; woman `a` (tag `na`) goes 1 → 3, man `b`
/// stays at 2, as of 2022-06-30.
#[cfg(test)]
pub(crate) mod demo {
    use crate::{Dataset, Options, Programme, Report};

    /// The demo programme with `extra` top-level keys (e.g. `breakdowns`).
    pub(crate) fn programme(extra: &str) -> Programme {
        Programme::from_toml(&format!(
            r#"
            id = "demo"
            name = "Demo"
            start = 2021-02-01
            end = 2023-01-31
            planned_participants = 10
            {extra}

            [[parameters]]
            id = "step"
            levels = ["No activity", "Work training", "Work"]

            [[goals]]
            id = "progression"
            target = 0.5
            criterion = {{ improved = {{ parameters = ["step"] }} }}
            "#
        ))
        .expect("valid")
    }

    /// The demo report.
    pub(crate) fn report(extra: &str) -> Report {
        let programme = programme(extra);
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
        let as_of = "2022-06-30".parse().expect("a date");
        data.build()
            .evaluate(&Options::new().as_of(as_of))
            .expect("evaluates")
    }

    /// The line of a CSV text that starts with `start`.
    pub(crate) fn line<'a>(csv: &'a str, start: &str) -> &'a str {
        csv.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("{start} in {csv}"))
    }
}
