//! The text report's follow-up section and exits by gender
//! (`docs/method.md#follow-up-accounting`, `docs/method.md#exits-by-gender`).

use super::{Align, L, R, Writer};
use crate::report::{Count, Exits, Figure, FollowUpCounts, FollowUpResult, PerOutcome, Share};
use crate::vocab::Gender;
use crate::words::{Column as C, Label, Phrase, Section};

/// One row group of a horizon: everyone (`None`) or one gender.
type Part = (Option<Gender>, FollowUpCounts);

/// Whether a gender's row is worth printing: someone is due or early
/// (`docs/decisions.md#decision-82`). A hidden count may hide someone.
fn anyone(c: &FollowUpCounts) -> bool {
    let some = |n: &Count| !matches!(n, Figure::Value(0));
    some(&c.due) || some(&c.early)
}

impl Writer {
    /// Exits per gender: one column per gender with anyone exited.
    pub(super) fn exits_by_gender(&mut self, exits: &Exits) {
        let genders: Vec<Gender> = exits
            .by_gender
            .iter()
            .filter(|(g, e)| {
                matches!(g, Gender::Woman | Gender::Man) || !matches!(e.exited, Figure::Value(0))
            })
            .map(|(g, _)| g)
            .collect();
        let mut rows = Vec::new();
        let mut exited = vec![self.w(C::Exited).to_owned()];
        for &g in &genders {
            exited.push(self.cells.count(&exits.by_gender.get(g).exited));
        }
        rows.push(exited);
        for (key, o) in exits.by_outcome.iter() {
            if matches!(o.count, Figure::Value(0)) {
                continue;
            }
            let mut row = vec![self.lang.word(key).to_owned()];
            for &g in &genders {
                let x = exits.by_gender.get(g).by_outcome.get(key);
                let c = &mut self.cells;
                row.push(format!("{} ({})", c.count(&x.count), c.share(&x.share)));
            }
            rows.push(row);
        }
        self.line("");
        let mut header = vec![self.w(C::ExitOutcome)];
        header.extend(genders.iter().map(|&g| self.lang.word(g)));
        let mut align = vec![R; header.len()];
        align[0] = L;
        self.table(&header, &align, &rows);
    }

    /// Per horizon and gender: due, reached, not reached, response rate,
    /// early; then each horizon's statuses, and the assistance shares.
    pub(super) fn follow_ups(&mut self, follow_ups: &[FollowUpResult]) {
        self.heading(Section::FollowUps);
        if follow_ups.is_empty() {
            self.note(Label::NoFollowUps);
            return;
        }
        let parts: Vec<(String, Vec<Part>)> = follow_ups
            .iter()
            .map(|f| {
                let horizon = self.lang.phrase(&Phrase::Horizon {
                    months: f.after_months,
                    tolerance_days: f.tolerance_days,
                });
                let mut list = vec![(None, f.overall())];
                list.extend(
                    f.by_gender
                        .iter()
                        .filter(|(_, c)| anyone(c))
                        .map(|(g, c)| (Some(g), c.clone())),
                );
                (horizon, list)
            })
            .collect();
        let group = |w: &Writer, g: Option<Gender>| match g {
            None => w.w(Label::AllGenders).to_owned(),
            Some(g) => w.lang.word(g).to_owned(),
        };
        let mut rows = Vec::new();
        for (horizon, list) in &parts {
            for (k, (g, c)) in list.iter().enumerate() {
                let first = if k == 0 {
                    horizon.clone()
                } else {
                    String::new()
                };
                let name = group(self, *g);
                let x = &mut self.cells;
                rows.push(vec![
                    first,
                    name,
                    x.count(&c.due),
                    x.count(&c.reached),
                    x.count(&c.not_reached),
                    x.share(&c.response_rate),
                    x.interval(&c.response_ci),
                    x.count(&c.early),
                ]);
            }
        }
        let header = self.heads(&[
            C::FollowUp,
            C::Gender,
            C::Due,
            C::Reached,
            C::NotReached,
            C::ResponseRate,
            C::Interval,
            C::Early,
        ]);
        self.table(&header, &[L, L, R, R, R, R, L, R], &rows);

        for (f, (horizon, _)) in follow_ups.iter().zip(&parts) {
            self.statuses(horizon, f);
        }

        self.title(&format!("  {}", self.w(Label::AssistanceBothWays)));
        let mut rows = Vec::new();
        for (horizon, list) in &parts {
            for (k, (g, c)) in list.iter().enumerate() {
                let first = if k == 0 {
                    horizon.clone()
                } else {
                    String::new()
                };
                let name = group(self, *g);
                let x = &mut self.cells;
                rows.push(vec![
                    first,
                    name,
                    x.ratio(&c.not_receiving_assistance, &c.assistance_known),
                    x.share(&c.share_not_receiving_assistance),
                    x.interval(&c.ci),
                    x.ratio(&c.not_receiving_assistance, &c.due),
                    x.share(&c.share_not_receiving_assistance_of_due),
                    x.interval(&c.ci_of_due),
                ]);
            }
        }
        let header = self.heads(&[
            C::FollowUp,
            C::Gender,
            C::OffAssistance,
            C::ShareOfReached,
            C::Interval,
            C::OffAssistanceOfDue,
            C::ShareOfDue,
            C::Interval,
        ]);
        let align: [Align; 8] = [L, L, R, R, L, R, R, L];
        self.table(&header, &align, &rows);
    }

    /// One horizon's statuses among the reached and among the due, with
    /// the not reached as a row of their own.
    fn statuses(&mut self, horizon: &str, f: &FollowUpResult) {
        let rows = self.status_rows(StatusTable {
            counts: &f.by_status,
            share: &f.status_share,
            share_of_all: &f.status_share_of_due,
            without: (
                Label::NotReached,
                &f.not_reached,
                &f.not_reached_share_of_due,
            ),
        });
        self.title(&format!("  {horizon}"));
        let header = self.heads(&[C::Status, C::Count, C::ShareOfReached, C::ShareOfDue]);
        self.table(&header, &[L, R, R, R], &rows);
    }
}

/// A table of statuses: the count and share of each status among those with
/// a follow-up and among everyone counted, then those without a follow-up
/// as a row of their own (the follow-up table's horizons, the status on a
/// date).
pub(super) struct StatusTable<'r> {
    pub(super) counts: &'r PerOutcome<Count>,
    pub(super) share: &'r PerOutcome<Share>,
    pub(super) share_of_all: &'r PerOutcome<Share>,
    /// The row's label, count and share of everyone counted.
    pub(super) without: (Label, &'r Count, &'r Share),
}

impl Writer {
    /// The rows of a [`StatusTable`]: statuses nobody has are left out.
    pub(super) fn status_rows(&mut self, t: StatusTable<'_>) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for (key, n) in t.counts.iter() {
            if matches!(n, Figure::Value(0)) {
                continue;
            }
            let x = &mut self.cells;
            rows.push(vec![
                self.lang.word(key).to_owned(),
                x.count(n),
                x.share(t.share.get(key)),
                x.share(t.share_of_all.get(key)),
            ]);
        }
        let (label, count, share) = t.without;
        let x = &mut self.cells;
        rows.push(vec![
            self.lang.word(label).to_owned(),
            x.count(count),
            String::new(),
            x.share(share),
        ]);
        rows
    }
}
