//! Charts as data (docs/report.md#charts): the rows, bars, intervals,
//! targets and words of a chart, so that every surface that draws one
//! (Python's `Report.plot` with matplotlib) draws the same chart with the
//! catalogue's words and number formats, and none lays out its own.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::cells::Cells;
use super::{Figure, GoalResult, Report, Share};
use crate::vocab::{Gender, GoalStatus};
use crate::words::{Language, Ui};

/// Which chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// One bar per goal: its share, interval and target.
    Goals,
    /// Each goal's bar followed by one per gender (women, men, non-binary
    /// when any are counted).
    GoalsByGender,
    /// The gender split of the enrolled against the target and its
    /// tolerance.
    Gender,
}

impl ChartKind {
    /// Every kind, by its name.
    pub const ALL: [(ChartKind, &'static str); 3] = [
        (ChartKind::Goals, "goals"),
        (ChartKind::GoalsByGender, "goals_by_gender"),
        (ChartKind::Gender, "gender"),
    ];
}

/// A chart name that is none of `goals`, `goals_by_gender`, `gender`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownChart;

impl fmt::Display for UnknownChart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the chart must be \"goals\", \"goals_by_gender\" or \"gender\"")
    }
}

impl std::error::Error for UnknownChart {}

impl FromStr for ChartKind {
    type Err = UnknownChart;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ChartKind::ALL
            .iter()
            .find(|(_, name)| *name == s)
            .map(|&(kind, _)| kind)
            .ok_or(UnknownChart)
    }
}

/// How a bar is drawn: its colour, and for `not_met` also a pattern, so
/// that met and not met differ by more than hue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// A goal met.
    Met,
    /// A goal not met (drawn hatched).
    NotMet,
    /// A goal with no data, or a hidden status.
    NoData,
    /// A gender share within the target's tolerance.
    Within,
    /// A gender share outside it (drawn hatched).
    Outside,
    /// A share with nothing to judge it by.
    Plain,
}

/// An axis tick.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    /// Where, as a share.
    pub value: f64,
    /// What it says (`50 %`, `50 %` with a non-breaking space).
    pub label: String,
}

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartRow {
    /// What the row says: the name, the formatted share and the status
    /// (or the suppression marker), as the page writes it.
    pub label: String,
    /// The bar's length; `None` when undefined or hidden.
    pub share: Option<f64>,
    /// The interval's lower bound; `None` when undefined or hidden.
    pub lower: Option<f64>,
    /// Its upper bound.
    pub upper: Option<f64>,
    /// The target line.
    pub target: Option<f64>,
    /// The target ± tolerance band, clamped to [0, 1].
    pub band: Option<[f64; 2]>,
    /// How the bar is drawn.
    pub mark: Mark,
    /// A gender row under its goal, drawn indented.
    pub indent: bool,
}

/// A chart: a title that describes the data, ticks from 0 to 100 %, and
/// one row per bar, top to bottom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Which chart.
    pub kind: ChartKind,
    /// The title, which says what is drawn (for screen readers too).
    pub title: String,
    /// 0, 25, 50, 75 and 100 %.
    pub ticks: Vec<Tick>,
    /// The bars, top to bottom.
    pub rows: Vec<ChartRow>,
}

/// The genders drawn: participants of unknown gender have no share.
const DRAWN: [Gender; 3] = [Gender::Woman, Gender::Man, Gender::NonBinary];

impl Report {
    /// The chart `kind` of this report in `lang` (docs/report.md#charts).
    /// A publishable copy's chart shows no hidden value.
    pub fn chart(&self, kind: ChartKind, lang: Language) -> Chart {
        let mut cells = Cells::new(lang);
        let (title, rows) = match kind {
            ChartKind::Goals => (Ui::GoalsChartTitle, self.goal_rows(&mut cells, false)),
            ChartKind::GoalsByGender => (
                Ui::GoalsByGenderChartTitle,
                self.goal_rows(&mut cells, true),
            ),
            ChartKind::Gender => (Ui::GenderChartTitle, self.gender_rows(&mut cells)),
        };
        Chart {
            kind,
            title: lang.word(title).to_owned(),
            ticks: [0.0, 0.25, 0.5, 0.75, 1.0]
                .into_iter()
                .map(|value| Tick {
                    value,
                    label: lang.percent(value, 0),
                })
                .collect(),
            rows,
        }
    }

    fn goal_rows(&self, cells: &mut Cells, by_gender: bool) -> Vec<ChartRow> {
        let mut rows = Vec::new();
        for goal in &self.goals {
            rows.push(goal_row(cells, goal));
            if by_gender {
                rows.extend(
                    DRAWN
                        .into_iter()
                        .filter_map(|g| gender_goal_row(cells, goal, g)),
                );
            }
        }
        rows
    }

    fn gender_rows(&self, cells: &mut Cells) -> Vec<ChartRow> {
        let lang = cells.language();
        let tolerance = self.enrolment.gender_tolerance;
        DRAWN
            .into_iter()
            .map(|g| {
                let e = self.enrolment.by_gender.get(g);
                let target = e
                    .target
                    .map_or(String::new(), |t| format!(" / {}", lang.share(t)));
                let mark = match e.within_tolerance {
                    Figure::Value(Some(true)) => Mark::Within,
                    Figure::Value(Some(false)) => Mark::Outside,
                    _ => Mark::Plain,
                };
                let band = e
                    .target
                    .zip(tolerance)
                    .map(|(t, tol)| [(t - tol).max(0.0), (t + tol).min(1.0)]);
                ChartRow {
                    label: format!("{}: {}{target}", lang.word(g), cells.share(&e.share)),
                    share: value(&e.share),
                    lower: value(&e.ci.lower),
                    upper: value(&e.ci.upper),
                    target: e.target,
                    band,
                    mark,
                    indent: false,
                }
            })
            .collect()
    }
}

fn value(s: &Share) -> Option<f64> {
    s.value().copied().flatten()
}

fn goal_row(cells: &mut Cells, goal: &GoalResult) -> ChartRow {
    let lang = cells.language();
    let (status, mark) = match goal.status {
        Figure::Suppressed => (lang.suppressed(), Mark::NoData),
        Figure::Value(s) => (
            lang.word(s),
            match s {
                GoalStatus::Met => Mark::Met,
                GoalStatus::NotMet => Mark::NotMet,
                GoalStatus::NoData => Mark::NoData,
            },
        ),
    };
    ChartRow {
        label: format!("{}: {} ({status})", goal.name, cells.share(&goal.share)),
        share: value(&goal.share),
        lower: value(&goal.ci.lower),
        upper: value(&goal.ci.upper),
        target: Some(goal.target),
        band: None,
        mark,
        indent: false,
    }
}

/// A goal's row for one gender; none when nobody of that gender is
/// counted (a hidden denominator is drawn, as hidden).
fn gender_goal_row(cells: &mut Cells, goal: &GoalResult, g: Gender) -> Option<ChartRow> {
    let r = goal.by_gender.get(g);
    if r.denominator == Figure::Value(0) {
        return None;
    }
    let lang = cells.language();
    Some(ChartRow {
        label: format!("{}: {}", lang.word(g), cells.share(&r.share)),
        share: value(&r.share),
        lower: value(&r.ci.lower),
        upper: value(&r.ci.upper),
        target: Some(goal.target),
        band: None,
        mark: Mark::Plain,
        indent: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::demo;

    #[test]
    fn kinds_read_their_names() {
        for (kind, name) in ChartKind::ALL {
            assert_eq!(name.parse::<ChartKind>(), Ok(kind));
        }
        assert_eq!("bars".parse::<ChartKind>(), Err(UnknownChart));
    }

    fn close(x: Option<f64>, expected: f64) -> bool {
        x.is_some_and(|x| (x - expected).abs() < 5e-5)
    }

    // The demo: a improves (1 -> 3), b stays (2 -> 2); target 0.5. By hand:
    // 1 of 2 = 50 %, Wilson 95 % 0.0945-0.9055; women 1 of 1 (0.2065-1),
    // men 0 of 1 (0-0.7935).
    #[test]
    fn the_goal_chart_has_a_bar_per_goal_and_per_gender() {
        let r = demo::report("");
        let chart = r.chart(ChartKind::Goals, Language::English);
        assert_eq!(chart.rows.len(), 1);
        let row = &chart.rows[0];
        assert_eq!(row.label, "progression: 50.0\u{a0}% (met)");
        assert!(close(row.share, 0.5) && close(row.lower, 0.0945) && close(row.upper, 0.9055));
        assert_eq!(
            (row.target, row.mark, row.indent),
            (Some(0.5), Mark::Met, false)
        );
        let ticks: Vec<&str> = chart.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            ticks,
            [
                "0\u{a0}%",
                "25\u{a0}%",
                "50\u{a0}%",
                "75\u{a0}%",
                "100\u{a0}%"
            ]
        );

        let by_gender = r.chart(ChartKind::GoalsByGender, Language::Swedish);
        let labels: Vec<&str> = by_gender.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "progression: 50,0\u{a0}% (uppfyllt)",
                "kvinnor: 100,0\u{a0}%",
                "män: 0,0\u{a0}%"
            ]
        );
        let women = &by_gender.rows[1];
        assert!(close(women.share, 1.0) && close(women.lower, 0.2065) && close(women.upper, 1.0));
        let men = &by_gender.rows[2];
        assert!(close(men.share, 0.0) && close(men.lower, 0.0) && close(men.upper, 0.7935));
        assert!(
            by_gender.rows[1..]
                .iter()
                .all(|r| r.indent && r.mark == Mark::Plain)
        );
    }

    #[test]
    fn a_publishable_chart_draws_no_hidden_value() {
        let r = demo::report("").suppress(5);
        let row = &r.chart(ChartKind::Goals, Language::English).rows[0];
        assert_eq!(row.label, "progression: supp. (supp.)");
        assert_eq!(
            (row.share, row.lower, row.upper, row.mark),
            (None, None, None, Mark::NoData)
        );
    }

    // Women 1 and men 1 of 2 known: 50 % each, Wilson 0.0945-0.9055; the
    // target 0.56 / 0.44 with tolerance 0.1 gives bands 0.46-0.66 and
    // 0.34-0.54: women within? |0.50 - 0.56| = 0.06 <= 0.1, yes; men
    // |0.50 - 0.44| = 0.06, yes.
    #[test]
    fn the_gender_chart_has_the_target_band() {
        let r = demo::report("gender_target = { woman = 0.56, man = 0.44, tolerance = 0.1 }");
        let chart = r.chart(ChartKind::Gender, Language::English);
        let women = &chart.rows[0];
        assert_eq!(women.label, "women: 50.0\u{a0}% / 56.0\u{a0}%");
        assert!(close(women.share, 0.5) && close(women.lower, 0.0945));
        let band = women.band.expect("a band");
        assert!((band[0] - 0.46).abs() < 1e-12 && (band[1] - 0.66).abs() < 1e-12);
        assert_eq!(women.mark, Mark::Within);
        assert_eq!(chart.rows[1].mark, Mark::Within);
        assert_eq!(chart.rows[2].band, None);
        assert_eq!(chart.rows[2].label, "non-binary: 0.0\u{a0}%");
    }
}
