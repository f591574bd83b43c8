//! Episodes: several rows of one participant id (`docs/data.md#episodes`,
//! `docs/method.md#episodes`). Later rows are checked against the
//! person's episodes so far as they arrive (overlap is an error at the row,
//! `docs/decisions.md#decision-96`); when the data are built, the person
//! takes its values from the first episode (`docs/decisions.md#decision-97`)
//! and, under `per_episode`, each episode becomes a participant of its own
//! to which every row is moved once (`docs/decisions.md#decision-99`), so
//! the engine's pass needs no per-row work for episodes.

use std::collections::BTreeMap;
use std::ops::Bound::{Excluded, Unbounded};

use chrono::NaiveDate;
use foldhash::HashMap;

use super::groups::{self, ColumnGroups};
use super::issues::IssueLog;
use super::{EpisodeData, ParticipantData};
use crate::model::Gender;
use crate::programme::ReentryRule;
use crate::vocab::{IssueKind, Table};

/// The rows after each person's first, kept while reading.
#[derive(Debug, Clone, Default)]
pub(super) struct Episodes {
    /// Each later row: its person and values.
    extra: Vec<(u32, ParticipantData)>,
    /// Per later row, its breakdown groups (`n_groups` each).
    groups: Vec<u32>,
    n_groups: usize,
    /// Per person with several rows: each episode's entry → exit.
    spans: HashMap<u32, BTreeMap<NaiveDate, Option<NaiveDate>>>,
    /// Whether the last participants row added was a later episode (its
    /// breakdown cells then go to [`last_groups`](Self::last_groups)).
    pub(super) last_was_extra: bool,
}

impl Episodes {
    /// Checks a later row of `person` (whose first row read is `first`)
    /// against its episodes so far, and records it: `Err(column)` when it
    /// overlaps one (`docs/data.md#episodes`). Only the neighbours in entry
    /// order need to be compared, since the episodes so far do not overlap.
    pub(super) fn check(
        &mut self,
        person: u32,
        first: &ParticipantData,
        new: &ParticipantData,
    ) -> Result<(), &'static str> {
        let spans = self
            .spans
            .entry(person)
            .or_insert_with(|| BTreeMap::from([(first.entry, first.exit)]));
        if let Some((&entry, &exit)) = spans.range(..=new.entry).next_back()
            && (entry == new.entry || exit.is_none_or(|exit| exit >= new.entry))
        {
            return Err("entry_date");
        }
        if let Some((&entry, _)) = spans.range((Excluded(new.entry), Unbounded)).next()
            && new.exit.is_none_or(|exit| exit >= entry)
        {
            return Err("exit_date");
        }
        spans.insert(new.entry, new.exit);
        Ok(())
    }

    /// Keeps a checked later row of `person`, with unknown groups until its
    /// breakdown cells are read.
    pub(super) fn push(&mut self, person: u32, data: ParticipantData, n_groups: usize) {
        self.extra.push((person, data));
        self.n_groups = n_groups;
        self.groups
            .extend(std::iter::repeat_n(groups::UNKNOWN, n_groups));
        self.last_was_extra = true;
    }

    /// The breakdown groups of the later row just added, if the last row
    /// was one.
    pub(super) fn last_groups(&mut self) -> Option<&mut [u32]> {
        if !self.last_was_extra {
            return None;
        }
        let len = self.groups.len();
        Some(&mut self.groups[len - self.n_groups..])
    }
}

/// Where each person's participants are under `per_episode`.
#[derive(Debug)]
pub(super) struct Units {
    /// Per person: the index of its first participant-episode.
    pub(super) start: Vec<u32>,
    /// Per person: its range in the episodes (empty with one episode).
    ranges: Vec<(u32, u32)>,
}

impl Units {
    /// The participant-episode a row of `person` dated `date` belongs to:
    /// the last episode begun on or before the date, the first when none
    /// was (`docs/method.md#episodes`).
    pub(super) fn of(&self, person: u32, date: NaiveDate, episodes: &[EpisodeData]) -> u32 {
        let p = person as usize;
        let (a, b) = self.ranges[p];
        let begun = episodes[a as usize..b as usize].partition_point(|e| e.entry <= date);
        self.start[p] + begun.saturating_sub(1) as u32
    }
}

/// The episodes once merged: each multi-episode person's in entry order,
/// and under `per_episode` where each person's participant-episodes are.
#[derive(Debug)]
pub(super) struct Merged {
    pub(super) episodes: Vec<EpisodeData>,
    pub(super) units: Option<Units>,
}

/// Gives each person with several episodes the values of its first
/// episode, its entry, and the exit of its last (the `once` view of all
/// its episodes; the engine narrows the exit to the episodes begun by
/// as-of), records `conflicting_episode` issues, and under `per_episode`
/// replaces the persons by one participant per episode.
pub(super) fn merge(
    rule: ReentryRule,
    read: Episodes,
    participants: &mut Vec<ParticipantData>,
    columns: &mut [ColumnGroups],
    issues: &mut IssueLog,
) -> Merged {
    let n = participants.len();
    let mut episodes = Vec::new();
    if read.extra.is_empty() {
        return Merged {
            episodes,
            units: None,
        };
    }
    let extra = &read.extra;
    let ng = read.n_groups;
    let mut order: Vec<usize> = (0..extra.len()).collect();
    order.sort_unstable_by_key(|&k| (extra[k].0, extra[k].1.entry));
    let mut ranges = vec![(0u32, 0u32); n];
    // One person's episodes: (values, index of the later row or None for
    // the first row read). Reused across persons.
    let mut list: Vec<(ParticipantData, Option<usize>)> = Vec::new();
    let mut j = 0;
    while j < order.len() {
        let p = extra[order[j]].0 as usize;
        let end = j + order[j..].partition_point(|&k| extra[k].0 as usize == p);
        list.clear();
        list.push((participants[p], None));
        list.extend(order[j..end].iter().map(|&k| (extra[k].1, Some(k))));
        list.sort_unstable_by_key(|(e, _)| e.entry);
        let (first, source) = list[0];
        for (e, _) in &list[1..] {
            let gender = e.gender != Gender::Unknown && e.gender != first.gender;
            let birth = e.birth_date.is_some() && e.birth_date != first.birth_date;
            if gender || birth {
                issues.record(IssueKind::ConflictingEpisode, Table::Participants, e.row);
            }
        }
        if let Some(k) = source {
            for (g, column) in columns.iter_mut().enumerate() {
                column.of[p] = read.groups[k * ng + g];
            }
        }
        let start = episodes.len() as u32;
        episodes.extend(list.iter().map(|(e, _)| EpisodeData {
            entry: e.entry,
            exit: e.exit,
            outcome: e.outcome,
            row: e.row,
            status: e.status,
        }));
        ranges[p] = (start, episodes.len() as u32);
        let (last, _) = list[list.len() - 1];
        participants[p] = ParticipantData {
            exit: last.exit,
            outcome: last.outcome,
            exit_row: last.row,
            episodes: ranges[p],
            episode: 0,
            ..first
        };
        j = end;
    }
    columns.iter_mut().for_each(ColumnGroups::keep_used);
    if rule != ReentryRule::PerEpisode {
        return Merged {
            episodes,
            units: None,
        };
    }
    let mut units = Vec::with_capacity(n + extra.len());
    let mut start = Vec::with_capacity(n);
    let mut of: Vec<Vec<u32>> = vec![Vec::with_capacity(n + extra.len()); columns.len()];
    for (p, person) in participants.iter().enumerate() {
        start.push(units.len() as u32);
        let (a, b) = ranges[p];
        let mut add = |unit: ParticipantData| {
            units.push(unit);
            for (column, of) in columns.iter().zip(&mut of) {
                of.push(column.of[p]);
            }
        };
        if a == b {
            add(*person);
        }
        for (k, e) in episodes[a as usize..b as usize].iter().enumerate() {
            add(ParticipantData {
                entry: e.entry,
                exit: e.exit,
                outcome: e.outcome,
                row: e.row,
                exit_row: e.row,
                episode: k as u32,
                status: e.status,
                ..*person
            });
        }
    }
    *participants = units;
    for (column, of) in columns.iter_mut().zip(of) {
        column.of = of;
    }
    Merged {
        episodes,
        units: Some(Units { start, ranges }),
    }
}

#[cfg(test)]
mod tests {
    use crate::error::DataErrorKind;
    use crate::{Dataset, Options, Programme};

    fn programme(rule: &str) -> Programme {
        Programme::from_toml(&format!(
            "id = \"x\"\nname = \"X\"\nstart = 2021-01-01\nend = 2022-12-31\nplanned_participants = 5\nreentry = \"{rule}\"\n"
        ))
        .unwrap()
    }

    fn read(
        rule: &str,
        csv: &str,
    ) -> Result<Dataset, (DataErrorKind, Option<u64>, Option<String>)> {
        let mut b = Dataset::builder(&programme(rule));
        b.read_participants_csv(csv.as_bytes())
            .map_err(|e| (e.kind(), e.row(), e.column().map(str::to_owned)))?;
        Ok(b.build())
    }

    const HEAD: &str = "id,gender,entry_date,exit_date,exit_outcome\n";

    /// `docs/data.md#episodes`: only the neighbours in entry order are
    /// compared, and a row read between two episodes fits or not by them.
    #[test]
    fn an_episode_fits_between_its_neighbours_or_overlaps_one() {
        let three = "a,K,2021-01-10,2021-02-28,other\na,K,2021-09-01,2021-10-31,other\n";
        // Read between the two: 2021-03-01..2021-08-31 fits exactly.
        let fits = format!("{HEAD}{three}a,K,2021-03-01,2021-08-31,other\n");
        let data = read("once", &fits).unwrap();
        assert_eq!(data.participants.len(), 1);
        assert_eq!(data.episodes.len(), 3);
        let entries: Vec<String> = data.episodes.iter().map(|e| e.entry.to_string()).collect();
        assert_eq!(entries, ["2021-01-10", "2021-03-01", "2021-09-01"]);
        // Starting on the previous exit day: entry_date.
        let late = format!("{HEAD}{three}a,K,2021-02-28,2021-08-31,other\n");
        let at = (
            DataErrorKind::OverlappingEpisodes,
            Some(4),
            Some("entry_date".into()),
        );
        assert_eq!(read("once", &late).unwrap_err(), at);
        // Ending on the next entry day: exit_date.
        let long = format!("{HEAD}{three}a,K,2021-03-01,2021-09-01,other\n");
        let at = (
            DataErrorKind::OverlappingEpisodes,
            Some(4),
            Some("exit_date".into()),
        );
        assert_eq!(read("per_episode", &long).unwrap_err(), at);
        // The same entry date twice, however short.
        let same =
            format!("{HEAD}a,K,2021-01-10,2021-01-10,other\na,K,2021-01-10,2021-01-10,other\n");
        let at = (
            DataErrorKind::OverlappingEpisodes,
            Some(3),
            Some("entry_date".into()),
        );
        assert_eq!(read("once", &same).unwrap_err(), at);
        // Under error, any second row is a duplicate: row 3.
        let at = (
            DataErrorKind::DuplicateParticipant,
            Some(3),
            Some("id".into()),
        );
        assert_eq!(read("error", &fits).unwrap_err(), at);
    }

    /// `docs/method.md#episodes`: per episode, every row goes to the last
    /// episode begun on or before its date.
    #[test]
    fn per_episode_rows_go_to_the_last_episode_begun() {
        let people = format!(
            "{HEAD}b,M,2021-05-01,,\na,K,2021-06-01,2021-07-31,other\na,K,2021-01-10,2021-02-28,other\n"
        );
        let mut builder = Dataset::builder(&programme("per_episode"));
        builder.read_participants_csv(people.as_bytes()).unwrap();
        let rows = "participant_id,date,status\na,2021-01-01,\na,2021-03-15,\na,2021-06-01,\na,2022-01-01,\nb,2021-06-01,\n";
        builder.read_follow_ups_csv(rows.as_bytes()).unwrap();
        let data = builder.build();
        // Persons b, a; a's episodes in entry order follow its first.
        let entries: Vec<String> = data
            .participants
            .iter()
            .map(|p| p.entry.to_string())
            .collect();
        assert_eq!(entries, ["2021-05-01", "2021-01-10", "2021-06-01"]);
        assert_eq!(data.participant_index("a"), Some(1));
        assert_eq!(data.ids_by_index(), ["b", "a", "a"]);
        // Before every entry and in the first gap: a's first episode (rows 2,
        // 3); from 2021-06-01 on: its second (rows 4, 5); b's one row 6.
        let of = |i: usize| -> Vec<u32> { data.follow_ups.of(i).iter().map(|f| f.row).collect() };
        assert_eq!((of(0), of(1), of(2)), (vec![6], vec![2, 3], vec![4, 5]));
        // Explanations: one per episode, the episodes listed, which one counted.
        let options = Options::new().as_of("2021-12-31".parse().unwrap());
        let explained = data.explain(&options);
        let which: Vec<(&str, Option<u32>, usize)> = explained
            .iter()
            .map(|e| (e.participant_id.as_str(), e.episode, e.episodes.len()))
            .collect();
        assert_eq!(
            which,
            [("b", Some(1), 1), ("a", Some(1), 2), ("a", Some(2), 2)]
        );
        let last = data.explain_participant("a", &options).unwrap();
        assert_eq!(last.episode, Some(2));
        assert_eq!(last.episodes[1].exit_date, "2021-07-31".parse().ok());
    }

    /// `docs/method.md#episodes`: under once the person exits with the last
    /// episode begun by as-of; an explanation lists those episodes, an exit
    /// after as-of unknown.
    #[test]
    fn once_exits_with_the_last_episode_begun() {
        let people = format!(
            "{HEAD}a,K,2021-06-01,2021-12-31,employment\na,K,2021-01-10,2021-02-28,other\n"
        );
        let data = read("once", &people).unwrap();
        let at = |date: &str| {
            let e = data
                .explain_participant("a", &Options::new().as_of(date.parse().unwrap()))
                .unwrap();
            let episodes: Vec<String> = e
                .episodes
                .iter()
                .map(|e| format!("{}..{:?} {:?}", e.entry_date, e.exit_date, e.exit_outcome))
                .collect();
            (e.episode, episodes.join(", "))
        };
        assert_eq!(
            at("2021-04-30").1,
            "2021-01-10..Some(2021-02-28) Some(Other)"
        );
        assert_eq!(
            at("2021-09-30"),
            (
                None,
                "2021-01-10..Some(2021-02-28) Some(Other), 2021-06-01..None None".into()
            )
        );
        let report = data
            .evaluate(&Options::new().as_of("2021-04-30".parse().unwrap()))
            .unwrap();
        assert_eq!(report.exits.exited.value(), Some(&1));
        let report = data
            .evaluate(&Options::new().as_of("2021-09-30".parse().unwrap()))
            .unwrap();
        assert_eq!(report.exits.exited.value(), Some(&0));
        assert_eq!(report.enrolment.reentry.reentries.value(), Some(&1));
    }

    /// `docs/data.md#episodes`: breakdown values come from the first
    /// episode; one seen only in a later row is no group.
    #[test]
    fn a_later_episode_brings_no_group() {
        let programme = Programme::from_toml(
            "id = \"x\"\nname = \"X\"\nstart = 2021-01-01\nend = 2022-12-31\nplanned_participants = 5\nbreakdowns = [\"column:district\"]\n",
        )
        .unwrap();
        let mut b = Dataset::builder(&programme);
        let people = "id,gender,entry_date,exit_date,district\na,K,2021-06-01,,Syd\nb,M,2021-02-01,,Norr\na,K,2021-01-10,2021-02-28,Norr\n";
        b.read_participants_csv(people.as_bytes()).unwrap();
        let data = b.build();
        let groups = &data.groups[0];
        assert_eq!(
            groups.values.iter().map(|v| &**v).collect::<Vec<_>>(),
            ["Norr"]
        );
        assert_eq!(groups.of, [0, 0]);
    }
}
