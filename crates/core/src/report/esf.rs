//! The ESF+ section and the before/after assistance table of the report
//! (`docs/report.md#esf`, `docs/report.md#assistance`).

use serde::Serialize;

use super::{Breakdown, Count, Interval, PerGender, Share};
use crate::vocab::EsfIndicator;

/// A count for everyone and per gender.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenderCount {
    /// Everyone.
    pub total: Count,
    /// Per gender: woman, man, non_binary, unknown.
    pub by_gender: PerGender<Count>,
}

/// The ESF+ common indicators computed from the data (`docs/esf.md#indicators`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EsfResult {
    /// Days after leaving in which the immediate results are looked for (28).
    pub window_days: u32,
    /// Months after leaving of the longer-term result (6).
    pub longer_term_months: u32,
    /// Half-width in days of the longer-term follow-up window (45).
    pub longer_term_tolerance_days: u32,
    /// Every indicator, keyed by its name, in report order.
    pub indicators: Breakdown<EsfIndicator, GenderCount>,
}

impl EsfResult {
    /// One indicator's counts.
    pub fn indicator(&self, indicator: EsfIndicator) -> &GenderCount {
        self.indicators.get(indicator)
    }
}

/// One step of the before/after table, for everyone or one gender
/// (`docs/method.md#assistance-before-after`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssistanceCounts {
    /// On assistance at entry and exited (at exit) or due (at a horizon).
    pub population: Count,
    /// Of those, with the assistance status recorded at this step.
    pub recorded: Count,
    /// Of the recorded, those no longer on assistance.
    pub not_on_assistance: Count,
    /// not_on_assistance / recorded.
    pub share: Share,
    /// Wilson 95 % interval of the share.
    pub ci: Interval,
}

/// One step of the before/after table: at exit (`after_months` null) or at a
/// follow-up horizon (`docs/method.md#assistance-before-after`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssistanceStep {
    /// Months after exit; `None` for the exit itself.
    pub after_months: Option<u32>,
    /// The horizon's tolerance in days; `None` for the exit.
    pub tolerance_days: Option<u32>,
    /// On assistance at entry and exited (at exit) or due (at a horizon).
    pub population: Count,
    /// Of those, with the assistance status recorded at this step.
    pub recorded: Count,
    /// Of the recorded, those no longer on assistance.
    pub not_on_assistance: Count,
    /// not_on_assistance / recorded.
    pub share: Share,
    /// Wilson 95 % interval of the share.
    pub ci: Interval,
    /// Per gender.
    pub by_gender: PerGender<AssistanceCounts>,
}

/// The before/after assistance table (`docs/method.md#assistance-before-after`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssistanceResult {
    /// Enrolled participants with `assistance_at_entry` recorded.
    pub recorded_at_entry: GenderCount,
    /// Of those, on assistance at entry.
    pub on_assistance_at_entry: GenderCount,
    /// At exit, then at each follow-up horizon of the report.
    pub steps: Vec<AssistanceStep>,
}

impl AssistanceStep {
    /// A step from its overall and per-gender counts.
    pub(crate) fn new(
        after_months: Option<u32>,
        tolerance_days: Option<u32>,
        all: AssistanceCounts,
        by_gender: PerGender<AssistanceCounts>,
    ) -> Self {
        AssistanceStep {
            after_months,
            tolerance_days,
            population: all.population,
            recorded: all.recorded,
            not_on_assistance: all.not_on_assistance,
            share: all.share,
            ci: all.ci,
            by_gender,
        }
    }

    /// The counts for everyone.
    pub fn overall(&self) -> AssistanceCounts {
        AssistanceCounts {
            population: self.population,
            recorded: self.recorded,
            not_on_assistance: self.not_on_assistance,
            share: self.share,
            ci: self.ci,
        }
    }

    /// Calls `f` on the overall counts, then each gender's.
    pub(crate) fn for_each_part(&mut self, mut f: impl FnMut(&mut AssistanceCounts)) {
        let mut all = self.overall();
        f(&mut all);
        let by_gender = self.by_gender.clone();
        *self = AssistanceStep::new(self.after_months, self.tolerance_days, all, by_gender);
        self.by_gender.values_mut().for_each(f);
    }
}

/// A count as a tidy value.
fn value(c: &Count) -> Share {
    c.map(|v| Some(v as f64))
}

/// The before/after table and the ESF+ section as rows of the tidy table
/// (`docs/report.md#tidy-table`): sections `assistance` and `esf`.
pub(super) fn tidy_rows(r: &super::Report, t: &mut super::frames::Tidy) {
    const ALL: &str = "all";
    let a = &r.assistance;
    let s = "assistance";
    for (measure, c) in [
        ("recorded_at_entry", &a.recorded_at_entry),
        ("on_assistance_at_entry", &a.on_assistance_at_entry),
    ] {
        t.row(s, "entry", ALL, measure, value(&c.total), None);
        for (g, n) in c.by_gender.iter() {
            t.row(s, "entry", g.as_str(), measure, value(n), None);
        }
    }
    for step in &a.steps {
        let item = step
            .after_months
            .map_or_else(|| "exit".to_owned(), |m| m.to_string());
        let all = step.overall();
        let parts =
            std::iter::once((ALL, &all)).chain(step.by_gender.iter().map(|(g, c)| (g.as_str(), c)));
        for (group, c) in parts {
            t.row(s, &item, group, "population", value(&c.population), None);
            t.row(s, &item, group, "recorded", value(&c.recorded), None);
            let off = value(&c.not_on_assistance);
            t.row(s, &item, group, "not_on_assistance", off, None);
            t.row(s, &item, group, "share", c.share, Some(&c.ci));
        }
    }
    let Some(e) = &r.esf else {
        return;
    };
    for (indicator, c) in e.indicators.iter() {
        let item = <EsfIndicator as crate::vocab::Key>::name(indicator);
        t.row("esf", item, ALL, "count", value(&c.total), None);
        for (g, n) in c.by_gender.iter() {
            t.row("esf", item, g.as_str(), "count", value(n), None);
        }
    }
}
