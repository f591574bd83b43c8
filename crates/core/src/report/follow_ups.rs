//! Follow-up accounting and exits by gender in the report
//! (`docs/report.md#follow-ups`, `docs/report.md#exits`).

use serde::Serialize;

use super::{Count, Interval, OutcomeCount, PerGender, PerOutcome, Share};

/// One horizon's counts and shares, for everyone or one gender
/// (`docs/method.md#follow-up-accounting`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUpCounts {
    /// Exited participants whose window has closed by as-of.
    pub due: Count,
    /// Of the due, those with a follow-up chosen in the window.
    pub reached: Count,
    /// due − reached.
    pub not_reached: Count,
    /// reached / due.
    pub response_rate: Share,
    /// Wilson 95 % interval of the response rate.
    pub response_ci: Interval,
    /// Not yet due, but with a follow-up already in the window.
    pub early: Count,
    /// The reached per status (every outcome, then `missing`).
    pub by_status: PerOutcome<Count>,
    /// Each status count / reached.
    pub status_share: PerOutcome<Share>,
    /// Each status count / due.
    pub status_share_of_due: PerOutcome<Share>,
    /// not_reached / due.
    pub not_reached_share_of_due: Share,
    /// Reached participants whose assistance status is recorded.
    pub assistance_known: Count,
    /// Of those, how many no longer receive assistance.
    pub not_receiving_assistance: Count,
    /// not_receiving_assistance / assistance_known.
    pub share_not_receiving_assistance: Share,
    /// Wilson 95 % interval of that share.
    pub ci: Interval,
    /// not_receiving_assistance / due.
    pub share_not_receiving_assistance_of_due: Share,
    /// Wilson 95 % interval of that share.
    pub ci_of_due: Interval,
}

/// Follow-up at one horizon (`docs/method.md#follow-up-accounting`): the
/// figures of [`FollowUpCounts`] for everyone, then per gender.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUpResult {
    /// Months after exit.
    pub after_months: u32,
    /// Half-width of the window in days.
    pub tolerance_days: u32,
    /// Exited participants whose window has closed by as-of.
    pub due: Count,
    /// Of the due, those with a follow-up chosen in the window.
    pub reached: Count,
    /// due − reached.
    pub not_reached: Count,
    /// reached / due.
    pub response_rate: Share,
    /// Wilson 95 % interval of the response rate.
    pub response_ci: Interval,
    /// Not yet due, but with a follow-up already in the window.
    pub early: Count,
    /// The reached per status (every outcome, then `missing`).
    pub by_status: PerOutcome<Count>,
    /// Each status count / reached.
    pub status_share: PerOutcome<Share>,
    /// Each status count / due.
    pub status_share_of_due: PerOutcome<Share>,
    /// not_reached / due.
    pub not_reached_share_of_due: Share,
    /// Reached participants whose assistance status is recorded.
    pub assistance_known: Count,
    /// Of those, how many no longer receive assistance.
    pub not_receiving_assistance: Count,
    /// not_receiving_assistance / assistance_known.
    pub share_not_receiving_assistance: Share,
    /// Wilson 95 % interval of that share.
    pub ci: Interval,
    /// not_receiving_assistance / due.
    pub share_not_receiving_assistance_of_due: Share,
    /// Wilson 95 % interval of that share.
    pub ci_of_due: Interval,
    /// The same per gender.
    pub by_gender: PerGender<FollowUpCounts>,
}

impl FollowUpResult {
    /// A horizon's result from its overall and per-gender figures.
    pub(crate) fn new(
        after_months: u32,
        tolerance_days: u32,
        all: FollowUpCounts,
        by_gender: PerGender<FollowUpCounts>,
    ) -> Self {
        FollowUpResult {
            after_months,
            tolerance_days,
            due: all.due,
            reached: all.reached,
            not_reached: all.not_reached,
            response_rate: all.response_rate,
            response_ci: all.response_ci,
            early: all.early,
            by_status: all.by_status,
            status_share: all.status_share,
            status_share_of_due: all.status_share_of_due,
            not_reached_share_of_due: all.not_reached_share_of_due,
            assistance_known: all.assistance_known,
            not_receiving_assistance: all.not_receiving_assistance,
            share_not_receiving_assistance: all.share_not_receiving_assistance,
            ci: all.ci,
            share_not_receiving_assistance_of_due: all.share_not_receiving_assistance_of_due,
            ci_of_due: all.ci_of_due,
            by_gender,
        }
    }

    /// The overall figures, as a gender's are held.
    pub fn overall(&self) -> FollowUpCounts {
        FollowUpCounts {
            due: self.due,
            reached: self.reached,
            not_reached: self.not_reached,
            response_rate: self.response_rate,
            response_ci: self.response_ci,
            early: self.early,
            by_status: self.by_status.clone(),
            status_share: self.status_share.clone(),
            status_share_of_due: self.status_share_of_due.clone(),
            not_reached_share_of_due: self.not_reached_share_of_due,
            assistance_known: self.assistance_known,
            not_receiving_assistance: self.not_receiving_assistance,
            share_not_receiving_assistance: self.share_not_receiving_assistance,
            ci: self.ci,
            share_not_receiving_assistance_of_due: self.share_not_receiving_assistance_of_due,
            ci_of_due: self.ci_of_due,
        }
    }

    /// Applies `f` to the overall figures, then to each gender's, in report
    /// order (for disclosure control, which treats them alike).
    pub(crate) fn for_each_part(&mut self, mut f: impl FnMut(&mut FollowUpCounts)) {
        let mut all = self.overall();
        f(&mut all);
        let by_gender = self.by_gender.clone();
        *self = FollowUpResult::new(self.after_months, self.tolerance_days, all, by_gender);
        self.by_gender.values_mut().for_each(f);
    }
}

/// The exits of one gender (`docs/method.md#exits-by-gender`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenderExits {
    /// Participants of this gender exited by as-of.
    pub exited: Count,
    /// Per outcome (every outcome, then `missing`), with the share of this
    /// gender's exited.
    pub by_outcome: PerOutcome<OutcomeCount>,
}
