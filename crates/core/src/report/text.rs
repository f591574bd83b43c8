//! The report as aligned plain text, in a language of the catalogue.
//!
//! This file is layout only: every word comes from `words` and every figure
//! from [`Cells`], so the text reads like the page and the HTML summary
//! (docs/report.md#words). A legend under the report
//! explains whichever markers and abbreviations occur.

mod breakdowns;
mod comparison;
mod esf;
mod follow_ups;
mod reentry;
mod status_on;
mod trend;

use super::cells::Cells;
use super::document::Html;
use super::{Count, Enrolment, Exits, Figure, GoalResult, ParameterChange, Report};
use crate::report::Issue;
use crate::vocab::Gender;
use crate::words::{Column as C, Label, Language, Marker, Phrase, Section, Word, visible};

impl Report {
    /// Renders the report as aligned text tables in `language`.
    pub fn to_text(&self, language: Language) -> String {
        self.write(Writer::new(language)).out
    }

    /// The sections of [`Report::to_text`], in its order, as HTML for the
    /// printable document (docs/report.md#printable-report): the same
    /// layout code writes both, so the document has every section the
    /// text has.
    pub(super) fn sections_html(&self, language: Language, html: Html) -> (String, Html) {
        let w = self.write(Writer {
            html: Some(html),
            ..Writer::new(language)
        });
        (w.out, w.html.expect("still HTML"))
    }

    /// Writes every section in report order.
    fn write(&self, mut w: Writer) -> Writer {
        w.header(self);
        w.enrolment(&self.enrolment);
        w.goals(&self.goals);
        w.parameters(&self.parameters);
        w.exits(&self.exits);
        w.follow_ups(&self.follow_ups);
        w.breakdowns(&self.breakdowns);
        w.assistance(&self.assistance);
        w.esf(self.esf.as_ref());
        w.comparison(self.comparison.as_ref());
        w.trend(&self.trend);
        w.status_on(self.status_on.as_ref());
        w.data_quality(&self.data_quality);
        w.legend();
        w
    }

    /// Only the data-quality section of [`Report::to_text`], for tools that
    /// check data without reporting on it (`stegvis validate`).
    pub fn data_quality_text(&self, language: Language) -> String {
        let mut w = Writer::new(language);
        w.data_quality(&self.data_quality);
        w.legend();
        w.out
    }
}

/// Column alignment in [`Writer::table`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Right,
}
use Align::{Left as L, Right as R};

/// Builds the text; the cells remember which markers it used, for the legend.
struct Writer {
    lang: Language,
    cells: Cells,
    out: String,
    /// Set when the sections are written as HTML for the printable
    /// document (docs/report.md#printable-report): each layout primitive
    /// below then writes elements instead of aligned text.
    html: Option<Html>,
}

impl Writer {
    fn new(lang: Language) -> Self {
        Writer {
            lang,
            cells: Cells::new(lang),
            out: String::new(),
            html: None,
        }
    }

    /// A word of the catalogue.
    fn w(&self, word: impl Into<Word>) -> &'static str {
        self.lang.word(word)
    }

    /// Every line passes here, so no text from a programme or data reaches
    /// the output with a control or bidirectional formatting character in
    /// it (`docs/report.md#control-characters`): they show as `\u{1b}`.
    fn line(&mut self, text: &str) {
        if let Some(html) = &mut self.html {
            html.paragraph(&mut self.out, text);
            return;
        }
        self.out.push_str(&visible(text.trim_end()));
        self.out.push('\n');
    }

    /// An indented note under a heading (`  No goals defined.`).
    fn note(&mut self, label: Label) {
        if let Some(html) = &mut self.html {
            html.note(&mut self.out, self.lang.word(label));
            return;
        }
        let text = format!("  {}", self.w(label));
        self.line(&text);
    }

    fn heading(&mut self, section: Section) {
        let title = self.w(section);
        if let Some(html) = &mut self.html {
            html.heading(&mut self.out, section, title, self.cells.hidden());
            return;
        }
        self.line("");
        self.line(title);
        self.line(&"=".repeat(title.chars().count()));
    }

    /// Writes `rows` under `header`, every column padded to its widest cell.
    /// Widths count chars: the labels and the markers are one column each.
    fn table(&mut self, header: &[&str], align: &[Align], rows: &[Vec<String>]) {
        if let Some(html) = &mut self.html {
            html.table(&mut self.out, self.lang, header, align, rows);
            return;
        }
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        // Escaped before measuring, so that the columns stay aligned.
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|cell| visible(cell).into_owned()).collect())
            .collect();
        let rows = &rows[..];
        let mut widths = vec![0; header.len()];
        for row in std::iter::once(&header).chain(rows) {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let render = |row: &[String]| {
            let cells = row.iter().zip(&widths).zip(align).map(|((cell, &w), a)| {
                let pad = " ".repeat(w - cell.chars().count());
                match a {
                    Align::Left => format!("{cell}{pad}"),
                    Align::Right => format!("{pad}{cell}"),
                }
            });
            format!("  {}", cells.collect::<Vec<_>>().join("  "))
        };
        self.line(&render(&header));
        let total = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        self.line(&format!("  {}", "-".repeat(total)));
        for row in rows {
            self.line(&render(row));
        }
    }

    /// Column heads in this language.
    fn heads(&self, columns: &[C]) -> Vec<&'static str> {
        columns.iter().map(|&c| self.w(c)).collect()
    }

    // ---- sections ----

    /// A sub-heading under a section's heading, underlined in text.
    fn subheading(&mut self, title: &str) {
        if let Some(html) = &mut self.html {
            html.subheading(&mut self.out, title, 3);
            return;
        }
        self.line("");
        self.line(title);
        self.line(&"-".repeat(title.chars().count()));
    }

    /// The title of one table (a goal, a parameter), after a blank line.
    fn title(&mut self, title: &str) {
        if let Some(html) = &mut self.html {
            html.subheading(&mut self.out, title, 4);
            return;
        }
        self.line("");
        self.line(title);
    }

    fn header(&mut self, r: &Report) {
        // The printable document writes its own header.
        if self.html.is_some() {
            return;
        }
        self.line(&format!("{} ({})", r.programme.name, r.programme.id));
        let as_of = self.lang.phrase(&Phrase::AsOf { date: r.as_of });
        self.line(&as_of);
    }

    fn enrolment(&mut self, e: &Enrolment) {
        self.heading(Section::Enrolment);
        let mut rows = vec![
            vec![
                self.w(Label::Enrolled).into(),
                self.cells.count(&e.enrolled),
            ],
            vec![
                self.w(Label::Planned).into(),
                self.cells.count(&Figure::Value(e.planned)),
            ],
            vec![
                self.w(Label::ShareOfPlan).into(),
                self.cells.share(&e.share_of_plan),
            ],
            vec![
                self.w(Label::ExpectedByNow).into(),
                self.cells.number(e.expected_by_now, 1),
            ],
            vec![
                self.w(Label::RecruitmentEnd).into(),
                format!(
                    "{} ({})",
                    e.recruitment_end,
                    self.w(if e.recruitment_open {
                        Label::RecruitmentOpen
                    } else {
                        Label::RecruitmentClosed
                    })
                ),
            ],
        ];
        // The re-entry rule and counts (`docs/report.md#reentry`).
        rows.push(vec![
            self.w(Label::Reentry).into(),
            reentry::rule(self.lang, e.reentry.policy).into(),
        ]);
        for (label, count) in reentry::counts(&e.reentry) {
            rows.push(vec![self.w(label).into(), self.cells.count(count)]);
        }
        self.pairs(&rows);
        self.line("");
        let mut rows = Vec::new();
        let open = e.recruitment_open;
        for (key, g) in e.by_gender.iter() {
            let c = &mut self.cells;
            let mut row = vec![
                self.lang.word(key).into(),
                c.count(&g.count),
                c.share(&g.share),
                c.interval(&g.ci),
                c.share(&Figure::Value(g.target)),
                c.points(&g.deviation),
                c.yes_no(&g.within_tolerance),
            ];
            // `docs/method.md#recruitment`: still to recruit and the
            // projection while open; what was missed once closed.
            if open {
                row.push(c.optional_count(&g.needed));
                row.push(match g.projected_share {
                    Figure::Value(None) => c.undefined(),
                    Figure::Suppressed => c.suppressed(),
                    Figure::Value(Some(_)) => format!(
                        "{} ({})",
                        c.share(&g.projected_share),
                        c.interval(&g.projected_ci)
                    ),
                });
            } else {
                row.push(c.optional_count(&g.missed));
            }
            rows.push(row);
        }
        let mut columns = vec![
            C::Gender,
            C::Count,
            C::Share,
            C::Interval,
            C::Target,
            C::Deviation,
            C::WithinTolerance,
        ];
        let mut align = vec![L, R, R, L, R, R, L];
        if open {
            columns.extend([C::StillToRecruit, C::Projected]);
            align.extend([R, L]);
        } else {
            columns.push(C::Missed);
            align.push(R);
        }
        let header = self.heads(&columns);
        self.table(&header, &align, &rows);
    }

    /// Label–value lines without a header.
    fn pairs(&mut self, rows: &[Vec<String>]) {
        if let Some(html) = &mut self.html {
            html.pairs(&mut self.out, rows);
            return;
        }
        let width = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0);
        for r in rows {
            let pad = " ".repeat(width - r[0].chars().count());
            self.line(&format!("  {}{pad}  {}", r[0], r[1]));
        }
    }

    fn goals(&mut self, goals: &[GoalResult]) {
        self.heading(Section::Goals);
        if goals.is_empty() {
            self.note(Label::NoGoals);
            return;
        }
        let mut rows = Vec::new();
        for g in goals {
            let c = &mut self.cells;
            let status = match g.status {
                Figure::Value(s) => self.lang.word(s).into(),
                Figure::Suppressed => c.suppressed(),
            };
            rows.push(vec![
                g.id.clone(),
                self.lang.word(g.population).into(),
                c.count(&g.population_size),
                c.ratio(&g.achieved, &g.denominator),
                c.count(&g.unknown),
                c.count(&g.excluded),
                c.share(&g.share),
                c.interval(&g.ci),
                c.share(&Figure::Value(Some(g.target))),
                status,
                c.yes_no(&g.confident.map(Some)),
            ]);
        }
        let header = self.heads(&[
            C::Goal,
            C::Population,
            C::PopulationSize,
            C::Achieved,
            C::Unknown,
            C::Excluded,
            C::Share,
            C::Interval,
            C::Target,
            C::Status,
            C::Confident,
        ]);
        self.table(&header, &[L, L, R, R, R, R, R, L, R, L, L], &rows);
        for g in goals {
            self.goal_by_gender(g);
        }
    }

    /// A goal's result per gender and the gap women − men.
    fn goal_by_gender(&mut self, g: &GoalResult) {
        self.title(&format!("{}: {}", g.id, g.name));
        self.population(g);
        let mut rows = Vec::new();
        for (key, r) in g.by_gender.iter() {
            let counted = |c: &Count| !matches!(c, Figure::Value(0));
            // Women and men always; other groups only when someone is in them.
            if !matches!(key, Gender::Woman | Gender::Man)
                && !counted(&r.denominator)
                && !counted(&r.excluded)
            {
                continue;
            }
            let c = &mut self.cells;
            rows.push(vec![
                self.lang.word(key).into(),
                c.ratio(&r.achieved, &r.denominator),
                c.share(&r.share),
                c.interval(&r.ci),
            ]);
        }
        let header = self.heads(&[C::Gender, C::Achieved, C::Share, C::Interval]);
        self.table(&header, &[L, R, R, L], &rows);
        let label = self.w(Label::GapWomenMen);
        let gap = self.cells.gap(g.gender_gap.as_ref());
        self.line(&format!("  {label}: {gap}"));
    }

    /// A population given as more than a word (`docs/programme.md#population`):
    /// its horizon and its `where` criterion as the programme writes it.
    fn population(&mut self, g: &GoalResult) {
        if g.population_after_months.is_none() && g.population_where.is_none() {
            return;
        }
        let mut text = format!(
            "  {}: {}",
            self.w(C::Population),
            self.lang.word(g.population)
        );
        if let (Some(months), Some(tolerance_days)) =
            (g.population_after_months, g.population_tolerance_days)
        {
            let horizon = self.lang.phrase(&Phrase::Horizon {
                months,
                tolerance_days,
            });
            text.push_str(&format!(", {horizon}"));
        }
        if let Some(c) = &g.population_where {
            text.push_str(&format!("; {} {c}", self.w(Label::Where)));
        }
        self.line(&text);
    }

    fn parameters(&mut self, parameters: &[ParameterChange]) {
        self.heading(Section::Parameters);
        if parameters.is_empty() {
            self.note(Label::NoParameters);
            return;
        }
        let mut rows = Vec::new();
        for p in parameters {
            let c = &mut self.cells;
            let mut row = vec![p.id.clone(), c.count(&p.evaluable)];
            for (n, s) in [
                (&p.improved, &p.improved_share),
                (&p.unchanged, &p.unchanged_share),
                (&p.worsened, &p.worsened_share),
            ] {
                row.push(format!("{} ({})", c.count(n), c.share(s)));
            }
            row.push(c.mean_gain(&p.mean_gain));
            row.push(p.name.clone());
            rows.push(row);
        }
        let header = self.heads(&[
            C::Parameter,
            C::Evaluable,
            C::Improved,
            C::Unchanged,
            C::Worsened,
            C::MeanGain,
            C::Name,
        ]);
        self.table(&header, &[L, R, R, R, R, R, L], &rows);
        for p in parameters {
            if let Some(matrix) = &p.transitions {
                self.transitions(&p.id, matrix);
            }
        }
    }

    /// A ladder's baseline × latest counts, levels numbered from 1.
    fn transitions(&mut self, id: &str, matrix: &[Vec<Count>]) {
        let title = self.lang.phrase(&Phrase::Transitions {
            parameter: id.into(),
        });
        self.title(&title);
        let corner = self.w(C::TransitionCorner);
        let levels: Vec<String> = (1..=matrix.len()).map(|l| l.to_string()).collect();
        let header: Vec<&str> = std::iter::once(corner)
            .chain(levels.iter().map(String::as_str))
            .collect();
        let mut rows = Vec::new();
        for (level, cells) in levels.iter().zip(matrix) {
            let mut row = vec![level.clone()];
            row.extend(cells.iter().map(|c| self.cells.count(c)));
            rows.push(row);
        }
        let mut align = vec![R; header.len()];
        align[0] = L;
        self.table(&header, &align, &rows);
    }

    fn exits(&mut self, exits: &Exits) {
        self.heading(Section::Exits);
        let count = self.cells.count(&exits.exited);
        let exited = self.lang.phrase(&Phrase::Exited {
            count: count.into(),
        });
        self.line(&format!("  {exited}"));
        let mut rows = Vec::new();
        for (key, o) in exits.by_outcome.iter() {
            // Outcomes nobody had are left out; a zero reveals nothing.
            if matches!(o.count, Figure::Value(0)) {
                continue;
            }
            rows.push(vec![
                self.lang.word(key).into(),
                self.cells.count(&o.count),
                self.cells.share(&o.share),
            ]);
        }
        if rows.is_empty() {
            return;
        }
        self.line("");
        let header = self.heads(&[C::ExitOutcome, C::Count, C::Share]);
        self.table(&header, &[L, R, R], &rows);
        self.exits_by_gender(exits);
    }

    fn data_quality(&mut self, issues: &[Issue]) {
        self.heading(Section::DataQuality);
        if issues.is_empty() {
            self.note(Label::NoIssues);
            return;
        }
        let mut rows: Vec<Vec<String>> = Vec::with_capacity(issues.len());
        for i in issues {
            let mut shown: Vec<String> = i.rows.iter().map(u64::to_string).collect();
            if i.count.value().is_some_and(|&c| c > i.rows.len() as u64) {
                shown.push(self.w(Marker::More).into());
            }
            let count = self.cells.count(&i.count);
            rows.push(vec![
                self.w(i.kind).into(),
                self.w(i.table).into(),
                count,
                shown.join(", "),
            ]);
        }
        let header = self.heads(&[C::Issue, C::Table, C::Count, C::FirstRows]);
        self.table(&header, &[L, L, R, L], &rows);
    }

    /// Explains the markers and abbreviations that occur in the text.
    fn legend(&mut self) {
        let lines = self.cells.legend();
        if let Some(html) = &mut self.html {
            html.end(&mut self.out, &lines, self.cells.hidden());
            return;
        }
        if lines.is_empty() {
            return;
        }
        self.line("");
        for line in lines {
            self.line(&line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dataset, Options, Programme};

    const PEOPLE: &str = include_str!("../../../../tests/fixtures/spec12/participants.csv");

    /// `docs/method.md#worked-example`: three participants as of 2022-06-30, plus `extra` rows.
    fn report_with(extra_people: &str) -> Report {
        let programme =
            Programme::from_toml(include_str!("../../../../examples/nordost/programme.toml"))
                .unwrap();
        let mut b = Dataset::builder(&programme);
        let readings = include_str!("../../../../tests/fixtures/spec12/assessments.csv");
        let people = format!("{PEOPLE}{extra_people}");
        b.read_participants_csv(people.as_bytes()).unwrap();
        b.read_assessments_csv(readings.as_bytes()).unwrap();
        let as_of = "2022-06-30".parse().unwrap();
        b.build().evaluate(&Options::new().as_of(as_of)).unwrap()
    }

    fn report() -> Report {
        report_with("")
    }

    #[test]
    fn controls_in_names_and_ids_print_as_visible_escapes() {
        let toml = include_str!("../../../../examples/nordost/programme.toml")
            .replace(r#"id = "2020/00551""#, r#"id = "2020\r00551""#)
            .replace(r#"name = "Arbetsliv"#, r#"name = "X\u001b[2J\u0007Y"#)
            .replace(r#""Steg mot arbetsmarknaden""#, r#""Steg\u202emot\u2066""#)
            .replace(r#"id = "closer""#, r#"id = "clo\tser""#)
            .replace(
                r#"name = "Påvisar progression""#,
                r#"name = "P\u009b31m\u007f""#,
            );
        let programme = Programme::from_toml(&toml).unwrap();
        let mut b = Dataset::builder(&programme);
        b.read_participants_csv(PEOPLE.as_bytes()).unwrap();
        let readings = include_str!("../../../../tests/fixtures/spec12/assessments.csv");
        b.read_assessments_csv(readings.as_bytes()).unwrap();
        let as_of = "2022-06-30".parse().unwrap();
        let report = b.build().evaluate(&Options::new().as_of(as_of)).unwrap();
        for lang in [Language::English, Language::Swedish] {
            let text = report.to_text(lang);
            let hidden: Vec<char> = text
                .chars()
                .filter(|&c| c != '\n' && crate::words::is_hidden(c))
                .collect();
            assert_eq!(hidden, [], "{lang:?}");
            assert!(
                text.starts_with("X\\u{1b}[2J\\u{7}Y och hälsa Nordost (2020\\u{d}00551)\n"),
                "{text}"
            );
            assert!(text.contains("Steg\\u{202e}mot\\u{2066}"), "{text}");
            assert!(text.contains("P\\u{9b}31m\\u{7f}"), "{text}");
            // A goal id escaped in a table keeps its columns aligned.
            let column = |id: &str| {
                let line = text.lines().find(|l| l.starts_with(&format!("  {id} ")));
                line.and_then(|l| l.find(" enrolled").or_else(|| l.find(" inskrivna")))
            };
            assert!(column("clo\\u{9}ser").is_some(), "{text}");
            assert_eq!(column("clo\\u{9}ser"), column("progression"), "{text}");
        }
        let summary = report.summary(Language::English, None);
        assert!(!summary.chars().any(crate::words::is_hidden), "{summary}");
        assert!(summary.starts_with("X\\u{1b}[2J\\u{7}Y och"), "{summary}");
        let html = report.to_html(Language::English, None);
        assert!(
            !html
                .chars()
                .any(|c| c != '\n' && crate::words::is_hidden(c)),
            "{html}"
        );
        assert!(html.contains("X\\u{1b}[2J\\u{7}Y"), "{html}");
    }

    /// The cells of every line that starts with `label`, split on whitespace.
    fn rows<'t>(text: &'t str, label: &str) -> Vec<Vec<&'t str>> {
        text.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .filter(|cells| cells.first() == Some(&label))
            .collect()
    }

    /// The first line that starts with `label`, split on whitespace.
    fn row<'t>(text: &'t str, label: &str) -> Vec<&'t str> {
        let found = rows(text, label);
        assert!(
            !found.is_empty(),
            "a line starting with {label:?} in\n{text}"
        );
        found.into_iter().next().unwrap()
    }

    fn cells(expected: &str) -> Vec<&str> {
        expected.split_whitespace().collect()
    }

    #[test]
    fn header_and_enrolment_in_english() {
        let text = report().to_text(Language::English);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("Arbetsliv och hälsa Nordost (2020/00551)")
        );
        assert_eq!(lines.next(), Some("As of 2022-06-30"));
        assert_eq!(row(&text, "Enrolled"), cells("Enrolled 3"));
        // 3 / 200 = 1.5 %; recruitment ends 2022-07-31: 200 × 514 / 545 = 188.624.
        assert_eq!(row(&text, "Share"), cells("Share of plan 1.5 %"));
        assert_eq!(row(&text, "Expected"), cells("Expected by now 188.6"));
        assert_eq!(
            row(&text, "Recruitment"),
            cells("Recruitment ends 2022-07-31 (open)")
        );
    }

    #[test]
    fn gender_table_in_english() {
        let text = report().to_text(Language::English);
        // Women 2 of 3 known: 66.7 % vs 56 % → +10.7 pp, outside ±5;
        // needed 0.56 × 200 − 2 = 110. Men 1 of 3 vs 44 %: 88 − 1 = 87.
        // Recruitment is open: 197 places left at the current shares, the
        // Wilson bounds on those only (docs/method.md#recruitment):
        // (2 + 197 × 0.2077) / 200 = 21.5 %, (2 + 197 × 0.9385) / 200 = 93.4 %.
        assert_eq!(
            row(&text, "women"),
            cells("women 2 66.7 % 20.8–93.9 % 56.0 % +10.7 pp no 110 66.7 % (21.5–93.4 %)")
        );
        assert_eq!(
            row(&text, "men"),
            cells("men 1 33.3 % 6.1–79.2 % 44.0 % −10.7 pp no 87 33.3 % (6.6–78.5 %)")
        );
        // 0 of 3: Wilson upper z²/(3 + z²) = 0.5615; no target;
        // projected upper 197 × 0.5615 / 200 = 55.3 %.
        assert_eq!(
            row(&text, "non-binary"),
            cells("non-binary 0 0.0 % 0.0–56.1 % – – – – 0.0 % (0.0–55.3 %)")
        );
        assert_eq!(row(&text, "not"), cells("not recorded 0 – – – – – – –"));
        // Units stay with their numbers: a no-break space.
        assert!(text.contains("66.7\u{a0}%"));
    }

    #[test]
    fn goal_table_in_english() {
        let text = report().to_text(Language::English);
        assert_eq!(
            row(&text, "closer"),
            cells("closer enrolled 3 2/3 1 0 66.7 % 20.8–93.9 % 50.0 % met no")
        );
        assert_eq!(
            row(&text, "progression"),
            cells("progression enrolled 3 2/3 1 0 66.7 % 20.8–93.9 % 70.0 % not met no")
        );
    }

    #[test]
    fn goal_by_gender_and_gap_in_english() {
        let text = report().to_text(Language::English);
        // Both goals: women a (true) and c (unknown → fail): 1/2, Wilson
        // [0.0945, 0.9055]; men b: 1/1, [0.2065, 1]; gap −0.5 [−0.9055, 0.3910].
        let women = rows(&text, "women");
        let men = rows(&text, "men");
        assert_eq!(women.len(), 5, "the enrolment row and one per goal");
        for goal in 1..=2 {
            assert_eq!(women[goal], cells("women 1/2 50.0 % 9.5–90.5 %"));
            assert_eq!(men[goal], cells("men 1/1 100.0 % 20.7–100.0 %"));
        }
        // retention and newly_arrived count nobody (docs/method.md#worked-example).
        for row in &women[3..=4] {
            assert_eq!(*row, cells("women 0/0 – –"));
        }
        let gaps = rows(&text, "Gap");
        assert_eq!(gaps.len(), 4);
        for gap in &gaps[..2] {
            assert_eq!(*gap, cells("Gap women − men: −50.0 pp (−90.5 to +39.1 pp)"));
        }
        assert_eq!(gaps[2], cells("Gap women − men: –"));
        // A population given as a table is shown as defined.
        assert!(text.contains(
            "\n  Population: due for follow-up, 12 months ±45 days; where \
             {\"exit_outcome\":[\"employment\",\"subsidised_employment\",\"education\"]}\n"
        ));
        assert!(text.contains("\n  Population: enrolled; where {\"tag\":\"newly_arrived\"}\n"));
        assert!(text.contains("closer: Närmat sig arbetsmarknaden\n"));
    }

    #[test]
    fn parameters_transitions_exits_in_english() {
        let text = report().to_text(Language::English);
        // step: only b evaluable, 1 → 3. swedish: a +1, b 0.
        assert_eq!(
            row(&text, "step"),
            cells("step 1 1 (100.0 %) 0 (0.0 %) 0 (0.0 %) +2.00 Steg mot arbetsmarknaden")
        );
        assert_eq!(
            row(&text, "swedish"),
            cells("swedish 2 1 (50.0 %) 1 (50.0 %) 0 (0.0 %) +0.50 Svenska språket")
        );
        assert!(text.contains("Transitions: step (rows: baseline level, columns: latest level)"));
        assert_eq!(
            row(&text, "baseline"),
            cells("baseline \\ latest 1 2 3 4 5 6")
        );
        assert_eq!(row(&text, "1"), cells("1 0 0 1 0 0 0"));
        assert_eq!(row(&text, "6"), cells("6 0 0 0 0 0 0"));
        // a exited to employment; no other outcome is listed.
        assert_eq!(row(&text, "Exited"), cells("Exited by as-of: 1"));
        assert_eq!(row(&text, "employment"), cells("employment 1 100.0 %"));
        // An exit on 2022-02-01 is not due at 6 months ± 45 days by 2022-06-30.
        // Exits by gender: women and men always, other genders when
        // someone exited (docs/decisions.md#decision-82).
        assert_eq!(rows(&text, "Exited")[1], cells("Exited 1 0"));
        assert_eq!(
            rows(&text, "employment")[1],
            cells("employment 1 (100.0 %) 0 (–)")
        );
        // An exit on 2022-02-01 is not due at 6 months ± 45 days by
        // 2022-06-30, and a has no follow-up: nobody is due, reached or
        // early, and every share is undefined (no gender row has anyone).
        let six = rows(&text, "6");
        assert_eq!(six[1], cells("6 months ±45 days all 0 0 0 – – 0"));
        assert_eq!(six[2], cells("6 months ±45 days"));
        assert_eq!(six[3], cells("6 months ±45 days all 0/0 – – 0/0 – –"));
        assert_eq!(
            row(&text, "12"),
            cells("12 months ±45 days all 0 0 0 – – 0")
        );
        let not = rows(&text, "not");
        assert!(not.contains(&cells("not reached 0 –")), "{not:?}");
        assert!(!text.contains("women 0 0"));
        assert!(text.contains("\n  No data-quality issues.\n"));
        assert!(text.contains("\n– = not defined (nobody to count)\n"));
        assert!(text.contains("\npp = percentage points\n"));
        assert!(!text.contains("supp."));
    }

    #[test]
    fn swedish_labels_and_decimal_comma() {
        let text = report().to_text(Language::Swedish);
        assert!(text.contains("\nPer 2022-06-30\n"));
        assert_eq!(row(&text, "Inskrivna"), cells("Inskrivna 3"));
        assert_eq!(row(&text, "Andel"), cells("Andel av plan 1,5 %"));
        assert_eq!(
            row(&text, "kvinnor"),
            cells("kvinnor 2 66,7 % 20,8–93,9 % 56,0 % +10,7 p.e. nej 110 66,7 % (21,5–93,4 %)")
        );
        assert_eq!(
            row(&text, "män"),
            cells("män 1 33,3 % 6,1–79,2 % 44,0 % −10,7 p.e. nej 87 33,3 % (6,6–78,5 %)")
        );
        assert_eq!(
            row(&text, "Rekrytering"),
            cells("Rekrytering till och med 2022-07-31 (pågår)")
        );
        assert_eq!(
            row(&text, "closer"),
            cells("closer inskrivna 3 2/3 1 0 66,7 % 20,8–93,9 % 50,0 % uppfyllt nej")
        );
        assert_eq!(
            row(&text, "progression"),
            cells("progression inskrivna 3 2/3 1 0 66,7 % 20,8–93,9 % 70,0 % ej uppfyllt nej")
        );
        assert_eq!(
            rows(&text, "Skillnad")[0],
            cells("Skillnad kvinnor − män: −50,0 p.e. (−90,5 till +39,1 p.e.)")
        );
        assert_eq!(row(&text, "arbete"), cells("arbete 1 100,0 %"));
        assert!(text.contains("\n  Inga datakvalitetsproblem.\n"));
        assert!(text.contains("\np.e. = procentenheter\n"));
        // The goal column and the target column have different heads.
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with("Mål ") && l.contains(" Målnivå "))
        );
        assert!(!text.contains("Enrolment"));
    }

    #[test]
    fn columns_line_up() {
        let text = report().to_text(Language::English);
        let lines: Vec<&str> = text.lines().collect();
        let header = lines
            .iter()
            .position(|l| l.trim_start().starts_with("Gender ") && l.contains("Count"))
            .unwrap();
        // Right-aligned "Still to recruit": women's 110 and men's 87 end
        // where the head ends; the projection follows, left-aligned.
        let head: Vec<char> = lines[header].chars().collect();
        let end = lines[header].find("Still to recruit").unwrap() + "Still to recruit".len();
        let end = lines[header][..end].chars().count();
        assert_eq!(head.get(end), Some(&' '));
        for line in &lines[header + 2..header + 4] {
            let chars: Vec<char> = line.chars().collect();
            assert!(chars[end - 1].is_ascii_digit(), "{line:?}");
            assert_eq!(chars[end], ' ', "{line:?}");
        }
        // The rule under the head spans the widest row.
        let width = lines[header..header + 6]
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap();
        assert_eq!(lines[header + 1].trim_start().chars().count() + 2, width);
    }

    #[test]
    fn suppressed_values_are_marked_and_explained() {
        let text = report().suppress(5).to_text(Language::English);
        assert_eq!(row(&text, "Enrolled"), cells("Enrolled supp."));
        // Women (2) and men (1) are below 5: the count and all that derive from it.
        assert_eq!(
            row(&text, "women"),
            cells("women supp. supp. supp. 56.0 % supp. supp. supp. supp.")
        );
        assert_eq!(row(&text, "employment"), cells("employment supp. supp."));
        assert!(text.contains(
            "\nsupp. = suppressed: a count below the minimum cell size, or a value that would reveal one\n"
        ));
        let swedish = report().suppress(5).to_text(Language::Swedish);
        assert_eq!(row(&swedish, "Inskrivna"), cells("Inskrivna dolt"));
        assert!(swedish.contains("\ndolt = dolt värde"));
    }

    #[test]
    fn data_quality_issues_list_kind_table_count_rows() {
        // Row 5: a participant without a recorded gender.
        let text = report_with("d,,2021-06-01,,\n").to_text(Language::English);
        assert_eq!(
            row(&text, "gender"),
            cells("gender not recorded participants 1 5")
        );
        assert_eq!(row(&text, "not")[..3], cells("not recorded 1")[..]);
        let swedish = report_with("d,,2021-06-01,,\n").to_text(Language::Swedish);
        assert_eq!(row(&swedish, "kön"), cells("kön saknas deltagare 1 5"));
    }
}
