//! Results per group of each breakdown (`docs/method.md#breakdowns`): in
//! the single pass, a participant's contribution (enrolment, exit, every
//! goal's value, every parameter's gain) is added to the overall tally and
//! to its group's tally in every breakdown; the groups' results are built
//! from their tallies as the report's are.

use chrono::NaiveDate;

use super::Truth;
use super::report::{goal, parameter, share, wilson};
use super::tally::{Tally, total};
use crate::data::groups::UNKNOWN;
use crate::data::{Dataset, ParticipantData};
use crate::programme::{BreakdownSpec, Programme, UNKNOWN_GROUP, age_band, age_group_keys};
use crate::report::{BreakdownResult, Figure, GroupEnrolment, GroupGender, GroupResult, PerGender};
use crate::stats::{REPORT_CONFIDENCE, z_for};
use crate::vocab::Gender;

/// How one breakdown finds a participant's group (an index into its tallies).
#[derive(Clone)]
pub(super) enum GroupOf {
    /// Age band at entry; the last group is unknown.
    Age(Vec<u32>),
    /// The tag's interned id (`None` when no participant has it): yes = 0, no = 1.
    Tag(Option<u32>),
    /// The k-th column breakdown; unknown is the group after its values.
    Column(usize),
    /// The entry cohort: the period and the ordinals of every period from
    /// the earliest entry's to as-of's (the group is the index). Periods
    /// no one present entered in stay empty and are left out of the
    /// report ([`keyed`]).
    Cohort(crate::trend::Period, std::ops::Range<i32>),
}

impl GroupOf {
    /// The group of participant `i`.
    pub(super) fn group(&self, data: &Dataset, i: usize, p: &ParticipantData) -> usize {
        match self {
            GroupOf::Age(bands) => match p.birth_date.and_then(|b| p.entry.years_since(b)) {
                Some(age) => age_band(bands, age),
                None => bands.len() + 1,
            },
            GroupOf::Tag(id) => {
                let tags = &data.tags[p.tags.0 as usize..p.tags.1 as usize];
                usize::from(!id.is_some_and(|id| tags.contains(&id)))
            }
            GroupOf::Column(k) => {
                let groups = &data.groups[*k];
                match groups.of[i] {
                    UNKNOWN => groups.values.len(),
                    g => g as usize,
                }
            }
            // Present at as-of, so entered from the earliest entry to as-of.
            GroupOf::Cohort(period, ordinals) => {
                (period.ordinal(p.entry) - ordinals.start) as usize
            }
        }
    }

    fn size(&self, data: &Dataset) -> usize {
        match self {
            GroupOf::Age(bands) => bands.len() + 2,
            GroupOf::Tag(_) => 2,
            GroupOf::Column(k) => data.groups[*k].values.len() + 1,
            GroupOf::Cohort(_, ordinals) => ordinals.len(),
        }
    }
}

/// The programme's breakdowns resolved against the data as of `as_of`.
pub(super) fn resolve(data: &Dataset, as_of: NaiveDate) -> Vec<GroupOf> {
    let programme = &data.programme;
    let mut column = 0;
    programme
        .breakdowns()
        .iter()
        .map(|b| match b {
            BreakdownSpec::Age => GroupOf::Age(programme.age_bands().to_vec()),
            BreakdownSpec::Tag(name) => GroupOf::Tag(data.tag_names.get(name.as_str()).copied()),
            BreakdownSpec::Column(_) => {
                column += 1;
                GroupOf::Column(column - 1)
            }
            BreakdownSpec::Cohort(period) => {
                GroupOf::Cohort(*period, cohort_ordinals(data, *period, as_of))
            }
        })
        .collect()
}

/// The ordinals of the periods from the earliest entry's to as-of's, which
/// hold the cohort of every participant present at as-of. Taken from the
/// earliest entry the builder kept rather than from a look at every
/// participant: this runs on one thread before the tallying threads start.
fn cohort_ordinals(
    data: &Dataset,
    period: crate::trend::Period,
    as_of: NaiveDate,
) -> std::ops::Range<i32> {
    match data.earliest_entry {
        Some(first) if first <= as_of => period.ordinal(first)..period.ordinal(as_of) + 1,
        _ => 0..0,
    }
}

/// Empty tallies, one per group of each breakdown.
pub(super) fn tallies(data: &Dataset, groups: &[GroupOf]) -> Vec<Vec<Tally>> {
    let empty = group_tally(&data.programme);
    groups
        .iter()
        .map(|of| vec![empty.clone(); of.size(data)])
        .collect()
}

/// Combinations of groups past which a pass adds to every breakdown's
/// group directly: 1 024 tallies of one or two kibibytes each are a few
/// mebibytes a thread at most.
const MAX_COMBINATIONS: usize = 1_024;

/// Every breakdown's groups counted at once (`docs/method.md#breakdowns`):
/// a participant's contribution is added once, to the tally of its
/// combination of groups (one group of each breakdown), and each
/// combination's tally is added to its group in every breakdown at the
/// end ([`Combinations::spread`]). The counts are sums of integers, so they
/// are those of adding to each breakdown's group directly; with five
/// breakdowns it is one addition a participant instead of five.
pub(super) struct Combinations {
    /// Groups per breakdown: a combination's index has a digit per
    /// breakdown, the first the most significant.
    sizes: Vec<usize>,
    tallies: Vec<Tally>,
}

impl Combinations {
    /// The combinations of `groups` for a batch of `participants`, when
    /// there are few enough of them to pay: at most [`MAX_COMBINATIONS`]
    /// and an eighth of the participants, with two breakdowns or more.
    pub(super) fn new(data: &Dataset, groups: &[GroupOf], participants: usize) -> Option<Self> {
        let sizes: Vec<usize> = groups.iter().map(|of| of.size(data)).collect();
        let count = sizes.iter().try_fold(1_usize, |n, &s| n.checked_mul(s))?;
        if sizes.len() < 2 || count > MAX_COMBINATIONS || count > participants / 8 {
            return None;
        }
        let empty = group_tally(&data.programme);
        Some(Combinations {
            sizes,
            tallies: vec![empty; count],
        })
    }

    /// The tally of participant `i`'s combination of groups.
    pub(super) fn of(
        &mut self,
        data: &Dataset,
        groups: &[GroupOf],
        i: usize,
        p: &ParticipantData,
    ) -> &mut Tally {
        let index = groups
            .iter()
            .zip(&self.sizes)
            .fold(0, |index, (of, size)| index * size + of.group(data, i, p));
        &mut self.tallies[index]
    }

    /// Adds each combination's counts to its group in every breakdown.
    pub(super) fn spread(self, breakdowns: &mut [Vec<Tally>]) {
        for (index, tally) in self.tallies.iter().enumerate() {
            if total(&tally.enrolled) == 0 {
                continue;
            }
            let mut rest = index;
            for (groups, size) in breakdowns.iter_mut().zip(&self.sizes).rev() {
                groups[rest % size].merge(tally);
                rest /= size;
            }
        }
    }
}

/// An empty tally of one group.
fn group_tally(programme: &Programme) -> Tally {
    let no_ladders = vec![None; programme.parameters().len()];
    Tally::new(programme.goals().len(), &no_ladders, 0)
}

/// Adds one participant's contribution to a group's tally: `results[k]` is
/// goal k's value when in its population, `gains[q]` parameter q's gain.
pub(super) fn add(
    t: &mut Tally,
    g: usize,
    exited: bool,
    results: &[Option<Truth>],
    gains: &[Option<i64>],
) {
    t.count_enrolled(g, results);
    t.exited[g] += u64::from(exited);
    for (p, gain) in t.parameters.iter_mut().zip(gains) {
        p.count(g, *gain);
    }
}

/// One group of a breakdown with its key: what the report shows and a
/// partial carries (`docs/partials.md#contents`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Group {
    pub(crate) group: String,
    pub(crate) counts: Tally,
}

/// Each breakdown's groups, keyed, in report order
/// (`docs/report.md#breakdowns`): every age band and both tag groups;
/// column values and cohorts only with someone present. `resolved` are
/// the breakdowns as [`resolve`] found them for the tallies, which give
/// the groups' keys.
pub(super) fn keyed(
    data: &Dataset,
    resolved: &[GroupOf],
    tallies: Vec<Vec<Tally>>,
) -> Vec<Vec<Group>> {
    let programme = &data.programme;
    programme
        .breakdowns()
        .iter()
        .zip(resolved)
        .zip(tallies)
        .map(|((spec, of), groups)| {
            let keys: Vec<String> = match of {
                GroupOf::Age(bands) => age_group_keys(bands),
                GroupOf::Tag(_) => vec!["yes".to_owned(), "no".to_owned()],
                GroupOf::Column(k) => {
                    let known = data.groups[*k].values.iter().map(|v| v.to_string());
                    known.chain([UNKNOWN_GROUP.to_owned()]).collect()
                }
                GroupOf::Cohort(period, ordinals) => {
                    ordinals.clone().map(|o| period.key(o)).collect()
                }
            };
            let mut groups: Vec<Group> = keys
                .into_iter()
                .zip(groups)
                .map(|(group, counts)| Group { group, counts })
                .filter(|g| always_shown(spec) || total(&g.counts.enrolled) > 0)
                .collect();
            sort(programme, spec, &mut groups);
            groups
        })
        .collect()
}

/// Whether a breakdown shows its groups even when empty: the age bands
/// and a tag's yes and no are known before the data is.
pub(crate) fn always_shown(spec: &BreakdownSpec) -> bool {
    matches!(spec, BreakdownSpec::Age | BreakdownSpec::Tag(_))
}

/// Puts a breakdown's groups in report order: age bands ascending, then
/// unknown; yes, no; column values by Unicode code points (the order of
/// `str`), unknown last; cohorts in calendar order
/// (`docs/method.md#cohorts`). A key the breakdown cannot have sorts last.
pub(crate) fn sort(programme: &Programme, spec: &BreakdownSpec, groups: &mut [Group]) {
    match spec {
        BreakdownSpec::Age => {
            let keys = age_group_keys(programme.age_bands());
            groups.sort_by_key(|g| keys.iter().position(|k| *k == g.group));
        }
        BreakdownSpec::Tag(_) => groups.sort_by_key(|g| g.group != "yes"),
        BreakdownSpec::Column(_) => {
            groups.sort_by(|a, b| {
                (a.group == UNKNOWN_GROUP, &a.group).cmp(&(b.group == UNKNOWN_GROUP, &b.group))
            });
        }
        BreakdownSpec::Cohort(period) => {
            groups.sort_by_key(|g| period.ordinal_of_key(&g.group).map_or(i64::MAX, i64::from));
        }
    }
}

/// The report's `breakdowns` from the keyed groups.
pub(super) fn build(programme: &Programme, keyed: &[Vec<Group>]) -> Vec<BreakdownResult> {
    let z = z_for(REPORT_CONFIDENCE).expect("0.95 is a valid confidence");
    programme
        .breakdowns()
        .iter()
        .zip(keyed)
        .map(|(spec, groups)| BreakdownResult {
            id: spec.id(),
            kind: spec.kind(),
            groups: groups
                .iter()
                .map(|g| group(programme, g.group.clone(), &g.counts, z))
                .collect(),
        })
        .collect()
}

fn group(programme: &Programme, key: String, t: &Tally, z: f64) -> GroupResult {
    let known = total(&t.enrolled) - t.enrolled[Gender::Unknown.index()];
    GroupResult {
        group: key,
        enrolment: GroupEnrolment {
            enrolled: Figure::Value(total(&t.enrolled)),
            exited: Figure::Value(total(&t.exited)),
            by_gender: PerGender::from_fn(|gender: Gender| {
                let count = t.enrolled[gender.index()];
                if gender == Gender::Unknown {
                    GroupGender {
                        count: Figure::Value(count),
                        share: Figure::Value(None),
                        ci: crate::report::Interval::from_bounds(None),
                    }
                } else {
                    GroupGender {
                        count: Figure::Value(count),
                        share: share(count, known),
                        ci: wilson(count, known, z),
                    }
                }
            }),
        },
        goals: programme
            .goals()
            .iter()
            .zip(&t.goals)
            .map(|(g, t)| goal(g, t, z))
            .collect(),
        parameters: t
            .parameters
            .iter()
            .enumerate()
            .map(|(q, t)| {
                let mut change = parameter(programme, q, t);
                change.transitions = None;
                change
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use proptest::prelude::*;

    use super::*;
    use crate::{Options, Programme};

    const NORDOST: &str = include_str!("../../../../examples/nordost/programme.toml");
    const BREAKDOWNS: &str = r#"breakdowns = ["age", "column:district", "tag:newly_arrived", "tag:long_term_assistance", "cohort:half-year"]"#;

    /// The Nordost programme with `breakdowns` only.
    fn with_breakdowns(breakdowns: &[&str]) -> Programme {
        let list: Vec<String> = breakdowns.iter().map(|b| format!("{b:?}")).collect();
        assert!(
            NORDOST.contains(BREAKDOWNS),
            "the example's breakdowns line"
        );
        let toml = NORDOST.replace(BREAKDOWNS, &format!("breakdowns = [{}]", list.join(", ")));
        Programme::from_toml(&toml).expect("a valid programme")
    }

    /// `n` participants and their assessments from `seed`: genders, ages
    /// (some unknown), districts (some empty), tags, entries over two years,
    /// exits with outcomes, and 0 to 5 readings of each parameter.
    fn tables(n: usize, seed: u64) -> (String, String) {
        let mut state = seed | 1;
        let mut next = |m: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % m
        };
        let day = |d: u64| {
            let start = chrono::NaiveDate::from_ymd_opt(2021, 2, 1).expect("a date");
            (start + chrono::Days::new(d)).to_string()
        };
        let mut people =
            String::from("id,gender,birth_date,entry_date,exit_date,exit_outcome,tags,district\n");
        let mut readings = String::from("participant_id,date,parameter,level\n");
        for i in 0..n {
            let gender = ["K", "M", "x", ""][next(4) as usize];
            let birth = if next(10) == 0 {
                String::new()
            } else {
                format!("{}-06-15", 1960 + next(45))
            };
            let entry = next(700);
            let exit = (next(3) == 0).then(|| entry + 30 + next(400));
            let outcome = if exit.is_some() {
                ["employment", "studier", "other", ""][next(4) as usize]
            } else {
                ""
            };
            let tags = [
                "newly_arrived",
                "long_term_assistance",
                "newly_arrived;long_term_assistance",
                "",
            ][next(4) as usize];
            let district = ["Norr", "Söder", "Väster", ""][next(4) as usize];
            let exit = exit.map(day).unwrap_or_default();
            writeln!(
                people,
                "P{i},{gender},{birth},{},{exit},{outcome},{tags},{district}",
                day(entry)
            )
            .expect("a String");
            for parameter in ["step", "swedish"] {
                for _ in 0..next(6) {
                    let level = 1 + next(5);
                    writeln!(
                        readings,
                        "P{i},{},{parameter},{level}",
                        day(entry + next(500))
                    )
                    .expect("a String");
                }
            }
        }
        (people, readings)
    }

    fn report(
        programme: &Programme,
        (people, readings): &(String, String),
        threads: usize,
    ) -> serde_json::Value {
        let mut b = Dataset::builder(programme);
        b.read_participants_csv(people.as_bytes())
            .expect("participants");
        b.read_assessments_csv(readings.as_bytes())
            .expect("assessments");
        let mut data = b.build();
        data.threads = std::num::NonZeroUsize::new(threads).expect("threads > 0");
        let options = Options::new().as_of("2023-01-31".parse().expect("a date"));
        serde_json::to_value(data.evaluate(&options).expect("evaluates")).expect("JSON")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

        /// Counted through their combinations, every breakdown's groups are
        /// those of the breakdown counted alone, and the rest of the report
        /// is the same.
        #[test]
        fn breakdowns_counted_together_are_each_counted_alone(
            n in 7_000..8_000usize,
            seed in any::<u64>(),
        ) {
            let all = ["age", "column:district", "tag:newly_arrived", "tag:long_term_assistance", "cohort:half-year"];
            let tables = tables(n, seed);
            let programme = with_breakdowns(&all);
            let mut b = Dataset::builder(&programme);
            b.read_participants_csv(tables.0.as_bytes()).expect("participants");
            let data = b.build();
            let groups = resolve(&data, "2023-01-31".parse().expect("a date"));
            // On two threads too: each counts half of the participants.
            prop_assert!(Combinations::new(&data, &groups, n / 2).is_some());
            for threads in [1, 2] {
                let together = report(&programme, &tables, threads);
                for (k, breakdown) in all.iter().enumerate() {
                    let alone = report(&with_breakdowns(&[breakdown]), &tables, threads);
                    prop_assert_eq!(&together["breakdowns"][k], &alone["breakdowns"][0], "{}", breakdown);
                    let mut rest = together.clone();
                    rest["breakdowns"] = alone["breakdowns"].clone();
                    prop_assert_eq!(&rest, &alone);
                }
            }
        }
    }
}
