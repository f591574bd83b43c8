//! The text report's breakdowns (docs/report.md#breakdowns): per breakdown
//! a table of the groups' enrolment, then one table per goal and per
//! parameter with a row per group. Layout only, as the rest of text.rs.

use super::{Align, L, R, Writer};
use crate::report::{BreakdownResult, Figure, GroupResult};
use crate::vocab::{BreakdownKind, Gender};
use crate::words::{Column as C, Label, Section};

impl Writer {
    pub(super) fn breakdowns(&mut self, breakdowns: &[BreakdownResult]) {
        if breakdowns.is_empty() {
            return;
        }
        self.heading(Section::Breakdowns);
        for b in breakdowns {
            self.breakdown(b);
        }
    }

    /// A group's key as people read it: `yes`, `no` and `unknown` in this
    /// language, band keys and column values as they are.
    fn group_name(&self, kind: BreakdownKind, group: &GroupResult) -> String {
        match (kind, group.group.as_str()) {
            (_, crate::programme::UNKNOWN_GROUP) => self.w(Label::UnknownGroup).into(),
            (BreakdownKind::Tag, "yes") => self.w(Label::Yes).into(),
            (BreakdownKind::Tag, "no") => self.w(Label::No).into(),
            (_, key) => key.into(),
        }
    }

    fn breakdown(&mut self, b: &BreakdownResult) {
        let title = match b.kind {
            BreakdownKind::Age => self.w(Label::ByAge).to_owned(),
            BreakdownKind::Tag => format!("{}: {}", self.w(Label::ByTag), &b.id["tag:".len()..]),
            BreakdownKind::Column => {
                format!("{}: {}", self.w(Label::ByColumn), &b.id["column:".len()..])
            }
            BreakdownKind::Cohort => self.w(Label::ByCohort).to_owned(),
        };
        self.subheading(&title);
        let names: Vec<String> = b
            .groups
            .iter()
            .map(|g| self.group_name(b.kind, g))
            .collect();

        let mut header = self.heads(&[C::Group, C::Enrolled, C::Exited]);
        header.extend(Gender::ALL.iter().map(|&g| self.w(g)));
        let mut rows = Vec::new();
        for (name, g) in names.iter().zip(&b.groups) {
            let c = &mut self.cells;
            let mut row = vec![
                name.clone(),
                c.count(&g.enrolment.enrolled),
                c.count(&g.enrolment.exited),
            ];
            for (_, x) in g.enrolment.by_gender.iter() {
                row.push(c.count(&x.count));
            }
            rows.push(row);
        }
        let mut align = vec![R; header.len()];
        align[0] = L;
        self.table(&header, &align, &rows);

        let goals = b.groups.first().map_or(0, |g| g.goals.len());
        for k in 0..goals {
            let first = &b.groups[0].goals[k];
            self.title(&format!("{}: {}", first.id, first.name));
            let mut rows = Vec::new();
            for (name, g) in names.iter().zip(&b.groups) {
                let goal = &g.goals[k];
                let c = &mut self.cells;
                let status = match goal.status {
                    Figure::Value(s) => self.lang.word(s).into(),
                    Figure::Suppressed => c.suppressed(),
                };
                rows.push(vec![
                    name.clone(),
                    c.count(&goal.population_size),
                    c.ratio(&goal.achieved, &goal.denominator),
                    c.count(&goal.unknown),
                    c.share(&goal.share),
                    c.interval(&goal.ci),
                    status,
                ]);
            }
            let header = self.heads(&[
                C::Group,
                C::PopulationSize,
                C::Achieved,
                C::Unknown,
                C::Share,
                C::Interval,
                C::Status,
            ]);
            self.table(&header, &[L, R, R, R, R, L, L], &rows);
        }

        let parameters = b.groups.first().map_or(0, |g| g.parameters.len());
        for q in 0..parameters {
            let first = &b.groups[0].parameters[q];
            self.title(&format!("{}: {}", self.w(C::Parameter), first.id));
            let mut rows = Vec::new();
            for (name, g) in names.iter().zip(&b.groups) {
                let p = &g.parameters[q];
                let c = &mut self.cells;
                let mut row = vec![name.clone(), c.count(&p.evaluable)];
                for (n, s) in [
                    (&p.improved, &p.improved_share),
                    (&p.unchanged, &p.unchanged_share),
                    (&p.worsened, &p.worsened_share),
                ] {
                    row.push(format!("{} ({})", c.count(n), c.share(s)));
                }
                row.push(c.mean_gain(&p.mean_gain));
                rows.push(row);
            }
            let header = self.heads(&[
                C::Group,
                C::Evaluable,
                C::Improved,
                C::Unchanged,
                C::Worsened,
                C::MeanGain,
            ]);
            let align: [Align; 6] = [L, R, R, R, R, R];
            self.table(&header, &align, &rows);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Dataset, Language, Options, Programme};

    fn report() -> crate::Report {
        let programme = Programme::from_toml(
            r#"
id = "T"
name = "T"
start = 2022-01-01
end = 2022-12-31
planned_participants = 10
breakdowns = ["tag:na", "column:district"]
[[parameters]]
id = "p"
scale = [1, 5]
[[goals]]
id = "g"
name = "Closer"
target = 0.5
criterion = { improved = { parameters = ["p"] } }
"#,
        )
        .unwrap();
        let mut b = Dataset::builder(&programme);
        let people = "id,gender,entry_date,tags,district\na,K,2022-01-10,na,Norr\nb,M,2022-01-10,,Norr\nc,K,2022-01-10,na,\n";
        let readings = "participant_id,date,parameter,level\na,2022-01-10,p,1\na,2022-05-01,p,3\nb,2022-01-10,p,2\nb,2022-05-01,p,2\n";
        b.read_participants_csv(people.as_bytes()).unwrap();
        b.read_assessments_csv(readings.as_bytes()).unwrap();
        let as_of = "2022-06-30".parse().unwrap();
        b.build().evaluate(&Options::new().as_of(as_of)).unwrap()
    }

    fn has(text: &str, line: &str) {
        assert!(
            text.lines().any(|l| l.trim_end() == line),
            "no line {line:?} in\n{text}"
        );
    }

    #[test]
    fn each_breakdown_has_its_groups_goals_and_parameters_in_english() {
        let text = report().to_text(Language::English);
        has(&text, "Results by group");
        has(&text, "By tag: na");
        // yes: a (woman, improved) and c (woman, no readings: unknown).
        has(
            &text,
            "  yes           2       0      2    0           0             0",
        );
        has(
            &text,
            "  no            1       0      0    1           0             0",
        );
        has(
            &text,
            "  yes    2       1/2        1  50.0\u{a0}%  9.5–90.5\u{a0}%  met",
        );
        has(
            &text,
            "  no     1       0/1        0   0.0\u{a0}%  0.0–79.3\u{a0}%  not met",
        );
        has(
            &text,
            "  yes            1  1 (100.0\u{a0}%)    0 (0.0\u{a0}%)  0 (0.0\u{a0}%)      +2.00",
        );
        has(&text, "By column: district");
        has(
            &text,
            "  Norr            2       0      1    1           0             0",
        );
        has(
            &text,
            "  unknown         1       0      1    0           0             0",
        );
        has(&text, "Parameter: p");
    }

    #[test]
    fn each_breakdown_in_swedish() {
        let text = report().to_text(Language::Swedish);
        has(&text, "Resultat per grupp");
        has(&text, "Efter tagg: na");
        has(&text, "Efter kolumn: district");
        assert!(text.lines().any(|l| l.starts_with("  ja ")), "{text}");
        assert!(text.lines().any(|l| l.starts_with("  okänd ")), "{text}");
    }
}
