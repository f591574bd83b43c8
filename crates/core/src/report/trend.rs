//! The report's `trend` (`docs/report.md#trend`): enrolment and every
//! goal's result at each trend date (`docs/method.md#trend`).

use chrono::NaiveDate;
use serde::Serialize;

use super::frames::{Frame, Value};
use super::{Count, Figure, GoalStatus, Interval, PerGender, Report, Share};

/// The figures at one trend date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    /// The date.
    pub as_of: NaiveDate,
    /// Participants present at that date.
    pub enrolled: Count,
    /// Per gender: the count and its share of the known gender.
    pub by_gender: PerGender<TrendGender>,
    /// Every goal, in definition order.
    pub goals: Vec<TrendGoal>,
}

/// One gender at a trend date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendGender {
    /// Participants of this gender present at that date.
    pub count: Count,
    /// Share of the participants of known gender (`None` for unknown).
    pub share: Share,
}

/// One goal at a trend date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendGoal {
    /// The goal's id.
    pub id: String,
    /// Participants who achieved it.
    pub achieved: Count,
    /// The denominator of the share.
    pub denominator: Count,
    /// achieved / denominator.
    pub share: Share,
    /// Wilson 95 % interval of the share.
    pub ci: Interval,
    /// Met, not met, or no data.
    pub status: Figure<GoalStatus>,
}

/// The trend frame's columns (docs/report.md#trend-frame).
pub const TREND_COLUMNS: [&str; 9] = [
    "as_of",
    "table",
    "id",
    "gender",
    "measure",
    "value",
    "lower",
    "upper",
    "suppressed",
];

/// Receives one figure: date, table, id, gender, measure, value, interval.
type Emit<'a> = dyn FnMut(&str, &str, &str, &str, &str, Share, Option<&Interval>) + 'a;

/// Emits every figure of the trend, dates ascending (docs/report.md#trend-frame).
fn for_each_figure(trend: &[TrendPoint], emit: &mut Emit<'_>) {
    use super::frames::ALL;
    let count = |c: &Count| c.map(|v| Some(v as f64));
    for p in trend {
        let date = p.as_of.to_string();
        let d = date.as_str();
        emit(
            d,
            "enrolment",
            "",
            ALL,
            "enrolled",
            count(&p.enrolled),
            None,
        );
        for (gender, x) in p.by_gender.iter() {
            let gender = gender.as_str();
            emit(d, "enrolment", "", gender, "count", count(&x.count), None);
            emit(d, "enrolment", "", gender, "share", x.share, None);
        }
        for g in &p.goals {
            let (t, id) = ("goals", g.id.as_str());
            emit(d, t, id, ALL, "achieved", count(&g.achieved), None);
            emit(d, t, id, ALL, "denominator", count(&g.denominator), None);
            emit(d, t, id, ALL, "share", g.share, Some(&g.ci));
            let met = g.status.map(|s| match s {
                GoalStatus::Met => Some(1.0),
                GoalStatus::NotMet => Some(0.0),
                GoalStatus::NoData => None,
            });
            emit(d, t, id, ALL, "met", met, None);
        }
    }
}

impl Report {
    /// The trend as a long table, one row per figure of each date
    /// (Python's `trend_frame()`, docs/report.md#trend-frame); no rows
    /// without a trend.
    pub fn trend_frame(&self) -> Frame {
        use super::frames::Kind::{Bool, Float, Text};
        let kinds = [Text, Text, Text, Text, Text, Float, Float, Float, Bool];
        let schema: Vec<(&'static str, _)> = TREND_COLUMNS.into_iter().zip(kinds).collect();
        let mut f = Frame::new(&schema);
        let text = |s: &str| Value::Text(Some(s.to_owned()));
        let number = |s: Option<&Share>| Value::Float(s.and_then(|s| s.value().copied().flatten()));
        for_each_figure(
            &self.trend,
            &mut |date, table, id, gender, measure, value, ci| {
                let hidden = value.is_suppressed()
                    || ci.is_some_and(|b| b.lower.is_suppressed() || b.upper.is_suppressed());
                f.push(vec![
                    text(date),
                    text(table),
                    text(id),
                    text(gender),
                    text(measure),
                    number(Some(&value)),
                    number(ci.map(|c| &c.lower)),
                    number(ci.map(|c| &c.upper)),
                    Value::Bool(Some(hidden)),
                ]);
            },
        );
        f
    }
}

/// The trend's rows of the tidy table (docs/report.md#tidy-table): section
/// `trend`, item the date, group the gender or `all`, measure the figure's
/// name, a goal's prefixed `goals.<id>.`.
pub(super) fn tidy_rows(r: &Report, t: &mut super::frames::Tidy) {
    for_each_figure(&r.trend, &mut |date,
                                    table,
                                    id,
                                    gender,
                                    measure,
                                    value,
                                    ci| {
        let measure = match table {
            "enrolment" => measure.to_owned(),
            _ => format!("{table}.{id}.{measure}"),
        };
        t.row("trend", date, gender, &measure, value, ci);
    });
}
