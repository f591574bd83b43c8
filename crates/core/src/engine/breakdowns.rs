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
    let programme = &data.programme;
    let no_ladders = vec![None; programme.parameters().len()];
    let empty = Tally::new(programme.goals().len(), &no_ladders, 0);
    groups
        .iter()
        .map(|of| vec![empty.clone(); of.size(data)])
        .collect()
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
