//! The engine: one pass over the participants of a [`Dataset`] (`docs/method.md`).
//!
//! Criteria are compiled once; then, per participant, the grouped assessments
//! and follow-ups are folded into per-parameter state held in buffers reused
//! across participants, every goal's criterion is evaluated, and additive
//! [`tally`] counts are updated. The report is derived from the counts. Cost
//! is linear in the input and nothing is allocated per row.

mod breakdowns;
mod comparison;
mod counts;
mod criteria;
mod episodes;
mod esf;
pub(crate) mod follow_up;
mod partial;
mod population;
mod report;
mod state;
mod status_on;
mod tally;
mod trend;

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use serde::Serialize;

pub use crate::vocab::{Counted, Truth};
pub use episodes::Episode;
pub use partial::{PARTIAL_FORMAT, PARTIAL_VERSION, Partial, partition_of};

use crate::data::issues::IssueLog;
use crate::data::{Countdown, Dataset, Interrupt, ParticipantData};
use crate::error::{DataError, DataErrorKind, Error};
use crate::model::{ExitOutcome, Gender};
use crate::programme::{Criterion, DEFAULT_TOLERANCE_DAYS, ReentryRule, UnknownPolicy};
use crate::report::Report;
use crate::report::frames::{Frame, Value};
use crate::vocab::{IssueKind, Profile};
use crate::words::Language;
use criteria::{Compiled, Subject, Why};
use population::CompiledPopulation;
use state::{Observation, ParameterState, Standing};
use tally::Tally;

/// How to evaluate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    as_of: Option<NaiveDate>,
    strict: bool,
    language: Language,
    profile: Option<Profile>,
    trend: Option<crate::trend::Trend>,
    status_on: Option<NaiveDate>,
    status_tolerance: Option<u32>,
}

impl Options {
    /// Defaults: as of today (capped at the programme's end), not strict.
    pub fn new() -> Self {
        Options::default()
    }

    /// The date the report describes.
    pub fn as_of(mut self, date: NaiveDate) -> Self {
        self.as_of = Some(date);
        self
    }

    /// Sets the as-of date when one is given.
    pub fn with_as_of(mut self, date: Option<NaiveDate>) -> Self {
        self.as_of = date;
        self
    }

    /// The trend's dates (`docs/method.md#trend`); without one, the
    /// programme's `trend` key decides. A list of dates sets the report's
    /// date to its latest.
    pub fn trend(mut self, trend: crate::trend::Trend) -> Self {
        self.trend = Some(trend);
        self
    }

    /// Sets the trend when one is given.
    pub fn with_trend(mut self, trend: Option<crate::trend::Trend>) -> Self {
        self.trend = trend;
        self
    }

    /// The status date (`docs/method.md#status-on-a-date`); it replaces
    /// the programme's `status_on.date`. Without one, the programme's
    /// decides, and without that the report has no `status_on`.
    pub fn status_on(mut self, date: Option<NaiveDate>) -> Self {
        self.status_on = date;
        self
    }

    /// The status date's tolerance in days; it replaces the programme's
    /// `status_on.tolerance_days` (45 when neither gives one).
    pub fn status_tolerance(mut self, days: Option<u32>) -> Self {
        self.status_tolerance = days;
        self
    }

    /// Turns the first data-quality issue into an error.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Adds a profile's section to the report (`docs/esf.md#profile`).
    pub fn profile(mut self, profile: Option<Profile>) -> Self {
        self.profile = profile;
        self
    }

    /// The language explanations are written in (English by default, so
    /// that explanation reasons stay stable for programs that read them).
    pub fn language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }
}

/// A follow-up horizon of the follow-up table (`docs/method.md#follow-ups`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Horizon {
    pub(crate) months: u32,
    pub(crate) tolerance: u32,
}

/// Why one participant counts as they do for one goal (`docs/method.md#explanations`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalExplanation {
    /// The goal.
    pub goal_id: String,
    /// Whether the participant is in the goal's population.
    pub in_population: bool,
    /// Why (not) in the population, in words.
    pub population_reason: String,
    /// The criterion's value.
    pub value: Truth,
    /// How the participant is counted.
    pub counted: Counted,
    /// Why the criterion has that value, in words ("step 1 → 3, gain 2 ≥ 1").
    pub reason: String,
}

/// Every goal's explanation for one participant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The participant's id.
    pub participant_id: String,
    /// The participant's gender.
    pub gender: Gender,
    /// How episodes are counted: the programme's `reentry` rule.
    pub reentry: ReentryRule,
    /// The person's episodes begun by as-of, in entry order
    /// (`docs/method.md#explanations`).
    pub episodes: Vec<Episode>,
    /// Under `per_episode`, which of them this explanation counts (from 1).
    pub episode: Option<u32>,
    /// One entry per goal, in definition order.
    pub goals: Vec<GoalExplanation>,
}

impl Explanation {
    /// The explanations as one table, a row per participant and goal: its
    /// population membership, the criterion's value, how the participant
    /// is counted, and why (Python's `participants_frame()`). Here, with the
    /// explanations, since the report's tables know nothing of the engine.
    pub fn frame(explanations: &[Explanation]) -> Frame {
        use crate::report::frames::Kind::{Bool, Text};
        let text = |s: &str| Value::Text(Some(s.to_owned()));
        let mut f = Frame::new(&[
            ("participant_id", Text),
            ("gender", Text),
            ("goal_id", Text),
            ("in_population", Bool),
            ("population_reason", Text),
            ("value", Text),
            ("counted", Text),
            ("reason", Text),
        ]);
        for e in explanations {
            for g in &e.goals {
                f.push(vec![
                    text(&e.participant_id),
                    text(e.gender.as_str()),
                    text(&g.goal_id),
                    Value::Bool(Some(g.in_population)),
                    text(&g.population_reason),
                    text(g.value.as_str()),
                    text(g.counted.as_str()),
                    text(&g.reason),
                ]);
            }
        }
        f
    }
}

/// Fewer participants than this per thread are tallied on one thread: a
/// thread costs about what tallying a few thousand participants does.
/// The library's own tests split any data, so every one of them tallies on
/// several threads where the machine has several cores.
#[cfg(not(test))]
const PARTICIPANTS_PER_THREAD: usize = 50_000;
#[cfg(test)]
const PARTICIPANTS_PER_THREAD: usize = 1;

/// Everything fixed for one evaluation, plus buffers reused per participant.
#[derive(Clone)]
struct Pass<'d> {
    data: &'d Dataset,
    as_of: NaiveDate,
    language: Language,
    goals: Vec<Compiled>,
    populations: Vec<CompiledPopulation>,
    /// The follow-up horizons, each with the exits due at it as of as-of.
    due: Vec<follow_up::DueBy>,
    /// The ESF+ longer-term horizon's due exits (`docs/esf.md#indicators`).
    esf_due: follow_up::DueBy,
    states: Vec<ParameterState>,
    observations: Vec<Observation>,
    issues: IssueLog,
    /// How each breakdown finds a participant's group.
    groups: Vec<breakdowns::GroupOf>,
    /// Per goal, this participant's value when in the population; reused.
    results: Vec<Option<Truth>>,
    /// Per parameter, this participant's gain when defined; reused.
    gains: Vec<Option<i64>>,
    /// Whether the ESF+ indicators are counted (`docs/esf.md#profile`).
    esf: bool,
    /// Every trend date, ascending, as-of last; empty without a trend.
    trend_dates: Vec<NaiveDate>,
    /// Issues met while folding rows as of an earlier trend date: the
    /// report's issues are those as of its own date, so these are dropped.
    trend_issues: IssueLog,
    /// The status date and tolerance, when asked for
    /// (`docs/method.md#status-on-a-date`).
    status_window: Option<status_on::StatusWindow>,
}

impl<'d> Pass<'d> {
    fn new(data: &'d Dataset, options: &Options) -> Self {
        let programme = &data.programme;
        let trend = options
            .trend
            .clone()
            .or_else(|| programme.definition().trend.map(crate::trend::Trend::Every))
            .unwrap_or(crate::trend::Trend::Off);
        let as_of = trend
            .as_of()
            .or(options.as_of)
            .unwrap_or_else(|| programme.default_as_of(crate::today()));
        let trend_dates = crate::trend::dates(&trend, programme.definition().start, as_of);
        let tag_id = |name: &str| data.tag_names.get(name).copied();
        Pass {
            data,
            as_of,
            language: options.language,
            goals: programme
                .goals()
                .iter()
                .map(|g| Compiled::new(programme, &g.criterion, &tag_id))
                .collect(),
            populations: programme
                .goals()
                .iter()
                .map(|g| CompiledPopulation::new(programme, g, &tag_id))
                .collect(),
            due: horizons(programme.definition())
                .into_iter()
                .map(|h| follow_up::DueBy::new(h, as_of))
                .collect(),
            esf_due: follow_up::DueBy::new(esf::LONGER_TERM, as_of),
            states: vec![ParameterState::default(); programme.parameters().len()],
            observations: Vec::new(),
            issues: IssueLog::default(),
            groups: breakdowns::resolve(data, as_of),
            results: vec![None; programme.goals().len()],
            gains: vec![None; programme.parameters().len()],
            esf: options.profile == Some(Profile::Esf),
            trend_dates,
            trend_issues: IssueLog::default(),
            status_window: status_on::StatusWindow::of(
                programme.definition(),
                options.status_on,
                options.status_tolerance,
            ),
        }
    }

    /// The trend dates before as-of.
    fn earlier_dates(&self) -> usize {
        self.trend_dates.len().saturating_sub(1)
    }

    /// Participants with indices in `range` who exist at as-of, by index.
    fn present(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, &'d ParticipantData)> + use<'d> {
        let as_of = self.as_of;
        let start = range.start;
        self.data.participants[range]
            .iter()
            .enumerate()
            .map(move |(i, p)| (start + i, p))
            .filter(move |(_, p)| p.entry <= as_of)
    }

    /// Participant `i` as of `as_of` (the report's date or a trend date):
    /// under `once`, a person with several episodes exits with the last
    /// episode begun by then
    /// (`docs/method.md#episodes`).
    fn view(&self, i: usize, as_of: NaiveDate) -> ParticipantData {
        let d = self.data;
        let mut p = d.participants[i];
        let (a, b) = p.episodes;
        if a < b && d.programme.reentry() != ReentryRule::PerEpisode {
            let episodes = &d.episodes[a as usize..b as usize];
            let begun = episodes.partition_point(|e| e.entry <= as_of);
            if let Some(last) = episodes[..begun].last() {
                p.exit = last.exit;
                p.outcome = last.outcome;
                p.exit_row = last.row;
                // What is recorded at leaving leaves with the exit
                // (`docs/data.md#episodes`).
                p.status.assistance_at_exit = last.status.assistance_at_exit;
                p.status.qualification = last.status.qualification;
            }
        }
        p
    }

    /// The episodes of participant `i`'s person begun by as-of: how many,
    /// and whether `i` is the person's first of them
    /// (`docs/method.md#episodes`).
    fn begun(&self, i: usize) -> (u64, bool) {
        let d = self.data;
        let p = &d.participants[i];
        let (a, b) = p.episodes;
        if d.programme.reentry() == ReentryRule::PerEpisode {
            return (1, p.episode == 0);
        }
        let episodes = &d.episodes[a as usize..b as usize];
        let begun = episodes.partition_point(|e| e.entry <= self.as_of);
        (begun.max(1) as u64, true)
    }

    /// Folds participant `i`'s rows into the reused buffers.
    fn load(&mut self, i: usize) -> Standing {
        self.load_at(i, self.as_of)
    }

    /// Folds participant `i`'s rows into the reused buffers as of `as_of`.
    fn load_at(&mut self, i: usize, as_of: NaiveDate) -> Standing {
        let d = self.data;
        let p = &self.view(i, as_of);
        let standing = Standing::new(p, as_of);
        let assessments = d.assessments.of(i);
        state::parameter_states(
            &d.programme,
            assessments,
            standing,
            &mut self.states,
            &mut self.issues,
        );
        let follow_ups = d.follow_ups.of(i);
        state::observations(
            follow_ups,
            standing,
            &mut self.issues,
            &mut self.observations,
        );
        standing
    }

    fn subject(&self, i: usize, standing: Standing) -> Subject<'_> {
        let p = &self.view(i, standing.as_of);
        Subject {
            programme: &self.data.programme,
            standing,
            outcome: p.outcome,
            states: &self.states,
            observations: &self.observations,
            tags: &self.data.tags[p.tags.0 as usize..p.tags.1 as usize],
            status: p.status,
        }
    }

    fn participant_issues(&mut self, p: &ParticipantData, standing: Standing) {
        let t = crate::vocab::Table::Participants;
        if p.gender == Gender::Unknown {
            self.issues.record(IssueKind::UnknownGender, t, p.row);
        }
        if let (Some([low, high]), Some(birth)) =
            (self.data.programme.definition().eligible_age, p.birth_date)
            && p.entry
                .years_since(birth)
                .is_none_or(|age| age < low || age > high)
        {
            self.issues.record(IssueKind::AgeOutsideEligible, t, p.row);
        }
        if standing.exit.is_some() && p.outcome.is_none() {
            self.issues
                .record(IssueKind::MissingExitOutcome, t, p.exit_row);
        }
    }

    /// Tallies every participant on the dataset's threads
    /// (`docs/method.md#threads`): each takes an equal range of
    /// participants with a copy of the pass, and their counts and issues are
    /// added up, which gives the counts of one pass exactly (they are sums
    /// of integers, and the issue log keeps counts and the smallest rows).
    /// This thread asks `interrupt`; the others stop when it says to.
    fn tally(&mut self, interrupt: &mut dyn Interrupt) -> Result<Tally, DataError> {
        let n = self.data.participants.len();
        let threads = self
            .data
            .threads
            .get()
            .min(n / PARTICIPANTS_PER_THREAD)
            .max(1);
        if threads == 1 {
            return self.tally_batch(0..n, interrupt);
        }
        let range = |t: usize| t * n / threads..(t + 1) * n / threads;
        let stop = &AtomicBool::new(false);
        std::thread::scope(|scope| {
            let others: Vec<_> = (1..threads)
                .map(|t| {
                    let mut pass = self.clone();
                    scope.spawn(move || {
                        let tally =
                            pass.tally_batch(range(t), &mut || stop.load(Ordering::Relaxed));
                        (tally, pass.issues)
                    })
                })
                .collect();
            let mut asked = || {
                let stopped = interrupt.interrupted();
                stop.fetch_or(stopped, Ordering::Relaxed);
                stopped
            };
            let mine = self.tally_batch(range(0), &mut asked);
            stop.fetch_or(mine.is_err(), Ordering::Relaxed);
            let mut tally = mine?;
            for other in others {
                let (theirs, issues) = other
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p));
                tally.merge(&theirs?);
                self.issues.absorb(issues);
            }
            Ok(tally)
        })
    }

    /// Tallies the participants with indices in `batch`, asking `interrupt`
    /// every [`INTERRUPT_EVERY`](crate::data::INTERRUPT_EVERY) participants
    /// whether to stop (`interrupted`, at the participant's row).
    fn tally_batch(
        &mut self,
        batch: std::ops::Range<usize>,
        interrupt: &mut dyn Interrupt,
    ) -> Result<Tally, DataError> {
        let mut countdown = Countdown::default();
        let programme = &self.data.programme;
        let ladders: Vec<Option<usize>> = (0..programme.parameters().len())
            .map(|q| programme.scale(q).labels.as_ref().map(Vec::len))
            .collect();
        let mut tally = Tally::new(self.goals.len(), &ladders, self.due.len());
        tally.breakdowns = breakdowns::tallies(self.data, &self.groups);
        tally.esf = self.esf.then(esf::EsfTally::default);
        tally.assistance.horizons = vec![Default::default(); self.due.len()];
        tally.trend = trend::tallies(programme, self.earlier_dates());
        tally.status_on = self
            .status_window
            .map(|_| status_on::StatusOnTally::default());
        let mut combinations = breakdowns::Combinations::new(self.data, &self.groups, batch.len());
        let mut results = std::mem::take(&mut self.results);
        let mut gains = std::mem::take(&mut self.gains);
        for (i, p) in self.present(batch) {
            if countdown.stop(interrupt) {
                let kind = DataErrorKind::Interrupted;
                let t = crate::vocab::Table::Participants;
                return Err(DataError::new(kind, t, Some(p.row), None));
            }
            let standing = self.load(i);
            let p = &self.view(i, self.as_of);
            self.participant_issues(p, standing);
            let g = p.gender.index();
            tally.enrolled[g] += 1;
            let (episodes, first) = self.begun(i);
            tally.reentry.add(episodes, first, p.episode);
            let subject = self.subject(i, standing);
            for (((population, compiled), t), r) in self
                .populations
                .iter()
                .zip(&self.goals)
                .zip(&mut tally.goals)
                .zip(&mut results)
            {
                *r = value_in_population(population, compiled, &subject);
                t.count(g, *r);
            }
            for ((q, t), r) in tally.parameters.iter_mut().enumerate().zip(&mut gains) {
                let scale = programme.scale(q);
                *r = self.states[q].gain(scale);
                t.count(g, *r);
                // Transitions of those whose gain is defined.
                if r.is_some()
                    && let (Some(labels), Some(b), Some(l)) = (
                        &scale.labels,
                        self.states[q].baseline,
                        self.states[q].latest,
                    )
                {
                    t.transitions
                        [(b.level as usize - 1) * labels.len() + (l.level as usize - 1)] += 1;
                }
            }
            if let Some(exit) = standing.exit {
                tally.exited[g] += 1;
                tally.exits[p.outcome.map_or(ExitOutcome::ALL.len(), ExitOutcome::index)][g] += 1;
                for (due, t) in self.due.iter().zip(&mut tally.follow_ups) {
                    follow_up_tally(t, g, *due, exit, &self.observations);
                }
            }
            if let Some(t) = &mut tally.esf {
                esf::add_esf(
                    t,
                    g,
                    p,
                    standing.exit,
                    self.as_of,
                    self.esf_due,
                    &self.observations,
                );
            }
            esf::add_assistance(
                &mut tally.assistance,
                g,
                p,
                standing.exit,
                &self.due,
                &self.observations,
            );
            // The status on a date, from the participant seen as of that
            // date (`docs/method.md#status-on-a-date`).
            if let (Some(w), Some(t)) = (self.status_window, &mut tally.status_on) {
                let seen = self.view(i, w.date);
                let d = self.data;
                let rows = d.follow_ups.of(i);
                status_on::add(t, seen.gender.index(), &seen, rows, w);
            }
            // The same contribution to the participant's group in every
            // breakdown, once to its combination of groups when there are
            // few (`docs/method.md#breakdowns`).
            let exited = standing.exit.is_some();
            if let Some(c) = &mut combinations {
                let t = c.of(self.data, &self.groups, i, p);
                breakdowns::add(t, g, exited, &results, &gains);
            } else {
                for (of, groups) in self.groups.iter().zip(&mut tally.breakdowns) {
                    let group = &mut groups[of.group(self.data, i, p)];
                    breakdowns::add(group, g, exited, &results, &gains);
                }
            }
            // Each earlier trend date from the same grouped rows
            // (`docs/method.md#trend`); the report's date is done above.
            for k in 0..self.earlier_dates() {
                let date = self.trend_dates[k];
                if p.entry > date {
                    continue;
                }
                std::mem::swap(&mut self.issues, &mut self.trend_issues);
                let standing = self.load_at(i, date);
                std::mem::swap(&mut self.issues, &mut self.trend_issues);
                let subject = self.subject(i, standing);
                for ((population, compiled), r) in
                    self.populations.iter().zip(&self.goals).zip(&mut results)
                {
                    *r = value_in_population(population, compiled, &subject);
                }
                tally.trend[k].count_enrolled(g, &results);
            }
        }
        if let Some(c) = combinations {
            c.spread(&mut tally.breakdowns);
        }
        self.results = results;
        self.gains = gains;
        Ok(tally)
    }

    fn explain(&mut self, i: usize, id: &str) -> Explanation {
        let standing = self.load(i);
        let p = &self.view(i, self.as_of);
        let subject = self.subject(i, standing);
        let goals = self
            .data
            .programme
            .goals()
            .iter()
            .zip(&self.goals)
            .zip(&self.populations)
            .map(|((goal, compiled), population)| {
                let mut why = Why {
                    lang: self.language,
                    text: String::new(),
                };
                let value = compiled.eval(&subject, Some(&mut why));
                let mut where_why = Why {
                    lang: self.language,
                    text: String::new(),
                };
                let membership = population.membership(&subject, Some(&mut where_why));
                let counted = match (membership.is_ok(), value, goal.unknown) {
                    (false, _, _) => Counted::OutsidePopulation,
                    (true, Truth::True, _) => Counted::Achieved,
                    (true, Truth::Unknown, UnknownPolicy::Exclude) => Counted::Excluded,
                    (true, _, _) => Counted::NotAchieved,
                };
                GoalExplanation {
                    goal_id: goal.id.clone(),
                    in_population: membership.is_ok(),
                    population_reason: population.reason(
                        self.language,
                        standing,
                        membership,
                        &where_why.text,
                    ),
                    value,
                    counted,
                    reason: why.text,
                }
            })
            .collect();
        let (episodes, episode) = episodes::of(self.data, p, self.as_of);
        Explanation {
            participant_id: id.to_owned(),
            gender: p.gender,
            reentry: self.data.programme.reentry(),
            episodes,
            episode,
            goals,
        }
    }
}

/// A goal's value for the subject when in the goal's population, else
/// `None`: what the overall tally, the breakdowns and the trend count.
fn value_in_population(
    population: &CompiledPopulation,
    compiled: &Compiled,
    subject: &Subject<'_>,
) -> Option<Truth> {
    population
        .membership(subject, None)
        .is_ok()
        .then(|| compiled.eval(subject, None))
}

/// Counts one exited participant (gender index `g`) at one horizon
/// (`docs/method.md#follow-up-accounting`).
fn follow_up_tally(
    t: &mut tally::FollowUpTally,
    g: usize,
    due: follow_up::DueBy,
    exit: NaiveDate,
    observations: &[Observation],
) {
    use follow_up::Account;
    let o = match follow_up::account(exit, due, observations) {
        Account::NotDue => return,
        Account::Early(_) => {
            t.early[g] += 1;
            return;
        }
        Account::NotReached => {
            t.due[g] += 1;
            return;
        }
        Account::Reached(o) => o,
    };
    t.due[g] += 1;
    t.reached[g] += 1;
    let status = if o.conflicting { None } else { o.status };
    t.by_status[status.map_or(ExitOutcome::ALL.len(), ExitOutcome::index)][g] += 1;
    if let (false, Some(receives)) = (o.conflicting, o.receives_assistance) {
        t.assistance_known[g] += 1;
        t.not_receiving[g] += u64::from(!receives);
    }
}

/// The follow-up horizons (`docs/method.md#follow-ups`): the programme's
/// `follow_up_months` (45-day tolerance), else those of its `follow_up`
/// criteria, in order of first appearance.
fn horizons(def: &crate::programme::ProgrammeDefinition) -> Vec<Horizon> {
    if let Some(months) = &def.follow_up_months {
        let mut out: Vec<Horizon> = Vec::new();
        for &m in months {
            if !out.iter().any(|h| h.months == m) {
                out.push(Horizon {
                    months: m,
                    tolerance: DEFAULT_TOLERANCE_DAYS,
                });
            }
        }
        return out;
    }
    fn walk(c: &Criterion, out: &mut Vec<Horizon>) {
        match c {
            Criterion::FollowUp(f) if !out.iter().any(|h| h.months == f.after_months) => {
                out.push(Horizon {
                    months: f.after_months,
                    tolerance: f.tolerance_days,
                });
            }
            Criterion::LeftAssistance(crate::programme::LeftAssistance::FollowUp(f))
                if !out.iter().any(|h| h.months == f.after_months) =>
            {
                out.push(Horizon {
                    months: f.after_months,
                    tolerance: f.tolerance_days,
                });
            }
            Criterion::All(items) | Criterion::Any(items) => {
                items.iter().for_each(|c| walk(c, out))
            }
            Criterion::Not(inner) => walk(inner, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    def.goals.iter().for_each(|g| walk(&g.criterion, &mut out));
    out
}

impl Dataset {
    /// Evaluates every goal, the enrolment, the parameter table, exits,
    /// follow-ups and data quality as of `options`' date.
    ///
    /// In strict mode the first data-quality issue (by table, then row) is
    /// returned as an error whose code is the issue's kind.
    pub fn evaluate(&self, options: &Options) -> Result<Report, Error> {
        self.evaluate_with(options, &mut || false)
    }

    /// [`evaluate`](Self::evaluate), asking `interrupt` every
    /// [`INTERRUPT_EVERY`](crate::data::INTERRUPT_EVERY) participants whether
    /// to stop; when it says so, the error is `interrupted`
    /// (`docs/python.md#interrupts`).
    pub fn evaluate_with(
        &self,
        options: &Options,
        interrupt: &mut dyn Interrupt,
    ) -> Result<Report, Error> {
        let (counts, issues) = self.count(options, interrupt)?;
        Ok(counts.report(&self.programme, issues.into_sorted()))
    }

    /// Counts every participant present at as-of: the tallies the report
    /// is derived from, with the issues of reading and evaluating. In
    /// strict mode the first issue is the error.
    fn count(
        &self,
        options: &Options,
        interrupt: &mut dyn Interrupt,
    ) -> Result<(counts::Counts, IssueLog), Error> {
        let mut pass = Pass::new(self, options);
        if let Some(w) = pass.status_window {
            pass.status_window = Some(w.check(self.programme.definition().start, pass.as_of)?);
        }
        let mut tally = pass.tally(interrupt)?;
        let mut issues = self.read_issues.clone();
        issues.absorb(std::mem::take(&mut pass.issues));
        if options.strict
            && let Some((kind, table, row)) = issues.first()
        {
            return Err(
                DataError::new(DataErrorKind::Quality(kind), table, Some(row), None).into(),
            );
        }
        let groups = std::mem::take(&mut tally.breakdowns);
        let counts = counts::Counts {
            as_of: pass.as_of,
            trend_dates: pass.trend_dates,
            status_on: pass.status_window,
            totals: tally,
            breakdowns: breakdowns::keyed(self, &pass.groups, groups),
        };
        Ok((counts, issues))
    }

    /// Explains every goal for every participant present at as-of, in input order.
    pub fn explain(&self, options: &Options) -> Vec<Explanation> {
        let mut pass = Pass::new(self, options);
        let ids = self.ids_by_index();
        let present: Vec<usize> = pass
            .present(0..self.participants.len())
            .map(|(i, _)| i)
            .collect();
        present
            .into_iter()
            .map(|i| pass.explain(i, ids[i]))
            .collect()
    }

    /// Explains every goal for one participant; `None` if the id is unknown
    /// or the participant entered after as-of.
    pub fn explain_participant(&self, id: &str, options: &Options) -> Option<Explanation> {
        let mut pass = Pass::new(self, options);
        let id = id.trim();
        let i = self.participant_index(id)?;
        let i = episodes::last_begun(self, i, pass.as_of);
        (self.participants[i].entry <= pass.as_of).then(|| pass.explain(i, id))
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroUsize;

    /// `docs/method.md#threads`: the report is the same on any number of
    /// threads, with every section whose counts are added up.
    #[test]
    fn tallying_on_threads_gives_the_report_of_one() {
        let programme =
            Programme::from_toml(include_str!("../../../../examples/nordost/programme.toml"))
                .unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/nordost/");
        let mut b = Dataset::builder(&programme);
        for (table, file) in [
            (crate::vocab::Table::Participants, "participants.csv"),
            (crate::vocab::Table::Assessments, "assessments.csv"),
            (crate::vocab::Table::FollowUps, "follow_ups.csv"),
        ] {
            let path = std::path::PathBuf::from(dir).join(file);
            b.read_csv_file(table, &path, crate::data::Encoding::Auto)
                .unwrap();
        }
        let mut data = b.build();
        let as_of = "2023-01-31".parse().unwrap();
        let options = [
            Options::new().as_of(as_of),
            Options::new()
                .as_of(as_of)
                .profile(Some(Profile::Esf))
                .status_on(Some("2022-12-31".parse().unwrap())),
            Options::new()
                .with_trend(Some(crate::trend::Trend::Every(
                    crate::trend::Period::Quarter,
                )))
                .as_of(as_of),
        ];
        for options in &options {
            data.threads = NonZeroUsize::MIN;
            let one = data.evaluate(options).unwrap().to_json();
            for threads in [2, 3, 7] {
                data.threads = NonZeroUsize::new(threads).unwrap();
                assert_eq!(
                    data.evaluate(options).unwrap().to_json(),
                    one,
                    "{threads} threads"
                );
            }
        }
    }

    use super::*;
    use crate::Programme;

    /// `docs/method.md#properties`: tallies of disjoint batches add up to the whole.
    #[test]
    fn tallies_of_batches_add_up() {
        let programme =
            Programme::from_toml(include_str!("../../../../examples/nordost/programme.toml"))
                .unwrap();
        let mut b = Dataset::builder(&programme);
        let people = "id,gender,entry_date,exit_date,exit_outcome\na,K,2021-03-01,2022-02-01,employment\nb,M,2021-04-01,,\nc,,2021-05-01,2021-12-01,\n";
        let readings = "participant_id,date,parameter,level\na,2021-03-01,step,2\na,2022-01-10,step,4\nb,2021-04-01,swedish,3\nb,2022-05-01,swedish,2\nc,2021-05-01,step,1\nc,2021-11-01,step,2\n";
        b.read_participants_csv(people.as_bytes()).unwrap();
        b.read_assessments_csv(readings.as_bytes()).unwrap();
        let data = b.build();
        let options = Options::new().as_of("2022-06-30".parse().unwrap());
        let never = &mut || false;
        let whole = Pass::new(&data, &options).tally(never).unwrap();
        for split in 0..=3 {
            let mut first = Pass::new(&data, &options)
                .tally_batch(0..split, never)
                .unwrap();
            first.merge(
                &Pass::new(&data, &options)
                    .tally_batch(split..3, never)
                    .unwrap(),
            );
            assert_eq!(first, whole, "split at {split}");
        }
        assert_eq!(tally::total(&whole.enrolled), 3);
    }
}
