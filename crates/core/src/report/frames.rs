//! The report's tables as people read them: column-oriented [`Frame`]s with
//! named, typed columns (docs/report.md#frames). The Python data frames, the
//! command line's and the page's CSV are these frames converted, so a column
//! added here appears on every surface and nowhere needs its own layout.

use std::collections::BTreeSet;
use std::io::Write;

use super::{Count, Figure, Interval, Report, Share};
use crate::vocab::{Gender, GoalStatus, Key};
use crate::words::Language;

/// A column's values; a suppressed or undefined value is `None`.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Whole numbers (counts).
    Int(Vec<Option<u64>>),
    /// Numbers (shares, bounds, targets).
    Float(Vec<Option<f64>>),
    /// Text (ids, names, words of the vocabulary).
    Text(Vec<Option<String>>),
    /// Booleans.
    Bool(Vec<Option<bool>>),
}

/// The type of a column, for building a [`Frame`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// [`Values::Int`]
    Int,
    /// [`Values::Float`]
    Float,
    /// [`Values::Text`]
    Text,
    /// [`Values::Bool`]
    Bool,
}

/// One cell pushed onto a frame's row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A whole number.
    Int(Option<u64>),
    /// A number.
    Float(Option<f64>),
    /// Text.
    Text(Option<String>),
    /// A boolean.
    Bool(Option<bool>),
    /// A value that disclosure control hid: missing in its column, and
    /// marked as hidden ([`Frame::is_hidden`]).
    Hidden,
}

/// A table held column by column: what a data-frame library builds from
/// without looking at a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The columns in order, each with its name.
    pub columns: Vec<(&'static str, Values)>,
    /// The (row, column) of each hidden value.
    hidden: BTreeSet<(usize, usize)>,
}

impl Frame {
    /// An empty frame with these columns.
    pub fn new(schema: &[(&'static str, Kind)]) -> Self {
        let empty = |kind| match kind {
            Kind::Int => Values::Int(Vec::new()),
            Kind::Float => Values::Float(Vec::new()),
            Kind::Text => Values::Text(Vec::new()),
            Kind::Bool => Values::Bool(Vec::new()),
        };
        Frame {
            columns: schema
                .iter()
                .map(|&(name, kind)| (name, empty(kind)))
                .collect(),
            hidden: BTreeSet::new(),
        }
    }

    /// Appends a row, one value per column in order.
    ///
    /// # Panics
    ///
    /// When a value's type is not its column's: a bug in the frame's layout.
    pub fn push(&mut self, row: Vec<Value>) {
        assert_eq!(row.len(), self.columns.len(), "one value per column");
        let at = self.len();
        for (i, ((name, column), value)) in self.columns.iter_mut().zip(row).enumerate() {
            match (column, value) {
                (column, Value::Hidden) => {
                    self.hidden.insert((at, i));
                    match column {
                        Values::Int(c) => c.push(None),
                        Values::Float(c) => c.push(None),
                        Values::Text(c) => c.push(None),
                        Values::Bool(c) => c.push(None),
                    }
                }
                (Values::Int(c), Value::Int(v)) => c.push(v),
                (Values::Float(c), Value::Float(v)) => c.push(v),
                (Values::Text(c), Value::Text(v)) => c.push(v),
                (Values::Bool(c), Value::Bool(v)) => c.push(v),
                _ => panic!("column {name}: value of another type"),
            }
        }
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.columns.first().map_or(0, |(_, c)| match c {
            Values::Int(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::Text(v) => v.len(),
            Values::Bool(v) => v.len(),
        })
    }

    /// Whether the value at `row` of column `column` (both from 0) was
    /// hidden by disclosure control, rather than undefined.
    pub fn is_hidden(&self, row: usize, column: usize) -> bool {
        self.hidden.contains(&(row, column))
    }

    /// Whether the frame has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes the frame as CSV: a header of the column names, then one
    /// line per row; `None` is an empty cell, booleans are `true`/`false`,
    /// numbers are written in full (shortest text that reads back exactly).
    pub fn write_csv(&self, out: impl Write) -> Result<(), csv::Error> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(self.columns.iter().map(|(name, _)| *name))?;
        let mut cells: Vec<String> = vec![String::new(); self.columns.len()];
        for row in 0..self.len() {
            for (cell, (_, column)) in cells.iter_mut().zip(&self.columns) {
                cell.clear();
                match column {
                    Values::Int(v) => v[row].map(|x| cell.push_str(&x.to_string())),
                    Values::Float(v) => v[row].map(|x| cell.push_str(&x.to_string())),
                    Values::Text(v) => v[row].as_deref().map(|x| cell.push_str(x)),
                    Values::Bool(v) => {
                        v[row].map(|x| cell.push_str(if x { "true" } else { "false" }))
                    }
                };
            }
            writer.write_record(&cells)?;
        }
        writer.flush()?;
        Ok(())
    }

    /// The frame as CSV text.
    pub fn to_csv(&self) -> String {
        let mut out = Vec::new();
        self.write_csv(&mut out)
            .expect("writing to memory cannot fail");
        String::from_utf8(out).expect("the csv writer writes UTF-8")
    }

    /// Writes the frame as a CSV file for a spreadsheet in `language`'s
    /// locale (docs/report.md#spreadsheet-csv): a UTF-8 byte-order mark,
    /// then [`Frame::to_spreadsheet_csv`]'s text.
    pub fn write_spreadsheet_csv(
        &self,
        mut out: impl Write,
        language: Language,
    ) -> Result<(), csv::Error> {
        out.write_all("\u{feff}".as_bytes())?;
        self.write_spreadsheet_rows(out, language)
    }

    /// The rows of [`Frame::to_spreadsheet_csv`].
    fn write_spreadsheet_rows(
        &self,
        out: impl Write,
        language: Language,
    ) -> Result<(), csv::Error> {
        let (delimiter, decimal) = match language {
            Language::Swedish => (b';', ","),
            Language::English => (b',', "."),
        };
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(out);
        writer.write_record(self.columns.iter().map(|(name, _)| *name))?;
        let mut cells: Vec<String> = vec![String::new(); self.columns.len()];
        for row in 0..self.len() {
            for (cell, (_, column)) in cells.iter_mut().zip(&self.columns) {
                cell.clear();
                match column {
                    Values::Int(v) => v[row].map(|x| cell.push_str(&x.to_string())),
                    Values::Float(v) => v[row].map(|x| push_rounded(cell, x, decimal)),
                    Values::Text(v) => v[row].as_deref().map(|x| push_inert(cell, x)),
                    Values::Bool(v) => {
                        v[row].map(|x| cell.push_str(if x { "true" } else { "false" }))
                    }
                };
            }
            writer.write_record(&cells)?;
        }
        writer.flush()?;
        Ok(())
    }

    /// The frame as CSV text for a spreadsheet in `language`'s locale
    /// (docs/report.md#spreadsheet-csv): in Swedish `;` between cells and a
    /// decimal comma, in English `,` and a point; numbers rounded to
    /// [`SPREADSHEET_DECIMALS`] places; a text cell that a spreadsheet
    /// would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or
    /// a carriage return) written with a leading `'` (CSV injection). The
    /// byte-order mark is not part of the text: it belongs to the file's
    /// encoding ([`Frame::write_spreadsheet_csv`] writes it).
    pub fn to_spreadsheet_csv(&self, language: Language) -> String {
        let mut out = Vec::new();
        self.write_spreadsheet_rows(&mut out, language)
            .expect("writing to memory cannot fail");
        String::from_utf8(out).expect("the csv writer writes UTF-8")
    }
}

/// Decimal places of a number in spreadsheet CSV: a share to a hundredth
/// of a percentage point (docs/report.md#spreadsheet-csv).
pub const SPREADSHEET_DECIMALS: usize = 4;

/// `x` rounded to [`SPREADSHEET_DECIMALS`] places, without trailing zeros,
/// with `decimal` as the decimal separator; never `-0`.
fn push_rounded(cell: &mut String, x: f64, decimal: &str) {
    let text = format!("{x:.SPREADSHEET_DECIMALS$}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    cell.push_str(&text.replacen('.', decimal, 1));
}

/// `text`, with a leading `'` when a spreadsheet would read it as a
/// formula (the OWASP rule for CSV injection).
fn push_inert(cell: &mut String, text: &str) {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        cell.push('\'');
    }
    cell.push_str(text);
}

fn count(c: &Count) -> Value {
    match c {
        Figure::Suppressed => Value::Hidden,
        Figure::Value(v) => Value::Int(Some(*v)),
    }
}

fn share(s: &Share) -> Value {
    match s {
        Figure::Suppressed => Value::Hidden,
        Figure::Value(v) => Value::Float(*v),
    }
}

fn text(s: &str) -> Value {
    Value::Text(Some(s.to_owned()))
}

/// The columns of the tidy table (docs/report.md#tidy-table).
pub const TIDY_COLUMNS: [&str; 8] = [
    "section",
    "item",
    "group",
    "measure",
    "value",
    "lower",
    "upper",
    "suppressed",
];

/// The group of a row that is not per gender.
pub const ALL: &str = "all";

/// Builds the tidy table row by row.
pub(super) struct Tidy {
    frame: Frame,
}

impl Tidy {
    pub(super) fn row(
        &mut self,
        section: &str,
        item: &str,
        group: &str,
        measure: &str,
        value: Share,
        bounds: Option<&Interval>,
    ) {
        let hidden = value.is_suppressed()
            || bounds.is_some_and(|b| b.lower.is_suppressed() || b.upper.is_suppressed());
        let bound = |s: Option<&Share>| Value::Float(s.and_then(|s| s.value().copied().flatten()));
        self.frame.push(vec![
            text(section),
            text(item),
            text(group),
            text(measure),
            share(&value),
            bound(bounds.map(|b| &b.lower)),
            bound(bounds.map(|b| &b.upper)),
            Value::Bool(Some(hidden)),
        ]);
    }

    pub(super) fn count(
        &mut self,
        section: &str,
        item: &str,
        group: &str,
        measure: &str,
        c: &Count,
    ) {
        let value = match c {
            Figure::Value(v) => Figure::Value(Some(*v as f64)),
            Figure::Suppressed => Figure::Suppressed,
        };
        self.row(section, item, group, measure, value, None);
    }

    /// One horizon's figures for one group (`docs/report.md#follow-ups`).
    fn follow_up(&mut self, item: &str, group: &str, c: &super::FollowUpCounts) {
        let s = "follow_ups";
        self.count(s, item, group, "due", &c.due);
        self.count(s, item, group, "reached", &c.reached);
        self.count(s, item, group, "not_reached", &c.not_reached);
        let rate = c.response_rate;
        self.row(s, item, group, "response_rate", rate, Some(&c.response_ci));
        self.count(s, item, group, "early", &c.early);
        for (status, n) in c.by_status.iter() {
            self.count(s, item, group, &format!("by_status.{}", status.name()), n);
        }
        for (status, x) in c.status_share.iter() {
            let measure = format!("status_share.{}", status.name());
            self.row(s, item, group, &measure, *x, None);
        }
        for (status, x) in c.status_share_of_due.iter() {
            let measure = format!("status_share_of_due.{}", status.name());
            self.row(s, item, group, &measure, *x, None);
        }
        let not = c.not_reached_share_of_due;
        self.row(s, item, group, "not_reached_share_of_due", not, None);
        self.count(s, item, group, "assistance_known", &c.assistance_known);
        let not = &c.not_receiving_assistance;
        self.count(s, item, group, "not_receiving_assistance", not);
        let share = c.share_not_receiving_assistance;
        let measure = "share_not_receiving_assistance";
        self.row(s, item, group, measure, share, Some(&c.ci));
        let share = c.share_not_receiving_assistance_of_due;
        let measure = "share_not_receiving_assistance_of_due";
        self.row(s, item, group, measure, share, Some(&c.ci_of_due));
    }

    fn number(&mut self, section: &str, item: &str, group: &str, measure: &str, v: Option<f64>) {
        self.row(section, item, group, measure, Figure::Value(v), None);
    }

    fn flag(
        &mut self,
        section: &str,
        item: &str,
        group: &str,
        measure: &str,
        b: Figure<Option<bool>>,
    ) {
        let value = match b {
            Figure::Value(b) => Figure::Value(b.map(|b| if b { 1.0 } else { 0.0 })),
            Figure::Suppressed => Figure::Suppressed,
        };
        self.row(section, item, group, measure, value, None);
    }
}

impl Report {
    /// The tidy long table (docs/report.md#tidy-table): one row per figure,
    /// with columns [`TIDY_COLUMNS`]. What the CSV downloads and
    /// `stegvis report --format csv` write.
    pub fn tidy(&self) -> Frame {
        use Kind::{Bool, Float, Text};
        let kinds = [Text, Text, Text, Text, Float, Float, Float, Bool];
        let schema: Vec<(&'static str, Kind)> = TIDY_COLUMNS.into_iter().zip(kinds).collect();
        let mut t = Tidy {
            frame: Frame::new(&schema),
        };

        let s = "enrolment";
        let e = &self.enrolment;
        t.count(s, "", ALL, "enrolled", &e.enrolled);
        t.number(s, "", ALL, "planned", Some(e.planned as f64));
        t.row(s, "", ALL, "share_of_plan", e.share_of_plan, None);
        t.number(s, "", ALL, "expected_by_now", Some(e.expected_by_now));
        t.flag(
            s,
            "",
            ALL,
            "recruitment_open",
            Figure::Value(Some(e.recruitment_open)),
        );
        for (gender, g) in e.by_gender.iter() {
            let group = gender.as_str();
            t.count(s, "", group, "count", &g.count);
            t.row(s, "", group, "share", g.share, Some(&g.ci));
            t.number(s, "", group, "target", g.target);
            t.row(s, "", group, "deviation", g.deviation, None);
            t.flag(s, "", group, "within_tolerance", g.within_tolerance);
            let needed = match g.needed {
                Figure::Value(n) => Figure::Value(n.map(|n| n as f64)),
                Figure::Suppressed => Figure::Suppressed,
            };
            t.row(s, "", group, "needed", needed, None);
            let missed = match g.missed {
                Figure::Value(n) => Figure::Value(n.map(|n| n as f64)),
                Figure::Suppressed => Figure::Suppressed,
            };
            t.row(s, "", group, "missed", missed, None);
            t.row(
                s,
                "",
                group,
                "projected_share",
                g.projected_share,
                Some(&g.projected_ci),
            );
        }
        // `docs/report.md#tidy-table`: the re-entry counts, item `reentry`.
        let r = &e.reentry;
        t.count(s, "reentry", ALL, "participants", &r.participants);
        t.count(s, "reentry", ALL, "episodes", &r.episodes);
        t.count(s, "reentry", ALL, "reentrants", &r.reentrants);
        t.count(s, "reentry", ALL, "reentries", &r.reentries);

        let s = "goals";
        for goal in &self.goals {
            let id = goal.id.as_str();
            t.number(s, id, ALL, "target", Some(goal.target));
            t.count(s, id, ALL, "population_size", &goal.population_size);
            t.count(s, id, ALL, "achieved", &goal.achieved);
            t.count(s, id, ALL, "unknown", &goal.unknown);
            t.count(s, id, ALL, "excluded", &goal.excluded);
            t.count(s, id, ALL, "denominator", &goal.denominator);
            t.row(s, id, ALL, "share", goal.share, Some(&goal.ci));
            let met = goal.status.map(|status| match status {
                GoalStatus::Met => Some(true),
                GoalStatus::NotMet => Some(false),
                GoalStatus::NoData => None,
            });
            t.flag(s, id, ALL, "met", met);
            t.flag(s, id, ALL, "confident", goal.confident.map(Some));
            if let Some(gap) = &goal.gender_gap {
                let bounds = Interval {
                    lower: gap.lower,
                    upper: gap.upper,
                };
                t.row(s, id, ALL, "gender_gap", gap.difference, Some(&bounds));
            }
            for (gender, g) in goal.by_gender.iter() {
                let group = gender.as_str();
                t.count(s, id, group, "achieved", &g.achieved);
                t.count(s, id, group, "unknown", &g.unknown);
                t.count(s, id, group, "excluded", &g.excluded);
                t.count(s, id, group, "denominator", &g.denominator);
                t.row(s, id, group, "share", g.share, Some(&g.ci));
            }
        }

        let s = "parameters";
        for p in &self.parameters {
            let id = p.id.as_str();
            let overall = std::iter::once((
                ALL,
                (
                    &p.evaluable,
                    &p.improved,
                    &p.unchanged,
                    &p.worsened,
                    p.improved_share,
                    p.unchanged_share,
                    p.worsened_share,
                    p.mean_gain,
                ),
            ));
            let per_gender = p.by_gender.iter().map(|(gender, g)| {
                (
                    gender.as_str(),
                    (
                        &g.evaluable,
                        &g.improved,
                        &g.unchanged,
                        &g.worsened,
                        g.improved_share,
                        g.unchanged_share,
                        g.worsened_share,
                        g.mean_gain,
                    ),
                )
            });
            for (group, (ev, im, un, wo, ims, uns, wos, mean)) in overall.chain(per_gender) {
                t.count(s, id, group, "evaluable", ev);
                t.count(s, id, group, "improved", im);
                t.count(s, id, group, "unchanged", un);
                t.count(s, id, group, "worsened", wo);
                t.row(s, id, group, "improved_share", ims, None);
                t.row(s, id, group, "unchanged_share", uns, None);
                t.row(s, id, group, "worsened_share", wos, None);
                t.row(s, id, group, "mean_gain", mean, None);
            }
            for (b, row) in p.transitions.iter().flatten().enumerate() {
                for (l, c) in row.iter().enumerate() {
                    let measure = format!("transitions.{}.{}", b + 1, l + 1);
                    t.count(s, id, ALL, &measure, c);
                }
            }
        }

        let s = "exits";
        t.count(s, "", ALL, "exited", &self.exits.exited);
        for (outcome, o) in self.exits.by_outcome.iter() {
            t.count(s, outcome.name(), ALL, "count", &o.count);
            t.row(s, outcome.name(), ALL, "share", o.share, None);
        }
        for (gender, g) in self.exits.by_gender.iter() {
            let group = gender.as_str();
            t.count(s, "", group, "exited", &g.exited);
            for (outcome, o) in g.by_outcome.iter() {
                t.count(s, outcome.name(), group, "count", &o.count);
                t.row(s, outcome.name(), group, "share", o.share, None);
            }
        }

        let s = "follow_ups";
        for f in &self.follow_ups {
            let item = f.after_months.to_string();
            let item = item.as_str();
            t.number(
                s,
                item,
                ALL,
                "tolerance_days",
                Some(f64::from(f.tolerance_days)),
            );
            let all = f.overall();
            let parts = std::iter::once((ALL, &all))
                .chain(f.by_gender.iter().map(|(g, c)| (g.as_str(), c)));
            for (group, c) in parts {
                t.follow_up(item, group, c);
            }
        }

        let s = "data_quality";
        for issue in &self.data_quality {
            t.count(
                s,
                issue.table.as_str(),
                ALL,
                issue.kind.as_str(),
                &issue.count,
            );
        }
        super::breakdowns::tidy_rows(self, &mut t);
        super::esf::tidy_rows(self, &mut t);
        super::comparison::tidy_rows(self, &mut t);
        super::trend::tidy_rows(self, &mut t);
        super::status_on::tidy_rows(self, &mut t);
        t.frame
    }

    /// One row per goal: counts, share, its interval, target, status and
    /// the women − men gap (Python's `goals_frame()`).
    pub fn goals_frame(&self) -> Frame {
        use Kind::{Bool, Float, Int, Text};
        let mut f = Frame::new(&[
            ("id", Text),
            ("name", Text),
            ("population", Text),
            ("population_after_months", Int),
            ("population_where", Text),
            ("target", Float),
            ("population_size", Int),
            ("achieved", Int),
            ("unknown", Int),
            ("excluded", Int),
            ("denominator", Int),
            ("share", Float),
            ("ci_lower", Float),
            ("ci_upper", Float),
            ("status", Text),
            ("confident", Bool),
            ("gender_gap", Float),
            ("gender_gap_lower", Float),
            ("gender_gap_upper", Float),
        ]);
        for g in &self.goals {
            let gap = |part: fn(&super::GenderGap) -> &Share| {
                g.gender_gap
                    .as_ref()
                    .map_or(Value::Float(None), |d| share(part(d)))
            };
            f.push(vec![
                text(&g.id),
                text(&g.name),
                text(g.population.as_str()),
                Value::Int(g.population_after_months.map(u64::from)),
                // The criterion as compact JSON, as the programme writes it.
                Value::Text(g.population_where.as_ref().map(|c| c.to_string())),
                Value::Float(Some(g.target)),
                count(&g.population_size),
                count(&g.achieved),
                count(&g.unknown),
                count(&g.excluded),
                count(&g.denominator),
                share(&g.share),
                share(&g.ci.lower),
                share(&g.ci.upper),
                // A suppressed status or confidence is missing, like a count.
                Value::Text(g.status.value().map(|s| s.as_str().to_owned())),
                Value::Bool(g.confident.value().copied()),
                gap(|d| &d.difference),
                gap(|d| &d.lower),
                gap(|d| &d.upper),
            ]);
        }
        f
    }

    /// One row per goal and gender (Python's `goals_frame(by_gender=True)`).
    pub fn goals_by_gender_frame(&self) -> Frame {
        use Kind::{Float, Int, Text};
        let mut f = Frame::new(&[
            ("goal_id", Text),
            ("gender", Text),
            ("achieved", Int),
            ("unknown", Int),
            ("excluded", Int),
            ("denominator", Int),
            ("share", Float),
            ("ci_lower", Float),
            ("ci_upper", Float),
        ]);
        for g in &self.goals {
            for (gender, v) in g.by_gender.iter() {
                f.push(vec![
                    text(&g.id),
                    text(gender.as_str()),
                    count(&v.achieved),
                    count(&v.unknown),
                    count(&v.excluded),
                    count(&v.denominator),
                    share(&v.share),
                    share(&v.ci.lower),
                    share(&v.ci.upper),
                ]);
            }
        }
        f
    }

    /// The gender split of enrolment, one row per gender (Python's
    /// `gender_frame()`).
    pub fn gender_frame(&self) -> Frame {
        use Kind::{Bool, Float, Int, Text};
        let mut f = Frame::new(&[
            ("gender", Text),
            ("count", Int),
            ("share", Float),
            ("ci_lower", Float),
            ("ci_upper", Float),
            ("target", Float),
            ("deviation", Float),
            ("within_tolerance", Bool),
            ("needed", Int),
            ("missed", Int),
            ("projected_share", Float),
            ("projected_lower", Float),
            ("projected_upper", Float),
        ]);
        for (gender, v) in self.enrolment.by_gender.iter() {
            f.push(vec![
                text(Gender::as_str(gender)),
                count(&v.count),
                share(&v.share),
                share(&v.ci.lower),
                share(&v.ci.upper),
                Value::Float(v.target),
                share(&v.deviation),
                Value::Bool(v.within_tolerance.value().copied().flatten()),
                Value::Int(v.needed.value().copied().flatten()),
                Value::Int(v.missed.value().copied().flatten()),
                share(&v.projected_share),
                share(&v.projected_ci.lower),
                share(&v.projected_ci.upper),
            ]);
        }
        f
    }

    /// The parameter change table: per parameter a row for `all`, then one
    /// per gender (Python's `parameters_frame()`).
    pub fn parameters_frame(&self) -> Frame {
        use Kind::{Float, Int, Text};
        let mut f = Frame::new(&[
            ("id", Text),
            ("name", Text),
            ("gender", Text),
            ("evaluable", Int),
            ("improved", Int),
            ("unchanged", Int),
            ("worsened", Int),
            ("improved_share", Float),
            ("unchanged_share", Float),
            ("worsened_share", Float),
            ("mean_gain", Float),
        ]);
        for p in &self.parameters {
            f.push(vec![
                text(&p.id),
                text(&p.name),
                text(ALL),
                count(&p.evaluable),
                count(&p.improved),
                count(&p.unchanged),
                count(&p.worsened),
                share(&p.improved_share),
                share(&p.unchanged_share),
                share(&p.worsened_share),
                share(&p.mean_gain),
            ]);
            for (gender, v) in p.by_gender.iter() {
                f.push(vec![
                    text(&p.id),
                    text(&p.name),
                    text(gender.as_str()),
                    count(&v.evaluable),
                    count(&v.improved),
                    count(&v.unchanged),
                    count(&v.worsened),
                    share(&v.improved_share),
                    share(&v.unchanged_share),
                    share(&v.worsened_share),
                    share(&v.mean_gain),
                ]);
            }
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::demo::{self, line};

    fn report() -> Report {
        demo::report("")
    }

    fn spreadsheet_sample() -> Frame {
        let mut f = Frame::new(&[
            ("item", Kind::Text),
            ("n", Kind::Int),
            ("value", Kind::Float),
            ("flag", Kind::Bool),
        ]);
        let text = |s: &str| Value::Text(Some(s.to_owned()));
        f.push(vec![
            text("closer"),
            Value::Int(Some(199)),
            Value::Float(Some(0.5527638190954773)),
            Value::Bool(Some(false)),
        ]);
        f.push(vec![
            text("=HYPERLINK(\"x\")"),
            Value::Int(None),
            Value::Float(Some(-0.00001)),
            Value::Bool(None),
        ]);
        f.push(vec![
            text("+1+2"),
            Value::Int(Some(0)),
            Value::Float(Some(2.5)),
            Value::Bool(Some(true)),
        ]);
        f.push(vec![
            text("@SUM(A1)"),
            Value::Int(None),
            Value::Float(Some(-1.23456)),
            Value::Bool(None),
        ]);
        f.push(vec![
            text("-3"),
            Value::Int(None),
            Value::Float(Some(10.0)),
            Value::Bool(None),
        ]);
        f.push(vec![
            text("\tx"),
            Value::Int(None),
            Value::Float(None),
            Value::Bool(None),
        ]);
        f.push(vec![
            text("North; East"),
            Value::Int(None),
            Value::Float(Some(0.99995)),
            Value::Bool(None),
        ]);
        f
    }

    #[test]
    fn spreadsheet_csv_in_swedish_has_semicolons_a_decimal_comma_and_no_formulas() {
        let csv = spreadsheet_sample().to_spreadsheet_csv(Language::Swedish);
        let expected = "item;n;value;flag\n\
            closer;199;0,5528;false\n\
            \"'=HYPERLINK(\"\"x\"\")\";;0;\n\
            '+1+2;0;2,5;true\n\
            '@SUM(A1);;-1,2346;\n\
            '-3;;10;\n\
            '\tx;;;\n\
            \"North; East\";;1;\n";
        assert_eq!(csv, expected);
    }

    #[test]
    fn a_spreadsheet_csv_file_starts_with_a_byte_order_mark() {
        let mut file = Vec::new();
        let f = spreadsheet_sample();
        f.write_spreadsheet_csv(&mut file, Language::Swedish)
            .expect("written");
        let text = f.to_spreadsheet_csv(Language::Swedish);
        assert_eq!(file, [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat());
    }

    #[test]
    fn spreadsheet_csv_in_english_has_commas_and_a_decimal_point() {
        let csv = spreadsheet_sample().to_spreadsheet_csv(Language::English);
        let expected = "item,n,value,flag\n\
            closer,199,0.5528,false\n\
            \"'=HYPERLINK(\"\"x\"\")\",,0,\n\
            '+1+2,0,2.5,true\n\
            '@SUM(A1),,-1.2346,\n\
            '-3,,10,\n\
            '\tx,,,\n\
            North; East,,1,\n";
        assert_eq!(csv, expected);
    }

    #[test]
    fn the_tidy_table_has_one_row_per_figure() {
        let r = report();
        let csv = r.tidy().to_csv();
        assert_eq!(csv.lines().next(), Some(TIDY_COLUMNS.join(",").as_str()));
        let share = r.goals[0]
            .share
            .value()
            .copied()
            .flatten()
            .expect("a share");
        let (lower, upper) = (r.goals[0].ci.lower, r.goals[0].ci.upper);
        let bound = |b: Share| b.value().copied().flatten().expect("a bound");
        assert_eq!(
            line(&csv, "goals,progression,all,share,"),
            format!(
                "goals,progression,all,share,{share},{},{},false",
                bound(lower),
                bound(upper)
            )
        );
        assert_eq!(
            line(&csv, "goals,progression,all,met,"),
            "goals,progression,all,met,1,,,false"
        );
        assert_eq!(
            line(&csv, "goals,progression,woman,achieved,"),
            "goals,progression,woman,achieved,1,,,false"
        );
        assert_eq!(
            line(&csv, "parameters,step,all,transitions.1.3,"),
            "parameters,step,all,transitions.1.3,1,,,false"
        );
        let hidden = r.suppress(DEFAULT).tidy().to_csv();
        assert_eq!(
            line(&hidden, "enrolment,,all,enrolled,"),
            "enrolment,,all,enrolled,,,,true"
        );
    }

    const DEFAULT: u64 = super::super::DEFAULT_MIN_CELL;

    #[test]
    fn frames_have_one_value_per_column_and_row() {
        let r = report();
        for frame in [
            r.goals_frame(),
            r.goals_by_gender_frame(),
            r.gender_frame(),
            r.parameters_frame(),
            r.tidy(),
        ] {
            let n = frame.len();
            for (name, column) in &frame.columns {
                let len = match column {
                    Values::Int(v) => v.len(),
                    Values::Float(v) => v.len(),
                    Values::Text(v) => v.len(),
                    Values::Bool(v) => v.len(),
                };
                assert_eq!(len, n, "{name}");
            }
        }
        assert_eq!(r.goals_by_gender_frame().len(), 4);
        assert_eq!(r.parameters_frame().len(), 5);
    }
}
