//! Partial reports (`docs/partials.md`): the counts of one set of
//! participants with what the report needs to finish, serialisable, and
//! additive — the partials of disjoint sets of participants combine into
//! the counts of their union, from which the report is derived exactly as
//! [`Dataset::evaluate`] derives it. A partial holds no id, no date of a
//! person and no row number: its issues are counts only.

use std::num::NonZeroU32;

use serde::{Deserialize, Serialize};

use super::breakdowns::{self, Group};
use super::counts::Counts;
use super::tally::{FollowUpTally, GenderCounts, GoalTally, ParameterTally, Tally};
use super::{Options, horizons};
use crate::data::{Dataset, Interrupt};
use crate::error::{Error, PartialError};
use crate::programme::{BreakdownSpec, MAX_GROUPS, Programme, age_group_keys};
use crate::report::{Figure, Issue, Report};
use crate::trend::MAX_TREND_DATES;
use crate::vocab::{IssueKind, PartialErrorKind as Kind, Table};

/// The `format` a partial's JSON names.
pub const PARTIAL_FORMAT: &str = "stegvis-partial";

/// The version of the partial format this stegvis writes and reads
/// (`docs/partials.md#format`).
pub const PARTIAL_VERSION: u32 = 1;

/// The largest count a partial may hold, alone or combined
/// (`docs/partials.md#limits`): far beyond any population, and small enough
/// that no sum of two counts can overflow.
const MAX_COUNT: u64 = 1_000_000_000_000_000;

/// The largest gain of one participant on one parameter
/// (`docs/programme.md#limits`: scale bounds within ±1 000 000).
const MAX_GAIN: i128 = 2_000_000;

/// The counts of one set of participants, ready to be combined with the
/// counts of others and turned into a [`Report`] (`docs/partials.md`).
///
/// ```
/// # use stegvis::{Dataset, Options, Partial, Programme};
/// # let programme = Programme::from_toml(include_str!("../../../../examples/nordost/programme.toml")).unwrap();
/// let options = Options::new().as_of("2023-01-31".parse().unwrap());
/// let mut east = Dataset::builder(&programme);
/// east.read_participants_csv("id,gender,entry_date\nA1,K,2021-03-01\n".as_bytes())?;
/// let mut west = Dataset::builder(&programme);
/// west.read_participants_csv("id,gender,entry_date\nB1,M,2021-04-01\n".as_bytes())?;
/// let east = east.build().partial(&options)?;
/// let west = Partial::from_json(&west.build().partial(&options)?.to_json())?;
/// let region = east.combine(&west)?;
/// assert_eq!(region.participants(), 2);
/// let report = region.report();
/// # Ok::<(), stegvis::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Partial {
    programme: Programme,
    counts: Counts,
    /// Per (table, kind), in report order: how many rows had the issue.
    data_quality: Vec<IssueCount>,
}

/// One data-quality issue's count, without its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct IssueCount {
    kind: IssueKind,
    table: Table,
    count: u64,
}

/// A partial as JSON (`docs/partials.md#format`).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    format: String,
    version: u32,
    programme: serde_json::Value,
    counts: Counts,
    data_quality: Vec<IssueCount>,
}

/// What is read first, so that another format or version gets its own
/// error whatever the rest holds.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

fn invalid(message: impl Into<String>) -> Error {
    PartialError::new(Kind::InvalidPartial, message).into()
}

impl Dataset {
    /// The counts of this dataset's participants as a [`Partial`], to be
    /// combined with partials of other participants (`docs/partials.md`).
    /// Strict mode and the as-of date, trend, status date and profile of
    /// `options` apply as in [`evaluate`](Self::evaluate).
    pub fn partial(&self, options: &Options) -> Result<Partial, Error> {
        self.partial_with(options, &mut || false)
    }

    /// [`partial`](Self::partial), asking `interrupt` whether to stop as
    /// [`evaluate_with`](Self::evaluate_with) does.
    pub fn partial_with(
        &self,
        options: &Options,
        interrupt: &mut dyn Interrupt,
    ) -> Result<Partial, Error> {
        let (counts, issues) = self.count(options, interrupt)?;
        let data_quality = issues
            .into_sorted()
            .into_iter()
            .map(|i| IssueCount {
                kind: i.kind,
                table: i.table,
                count: i.count.value().copied().unwrap_or(0),
            })
            .collect();
        Ok(Partial {
            programme: self.programme.clone(),
            counts,
            data_quality,
        })
    }
}

impl Partial {
    /// The programme the counts are of.
    pub fn programme(&self) -> &Programme {
        &self.programme
    }

    /// The report's date.
    pub fn as_of(&self) -> chrono::NaiveDate {
        self.counts.as_of
    }

    /// How many participants (episodes under `reentry = "per_episode"`)
    /// present at as-of are counted.
    pub fn participants(&self) -> u64 {
        super::tally::total(&self.counts.totals.enrolled)
    }

    /// The report of the counted participants, as [`Dataset::evaluate`]
    /// gives it, except that data-quality issues list no rows
    /// (`docs/partials.md#report`). Suppress it before publishing.
    pub fn report(&self) -> Report {
        let issues = self
            .data_quality
            .iter()
            .map(|i| Issue {
                kind: i.kind,
                table: i.table,
                count: Figure::Value(i.count),
                rows: Vec::new(),
            })
            .collect();
        self.counts.report(&self.programme, issues)
    }

    /// The counts of both partials' participants, which must be disjoint
    /// sets (`docs/partials.md#partitioning`): nothing in the counts can
    /// tell a participant counted twice. The programme definitions, as-of
    /// dates, trend dates, status dates and profiles must be the same.
    pub fn combine(&self, other: &Partial) -> Result<Partial, Error> {
        let mut sum = self.clone();
        sum.add(other)?;
        Ok(sum)
    }

    /// Adds `other`'s counts to these, as [`combine`](Self::combine) does;
    /// on an error these are unchanged.
    pub fn add(&mut self, other: &Partial) -> Result<(), Error> {
        let differs = |kind, message: String| Err(PartialError::new(kind, message).into());
        let (mine, theirs) = (&self.programme, &other.programme);
        if mine.definition() != theirs.definition() {
            let message = if mine.id() == theirs.id() {
                format!("two versions of programme `{}`", mine.id())
            } else {
                format!("programmes `{}` and `{}`", mine.id(), theirs.id())
            };
            return differs(Kind::PartialProgrammeDiffers, message);
        }
        if self.counts.as_of != other.counts.as_of {
            let message = format!("as of {} and {}", self.counts.as_of, other.counts.as_of);
            return differs(Kind::PartialAsOfDiffers, message);
        }
        if !self.counts.same_settings(&other.counts) {
            let message = "trend dates, status dates or profiles differ".to_owned();
            return differs(Kind::PartialSettingsDiffer, message);
        }
        let mut counts = self.counts.clone();
        counts.merge(&self.programme, &other.counts);
        check_limits(&self.programme, &counts)
            .map_err(|m| PartialError::new(Kind::PartialTooLarge, m))?;
        self.counts = counts;
        for issue in &other.data_quality {
            match self
                .data_quality
                .iter_mut()
                .find(|i| (i.kind, i.table) == (issue.kind, issue.table))
            {
                Some(mine) => mine.count += issue.count,
                None => self.data_quality.push(*issue),
            }
        }
        self.data_quality.sort_by_key(|i| (i.table, i.kind));
        Ok(())
    }

    /// Combines any number of partials; none is `no_partials`.
    pub fn combine_all<'a>(
        partials: impl IntoIterator<Item = &'a Partial>,
    ) -> Result<Partial, Error> {
        let mut partials = partials.into_iter();
        let Some(first) = partials.next() else {
            return Err(PartialError::new(Kind::NoPartials, "there is nothing to combine").into());
        };
        let mut sum = first.clone();
        for p in partials {
            sum.add(p)?;
        }
        Ok(sum)
    }

    /// The partial as compact JSON (`docs/partials.md#format`).
    pub fn to_json(&self) -> String {
        let wire = Wire {
            format: PARTIAL_FORMAT.to_owned(),
            version: PARTIAL_VERSION,
            programme: self.programme.to_json_value(),
            counts: self.counts.clone(),
            data_quality: self.data_quality.clone(),
        };
        serde_json::to_string(&wire).expect("a partial always serialises")
    }

    /// Reads a partial written by [`to_json`](Self::to_json), checking that
    /// its counts fit its programme and each other (`invalid_partial`) and
    /// that its version is one this stegvis reads
    /// (`unsupported_partial_version`).
    pub fn from_json(text: &str) -> Result<Partial, Error> {
        let at = |e: &serde_json::Error| format!("line {}, column {}", e.line(), e.column());
        let header: Header = serde_json::from_str(text)
            .map_err(|e| invalid(format!("not a JSON object ({})", at(&e))))?;
        if header.format.as_deref() != Some(PARTIAL_FORMAT) {
            return Err(invalid(format!("its `format` is not `{PARTIAL_FORMAT}`")));
        }
        if header.version != Some(PARTIAL_VERSION) {
            let message = format!("this stegvis reads version {PARTIAL_VERSION}");
            return Err(PartialError::new(Kind::UnsupportedPartialVersion, message).into());
        }
        let de = &mut serde_json::Deserializer::from_str(text);
        // The path of a wrong value, never the value (`docs/partials.md#errors`).
        let wire: Wire = serde_path_to_error::deserialize(de)
            .map_err(|e| invalid(format!("unexpected value at `{}`", e.path())))?;
        let programme = Programme::from_json_value(wire.programme)
            .map_err(|e| invalid(format!("its programme: {e}")))?;
        let mut counts = wire.counts;
        check(&programme, &counts).map_err(invalid)?;
        for (spec, groups) in programme.breakdowns().iter().zip(&mut counts.breakdowns) {
            breakdowns::sort(&programme, spec, groups);
        }
        let mut data_quality = wire.data_quality;
        data_quality.sort_by_key(|i| (i.table, i.kind));
        if data_quality
            .windows(2)
            .any(|w| (w[0].table, w[0].kind) == (w[1].table, w[1].kind))
        {
            return Err(invalid("an issue is counted twice in `data_quality`"));
        }
        if data_quality.iter().any(|i| i.count > MAX_COUNT) {
            return Err(invalid("a count in `data_quality` is beyond the limits"));
        }
        let partial = Partial {
            programme,
            counts,
            data_quality,
        };
        // The relations between a report's counts (sums of groups, of
        // genders, of outcomes…), which disclosure control relies on.
        if !crate::report::suppress::relations_hold(&partial.report()) {
            return Err(invalid("its counts do not add up to their totals"));
        }
        Ok(partial)
    }
}

/// The partition (from 0 to `partitions` − 1) of a participant id, by a
/// stable hash of the id as stegvis reads it (trimmed): the same in every
/// language and release, so that every table of one organisation, or every
/// worker of a cluster, sends a participant's rows to the same partition
/// (`docs/partials.md#partitioning`).
pub fn partition_of(id: &str, partitions: NonZeroU32) -> u32 {
    // 64-bit FNV-1a: simple to restate in any language, and stable, which
    // the hashers of std and of hash-map crates do not promise.
    let hash = id.trim().bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    (hash % u64::from(partitions.get())) as u32
}

/// Checks a partial's counts against its programme and each other, so
/// that deriving its report cannot fail (`docs/partials.md#checks`); the
/// message names the first part that does not fit.
fn check(programme: &Programme, counts: &Counts) -> Result<(), String> {
    let dates = &counts.trend_dates;
    if dates.len() > MAX_TREND_DATES
        || dates.windows(2).any(|w| w[0] >= w[1])
        || dates.last().is_some_and(|&d| d != counts.as_of)
    {
        return Err("`counts.trend_dates` are not ascending to the as-of date".to_owned());
    }
    if let Some(w) = counts.status_on {
        w.check(programme.definition().start, counts.as_of)
            .map_err(|_| "`counts.status_on` is outside the programme".to_owned())?;
    }
    let horizons = horizons(programme.definition()).len();
    let ladders: Vec<usize> = (0..programme.parameters().len())
        .map(|q| {
            programme
                .scale(q)
                .labels
                .as_ref()
                .map_or(0, |l| l.len() * l.len())
        })
        .collect();
    let t = &counts.totals;
    let shape = Shape {
        goals: programme.goals().len(),
        transitions: &ladders,
        horizons,
    };
    tally(t, &shape, "counts.totals")?;
    let need = |ok: bool, what: &str| {
        ok.then_some(())
            .ok_or(format!("`counts.totals.{what}` does not fit the settings"))
    };
    need(t.trend.len() == dates.len().saturating_sub(1), "trend")?;
    need(
        t.status_on.is_some() == counts.status_on.is_some(),
        "status_on",
    )?;
    let no_ladders = vec![0; programme.parameters().len()];
    let inner = Shape {
        goals: programme.goals().len(),
        transitions: &[],
        horizons: 0,
    };
    for (k, point) in t.trend.iter().enumerate() {
        let at = format!("counts.totals.trend[{k}]");
        tally(point, &inner, &at)?;
        flat(point, &at)?;
    }
    check_limits(programme, counts)?;
    if counts.breakdowns.len() != programme.breakdowns().len() {
        return Err("`counts.breakdowns` do not fit the programme's breakdowns".to_owned());
    }
    let group_shape = Shape {
        goals: programme.goals().len(),
        transitions: &no_ladders,
        horizons: 0,
    };
    for (b, (spec, groups)) in programme
        .breakdowns()
        .iter()
        .zip(&counts.breakdowns)
        .enumerate()
    {
        let at = format!("counts.breakdowns[{b}]");
        let keys = groups.iter().map(|g| g.group.as_str());
        if !keys_fit(programme, spec, groups) {
            return Err(format!("`{at}` has groups its breakdown cannot have"));
        }
        let mut seen: Vec<&str> = keys.collect();
        seen.sort_unstable();
        if seen.windows(2).any(|w| w[0] == w[1]) {
            return Err(format!("`{at}` has a group twice"));
        }
        for (i, g) in groups.iter().enumerate() {
            let at = format!("{at}[{i}].counts");
            let c = &g.counts;
            tally(c, &group_shape, &at)?;
            flat(c, &at)?;
        }
    }
    Ok(())
}

/// The bounds that combining can break: every count within
/// [`MAX_COUNT`], and a column breakdown's groups within [`MAX_GROUPS`]
/// and unknown (`docs/partials.md#limits`).
fn check_limits(programme: &Programme, counts: &Counts) -> Result<(), String> {
    let t = &counts.totals;
    let tallies = std::iter::once(t)
        .chain(&t.trend)
        .chain(counts.breakdowns.iter().flatten().map(|g| &g.counts));
    for t in tallies {
        if t.enrolled.iter().any(|&c| c > MAX_COUNT) {
            return Err(format!("more than {MAX_COUNT} participants"));
        }
    }
    for (spec, groups) in programme.breakdowns().iter().zip(&counts.breakdowns) {
        if matches!(spec, BreakdownSpec::Column(_)) && groups.len() > MAX_GROUPS + 1 {
            return Err(format!(
                "breakdown `{}` has more than {MAX_GROUPS} values",
                spec.id()
            ));
        }
    }
    Ok(())
}

/// Whether a breakdown's group keys are ones it can have: every age band
/// and both tag groups; a column's values (text of at most 1 KiB, not
/// empty); cohorts of its period.
fn keys_fit(programme: &Programme, spec: &BreakdownSpec, groups: &[Group]) -> bool {
    let keys = || groups.iter().map(|g| g.group.as_str());
    match spec {
        BreakdownSpec::Age => {
            let want = age_group_keys(programme.age_bands());
            groups.len() == want.len() && keys().all(|k| want.iter().any(|w| w == k))
        }
        BreakdownSpec::Tag(_) => groups.len() == 2 && keys().all(|k| k == "yes" || k == "no"),
        BreakdownSpec::Column(_) => keys().all(|k| !k.is_empty() && k.len() <= 1024),
        BreakdownSpec::Cohort(period) => keys().all(|k| period.ordinal_of_key(k).is_some()),
    }
}

/// The lengths a tally must have.
struct Shape<'a> {
    goals: usize,
    /// Per parameter, the number of transition cells (0 off a ladder).
    transitions: &'a [usize],
    horizons: usize,
}

/// A tally's shape and the relations between its counts that the report
/// relies on: of each gender, no part larger than its whole.
fn tally(t: &Tally, shape: &Shape<'_>, at: &str) -> Result<(), String> {
    let wrong = |what: &str| {
        Err(format!(
            "`{at}.{what}` does not fit its programme or its counts"
        ))
    };
    let enrolled = &t.enrolled;
    let within =
        |part: &GenderCounts, whole: &GenderCounts| part.iter().zip(whole).all(|(p, w)| p <= w);
    let sum = |parts: &[&GenderCounts]| -> GenderCounts {
        std::array::from_fn(|g| parts.iter().fold(0u64, |s, p| s.saturating_add(p[g])))
    };
    if enrolled.iter().any(|&c| c > MAX_COUNT) {
        return wrong("enrolled");
    }
    if t.goals.len() != shape.goals || !t.goals.iter().all(|g| goal(g, enrolled)) {
        return wrong("goals");
    }
    if t.parameters.len() != shape.transitions.len()
        || !t
            .parameters
            .iter()
            .zip(shape.transitions)
            .all(|(p, &cells)| p.transitions.len() == cells && parameter(p, enrolled))
    {
        return wrong("parameters");
    }
    let exits: Vec<&GenderCounts> = t.exits.iter().collect();
    if !within(&t.exited, enrolled) || !within(&sum(&exits), &t.exited) {
        return wrong("exits");
    }
    if t.follow_ups.len() != shape.horizons || !t.follow_ups.iter().all(|f| follow_up(f, &t.exited))
    {
        return wrong("follow_ups");
    }
    let r = &t.reentry;
    if r.episodes > MAX_COUNT
        || r.participants > r.episodes
        || r.reentrants > r.episodes
        || r.reentries > r.episodes
    {
        return wrong("reentry");
    }
    if let Some(esf) = &t.esf
        && (esf.counts.len() != super::esf::EsfTally::default().counts.len()
            || !esf.counts.iter().all(|c| within(c, enrolled)))
    {
        return wrong("esf");
    }
    let a = &t.assistance;
    let step = |s: &super::esf::StepTally| {
        within(&s.off, &s.recorded)
            && within(&s.recorded, &s.population)
            && within(&s.population, enrolled)
    };
    if a.horizons.len() != shape.horizons
        || !within(&a.on_at_entry, &a.recorded_at_entry)
        || !within(&a.recorded_at_entry, enrolled)
        || !step(&a.exit)
        || !a.horizons.iter().all(step)
    {
        return wrong("assistance");
    }
    if let Some(s) = &t.status_on {
        let statuses: Vec<&GenderCounts> = s.by_status.iter().collect();
        if !within(&s.exited, enrolled)
            || !within(&s.with_follow_up, &s.exited)
            || !within(&sum(&statuses), &s.with_follow_up)
            || !within(&sum(&[&s.on, &s.off]), &s.with_follow_up)
        {
            return wrong("status_on");
        }
    }
    Ok(())
}

/// A trend date's or a group's tally counts no sections of their own.
fn flat(t: &Tally, at: &str) -> Result<(), String> {
    let empty =
        t.trend.is_empty() && t.esf.is_none() && t.status_on.is_none() && t.follow_ups.is_empty();
    empty
        .then_some(())
        .ok_or(format!("`{at}` has sections a group or trend date has not"))
}

fn goal(g: &GoalTally, enrolled: &GenderCounts) -> bool {
    (0..4).all(|i| {
        g.achieved[i].saturating_add(g.unknown[i]) <= g.population[i]
            && g.population[i] <= enrolled[i]
    })
}

fn parameter(p: &ParameterTally, enrolled: &GenderCounts) -> bool {
    let evaluable: u64 = p.evaluable.iter().sum();
    (0..4).all(|i| {
        let parts = p.improved[i]
            .saturating_add(p.unchanged[i])
            .saturating_add(p.worsened[i]);
        parts == p.evaluable[i]
            && p.evaluable[i] <= enrolled[i]
            && p.gain_sum[i].abs() <= MAX_GAIN * i128::from(p.evaluable[i])
    }) && p.transitions.iter().fold(0u64, |s, &c| s.saturating_add(c)) <= evaluable
}

fn follow_up(f: &FollowUpTally, exited: &GenderCounts) -> bool {
    (0..4).all(|i| {
        let statuses = f.by_status.iter().fold(0u64, |s, c| s.saturating_add(c[i]));
        f.due[i].saturating_add(f.early[i]) <= exited[i]
            && f.reached[i] <= f.due[i]
            && statuses <= f.reached[i]
            && f.not_receiving[i] <= f.assistance_known[i]
            && f.assistance_known[i] <= f.reached[i]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a's published 64-bit values ("a", "foobar"), through one
    /// partition as large as the hash allows to show.
    #[test]
    fn partition_hash_is_fnv_1a() {
        let all = NonZeroU32::MAX;
        assert_eq!(
            partition_of("a", all),
            (0xaf63_dc4c_8601_ec8c_u64 % u64::from(u32::MAX)) as u32
        );
        assert_eq!(
            partition_of(" foobar ", all),
            (0x8594_4171_f739_67e8_u64 % u64::from(u32::MAX)) as u32
        );
        assert_eq!(partition_of("x", NonZeroU32::MIN), 0);
    }
}
