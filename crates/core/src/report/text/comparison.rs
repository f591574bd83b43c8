//! The text report's comparison (docs/report.md#comparison): the selection
//! caveat, each goal for both groups with the difference and its interval,
//! the balance table and the comparison group's data quality. Layout only,
//! as the rest of text.rs.

use super::{L, R, Writer};
use crate::report::{BalanceRow, Comparison, GenderGap, GroupGoal};
use crate::vocab::{Characteristic, Gender};
use crate::words::{Column as C, Label, Marker, Section};

impl Writer {
    pub(super) fn comparison(&mut self, comparison: Option<&Comparison>) {
        let Some(c) = comparison else { return };
        self.heading(Section::Comparison);
        let caveat = format!("  {}", self.w(Label::CaveatSelection));
        self.line(&caveat);
        let enrolled = format!(
            "  {}: {}; {}: {}",
            self.w(Label::ComparisonParticipants),
            self.cells.count(&c.participants_enrolled),
            self.w(Label::ComparisonGroup),
            self.cells.count(&c.comparison_enrolled),
        );
        self.line(&enrolled);

        self.line("");
        let mut rows = Vec::new();
        for g in &c.goals {
            let mut row = vec![g.id.clone()];
            row.extend(self.side(&g.participants));
            row.extend(self.side(&g.comparison));
            // The difference and its interval, laid out as the gender gap.
            let gap = g.difference.as_ref().map(|d| GenderGap {
                difference: d.difference,
                lower: d.lower,
                upper: d.upper,
            });
            row.push(self.cells.gap(gap.as_ref()));
            rows.push(row);
        }
        let header = [
            self.w(C::Goal),
            self.w(Label::ComparisonParticipants),
            self.w(C::Share),
            self.w(C::Interval),
            self.w(Label::ComparisonGroup),
            self.w(C::Share),
            self.w(C::Interval),
            self.w(Label::ComparisonDifference),
        ];
        self.table(&header, &[L, R, R, L, R, R, L, L], &rows);

        self.subheading(self.w(Label::Balance));
        let rows: Vec<Vec<String>> = c.balance.iter().map(|r| self.balance_row(r)).collect();
        let header = [
            self.w(Label::Characteristic),
            self.w(C::Group),
            self.w(Label::ComparisonParticipants),
            self.w(C::Share),
            self.w(Label::ComparisonGroup),
            self.w(C::Share),
            self.w(Label::Difference),
        ];
        self.table(&header, &[L, L, R, R, R, R, R], &rows);

        if !c.data_quality.is_empty() {
            self.subheading(self.w(Label::ComparisonDataQuality));
            let mut rows = Vec::new();
            for i in &c.data_quality {
                let mut shown: Vec<String> = i.rows.iter().map(u64::to_string).collect();
                if i.count.value().is_some_and(|&n| n > i.rows.len() as u64) {
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
    }

    /// One group's cells of a goal: achieved of denominator, share, interval.
    fn side(&mut self, g: &GroupGoal) -> [String; 3] {
        let c = &mut self.cells;
        [
            c.ratio(&g.achieved, &g.denominator),
            c.share(&g.share),
            c.interval(&g.ci),
        ]
    }

    fn balance_row(&mut self, r: &BalanceRow) -> Vec<String> {
        let characteristic = self.w(match r.characteristic {
            Characteristic::Gender => Label::CharacteristicGender,
            Characteristic::Age => Label::CharacteristicAge,
            Characteristic::Tag => Label::CharacteristicTag,
        });
        let group = match r.characteristic {
            Characteristic::Gender => Gender::ALL
                .iter()
                .find(|g| g.as_str() == r.group)
                .map_or_else(|| r.group.clone(), |&g| self.w(g).to_owned()),
            _ if r.group == crate::programme::UNKNOWN_GROUP => {
                self.w(Label::UnknownGroup).to_owned()
            }
            _ => r.group.clone(),
        };
        let c = &mut self.cells;
        vec![
            characteristic.to_owned(),
            group,
            c.count(&r.participants.count),
            c.share(&r.participants.share),
            c.count(&r.comparison.count),
            c.share(&r.comparison.share),
            c.points(&r.difference),
        ]
    }
}

#[cfg(test)]
mod tests {
    use crate::report::demo;
    use crate::words::{Label, Language, Section};

    /// The demo report beside a comparison group: the section in both
    /// languages, with the caveat.
    #[test]
    fn the_comparison_reads_in_both_languages() {
        let report = crate::report::comparison::demo::report();
        for lang in [Language::English, Language::Swedish] {
            let text = report.to_text(lang);
            assert!(text.contains(lang.word(Section::Comparison)), "{text}");
            assert!(text.contains(lang.word(Label::CaveatSelection)), "{text}");
            assert!(text.contains(lang.word(Label::Balance)), "{text}");
            // progression: 1 of 2 against 0 of 1.
            let section = text.split(lang.word(Section::Comparison)).nth(1);
            let line = demo::line(section.expect("the section"), "  progression");
            assert!(line.contains("1/2") && line.contains("0/1"), "{line}");
        }
    }
}
