//! The text report's ESF+ section (`docs/esf.md#indicators`) and the
//! before/after assistance table (`docs/method.md#assistance-before-after`).

use super::{Align, L, R, Writer};
use crate::report::{AssistanceCounts, AssistanceResult, EsfResult, Figure};
use crate::vocab::{EsfIndicator as I, Gender};
use crate::words::{Column as C, Label, Phrase, Section};

/// The indicators of each part of the ESF+ table, in report order.
const PARTS: [(Label, &[I]); 4] = [
    (Label::EsfOutputs, &I::OUTPUTS),
    (Label::EsfImmediate, &I::IMMEDIATE),
    (Label::EsfLongerTerm, &I::LONGER_TERM),
    (Label::EsfQuality, &I::QUALITY),
];

impl Writer {
    /// The ESF+ indicators by gender, in four tables, when the profile asked
    /// for them.
    pub(super) fn esf(&mut self, esf: Option<&EsfResult>) {
        let Some(esf) = esf else {
            return;
        };
        self.heading(Section::Esf);
        for (label, indicators) in PARTS {
            let rows: Vec<Vec<String>> = indicators
                .iter()
                .map(|&i| {
                    let c = esf.indicator(i);
                    let mut row = vec![self.lang.word(i).to_owned()];
                    for g in Gender::ALL {
                        row.push(self.cells.count(c.by_gender.get(g)));
                    }
                    row.push(self.cells.count(&c.total));
                    row
                })
                .collect();
            let mut header = vec![self.w(label)];
            header.extend(Gender::ALL.iter().map(|&g| self.lang.word(g)));
            header.push(self.w(Label::AllGenders));
            let mut align = vec![R; header.len()];
            align[0] = L;
            self.line("");
            self.table(&header, &align, &rows);
        }
        self.line("");
        self.note(Label::EsfRegisters);
    }

    /// On assistance at entry; then, at exit and at each horizon, how many
    /// of them are no longer on assistance. Left out when no participant
    /// has assistance at entry recorded.
    pub(super) fn assistance(&mut self, a: &AssistanceResult) {
        if matches!(a.recorded_at_entry.total, Figure::Value(0)) {
            return;
        }
        self.heading(Section::Assistance);
        let on = &a.on_assistance_at_entry;
        let recorded = &a.recorded_at_entry;
        let mut header = vec![""];
        header.extend(Gender::ALL.iter().map(|&g| self.lang.word(g)));
        header.push(self.w(Label::AllGenders));
        let mut row = vec![self.w(Label::OnAssistanceAtEntry).to_owned()];
        for g in Gender::ALL {
            let cell = self
                .cells
                .ratio(on.by_gender.get(g), recorded.by_gender.get(g));
            row.push(cell);
        }
        row.push(self.cells.ratio(&on.total, &recorded.total));
        let mut align = vec![R; header.len()];
        align[0] = L;
        self.table(&header, &align, &[row]);

        let anyone = |c: &AssistanceCounts| !matches!(c.population, Figure::Value(0));
        let mut rows = Vec::new();
        for step in &a.steps {
            let when = match step.after_months {
                None => self.w(Label::AtExit).to_owned(),
                Some(months) => self.lang.phrase(&Phrase::Horizon {
                    months,
                    tolerance_days: step.tolerance_days.unwrap_or_default(),
                }),
            };
            let all = step.overall();
            let mut parts = vec![(None, &all)];
            parts.extend(
                step.by_gender
                    .iter()
                    .filter(|(_, c)| anyone(c))
                    .map(|(g, c)| (Some(g), c)),
            );
            for (k, (g, c)) in parts.into_iter().enumerate() {
                let first = if k == 0 { when.clone() } else { String::new() };
                let name = match g {
                    None => self.w(Label::AllGenders).to_owned(),
                    Some(g) => self.lang.word(g).to_owned(),
                };
                let x = &mut self.cells;
                rows.push(vec![
                    first,
                    name,
                    x.count(&c.population),
                    x.count(&c.recorded),
                    x.count(&c.not_on_assistance),
                    x.share(&c.share),
                    x.interval(&c.ci),
                ]);
            }
        }
        let header = vec![
            self.w(Label::AssistanceStep),
            self.w(C::Gender),
            self.w(Label::OnAtEntryAndDue),
            self.w(Label::AssistanceRecorded),
            self.w(Label::NotOnAssistance),
            self.w(Label::ShareNotOnAssistance),
            self.w(C::Interval),
        ];
        let align: [Align; 7] = [L, L, R, R, R, R, L];
        self.line("");
        self.table(&header, &align, &rows);
    }
}
