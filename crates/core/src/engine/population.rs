//! Who a goal counts (`docs/method.md#population`): the participants of
//! `of` (enrolled, exited, active, or due for one follow-up), then only
//! those for whom the `where` criterion is true, then `min_days`.
//!
//! "Due" is the follow-up table's rule (`engine::follow_up`,
//! `docs/method.md#follow-up-accounting`): the follow-up window has closed.

use chrono::NaiveDate;

use super::criteria::{Compiled, Subject, Why};
use super::state::Standing;
use super::{Horizon, follow_up};
use crate::programme::{DEFAULT_TOLERANCE_DAYS, GoalDefinition, Programme};
use crate::vocab::{Population, Truth};
use crate::words::{Language, Reason};

/// Whether a participant who exited on `exit` is due for the follow-up
/// `months` after exit with a window of ± `tolerance` days, as of `as_of`:
/// the follow-up table's rule ([`follow_up::is_due`]).
pub(crate) fn due_for_follow_up(
    exit: NaiveDate,
    months: u32,
    tolerance: u32,
    as_of: NaiveDate,
) -> bool {
    follow_up::is_due(exit, Horizon { months, tolerance }, as_of)
}

/// The last day of the follow-up window, for the explanation.
fn window_closes(exit: NaiveDate, months: u32, tolerance: u32) -> Option<NaiveDate> {
    follow_up::window_closes(exit, Horizon { months, tolerance })
}

/// Why a participant is outside a goal's population.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outside {
    NotExited,
    Exited,
    /// Exited, but the window of the population's horizon is still open.
    NotDue,
    /// The `where` criterion is false or unknown.
    Where(Truth),
    TooFewDays(i64),
}

/// A goal's population with its `where` criterion compiled.
#[derive(Debug, Clone)]
pub(crate) struct CompiledPopulation {
    of: Population,
    months: u32,
    tolerance: u32,
    r#where: Option<Compiled>,
    min_days: u32,
}

impl CompiledPopulation {
    pub(crate) fn new(
        programme: &Programme,
        goal: &GoalDefinition,
        tag_id: &dyn Fn(&str) -> Option<u32>,
    ) -> Self {
        let p = &goal.population;
        CompiledPopulation {
            of: p.of,
            months: p.after_months.unwrap_or(0),
            tolerance: p.tolerance_days.unwrap_or(DEFAULT_TOLERANCE_DAYS),
            r#where: p
                .r#where
                .as_ref()
                .map(|c| Compiled::new(programme, c, tag_id)),
            min_days: goal.min_days,
        }
    }

    /// Whether the participant counts: in `of`, `where` true, at least
    /// `min_days` days, checked in that order. With `why`, the `where`
    /// criterion's reasoning is written there.
    pub(crate) fn membership(&self, s: &Subject<'_>, why: Option<&mut Why>) -> Result<(), Outside> {
        let standing: Standing = s.standing;
        match (self.of, standing.exit) {
            (Population::Exited | Population::Due, None) => return Err(Outside::NotExited),
            (Population::Active, Some(_)) => return Err(Outside::Exited),
            (Population::Due, Some(exit))
                if !due_for_follow_up(exit, self.months, self.tolerance, standing.as_of) =>
            {
                return Err(Outside::NotDue);
            }
            _ => {}
        }
        if let Some(c) = &self.r#where {
            let value = c.eval(s, why);
            if value != Truth::True {
                return Err(Outside::Where(value));
            }
        }
        let days = standing.days_in_programme();
        if days < i64::from(self.min_days) {
            return Err(Outside::TooFewDays(days));
        }
        Ok(())
    }

    /// Whether there is a `where` criterion.
    pub(crate) fn filtered(&self) -> bool {
        self.r#where.is_some()
    }

    /// The membership verdict in words, with the `where` criterion's
    /// reasoning (`where_text`) when it decided or was checked.
    pub(crate) fn reason(
        &self,
        lang: Language,
        standing: Standing,
        verdict: Result<(), Outside>,
        where_text: &str,
    ) -> String {
        let mut out = String::new();
        let reason = match verdict {
            Ok(()) => Reason::InPopulation {
                population: self.of,
                days: standing.days_in_programme(),
            },
            Err(Outside::NotExited) => Reason::NotExitedByAsOf,
            Err(Outside::Exited) => Reason::ExitedByAsOf,
            Err(Outside::NotDue) => Reason::NotDue {
                months: self.months,
                closes: standing
                    .exit
                    .and_then(|e| window_closes(e, self.months, self.tolerance)),
            },
            Err(Outside::Where(value)) => Reason::WhereNot { value },
            Err(Outside::TooFewDays(days)) => Reason::TooFewDays {
                days,
                min_days: self.min_days,
            },
        };
        lang.write_reason(&reason, &mut out);
        match verdict {
            Err(Outside::Where(_)) => out.push_str(where_text),
            Ok(()) | Err(Outside::TooFewDays(_)) if self.filtered() => {
                lang.write_reason(&Reason::WhereHolds, &mut out);
                out.push_str(where_text);
            }
            _ => {}
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::due_for_follow_up;

    fn d(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap()
    }

    /// `docs/method.md#follow-up-criterion`: exit 2021-08-31 + 6 months is
    /// 2022-02-28 (clamped), + 45 days is 2022-04-14, the last day of the
    /// window: due on 2022-04-14, not the day before.
    #[test]
    fn due_when_the_window_has_closed() {
        assert!(!due_for_follow_up(d("2021-08-31"), 6, 45, d("2022-04-13")));
        assert!(due_for_follow_up(d("2021-08-31"), 6, 45, d("2022-04-14")));
        assert!(due_for_follow_up(d("2021-08-31"), 0, 0, d("2021-08-31")));
    }
}

#[cfg(test)]
mod explanations {
    use crate::{Dataset, Language, Options, Programme};

    /// `docs/method.md#explanations`: why someone is (not) in a population,
    /// with the `where` criterion's reasoning, in both languages.
    #[test]
    fn explanations_say_why_someone_is_not_in_the_population() {
        let programme = Programme::from_toml(
            r#"
id = "P"
name = "P"
start = 2021-01-01
end = 2022-12-31
planned_participants = 10
[[goals]]
id = "retention"
target = 0.75
population = { of = "due", after_months = 12, where = { exit_outcome = ["employment", "education"] } }
criterion = { tag = "x" }
"#,
        )
        .unwrap();
        let mut b = Dataset::builder(&programme);
        let people = "id,gender,entry_date,exit_date,exit_outcome\n\
                      a,K,2021-01-04,2021-03-01,job_seeking\n\
                      b,M,2021-01-04,2021-03-01,employment\n\
                      c,K,2021-01-04,2022-03-01,employment\n\
                      d,M,2021-01-04,2021-03-01,\n";
        b.read_participants_csv(people.as_bytes()).unwrap();
        let data = b.build();
        let as_of = "2022-12-31".parse().unwrap();
        let reasons = |lang| -> Vec<String> {
            data.explain(&Options::new().as_of(as_of).language(lang))
                .into_iter()
                .map(|e| e.goals[0].population_reason.clone())
                .collect()
        };
        assert_eq!(
            reasons(Language::English),
            [
                "not in the population: exited to job_seeking (not listed)",
                "due for follow-up (56 days in programme); where exited to employment",
                "not due for the 12-month follow-up (window closes 2023-04-15)",
                "not in the population (unknown): exited, outcome unknown",
            ]
        );
        assert_eq!(
            reasons(Language::Swedish)[0],
            "inte i populationen: avslutad till arbetssökande (ej listad)"
        );
    }
}
