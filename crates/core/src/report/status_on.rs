//! The status on a calendar date (`docs/report.md#status-on`,
//! `docs/method.md#status-on-a-date`).

use chrono::NaiveDate;
use serde::Serialize;

use super::{Count, Interval, PerGender, PerOutcome, Share};

/// The status on the date, for everyone or one gender
/// (`docs/method.md#status-on-a-date`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusOnCounts {
    /// Exited on or before the date (seen as of the date).
    pub exited: Count,
    /// Of those, with a follow-up chosen in the window.
    pub with_follow_up: Count,
    /// exited − with_follow_up.
    pub no_follow_up: Count,
    /// no_follow_up / exited.
    pub no_follow_up_share: Share,
    /// The `with_follow_up` per status (every outcome, then `missing`).
    pub by_status: PerOutcome<Count>,
    /// Each status count / with_follow_up.
    pub status_share: PerOutcome<Share>,
    /// Each status count / exited.
    pub status_share_of_exited: PerOutcome<Share>,
    /// The chosen follow-up records assistance.
    pub on_assistance: Count,
    /// The chosen follow-up records no assistance.
    pub not_on_assistance: Count,
    /// with_follow_up − on_assistance − not_on_assistance.
    pub assistance_not_recorded: Count,
    /// not_on_assistance / (on_assistance + not_on_assistance).
    pub share_not_on_assistance: Share,
    /// Wilson 95 % interval of that share.
    pub ci: Interval,
    /// not_on_assistance / exited.
    pub share_not_on_assistance_of_exited: Share,
    /// Wilson 95 % interval of that share.
    pub ci_of_exited: Interval,
}

/// The report's `status_on` section: the figures of [`StatusOnCounts`]
/// for everyone, then per gender.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusOnResult {
    /// The status date.
    pub date: NaiveDate,
    /// Follow-ups dated from `date` − this many days to `date` count.
    pub tolerance_days: u32,
    /// Exited on or before the date (seen as of the date).
    pub exited: Count,
    /// Of those, with a follow-up chosen in the window.
    pub with_follow_up: Count,
    /// exited − with_follow_up.
    pub no_follow_up: Count,
    /// no_follow_up / exited.
    pub no_follow_up_share: Share,
    /// The `with_follow_up` per status (every outcome, then `missing`).
    pub by_status: PerOutcome<Count>,
    /// Each status count / with_follow_up.
    pub status_share: PerOutcome<Share>,
    /// Each status count / exited.
    pub status_share_of_exited: PerOutcome<Share>,
    /// The chosen follow-up records assistance.
    pub on_assistance: Count,
    /// The chosen follow-up records no assistance.
    pub not_on_assistance: Count,
    /// with_follow_up − on_assistance − not_on_assistance.
    pub assistance_not_recorded: Count,
    /// not_on_assistance / (on_assistance + not_on_assistance).
    pub share_not_on_assistance: Share,
    /// Wilson 95 % interval of that share.
    pub ci: Interval,
    /// not_on_assistance / exited.
    pub share_not_on_assistance_of_exited: Share,
    /// Wilson 95 % interval of that share.
    pub ci_of_exited: Interval,
    /// Per gender.
    pub by_gender: PerGender<StatusOnCounts>,
}

impl StatusOnResult {
    /// The section from its overall and per-gender counts.
    pub(crate) fn new(
        date: NaiveDate,
        tolerance_days: u32,
        all: StatusOnCounts,
        by_gender: PerGender<StatusOnCounts>,
    ) -> Self {
        StatusOnResult {
            date,
            tolerance_days,
            exited: all.exited,
            with_follow_up: all.with_follow_up,
            no_follow_up: all.no_follow_up,
            no_follow_up_share: all.no_follow_up_share,
            by_status: all.by_status,
            status_share: all.status_share,
            status_share_of_exited: all.status_share_of_exited,
            on_assistance: all.on_assistance,
            not_on_assistance: all.not_on_assistance,
            assistance_not_recorded: all.assistance_not_recorded,
            share_not_on_assistance: all.share_not_on_assistance,
            ci: all.ci,
            share_not_on_assistance_of_exited: all.share_not_on_assistance_of_exited,
            ci_of_exited: all.ci_of_exited,
            by_gender,
        }
    }

    /// The counts for everyone.
    pub fn overall(&self) -> StatusOnCounts {
        StatusOnCounts {
            exited: self.exited,
            with_follow_up: self.with_follow_up,
            no_follow_up: self.no_follow_up,
            no_follow_up_share: self.no_follow_up_share,
            by_status: self.by_status.clone(),
            status_share: self.status_share.clone(),
            status_share_of_exited: self.status_share_of_exited.clone(),
            on_assistance: self.on_assistance,
            not_on_assistance: self.not_on_assistance,
            assistance_not_recorded: self.assistance_not_recorded,
            share_not_on_assistance: self.share_not_on_assistance,
            ci: self.ci,
            share_not_on_assistance_of_exited: self.share_not_on_assistance_of_exited,
            ci_of_exited: self.ci_of_exited,
        }
    }

    /// Calls `f` on the overall counts, then each gender's.
    pub(crate) fn for_each_part(&mut self, mut f: impl FnMut(&mut StatusOnCounts)) {
        let mut all = self.overall();
        f(&mut all);
        let by_gender = self.by_gender.clone();
        *self = StatusOnResult::new(self.date, self.tolerance_days, all, by_gender);
        self.by_gender.values_mut().for_each(f);
    }
}

/// A count as a tidy value.
fn value(c: &Count) -> Share {
    c.map(|v| Some(v as f64))
}

/// The section as rows of the tidy table (`docs/report.md#tidy-table`):
/// section `status_on`, item the date.
pub(super) fn tidy_rows(r: &super::Report, t: &mut super::frames::Tidy) {
    let Some(s) = &r.status_on else {
        return;
    };
    let item = s.date.to_string();
    let all = s.overall();
    let parts =
        std::iter::once(("all", &all)).chain(s.by_gender.iter().map(|(g, c)| (g.as_str(), c)));
    let section = "status_on";
    for (group, c) in parts {
        let mut row = |measure: &str, v: Share, ci: Option<&Interval>| {
            t.row(section, &item, group, measure, v, ci);
        };
        row("exited", value(&c.exited), None);
        row("with_follow_up", value(&c.with_follow_up), None);
        row("no_follow_up", value(&c.no_follow_up), None);
        row("no_follow_up_share", c.no_follow_up_share, None);
        for (o, n) in c.by_status.iter() {
            let name = <Option<crate::vocab::ExitOutcome> as crate::vocab::Key>::name(o);
            row(&format!("by_status.{name}"), value(n), None);
            row(
                &format!("status_share.{name}"),
                *c.status_share.get(o),
                None,
            );
            let of_exited = *c.status_share_of_exited.get(o);
            row(&format!("status_share_of_exited.{name}"), of_exited, None);
        }
        row("on_assistance", value(&c.on_assistance), None);
        row("not_on_assistance", value(&c.not_on_assistance), None);
        row(
            "assistance_not_recorded",
            value(&c.assistance_not_recorded),
            None,
        );
        row(
            "share_not_on_assistance",
            c.share_not_on_assistance,
            Some(&c.ci),
        );
        row(
            "share_not_on_assistance_of_exited",
            c.share_not_on_assistance_of_exited,
            Some(&c.ci_of_exited),
        );
    }
}
