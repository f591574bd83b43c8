//! The text report's status on a calendar date
//! (`docs/method.md#status-on-a-date`).

use super::follow_ups::StatusTable;
use super::{L, R, Writer};
use crate::report::{Figure, StatusOnCounts, StatusOnResult};
use crate::vocab::Gender;
use crate::words::{Column as C, Label, Section};

impl Writer {
    /// Who had left by the date and who was followed up, per gender; their
    /// statuses, with those without a follow-up as a row of their own; and
    /// their assistance.
    pub(super) fn status_on(&mut self, s: Option<&StatusOnResult>) {
        let Some(s) = s else {
            return;
        };
        self.heading(Section::StatusOn);
        let date_line = format!(
            "  {} {} ({}: {})",
            self.w(Label::StatusDate),
            s.date,
            self.w(Label::StatusTolerance),
            s.tolerance_days
        );
        self.line(&date_line);
        let all = s.overall();
        let mut parts: Vec<(Option<Gender>, &StatusOnCounts)> = vec![(None, &all)];
        parts.extend(
            s.by_gender
                .iter()
                .filter(|(g, c)| {
                    matches!(g, Gender::Woman | Gender::Man)
                        || !matches!(c.exited, Figure::Value(0))
                })
                .map(|(g, c)| (Some(g), c)),
        );
        let name = |w: &Writer, g: Option<Gender>| match g {
            None => w.w(Label::AllGenders).to_owned(),
            Some(g) => w.lang.word(g).to_owned(),
        };
        let mut rows = Vec::new();
        for (g, c) in &parts {
            let first = name(self, *g);
            let x = &mut self.cells;
            rows.push(vec![
                first,
                x.count(&c.exited),
                x.count(&c.with_follow_up),
                x.count(&c.no_follow_up),
            ]);
        }
        let header = vec![
            self.w(C::Gender),
            self.w(Label::ExitedByDate),
            self.w(Label::WithFollowUp),
            self.w(Label::NoFollowUp),
        ];
        self.line("");
        self.table(&header, &[L, R, R, R], &rows);

        let rows = self.status_rows(StatusTable {
            counts: &s.by_status,
            share: &s.status_share,
            share_of_all: &s.status_share_of_exited,
            without: (Label::NoFollowUp, &s.no_follow_up, &s.no_follow_up_share),
        });
        let header = self.heads(&[C::Status, C::Count, C::ShareOfFollowedUp, C::ShareOfExited]);
        self.line("");
        self.table(&header, &[L, R, R, R], &rows);

        let mut rows = Vec::new();
        for (g, c) in &parts {
            let first = name(self, *g);
            let x = &mut self.cells;
            rows.push(vec![
                first,
                x.count(&c.on_assistance),
                x.count(&c.not_on_assistance),
                x.count(&c.assistance_not_recorded),
                x.share(&c.share_not_on_assistance),
                x.interval(&c.ci),
                x.share(&c.share_not_on_assistance_of_exited),
                x.interval(&c.ci_of_exited),
            ]);
        }
        let header = vec![
            self.w(C::Gender),
            self.w(Label::OnAssistance),
            self.w(Label::NotOnAssistance),
            self.w(Label::AssistanceNotRecorded),
            self.w(Label::ShareNotOnAssistance),
            self.w(C::Interval),
            self.w(C::ShareOfExited),
            self.w(C::Interval),
        ];
        self.line("");
        self.table(&header, &[L, R, R, R, R, L, R, L], &rows);
    }
}
