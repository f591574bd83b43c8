//! The text report's trend (docs/report.md#trend): a table of enrolment per
//! date, then one table per goal with a row per date. Layout only, as the
//! rest of text.rs.

use super::{Align, L, R, Writer};
use crate::report::{Figure, TrendPoint};
use crate::vocab::Gender;
use crate::words::{Column as C, Section};

impl Writer {
    pub(super) fn trend(&mut self, trend: &[TrendPoint]) {
        if trend.is_empty() {
            return;
        }
        self.heading(Section::Trend);
        let mut header = self.heads(&[C::Date, C::Enrolled]);
        header.extend(Gender::ALL.iter().map(|&g| self.w(g)));
        let mut rows = Vec::new();
        for p in trend {
            let c = &mut self.cells;
            let mut row = vec![p.as_of.to_string(), c.count(&p.enrolled)];
            for (_, x) in p.by_gender.iter() {
                row.push(c.count(&x.count));
            }
            rows.push(row);
        }
        let mut align = vec![R; header.len()];
        align[0] = L;
        self.table(&header, &align, &rows);

        let goals = trend[0].goals.len();
        for k in 0..goals {
            self.title(&trend[0].goals[k].id);
            let mut rows = Vec::new();
            for p in trend {
                let goal = &p.goals[k];
                let c = &mut self.cells;
                let status = match goal.status {
                    Figure::Value(s) => self.lang.word(s).into(),
                    Figure::Suppressed => c.suppressed(),
                };
                rows.push(vec![
                    p.as_of.to_string(),
                    c.ratio(&goal.achieved, &goal.denominator),
                    c.share(&goal.share),
                    c.interval(&goal.ci),
                    status,
                ]);
            }
            let header = self.heads(&[C::Date, C::Achieved, C::Share, C::Interval, C::Status]);
            let align: [Align; 5] = [L, R, R, L, L];
            self.table(&header, &align, &rows);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Dataset, Language, Options, Programme, Trend};

    /// Two dates: a enters before both, b between them; a's goal is met
    /// at the second date only (docs/method.md#trend).
    fn report() -> crate::Report {
        let programme = Programme::from_toml(
            r#"
id = "t"
name = "T"
start = 2022-01-01
end = 2023-12-31
planned_participants = 10
[[parameters]]
id = "step"
scale = [1, 5]
[[goals]]
id = "progression"
target = 0.5
criterion = { improved = { parameters = ["step"], min_gain = 1 } }
"#,
        )
        .unwrap();
        let mut b = Dataset::builder(&programme);
        b.read_participants_csv(
            "id,gender,entry_date\na,K,2022-02-01\nb,M,2022-08-01\n".as_bytes(),
        )
        .unwrap();
        b.read_assessments_csv(
            "participant_id,date,parameter,level\na,2022-02-01,step,1\na,2022-09-01,step,3\n"
                .as_bytes(),
        )
        .unwrap();
        let dates = vec!["2022-06-30".parse().unwrap(), "2022-12-31".parse().unwrap()];
        b.build()
            .evaluate(&Options::new().trend(Trend::dates(dates).unwrap()))
            .unwrap()
    }

    #[test]
    fn a_table_per_date_in_both_languages() {
        let r = report();
        assert_eq!(r.as_of.to_string(), "2022-12-31");
        let en = r.to_text(Language::English);
        assert!(en.contains("Trend over time"), "{en}");
        let line = |text: &str, start: &str| {
            text.lines()
                .filter(|l| l.trim_start().starts_with(start))
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
        };
        // Enrolment: 1 woman at mid-year; a woman and a man at year end.
        let rows = line(&en, "2022-");
        assert_eq!(rows[0], "2022-06-30 1 1 0 0 0");
        assert_eq!(rows[1], "2022-12-31 2 1 1 0 0");
        // The goal: 0 of 1 (a not yet reassessed), then 1 of 2.
        // Wilson 0 of 1: upper z²/(1 + z²) = 3.8415/4.8415 = 79.3 %; 1 of
        // 2: 0.5 ± 1.96 × √(0.125 + z²/16) / (1 + z²/2) = 0.5 ± 0.4055.
        assert_eq!(rows[2], "2022-06-30 0/1 0.0 % 0.0–79.3 % not met");
        assert_eq!(rows[3], "2022-12-31 1/2 50.0 % 9.5–90.5 % met");
        let sv = r.to_text(Language::Swedish);
        assert!(sv.contains(Language::Swedish.word(crate::words::Section::Trend)));
        assert!(line(&sv, "2022-")[3].starts_with("2022-12-31 1/2 50,0 %"));
    }
}
