//! The status on a calendar date (`docs/method.md#status-on-a-date`):
//! per-gender counts added to in the single pass, from each participant's
//! grouped follow-up rows, and the report section built from them.

use chrono::{Days, NaiveDate};

use super::report::{share, wilson};
use super::tally::GenderCounts;
use crate::data::{FollowUpData, ParticipantData};
use crate::error::{ProgrammeError, ProgrammeErrorKind};
use crate::programme::{DEFAULT_TOLERANCE_DAYS, ProgrammeDefinition};
use crate::report::{Figure, PerGender, PerOutcome, StatusOnCounts, StatusOnResult};
use crate::vocab::{ExitOutcome, Gender, Key};

/// The status date and its tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatusWindow {
    pub(crate) date: NaiveDate,
    #[serde(rename = "tolerance_days")]
    pub(crate) tolerance: u32,
}

impl StatusWindow {
    /// The caller's date and tolerance, else the programme's; `None`
    /// without a date (`docs/programme.md#status-on`).
    pub(crate) fn of(
        def: &ProgrammeDefinition,
        date: Option<NaiveDate>,
        tolerance: Option<u32>,
    ) -> Option<StatusWindow> {
        let date = date.or(def.status_on.map(|s| s.date))?;
        let tolerance = tolerance
            .or(def.status_on.map(|s| s.tolerance_days))
            .unwrap_or(DEFAULT_TOLERANCE_DAYS);
        Some(StatusWindow { date, tolerance })
    }

    /// The date must lie from the programme's start to the report's as-of
    /// date (`docs/decisions.md#decision-107`).
    pub(crate) fn check(
        self,
        start: NaiveDate,
        as_of: NaiveDate,
    ) -> Result<StatusWindow, ProgrammeError> {
        if self.date < start {
            return Err(ProgrammeError::new(
                ProgrammeErrorKind::StatusOnBeforeStart,
                "status_on.date",
                "the status date must not be before the programme's start",
            ));
        }
        if self.date > as_of {
            return Err(ProgrammeError::new(
                ProgrammeErrorKind::StatusOnAfterAsOf,
                "status_on.date",
                "the status date must not be after the report's as-of date; give a later as-of date",
            ));
        }
        Ok(self)
    }
}

/// The section's counts per gender.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatusOnTally {
    pub(crate) exited: GenderCounts,
    pub(crate) with_follow_up: GenderCounts,
    /// Per outcome index, then missing (absent or conflicting).
    pub(crate) by_status: [GenderCounts; ExitOutcome::ALL.len() + 1],
    pub(crate) on: GenderCounts,
    pub(crate) off: GenderCounts,
}

impl StatusOnTally {
    pub(crate) fn merge(&mut self, other: &StatusOnTally) {
        use super::tally::add;
        add(&mut self.exited, &other.exited);
        add(&mut self.with_follow_up, &other.with_follow_up);
        for (a, b) in self.by_status.iter_mut().zip(&other.by_status) {
            add(a, b);
        }
        add(&mut self.on, &other.on);
        add(&mut self.off, &other.off);
    }
}

/// The follow-up chosen on the status date: its date's status and
/// assistance, and whether rows of that date disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Chosen {
    status: Option<ExitOutcome>,
    receives_assistance: Option<bool>,
    conflicting: bool,
}

/// The latest follow-up date from max(exit, date − tolerance) to date,
/// read from the participant's rows (grouped and sorted by date).
fn choose(rows: &[FollowUpData], exit: NaiveDate, w: StatusWindow) -> Option<Chosen> {
    let from = w
        .date
        .checked_sub_days(Days::new(w.tolerance.into()))
        .map_or(exit, |d| d.max(exit));
    let mut chosen = None;
    for day in rows.chunk_by(|a, b| a.date == b.date) {
        let head = &day[0];
        if head.date < from {
            continue;
        }
        if head.date > w.date {
            break;
        }
        chosen = Some(Chosen {
            status: head.status,
            receives_assistance: head.receives_assistance,
            conflicting: super::state::disagree(day),
        });
    }
    chosen
}

/// Adds one participant, seen as of the status date (`p`, gender index
/// `g`), with its follow-up rows (`docs/method.md#status-on-a-date`).
pub(crate) fn add(
    t: &mut StatusOnTally,
    g: usize,
    p: &ParticipantData,
    rows: &[FollowUpData],
    w: StatusWindow,
) {
    if p.entry > w.date {
        return;
    }
    let Some(exit) = p.exit.filter(|&e| e <= w.date) else {
        return;
    };
    t.exited[g] += 1;
    let Some(c) = choose(rows, exit, w) else {
        return;
    };
    t.with_follow_up[g] += 1;
    let status = if c.conflicting { None } else { c.status };
    t.by_status[Key::index(status)][g] += 1;
    match c.receives_assistance.filter(|_| !c.conflicting) {
        Some(true) => t.on[g] += 1,
        Some(false) => t.off[g] += 1,
        None => {}
    }
}

fn counts(t: &StatusOnTally, genders: &[usize], z: f64) -> StatusOnCounts {
    let sum = |c: &GenderCounts| genders.iter().map(|&g| c[g]).sum::<u64>();
    let (exited, with) = (sum(&t.exited), sum(&t.with_follow_up));
    let (on, off) = (sum(&t.on), sum(&t.off));
    let status = |o: Option<ExitOutcome>| sum(&t.by_status[Key::index(o)]);
    StatusOnCounts {
        exited: Figure::Value(exited),
        with_follow_up: Figure::Value(with),
        no_follow_up: Figure::Value(exited - with),
        no_follow_up_share: share(exited - with, exited),
        by_status: PerOutcome::from_fn(|o| Figure::Value(status(o))),
        status_share: PerOutcome::from_fn(|o| share(status(o), with)),
        status_share_of_exited: PerOutcome::from_fn(|o| share(status(o), exited)),
        on_assistance: Figure::Value(on),
        not_on_assistance: Figure::Value(off),
        assistance_not_recorded: Figure::Value(with - on - off),
        share_not_on_assistance: share(off, on + off),
        ci: wilson(off, on + off, z),
        share_not_on_assistance_of_exited: share(off, exited),
        ci_of_exited: wilson(off, exited, z),
    }
}

/// The section from its counts.
pub(crate) fn result(t: &StatusOnTally, w: StatusWindow, z: f64) -> StatusOnResult {
    let every: Vec<usize> = Gender::ALL.iter().map(|g| g.index()).collect();
    StatusOnResult::new(
        w.date,
        w.tolerance,
        counts(t, &every, z),
        PerGender::from_fn(|g: Gender| counts(t, &[g.index()], z)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    fn row(d: &str, status: Option<ExitOutcome>, assistance: Option<bool>) -> FollowUpData {
        FollowUpData {
            date: date(d),
            status,
            receives_assistance: assistance,
            row: 2,
        }
    }

    /// `docs/method.md#status-on-a-date`: the latest date from
    /// max(exit, D − T) to D, both ends included; a conflicting date is
    /// chosen all the same.
    #[test]
    fn the_latest_follow_up_in_the_window_is_chosen() {
        let w = StatusWindow {
            date: date("2024-02-15"),
            tolerance: 31,
        };
        let exit = date("2023-01-31");
        let e = Some(ExitOutcome::Employment);
        let j = Some(ExitOutcome::JobSeeking);
        // 2024-01-15 is D − 31: in; 2024-01-14 out; 2024-02-16 after D.
        let rows = [
            row("2024-01-14", j, Some(true)),
            row("2024-01-15", e, Some(false)),
            row("2024-02-16", j, Some(true)),
        ];
        let c = choose(&rows, exit, w).expect("chosen");
        assert_eq!((c.status, c.receives_assistance), (e, Some(false)));
        assert_eq!(choose(&rows[..1], exit, w), None);
        assert_eq!(choose(&rows[2..], exit, w), None);
        // The exit bounds the window too.
        assert_eq!(choose(&rows[1..2], date("2024-01-16"), w), None);
        // Two rows on D that disagree: chosen, conflicting.
        let rows = [row("2024-02-15", e, None), row("2024-02-15", j, None)];
        assert!(choose(&rows, exit, w).expect("chosen").conflicting);
    }
}
