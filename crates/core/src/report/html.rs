//! The one-line summary of the report (Python's `repr`), with the words
//! and formats of the catalogue like every other surface, and the HTML
//! escaping of the printable document (`document.rs`).

use std::fmt::Write;

use super::cells::Cells;
use super::{Figure, Report};
use crate::words::{Label, Language, Phrase, Section, push_visible, visible};

impl Report {
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
