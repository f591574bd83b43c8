//! Per-participant state: baseline and latest reading of every parameter
//! (`docs/method.md#baseline-latest-gain`, `docs/method.md#assessment-window`,
//! `docs/data.md#levels`) and the follow-ups a participant has
//! (`docs/method.md#follow-up-criterion`). Rows arrive grouped per participant
//! and sorted by (parameter, date, level), so one forward walk settles
//! everything.

use chrono::{Days, Months, NaiveDate};

use crate::data::issues::IssueLog;
use crate::data::{AssessmentData, FollowUpData, ParticipantData};
use crate::model::ExitOutcome;
use crate::programme::{BaselineRule, Programme, Scale};
use crate::vocab::IssueKind;
use crate::vocab::Table;

/// Days an assessment may fall before entry or after exit (`docs/method.md#assessment-window`).
pub(crate) const WINDOW_DAYS: u64 = 30;

/// One collapsed reading: a date and the level that counts on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading {
    pub(crate) date: NaiveDate,
    pub(crate) level: i64,
}

/// Baseline and latest reading of one parameter for one participant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ParameterState {
    pub(crate) baseline: Option<Reading>,
    pub(crate) latest: Option<Reading>,
}

impl ParameterState {
    /// latest − baseline (sign-flipped when lower is better); `None` unless
    /// the latest reading is dated after the baseline.
    pub(crate) fn gain(&self, scale: &Scale) -> Option<i64> {
        match (self.baseline, self.latest) {
            (Some(b), Some(l)) if l.date > b.date => Some(scale.gain(b.level, l.level)),
            _ => None,
        }
    }
}

/// Where a participant stands at as-of.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Standing {
    pub(crate) as_of: NaiveDate,
    /// The exit date, when it is on or before as-of.
    pub(crate) exit: Option<NaiveDate>,
    pub(crate) entry: NaiveDate,
    /// The assessment window's first and last day, where it has them:
    /// worked out once here rather than for every row (calendar arithmetic
    /// was a tenth of an evaluation).
    window: (Option<NaiveDate>, Option<NaiveDate>),
}

impl Standing {
    pub(crate) fn new(p: &ParticipantData, as_of: NaiveDate) -> Self {
        let exit = p.exit.filter(|&e| e <= as_of);
        let window = (
            p.entry.checked_sub_days(Days::new(WINDOW_DAYS)),
            exit.and_then(|e| e.checked_add_days(Days::new(WINDOW_DAYS))),
        );
        Standing {
            as_of,
            exit,
            entry: p.entry,
            window,
        }
    }

    /// min(exit, as_of) − entry, in days.
    pub(crate) fn days_in_programme(&self) -> i64 {
        (self.exit.unwrap_or(self.as_of) - self.entry).num_days()
    }

    fn outside_window(&self, date: NaiveDate) -> bool {
        let (start, end) = self.window;
        start.is_some_and(|start| date < start) || end.is_some_and(|end| date > end)
    }
}

/// Fills `states` (one per parameter) from a participant's assessments.
pub(crate) fn parameter_states(
    programme: &Programme,
    rows: &[AssessmentData],
    standing: Standing,
    states: &mut [ParameterState],
    issues: &mut IssueLog,
) {
    states.fill(ParameterState::default());
    let rule = programme.definition().baseline;
    let mut rest = rows;
    while let Some(first) = rest.first() {
        let end = rest
            .iter()
            .position(|r| r.parameter != first.parameter)
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        let q = first.parameter as usize;
        states[q] = parameter_state(programme.scale(q), rule, run, standing, issues);
        rest = tail;
    }
}

/// One parameter's rows, sorted by (date, level).
fn parameter_state(
    scale: &Scale,
    rule: BaselineRule,
    rows: &[AssessmentData],
    standing: Standing,
    issues: &mut IssueLog,
) -> ParameterState {
    // The better level of the first two dates (baseline side), the worse of the last.
    let mut first: Option<Reading> = None;
    let mut second: Option<Reading> = None;
    let mut latest: Option<Reading> = None;
    for day in rows.chunk_by(|a, b| a.date == b.date) {
        let head = &day[0];
        if head.date > standing.as_of {
            continue; // a report as of an earlier date ignores later rows silently
        }
        let Some((low, high)) = usable_levels(scale, day, standing, issues) else {
            continue;
        };
        let (better, worse) = if scale.higher_is_better {
            (high, low)
        } else {
            (low, high)
        };
        let reading = |level| {
            Some(Reading {
                date: head.date,
                level,
            })
        };
        if first.is_none() {
            first = reading(better);
        } else if second.is_none() {
            second = reading(better);
        }
        latest = reading(worse);
    }
    let baseline = match (rule, first, second) {
        (BaselineRule::LowerOfFirstTwo, Some(a), Some(b))
            if scale.worse(a.level, b.level) != a.level =>
        {
            Some(b)
        }
        _ => first,
    };
    ParameterState { baseline, latest }
}

/// The lowest and highest level among one date's usable rows, recording
/// out-of-scale, out-of-window and conflicting rows as issues.
fn usable_levels(
    scale: &Scale,
    day: &[AssessmentData],
    standing: Standing,
    issues: &mut IssueLog,
) -> Option<(i64, i64)> {
    let mut range: Option<(i64, i64)> = None;
    let mut first_row = u64::MAX;
    for row in day {
        let (level, at) = (i64::from(row.level), u64::from(row.row));
        if !scale.contains(level) {
            issues.record(IssueKind::LevelOutsideScale, Table::Assessments, at);
        } else if standing.outside_window(row.date) {
            issues.record(IssueKind::OutsideWindow, Table::Assessments, at);
        } else {
            first_row = first_row.min(at);
            range = Some(range.map_or((level, level), |(lo, hi)| (lo.min(level), hi.max(level))));
        }
    }
    if let Some((low, high)) = range
        && low != high
    {
        issues.record(
            IssueKind::ConflictingDuplicate,
            Table::Assessments,
            first_row,
        );
    }
    range
}

/// One follow-up date of a participant, after collapsing same-date rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Observation {
    pub(crate) date: NaiveDate,
    pub(crate) status: Option<ExitOutcome>,
    pub(crate) receives_assistance: Option<bool>,
    /// Two rows on this date disagree: every field reads as unknown.
    pub(crate) conflicting: bool,
}

/// Collapses a participant's follow-ups (sorted by date) into `out`.
pub(crate) fn observations(
    rows: &[FollowUpData],
    standing: Standing,
    issues: &mut IssueLog,
    out: &mut Vec<Observation>,
) {
    out.clear();
    for day in rows.chunk_by(|a, b| a.date == b.date) {
        let head = &day[0];
        if head.date > standing.as_of {
            continue;
        }
        if standing.exit.is_none_or(|exit| head.date < exit) {
            for row in day {
                issues.record(IssueKind::OutsideWindow, Table::FollowUps, row.row.into());
            }
            continue;
        }
        let conflicting = disagree(day);
        if conflicting {
            let row = day.iter().map(|r| r.row).min().unwrap_or(head.row);
            issues.record(IssueKind::ConflictingFollowUp, Table::FollowUps, row.into());
        }
        out.push(Observation {
            date: head.date,
            status: head.status,
            receives_assistance: head.receives_assistance,
            conflicting,
        });
    }
}

/// exit + months (calendar months, clamped to the month's end).
pub(crate) fn horizon_date(exit: NaiveDate, months: u32) -> Option<NaiveDate> {
    exit.checked_add_months(Months::new(months))
}

/// The observation nearest to `exit + months` within ± `tolerance` days
/// (the earlier on equal distance); observations are already ≤ as-of and ≥ exit.
pub(crate) fn nearest_observation(
    observations: &[Observation],
    exit: NaiveDate,
    months: u32,
    tolerance: u32,
) -> Option<&Observation> {
    // Most participants have no follow-up: no calendar arithmetic for them.
    if observations.is_empty() {
        return None;
    }
    let target = horizon_date(exit, months)?;
    observations
        .iter()
        .map(|o| ((o.date - target).num_days().abs(), o))
        .filter(|(distance, _)| *distance <= i64::from(tolerance))
        .min_by_key(|(distance, o)| (*distance, o.date))
        .map(|(_, o)| o)
}

/// Whether the follow-ups of one date differ in status or assistance
/// (`docs/method.md#follow-up-criterion`: a `conflicting_follow_up`).
pub(crate) fn disagree(day: &[FollowUpData]) -> bool {
    day.iter()
        .any(|r| (r.status, r.receives_assistance) != (day[0].status, day[0].receives_assistance))
}

#[cfg(test)]
mod tests {
    use crate::vocab::IssueKind;
    use crate::{Dataset, Figure, Options, Programme};

    /// Scales at the bound (`docs/programme.md#limits`), the widest gains,
    /// and levels far outside any scale in the data: nothing overflows.
    #[test]
    fn the_widest_gains_and_the_largest_levels_are_exact() {
        let programme = Programme::from_toml(
            r#"
            id = "x"
            name = "X"
            start = 2022-01-01
            end = 2022-12-31
            planned_participants = 10

            [[parameters]]
            id = "wide"
            scale = [-1000000, 1000000]

            [[parameters]]
            id = "points"
            scale = [0, 1000000]
            higher_is_better = false

            [[goals]]
            id = "g"
            target = 0.5
            criterion = { improved = { parameters = ["wide"], min_gain = 2000000 } }
            "#,
        )
        .unwrap();
        let mut data = Dataset::builder(&programme);
        data.read_participants_csv(
            "id,gender,entry_date\na,K,2022-01-10\nb,K,2022-01-10\nc,M,2022-01-10\n".as_bytes(),
        )
        .unwrap();
        let max = i64::MAX;
        let min = i64::MIN;
        data.read_assessments_csv(
            format!(
                "participant_id,date,parameter,level\n\
                 a,2022-01-10,wide,-1000000\na,2022-06-01,wide,1000000\n\
                 b,2022-01-10,wide,1000000\nb,2022-06-01,wide,-1000000\n\
                 c,2022-01-10,wide,{min}\nc,2022-06-01,wide,{max}\n\
                 a,2022-01-10,points,1000000\na,2022-06-01,points,0\n\
                 b,2022-01-10,points,1000000\nb,2022-06-01,points,0\n\
                 c,2022-01-10,points,1000000\nc,2022-06-01,points,0\n\
                 c,2022-07-01,points,{max}\n"
            )
            .as_bytes(),
        )
        .unwrap();
        let as_of = "2022-12-31".parse().unwrap();
        let report = data.build().evaluate(&Options::new().as_of(as_of)).unwrap();

        // a: −1e6 → 1e6, gain 2e6 (it wrapped round to −1 on the full i64
        // range); b: the reverse; c: both readings outside the scale.
        let wide = report.parameter("wide").unwrap();
        assert_eq!(wide.evaluable, Figure::Value(2));
        assert_eq!(wide.improved, Figure::Value(1));
        assert_eq!(wide.worsened, Figure::Value(1));
        assert_eq!(wide.mean_gain, Figure::Value(Some(0.0)));
        assert_eq!(
            wide.by_gender.get(crate::Gender::Woman).mean_gain,
            Figure::Value(Some(0.0))
        );
        let goal = report.goal("g").unwrap();
        assert_eq!(goal.achieved, Figure::Value(1));

        // Three gains of 1e6 (lower is better: 1e6 → 0): the mean is 1e6.
        let points = report.parameter("points").unwrap();
        assert_eq!(points.evaluable, Figure::Value(3));
        assert_eq!(points.improved, Figure::Value(3));
        assert_eq!(points.mean_gain, Figure::Value(Some(1_000_000.0)));

        let outside = report
            .data_quality
            .iter()
            .find(|i| i.kind == IssueKind::LevelOutsideScale)
            .unwrap();
        assert_eq!(outside.count, Figure::Value(3));
        assert_eq!(outside.rows, [6, 7, 14]);
    }
}
