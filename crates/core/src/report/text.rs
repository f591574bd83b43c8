//! The report as aligned plain text, with Swedish or English labels.
//!
//! Shares print as percentages with one decimal (a decimal comma in
//! Swedish), deviations and gaps in percentage points with a sign. A value
//! that is undefined (nobody to count) prints as `–`; a value hidden by
//! disclosure control as `supp.` (`dolt`), and a legend under the report
//! explains whichever of the two markers occur.

use std::fmt;
use std::str::FromStr;

use super::{
    Count, Enrolment, Exits, Figure, FollowUpResult, GoalResult, GoalStatus, Interval,
    ParameterChange, Report, Share,
};
use crate::programme::Population;
use crate::report::Issue;
use crate::vocab::{ExitOutcome, Gender};

/// The language of labels in text output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Language {
    /// Svenska.
    Swedish,
    /// English.
    #[default]
    English,
}

impl Language {
    /// The label in this language.
    fn pick(self, english: &'static str, swedish: &'static str) -> &'static str {
        match self {
            Language::English => english,
            Language::Swedish => swedish,
        }
    }
}

/// A language name that is none of `sv`, `en`, `svenska`, `english`, `swedish`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownLanguage;

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown language (expected sv or en)")
    }
}

impl std::error::Error for UnknownLanguage {}

/// Parses `sv`, `svenska`, `swedish`, `en`, `english`, ignoring case and
/// surrounding space.
impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "sv" | "svenska" | "swedish" => Ok(Language::Swedish),
            "en" | "english" | "engelska" => Ok(Language::English),
            _ => Err(UnknownLanguage),
        }
    }
}

impl Report {
    /// Renders the report as aligned text tables with labels in `language`.
    pub fn to_text(&self, language: Language) -> String {
        let mut w = Writer::new(language);
        w.header(self);
        w.enrolment(&self.enrolment);
        w.goals(&self.goals);
        w.parameters(&self.parameters);
        w.exits(&self.exits);
        w.follow_ups(&self.follow_ups);
        w.data_quality(&self.data_quality);
        w.legend();
        w.out
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
enum Align {
    Left,
    Right,
}
use Align::{Left as L, Right as R};

/// Builds the text and remembers which markers it used, for the legend.
struct Writer {
    lang: Language,
    out: String,
    saw_undefined: bool,
    saw_suppressed: bool,
}

impl Writer {
    fn new(lang: Language) -> Self {
        Writer {
            lang,
            out: String::new(),
            saw_undefined: false,
            saw_suppressed: false,
        }
    }

    fn t(&self, english: &'static str, swedish: &'static str) -> &'static str {
        self.lang.pick(english, swedish)
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text.trim_end());
        self.out.push('\n');
    }

    fn heading(&mut self, title: &str) {
        self.line("");
        self.line(title);
        self.line(&"=".repeat(title.chars().count()));
    }

    /// Writes `rows` under `header`, every column padded to its widest cell.
    /// Widths count chars: the labels and the markers are one column each.
    fn table(&mut self, header: &[&str], align: &[Align], rows: &[Vec<String>]) {
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
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

    // ---- cells ----

    fn undefined(&mut self) -> String {
        self.saw_undefined = true;
        "–".into()
    }

    fn suppressed(&mut self) -> String {
        self.saw_suppressed = true;
        self.t("supp.", "dolt").into()
    }

    /// A figure through `show`, or a marker when hidden or undefined.
    fn figure<T: Copy>(&mut self, f: &Figure<Option<T>>, show: impl Fn(T) -> String) -> String {
        match f {
            Figure::Suppressed => self.suppressed(),
            Figure::Value(None) => self.undefined(),
            Figure::Value(Some(v)) => show(*v),
        }
    }

    fn count(&mut self, c: &Count) -> String {
        match c {
            Figure::Suppressed => self.suppressed(),
            Figure::Value(v) => v.to_string(),
        }
    }

    /// `k/n`, either side possibly hidden.
    fn ratio(&mut self, k: &Count, n: &Count) -> String {
        format!("{}/{}", self.count(k), self.count(n))
    }

    fn number(&self, x: f64, decimals: usize, signed: bool) -> String {
        number(self.lang, x, decimals, signed)
    }

    fn percent(&mut self, s: &Share) -> String {
        let lang = self.lang;
        self.figure(s, |x| format!("{} %", number(lang, x * 100.0, 1, false)))
    }

    fn points(&mut self, s: &Share) -> String {
        let (lang, unit) = (self.lang, self.t("pp", "p.e."));
        self.figure(s, |x| {
            format!("{} {unit}", number(lang, x * 100.0, 1, true))
        })
    }

    /// A share's interval in percent: `[20.8–93.9]`.
    fn interval(&mut self, ci: &Interval) -> String {
        match (ci.lower, ci.upper) {
            (Figure::Value(Some(lo)), Figure::Value(Some(hi))) => format!(
                "[{}–{}]",
                self.number(lo * 100.0, 1, false),
                self.number(hi * 100.0, 1, false)
            ),
            (Figure::Suppressed, _) | (_, Figure::Suppressed) => self.suppressed(),
            _ => self.undefined(),
        }
    }

    fn yes_no(&mut self, b: &Figure<Option<bool>>) -> String {
        let (yes, no) = (self.t("yes", "ja"), self.t("no", "nej"));
        self.figure(b, |b| if b { yes } else { no }.into())
    }

    fn gender(&self, key: Gender) -> &'static str {
        match key {
            Gender::Woman => self.t("women", "kvinnor"),
            Gender::Man => self.t("men", "män"),
            Gender::NonBinary => self.t("non-binary", "icke-binära"),
            Gender::Unknown => self.t("unknown", "okänt"),
        }
    }

    fn outcome(&self, key: Option<ExitOutcome>) -> &'static str {
        match key.map_or("missing", ExitOutcome::as_str) {
            "employment" => self.t("employment", "arbete"),
            "subsidised_employment" => self.t("subsidised employment", "anställning med stöd"),
            "education" => self.t("education", "studier"),
            "job_seeking" => self.t("job seeking", "arbetssökande"),
            "labour_market_programme" => {
                self.t("labour-market programme", "annan arbetsmarknadsinsats")
            }
            "health_care" => self.t("health care", "vård, rehabilitering"),
            "parental_leave" => self.t("parental leave", "föräldraledighet"),
            "moved" => self.t("moved", "flyttat"),
            "other" => self.t("other", "annat"),
            "unknown" => self.t("unknown", "okänt"),
            _ => self.t("missing", "saknas"),
        }
    }

    // ---- sections ----

    fn header(&mut self, r: &Report) {
        self.line(&format!("{} ({})", r.programme.name, r.programme.id));
        let as_of = self.t("As of", "Per");
        self.line(&format!("{as_of} {}", r.as_of));
    }

    fn enrolment(&mut self, e: &Enrolment) {
        self.heading(self.t("Enrolment", "Inskrivning"));
        let rows = vec![
            vec![
                self.t("Enrolled", "Inskrivna").into(),
                self.count(&e.enrolled),
            ],
            vec![self.t("Planned", "Planerade").into(), e.planned.to_string()],
            vec![
                self.t("Share of plan", "Andel av plan").into(),
                self.percent(&e.share_of_plan),
            ],
            vec![
                self.t("Expected by now", "Förväntat hittills").into(),
                self.number(e.expected_by_now, 1, false),
            ],
        ];
        self.pairs(&rows);
        self.line("");
        let mut rows = Vec::new();
        for (key, g) in e.by_gender.iter() {
            rows.push(vec![
                self.gender(key).into(),
                self.count(&g.count),
                self.percent(&g.share),
                self.interval(&g.ci),
                self.percent(&Figure::Value(g.target)),
                self.points(&g.deviation),
                self.yes_no(&g.within_tolerance),
                self.figure(&g.needed, |n| n.to_string()),
            ]);
        }
        let header = [
            self.t("Gender", "Kön"),
            self.t("Count", "Antal"),
            self.t("Share", "Andel"),
            self.t("95 % CI", "95 % KI"),
            self.t("Target", "Mål"),
            self.t("Deviation", "Avvikelse"),
            self.t("Within tolerance", "Inom tolerans"),
            self.t("Needed", "Behövs"),
        ];
        self.table(&header, &[L, R, R, L, R, R, L, R], &rows);
    }

    /// Label–value lines without a header.
    fn pairs(&mut self, rows: &[Vec<String>]) {
        let width = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0);
        for r in rows {
            let pad = " ".repeat(width - r[0].chars().count());
            self.line(&format!("  {}{pad}  {}", r[0], r[1]));
        }
    }

    fn goals(&mut self, goals: &[GoalResult]) {
        self.heading(self.t("Goals", "Mål"));
        if goals.is_empty() {
            self.line(self.t("  No goals defined.", "  Inga mål definierade."));
            return;
        }
        let mut rows = Vec::new();
        for g in goals {
            let status = match g.status {
                Figure::Value(GoalStatus::Met) => self.t("met", "uppfyllt").into(),
                Figure::Value(GoalStatus::NotMet) => self.t("not met", "ej uppfyllt").into(),
                Figure::Value(GoalStatus::NoData) => self.t("no data", "inga data").into(),
                Figure::Suppressed => self.suppressed(),
            };
            let population = match g.population {
                Population::Enrolled => self.t("enrolled", "inskrivna"),
                Population::Exited => self.t("exited", "avslutade"),
                Population::Active => self.t("active", "aktiva"),
            };
            rows.push(vec![
                g.id.clone(),
                population.into(),
                self.count(&g.population_size),
                self.ratio(&g.achieved, &g.denominator),
                self.count(&g.unknown),
                self.count(&g.excluded),
                self.percent(&g.share),
                self.interval(&g.ci),
                self.number(g.target * 100.0, 1, false) + " %",
                status,
                self.yes_no(&g.confident.map(Some)),
            ]);
        }
        let header = [
            self.t("Goal", "Mål"),
            self.t("Population", "Population"),
            "N",
            self.t("Achieved", "Uppnått"),
            self.t("Unknown", "Okänt"),
            self.t("Excluded", "Exkluderade"),
            self.t("Share", "Andel"),
            self.t("95 % CI", "95 % KI"),
            self.t("Target", "Målnivå"),
            self.t("Status", "Status"),
            self.t("Confident", "Säkerställt"),
        ];
        self.table(&header, &[L, L, R, R, R, R, R, L, R, L, L], &rows);
        for g in goals {
            self.goal_by_gender(g);
        }
    }

    /// A goal's result per gender and the gap women − men.
    fn goal_by_gender(&mut self, g: &GoalResult) {
        self.line("");
        self.line(&format!("{}: {}", g.id, g.name));
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
            rows.push(vec![
                self.gender(key).into(),
                self.ratio(&r.achieved, &r.denominator),
                self.percent(&r.share),
                self.interval(&r.ci),
            ]);
        }
        let header = [
            self.t("Gender", "Kön"),
            self.t("Achieved", "Uppnått"),
            self.t("Share", "Andel"),
            self.t("95 % CI", "95 % KI"),
        ];
        self.table(&header, &[L, R, R, L], &rows);
        let label = self.t("Gap women − men", "Skillnad kvinnor − män");
        let gap = match &g.gender_gap {
            None => self.undefined(),
            Some(gap) => {
                let difference = self.points(&gap.difference);
                let to = self.t("to", "till");
                let bounds = match (gap.lower, gap.upper) {
                    (Figure::Value(Some(lo)), Figure::Value(Some(hi))) => format!(
                        "[{} {to} {}]",
                        self.number(lo * 100.0, 1, true),
                        self.number(hi * 100.0, 1, true)
                    ),
                    (Figure::Suppressed, _) | (_, Figure::Suppressed) => self.suppressed(),
                    _ => self.undefined(),
                };
                format!("{difference} {bounds}")
            }
        };
        self.line(&format!("  {label}: {gap}"));
    }

    fn parameters(&mut self, parameters: &[ParameterChange]) {
        self.heading(self.t("Parameter change", "Förändring per parameter"));
        if parameters.is_empty() {
            self.line(self.t("  No parameters defined.", "  Inga parametrar definierade."));
            return;
        }
        let mut rows = Vec::new();
        for p in parameters {
            let mut row = vec![p.id.clone(), self.count(&p.evaluable)];
            for (c, s) in [
                (&p.improved, &p.improved_share),
                (&p.unchanged, &p.unchanged_share),
                (&p.worsened, &p.worsened_share),
            ] {
                row.push(format!("{} ({})", self.count(c), self.percent(s)));
            }
            let lang = self.lang;
            row.push(self.figure(&p.mean_gain, |x| number(lang, x, 2, true)));
            row.push(p.name.clone());
            rows.push(row);
        }
        let header = [
            self.t("Parameter", "Parameter"),
            self.t("Evaluable", "Bedömbara"),
            self.t("Improved", "Förbättrade"),
            self.t("Unchanged", "Oförändrade"),
            self.t("Worsened", "Försämrade"),
            self.t("Mean gain", "Medelförändring"),
            self.t("Name", "Namn"),
        ];
        self.table(&header, &[L, R, R, R, R, R, L], &rows);
        for p in parameters {
            if let Some(matrix) = &p.transitions {
                self.transitions(&p.id, matrix);
            }
        }
    }

    /// A ladder's baseline × latest counts, levels numbered from 1.
    fn transitions(&mut self, id: &str, matrix: &[Vec<Count>]) {
        self.line("");
        let title = self.t(
            "rows: baseline level, columns: latest level",
            "rader: nivå vid start, kolumner: senaste nivå",
        );
        let what = self.t("Transitions", "Övergångar");
        self.line(&format!("{what}, {id} ({title})"));
        let corner = self.t("baseline \\ latest", "start \\ senast");
        let levels: Vec<String> = (1..=matrix.len()).map(|l| l.to_string()).collect();
        let header: Vec<&str> = std::iter::once(corner)
            .chain(levels.iter().map(String::as_str))
            .collect();
        let mut rows = Vec::new();
        for (level, cells) in levels.iter().zip(matrix) {
            let mut row = vec![level.clone()];
            row.extend(cells.iter().map(|c| self.count(c)));
            rows.push(row);
        }
        let mut align = vec![R; header.len()];
        align[0] = L;
        self.table(&header, &align, &rows);
    }

    fn exits(&mut self, exits: &Exits) {
        self.heading(self.t("Exits", "Avslut"));
        let label = self.t("Exited by as-of", "Avslutade per datum");
        let exited = self.count(&exits.exited);
        self.line(&format!("  {label}: {exited}"));
        let mut rows = Vec::new();
        for (key, o) in exits.by_outcome.iter() {
            // Outcomes nobody had are left out; a zero reveals nothing.
            if matches!(o.count, Figure::Value(0)) {
                continue;
            }
            rows.push(vec![
                self.outcome(key).into(),
                self.count(&o.count),
                self.percent(&o.share),
            ]);
        }
        if rows.is_empty() {
            return;
        }
        self.line("");
        let header = [
            self.t("Outcome", "Avslutsorsak"),
            self.t("Count", "Antal"),
            self.t("Share", "Andel"),
        ];
        self.table(&header, &[L, R, R], &rows);
    }

    fn follow_ups(&mut self, follow_ups: &[FollowUpResult]) {
        self.heading(self.t("Follow-ups", "Uppföljningar"));
        if follow_ups.is_empty() {
            let none = self.t(
                "  No follow-up horizons defined.",
                "  Inga uppföljningstidpunkter definierade.",
            );
            self.line(none);
            return;
        }
        let (months, days) = (self.t("months", "mån"), self.t("days", "dagar"));
        let mut rows = Vec::new();
        for f in follow_ups {
            rows.push(vec![
                format!("{} {months} ±{} {days}", f.after_months, f.tolerance_days),
                self.count(&f.due),
                self.count(&f.observed),
                self.ratio(&f.not_receiving_assistance, &f.assistance_known),
                self.percent(&f.share_not_receiving_assistance),
                self.interval(&f.ci),
            ]);
        }
        let header = [
            self.t("Horizon", "Tidpunkt"),
            self.t("Due", "Aktuella"),
            self.t("Observed", "Observerade"),
            self.t("Not on assistance", "Utan försörjningsstöd"),
            self.t("Share", "Andel"),
            self.t("95 % CI", "95 % KI"),
        ];
        self.table(&header, &[L, R, R, R, R, L], &rows);
    }

    fn data_quality(&mut self, issues: &[Issue]) {
        self.heading(self.t("Data quality", "Datakvalitet"));
        if issues.is_empty() {
            self.line(self.t("  No data-quality issues.", "  Inga datakvalitetsproblem."));
            return;
        }
        let mut rows: Vec<Vec<String>> = Vec::with_capacity(issues.len());
        for i in issues {
            let mut shown: Vec<String> = i.rows.iter().map(u64::to_string).collect();
            if i.count.value().is_some_and(|&c| c > i.rows.len() as u64) {
                shown.push("…".into());
            }
            let count = self.count(&i.count);
            rows.push(vec![
                i.kind.as_str().into(),
                i.table.as_str().into(),
                count,
                shown.join(", "),
            ]);
        }
        let header = [
            self.t("Kind", "Typ"),
            self.t("Table", "Tabell"),
            self.t("Count", "Antal"),
            self.t("Rows", "Rader"),
        ];
        self.table(&header, &[L, L, R, L], &rows);
    }

    /// Explains the markers that occur in the text.
    fn legend(&mut self) {
        if !(self.saw_undefined || self.saw_suppressed) {
            return;
        }
        self.line("");
        if self.saw_undefined {
            let text = self.t(
                "– = not defined (nobody to count)",
                "– = ej definierat (ingen att räkna)",
            );
            self.line(text);
        }
        if self.saw_suppressed {
            let text = self.t(
                "supp. = suppressed: a count below the minimum cell size, or a value that would reveal one",
                "dolt = dolt värde: ett antal under minsta cellstorlek, eller ett värde som skulle avslöja ett sådant",
            );
            self.line(text);
        }
    }
}

/// A number with `decimals` decimals, a decimal comma in Swedish, and
/// optionally a sign; never `-0.0` (a rounded zero has no sign).
fn number(lang: Language, x: f64, decimals: usize, signed: bool) -> String {
    let mut s = if signed {
        format!("{x:+.decimals$}")
    } else {
        format!("{x:.decimals$}")
    };
    if s.trim_start_matches(['+', '-'])
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s = format!("{:.decimals$}", 0.0);
    }
    match lang {
        Language::English => s,
        Language::Swedish => s.replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dataset, Options, Programme};

    const PEOPLE: &str = include_str!("../../../../tests/fixtures/spec12/participants.csv");

    /// SPEC §12: three participants as of 2022-06-30, plus `extra` rows.
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
        // 3 / 200 = 1.5 %; 200 × 514 / 729 = 141.015.
        assert_eq!(row(&text, "Share"), cells("Share of plan 1.5 %"));
        assert_eq!(row(&text, "Expected"), cells("Expected by now 141.0"));
    }

    #[test]
    fn gender_table_in_english() {
        let text = report().to_text(Language::English);
        // Women 2 of 3 known: 66.7 % vs 56 % → +10.7 pp, outside ±5;
        // needed 0.56 × 200 − 2 = 110. Men 1 of 3 vs 44 %: 88 − 1 = 87.
        assert_eq!(
            row(&text, "women")[..11],
            cells("women 2 66.7 % [20.8–93.9] 56.0 % +10.7 pp no 110")[..]
        );
        assert_eq!(
            row(&text, "men")[..11],
            cells("men 1 33.3 % [6.1–79.2] 44.0 % -10.7 pp no 87")[..]
        );
        // 0 of 3: Wilson upper z²/(3 + z²) = 0.5615; no target.
        assert_eq!(
            row(&text, "non-binary"),
            cells("non-binary 0 0.0 % [0.0–56.1] – – – –")
        );
        assert_eq!(row(&text, "unknown"), cells("unknown 0 – – – – – –"));
    }

    #[test]
    fn goal_table_in_english() {
        let text = report().to_text(Language::English);
        assert_eq!(
            row(&text, "closer"),
            cells("closer enrolled 3 2/3 1 0 66.7 % [20.8–93.9] 50.0 % met no")
        );
        assert_eq!(
            row(&text, "progression"),
            cells("progression enrolled 3 2/3 1 0 66.7 % [20.8–93.9] 70.0 % not met no")
        );
    }

    #[test]
    fn goal_by_gender_and_gap_in_english() {
        let text = report().to_text(Language::English);
        // Both goals: women a (true) and c (unknown → fail): 1/2, Wilson
        // [0.0945, 0.9055]; men b: 1/1, [0.2065, 1]; gap −0.5 [−0.9055, 0.3910].
        let women = rows(&text, "women");
        let men = rows(&text, "men");
        assert_eq!(women.len(), 3, "the enrolment row and one per goal");
        for goal in 1..=2 {
            assert_eq!(women[goal], cells("women 1/2 50.0 % [9.5–90.5]"));
            assert_eq!(men[goal], cells("men 1/1 100.0 % [20.7–100.0]"));
        }
        let gaps = rows(&text, "Gap");
        assert_eq!(gaps.len(), 2);
        for gap in gaps {
            assert_eq!(gap, cells("Gap women − men: -50.0 pp [-90.5 to +39.1]"));
        }
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
        assert!(text.contains("Transitions, step (rows: baseline level, columns: latest level)"));
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
        assert_eq!(rows(&text, "6")[1], cells("6 months ±45 days 0 0 0/0 – –"));
        assert_eq!(row(&text, "12"), cells("12 months ±45 days 0 0 0/0 – –"));
        assert!(text.contains("\n  No data-quality issues.\n"));
        assert!(text.contains("\n– = not defined (nobody to count)\n"));
        assert!(!text.contains("supp."));
    }

    #[test]
    fn swedish_labels_and_decimal_comma() {
        let text = report().to_text(Language::Swedish);
        assert!(text.contains("\nPer 2022-06-30\n"));
        assert_eq!(row(&text, "Inskrivna"), cells("Inskrivna 3"));
        assert_eq!(row(&text, "Andel"), cells("Andel av plan 1,5 %"));
        assert_eq!(
            row(&text, "kvinnor")[..11],
            cells("kvinnor 2 66,7 % [20,8–93,9] 56,0 % +10,7 p.e. nej 110")[..]
        );
        assert_eq!(
            row(&text, "män")[..11],
            cells("män 1 33,3 % [6,1–79,2] 44,0 % -10,7 p.e. nej 87")[..]
        );
        assert_eq!(
            row(&text, "closer"),
            cells("closer inskrivna 3 2/3 1 0 66,7 % [20,8–93,9] 50,0 % uppfyllt nej")
        );
        assert_eq!(
            row(&text, "progression"),
            cells("progression inskrivna 3 2/3 1 0 66,7 % [20,8–93,9] 70,0 % ej uppfyllt nej")
        );
        assert_eq!(
            rows(&text, "Skillnad")[0],
            cells("Skillnad kvinnor − män: -50,0 p.e. [-90,5 till +39,1]")
        );
        assert_eq!(row(&text, "arbete"), cells("arbete 1 100,0 %"));
        assert!(text.contains("\n  Inga datakvalitetsproblem.\n"));
        assert!(!text.contains("Enrolment"));
    }

    #[test]
    fn columns_line_up() {
        let text = report().to_text(Language::English);
        let lines: Vec<&str> = text.lines().collect();
        let header = lines
            .iter()
            .position(|l| l.trim_start().starts_with("Gender      Count"))
            .unwrap();
        // Right-aligned last column: every row of the table ends where "Needed" ends.
        let width = lines[header].chars().count();
        for line in &lines[header + 2..header + 4] {
            assert_eq!(line.chars().count(), width, "{line:?}");
        }
        assert_eq!(lines[header + 1].trim_start().chars().count() + 2, width);
    }

    #[test]
    fn suppressed_values_are_marked_and_explained() {
        let text = report().suppress(5).to_text(Language::English);
        assert_eq!(row(&text, "Enrolled"), cells("Enrolled supp."));
        // Women (2) and men (1) are below 5: the count and all that derive from it.
        assert_eq!(
            row(&text, "women")[..9],
            cells("women supp. supp. supp. 56.0 % supp. supp. supp.")[..]
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
            row(&text, "unknown_gender"),
            cells("unknown_gender participants 1 5")
        );
        assert_eq!(row(&text, "unknown")[..2], cells("unknown 1")[..]);
    }

    #[test]
    fn language_names() {
        for (name, lang) in [
            ("sv", Language::Swedish),
            (" Svenska ", Language::Swedish),
            ("swedish", Language::Swedish),
            ("en", Language::English),
            ("English", Language::English),
        ] {
            assert_eq!(name.parse::<Language>(), Ok(lang), "{name}");
        }
        assert_eq!("fi".parse::<Language>(), Err(UnknownLanguage));
    }
}
