//! A short HTML summary of the report (for notebooks: Python's
//! `_repr_html_`) and a one-line summary (Python's `repr`), with the words
//! and formats of the catalogue like every other surface.

use std::fmt::Write;

use super::cells::Cells;
use super::{Figure, GoalStatus, Report};
use crate::vocab::Gender;
use crate::words::{Column as C, Label, Language, Phrase, Section, Word, push_visible, visible};

impl Report {
    /// The goal table and the enrolment in a small HTML fragment, for
    /// notebooks. `min_cell` names the minimum cell size of a publishable
    /// copy, so the fragment can say what is hidden. Every text from the
    /// report or the programme is escaped.
    pub fn to_html_summary(&self, language: Language, min_cell: Option<u64>) -> String {
        let lang = language;
        let w = |word: Word| lang.word(word);
        let mut c = Cells::new(lang);
        let mut out = String::new();
        let e = &self.enrolment;
        let enrolment = lang.phrase(&Phrase::EnrolmentSummary {
            enrolled: c.count(&e.enrolled).into(),
            planned: lang.count(e.planned).into(),
            share: c.share(&e.share_of_plan).into(),
            expected: lang.number(e.expected_by_now, 1).into(),
        });
        let _ = write!(
            out,
            "<div class=\"stegvis-report\"><p><strong>{}</strong> ({}) · {}. {}",
            escape(&self.programme.name),
            escape(&self.programme.id),
            lang.phrase(&Phrase::AsOf { date: self.as_of }),
            escape(&enrolment),
        );
        if let Some(min_cell) = min_cell {
            let note = lang.phrase(&Phrase::PublishableCopy { min_cell });
            let _ = write!(out, " {}", escape(&note));
        }
        out.push_str("</p>\n<table>\n<thead><tr>");
        let heads = [
            C::Goal,
            C::Population,
            C::Achieved,
            C::Denominator,
            C::Share,
            C::Interval,
            C::Target,
            C::Status,
        ];
        for (i, head) in heads.iter().enumerate() {
            let left = i == 0 || i == heads.len() - 1;
            let style = if left {
                " style=\"text-align:left\""
            } else {
                ""
            };
            let _ = write!(out, "<th{style}>{}</th>", escape(w(Word::Column(*head))));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for g in &self.goals {
            let status = match g.status {
                Figure::Value(s @ GoalStatus::Met) => {
                    let word = escape(w(Word::Status(s)));
                    format!("<span style=\"color:#1a7f37\">&#10003; {word}</span>")
                }
                Figure::Value(s @ GoalStatus::NotMet) => {
                    let word = escape(w(Word::Status(s)));
                    format!("<span style=\"color:#cf222e\">&#10007; {word}</span>")
                }
                Figure::Value(s @ GoalStatus::NoData) => escape(w(Word::Status(s))),
                Figure::Suppressed => escape(&c.suppressed()),
            };
            // A publishable copy hides the confidence with the status.
            let sure = match (g.status, g.confident) {
                (Figure::Value(GoalStatus::NoData), _) | (_, Figure::Suppressed) => String::new(),
                (_, Figure::Value(sure)) => format!(" ({})", escape(c.confidence(sure))),
            };
            let _ = writeln!(
                out,
                "<tr><td style=\"text-align:left\">{} <small>({})</small></td><td>{}</td><td>{}</td>\
                 <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td style=\"text-align:left\">{}<small>{}</small></td></tr>",
                escape(&g.name),
                escape(&g.id),
                escape(w(Word::Population(g.population))),
                escape(&c.count(&g.achieved)),
                escape(&c.count(&g.denominator)),
                escape(&c.share(&g.share)),
                escape(&c.interval(&g.ci)),
                escape(&lang.share(g.target)),
                status,
                sure,
            );
        }
        out.push_str("</tbody>\n</table>\n");
        let mut genders = Vec::new();
        for key in [Gender::Woman, Gender::Man] {
            let g = e.by_gender.get(key);
            genders.push(format!(
                "{} {} ({})",
                w(Word::Gender(key)),
                c.count(&g.count),
                c.share(&g.share)
            ));
        }
        let _ = write!(
            out,
            "<p>{}: {}.",
            escape(w(Word::Column(C::Gender))),
            escape(&genders.join(", "))
        );
        let quality = if self.data_quality.is_empty() {
            w(Word::Label(Label::NoIssues)).to_owned()
        } else {
            let issues: Vec<String> = self
                .data_quality
                .iter()
                .map(|i| format!("{} ({})", w(Word::Issue(i.kind)), c.count(&i.count)))
                .collect();
            format!("{}.", issues.join("; "))
        };
        let _ = write!(
            out,
            " {}: {}</p>",
            escape(w(Word::Section(Section::DataQuality))),
            escape(&quality)
        );
        let legend = c.legend();
        if !legend.is_empty() {
            let lines: Vec<String> = legend.iter().map(|l| escape(l)).collect();
            let _ = write!(out, "\n<p><small>{}</small></p>", lines.join("<br>"));
        }
        out.push_str("</div>");
        out
    }

    /// The report in one line: programme, as-of, each goal's status and
    /// share, and what a publishable copy hides (Python's `repr`).
    pub fn summary(&self, language: Language, min_cell: Option<u64>) -> String {
        let lang = language;
        let mut c = Cells::new(lang);
        let goals: Vec<String> = self
            .goals
            .iter()
            .map(|g| {
                let status = match g.status {
                    Figure::Value(s) => lang.word(s).to_owned(),
                    Figure::Suppressed => c.suppressed(),
                };
                format!("{} {status} ({})", g.id, c.share(&g.share))
            })
            .collect();
        let goals = if goals.is_empty() {
            lang.word(Label::NoGoals).to_owned()
        } else {
            goals.join(", ")
        };
        let mut out = format!(
            "{} ({}), {}: {}: {}; {} {}/{}",
            self.programme.name,
            self.programme.id,
            lang.phrase(&Phrase::AsOf { date: self.as_of }),
            lang.word(Section::Goals),
            goals,
            lang.word(Label::Enrolled),
            c.count(&self.enrolment.enrolled),
            lang.count(self.enrolment.planned),
        );
        if let Some(min_cell) = min_cell {
            let _ = write!(
                out,
                "; {}",
                lang.phrase(&Phrase::PublishableCopy { min_cell })
            );
        }
        // One line of text: names and ids show their controls as escapes
        // (`docs/report.md#control-characters`).
        visible(&out).into_owned()
    }
}

/// Escapes text for HTML element content and quoted attribute values;
/// control and bidirectional formatting characters show as `\u{1b}`, as in
/// the text report (`docs/report.md#control-characters`).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            ch => push_visible(&mut out, ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dataset, Options, Programme};

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<b class="x">Tom & 'Jerry'</b>"#),
            "&lt;b class=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("å ä ö – ≥"), "å ä ö – ≥");
        assert_eq!(escape(""), "");
    }

    fn report() -> Report {
        let programme =
            Programme::from_toml(include_str!("../../../../examples/nordost/programme.toml"))
                .unwrap();
        let mut b = Dataset::builder(&programme);
        b.read_participants_csv(
            include_str!("../../../../tests/fixtures/spec12/participants.csv").as_bytes(),
        )
        .unwrap();
        b.read_assessments_csv(
            include_str!("../../../../tests/fixtures/spec12/assessments.csv").as_bytes(),
        )
        .unwrap();
        let as_of = "2022-06-30".parse().unwrap();
        b.build().evaluate(&Options::new().as_of(as_of)).unwrap()
    }

    #[test]
    fn the_summary_speaks_both_languages() {
        let r = report();
        let en = r.to_html_summary(Language::English, None);
        assert!(en.contains("&#10003; met</span>"), "{en}");
        assert!(en.contains("<td>66.7\u{a0}%</td><td>20.8–93.9\u{a0}%</td><td>50.0\u{a0}%</td>"));
        assert!(en.contains("<th>Target</th>"));
        let sv = r.to_html_summary(Language::Swedish, None);
        assert!(sv.contains("&#10003; uppfyllt</span>"), "{sv}");
        assert!(sv.contains("&#10007; ej uppfyllt</span>"));
        assert!(sv.contains("<th>Målnivå</th>"));
        assert!(sv.contains("66,7\u{a0}%"));
        let published = r.suppress(5).to_html_summary(Language::English, Some(5));
        assert!(published.contains("<td>supp.</td>"));
        assert!(published.contains("Publishable copy: counts below 5"));
        assert!(published.contains("supp. = suppressed"));
    }

    #[test]
    fn the_one_line_summary() {
        let r = report();
        assert_eq!(
            r.summary(Language::English, None),
            "Arbetsliv och hälsa Nordost (2020/00551), As of 2022-06-30: Goals: \
             closer met (66.7\u{a0}%), progression not met (66.7\u{a0}%), \
             retention no data (–), newly_arrived no data (–); Enrolled 3/200"
        );
    }
}
