//! Follow-up accounting (`docs/method.md#follow-up-accounting`): whether an
//! exited participant is due for a horizon, and whether they were reached.
//! One rule for every use of "due": the follow-up table, and any goal
//! population that counts the due.

use chrono::{Days, NaiveDate};

use super::Horizon;
use super::state::{Observation, horizon_date, nearest_observation};

/// Where one exited participant stands at one horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Account<'o> {
    /// The window is still open and nothing is chosen yet.
    NotDue,
    /// The window is still open, but a follow-up is already chosen.
    Early(&'o Observation),
    /// The window has closed without a follow-up in it.
    NotReached,
    /// The window has closed with this follow-up chosen in it.
    Reached(&'o Observation),
}

/// Whether the window of a participant who exited on `exit` has closed by
/// `as_of`: exit + months (clamped to the month's end) + tolerance ≤ as-of.
/// A window past the calendar's end never closes.
/// The follow-up table and a goal's `due` population both use it.
pub(crate) fn is_due(exit: NaiveDate, horizon: Horizon, as_of: NaiveDate) -> bool {
    window_closes(exit, horizon).is_some_and(|closes| closes <= as_of)
}

/// The last day of the window: exit + months (clamped) + tolerance; `None`
/// past the calendar's end.
pub(crate) fn window_closes(exit: NaiveDate, horizon: Horizon) -> Option<NaiveDate> {
    horizon_date(exit, horizon.months)
        .and_then(|d| d.checked_add_days(Days::new(horizon.tolerance.into())))
}

/// The participant's standing at `horizon`, given their exit (on or
/// before `as_of`) and their follow-up observations (already limited to
/// dates from the exit to `as_of`, one per date).
pub(crate) fn account(
    exit: NaiveDate,
    horizon: Horizon,
    as_of: NaiveDate,
    observations: &[Observation],
) -> Account<'_> {
    let chosen = nearest_observation(observations, exit, horizon.months, horizon.tolerance);
    match (is_due(exit, horizon, as_of), chosen) {
        (true, Some(o)) => Account::Reached(o),
        (true, None) => Account::NotReached,
        (false, Some(o)) => Account::Early(o),
        (false, None) => Account::NotDue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    fn seen(d: &str) -> Observation {
        Observation {
            date: date(d),
            status: None,
            receives_assistance: None,
            conflicting: false,
        }
    }

    /// `docs/method.md#follow-up-accounting`: the window closes on exit +
    /// months (clamped) + tolerance, and closing on as-of counts as closed.
    #[test]
    fn due_when_the_window_has_closed_on_or_before_as_of() {
        let h = Horizon {
            months: 6,
            tolerance: 45,
        };
        // 2021-08-31 + 6 months = 2022-02-28 (clamped), + 45 days = 2022-04-14.
        let exit = date("2021-08-31");
        assert!(is_due(exit, h, date("2022-04-14")));
        assert!(!is_due(exit, h, date("2022-04-13")));
        let o = [seen("2022-02-28")];
        assert_eq!(
            account(exit, h, date("2022-04-13"), &o),
            Account::Early(&o[0])
        );
        assert_eq!(
            account(exit, h, date("2022-04-14"), &o),
            Account::Reached(&o[0])
        );
        assert_eq!(
            account(exit, h, date("2022-04-14"), &[]),
            Account::NotReached
        );
        assert_eq!(account(exit, h, date("2022-04-13"), &[]), Account::NotDue);
    }
}
