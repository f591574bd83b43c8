//! The printable report (docs/report.md#printable-report): one
//! self-contained HTML document with every section of the text report,
//! the charts as inline SVG, the method, a glossary and the notes on
//! disclosure control, in a language of the catalogue.
//!
//! The sections are written by the text report's own layout code
//! (`text.rs`), switched to HTML by [`Html`], so the document cannot miss
//! a section the text has; this file adds what only the document has.

mod svg;

use std::fmt::Write;

use super::Report;
use super::charts::ChartKind;
use super::html::escape;
use super::text::Align;
use crate::vocab::GoalStatus;
use crate::words::{Column, Doc, Label, Language, Phrase, Section, Word};

/// The rules every copy of the document carries (screen and notebook).
const STYLE: &str = include_str!("document/style.css");
/// The page and print rules, only in the whole document.
const PRINT: &str = include_str!("document/print.css");

/// The glossary: a term of the tables and its definition
/// (docs/report.md#printable-report).
const GLOSSARY: [(Word, Doc); 16] = [
    (Word::Column(Column::Population), Doc::GlossPopulation),
    (Word::Column(Column::Achieved), Doc::GlossAchieved),
    (Word::Column(Column::Unknown), Doc::GlossUnknown),
    (Word::Column(Column::Excluded), Doc::GlossExcluded),
    (Word::Column(Column::Share), Doc::GlossShare),
    (Word::Column(Column::Interval), Doc::GlossInterval),
    (Word::Column(Column::Target), Doc::GlossTarget),
    (Word::Column(Column::Status), Doc::GlossStatus),
    (Word::Column(Column::Confident), Doc::GlossConfident),
    (Word::Label(Label::GapWomenMen), Doc::GlossGap),
    (Word::Column(Column::Deviation), Doc::GlossDeviation),
    (Word::Column(Column::WithinTolerance), Doc::GlossTolerance),
    (Word::Column(Column::Evaluable), Doc::GlossEvaluable),
    (Word::Column(Column::MeanGain), Doc::GlossMeanGain),
    (Word::Column(Column::Due), Doc::GlossDue),
    (Word::Column(Column::ResponseRate), Doc::GlossResponseRate),
];

/// The method paragraphs, in order (docs/method.md).
const METHOD: [Doc; 5] = [
    Doc::MethodGoals,
    Doc::MethodIntervals,
    Doc::MethodGender,
    Doc::MethodChange,
    Doc::MethodData,
];

/// A table with more columns than this is set in smaller type, so that
/// it fits the width of an A4 page.
const WIDE: usize = 7;

impl Report {
    /// The report as one self-contained HTML document in `language`
    /// (docs/report.md#printable-report): inline CSS with A4 print rules,
    /// every section of [`Report::to_text`], the charts as inline SVG, the
    /// method, a glossary and the notes on disclosure control. `min_cell`
    /// names the minimum cell size of a publishable copy (as made by
    /// [`Report::suppress`]); `None` says the copy is not suppressed.
    /// Every text from the programme or the data is escaped; the document
    /// loads nothing and runs no script.
    pub fn to_html(&self, language: Language, min_cell: Option<u64>) -> String {
        let mut out = String::with_capacity(64 * 1024);
        let title = format!(
            "{} ({}) \u{2013} {}",
            self.programme.name,
            self.programme.id,
            language.phrase(&Phrase::AsOf { date: self.as_of })
        );
        let _ = write!(
            out,
            "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>\n{STYLE}{PRINT}</style>\n</head>\n<body>\n",
            language.code(),
            escape(&title),
        );
        self.write_body(&mut out, language, min_cell);
        out.push_str("</body>\n</html>\n");
        out
    }

    /// The document's body with its CSS scoped to it (every rule under
    /// `.stegvis-doc`, no page rules), for notebooks: Python's
    /// `_repr_html_` (docs/report.md#printable-report).
    pub fn to_html_fragment(&self, language: Language, min_cell: Option<u64>) -> String {
        let mut out = String::with_capacity(64 * 1024);
        let _ = write!(out, "<style>\n{STYLE}</style>\n");
        self.write_body(&mut out, language, min_cell);
        out
    }

    fn write_body(&self, out: &mut String, lang: Language, min_cell: Option<u64>) {
        let w = |word: Word| lang.word(word);
        let _ = write!(
            out,
            "<div class=\"stegvis-doc\" lang=\"{}\">\n<header class=\"doc-header\">\n\
             <h1>{}</h1>\n<p class=\"meta\">{} \u{b7} {}</p>\n",
            lang.code(),
            escape(&self.programme.name),
            escape(&self.programme.id),
            escape(&lang.phrase(&Phrase::AsOf { date: self.as_of })),
        );
        if let Some(min_cell) = min_cell {
            let note = lang.phrase(&Phrase::PublishableCopy { min_cell });
            let _ = writeln!(out, "<p class=\"publishable\">{}</p>", escape(&note));
        }
        out.push_str("</header>\n<main>\n");

        // The charts close the sections they belong to (docs/report.md#charts).
        let mut html = Html::default();
        html.figures.push((
            Section::Enrolment,
            svg::chart(&self.chart(ChartKind::Gender, lang)),
        ));
        if !self.goals.is_empty() {
            for kind in [ChartKind::Goals, ChartKind::GoalsByGender] {
                html.figures
                    .push((Section::Goals, svg::chart(&self.chart(kind, lang))));
            }
        }
        let (sections, html) = self.sections_html(lang, html);
        out.push_str(&sections);

        // The method, in the catalogue's words (docs/method.md).
        let _ = writeln!(
            out,
            "<section class=\"method\">\n<h2>{}</h2>",
            escape(w(Word::Doc(Doc::Method)))
        );
        for paragraph in METHOD {
            let _ = writeln!(out, "<p>{}</p>", escape(w(Word::Doc(paragraph))));
        }
        out.push_str("</section>\n");

        let _ = writeln!(
            out,
            "<section class=\"glossary\">\n<h2>{}</h2>\n<dl class=\"glossary\">",
            escape(w(Word::Doc(Doc::Glossary)))
        );
        for (term, definition) in GLOSSARY {
            let _ = writeln!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                escape(w(term)),
                escape(w(Word::Doc(definition)))
            );
        }
        out.push_str("</dl>\n</section>\n");

        self.disclosure(out, lang, min_cell, &html.hidden);
        out.push_str("</main>\n</div>\n");
    }

    /// What a publishable copy hid, per section, and why
    /// (docs/report.md#disclosure-control); for a copy that is not
    /// suppressed, a warning that it is not for publication.
    fn disclosure(
        &self,
        out: &mut String,
        lang: Language,
        min_cell: Option<u64>,
        hidden: &[(Section, u64)],
    ) {
        let w = |word: Word| lang.word(word);
        let _ = writeln!(
            out,
            "<section class=\"disclosure\">\n<h2>{}</h2>",
            escape(w(Word::Doc(Doc::Disclosure)))
        );
        let Some(min_cell) = min_cell else {
            let _ = writeln!(
                out,
                "<p>{}</p>\n</section>",
                escape(w(Word::Doc(Doc::NotSuppressed)))
            );
            return;
        };
        let _ = writeln!(
            out,
            "<p>{}</p>\n<p>{}</p>",
            escape(&lang.phrase(&Phrase::PublishableCopy { min_cell })),
            escape(w(Word::Doc(Doc::DisclosureRule)))
        );
        let total: u64 = hidden.iter().map(|(_, n)| n).sum();
        if total == 0 {
            let _ = writeln!(
                out,
                "<p>{}</p>\n</section>",
                escape(w(Word::Doc(Doc::NothingHidden)))
            );
            return;
        }
        let mut rows: Vec<Vec<String>> = hidden
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|&(s, n)| vec![w(Word::Section(s)).to_owned(), lang.count(n)])
            .collect();
        rows.push(vec![w(Word::Doc(Doc::Total)).to_owned(), lang.count(total)]);
        let header = [w(Word::Doc(Doc::Part)), w(Word::Doc(Doc::HiddenValues))];
        let mut table = Html::default();
        table.table(out, lang, &header, &[Align::Left, Align::Right], &rows);
        out.push_str("</section>\n");
    }
}

/// The printable document's state while the text report's layout code
/// writes HTML: the open section, the charts that close a section, and how
/// many suppression markers each section wrote.
#[derive(Debug, Default)]
pub(super) struct Html {
    /// The section being written, and the markers written before it.
    open: Option<(Section, u64)>,
    /// SVG figures to write at the end of a section.
    figures: Vec<(Section, String)>,
    /// Suppression markers per section, in report order.
    hidden: Vec<(Section, u64)>,
}

impl Html {
    /// Ends the open section: its figures, then `</section>`.
    fn close(&mut self, out: &mut String, hidden_so_far: u64) {
        let Some((section, before)) = self.open.take() else {
            return;
        };
        for (_, figure) in self.figures.iter().filter(|(s, _)| *s == section) {
            out.push_str(figure);
        }
        self.hidden.push((section, hidden_so_far - before));
        out.push_str("</section>\n");
    }

    /// A section heading, opening the section.
    pub(super) fn heading(
        &mut self,
        out: &mut String,
        section: Section,
        title: &str,
        hidden_so_far: u64,
    ) {
        self.close(out, hidden_so_far);
        let key: &'static str = section.into();
        let _ = writeln!(
            out,
            "<section class=\"section {key}\">\n<h2>{}</h2>",
            escape(title)
        );
        self.open = Some((section, hidden_so_far));
    }

    /// A heading under a section's (`level` 3 or 4).
    pub(super) fn subheading(&mut self, out: &mut String, title: &str, level: u8) {
        let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(title.trim()));
    }

    /// A line of text: a paragraph; a blank line writes nothing.
    pub(super) fn paragraph(&mut self, out: &mut String, text: &str) {
        let text = text.trim();
        if !text.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", escape(text));
        }
    }

    /// A note under a heading.
    pub(super) fn note(&mut self, out: &mut String, text: &str) {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(text.trim()));
    }

    /// Label–value lines.
    pub(super) fn pairs(&mut self, out: &mut String, rows: &[Vec<String>]) {
        out.push_str("<div class=\"table-wrap\"><table class=\"pairs\"><tbody>\n");
        for r in rows {
            let label = r.first().map_or("", String::as_str);
            let value = r.get(1).map_or("", String::as_str);
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                escape(label),
                escape(value)
            );
        }
        out.push_str("</tbody></table></div>\n");
    }

    /// A table: heads, then rows; numbers right-aligned, a goal's status as
    /// a badge that reads without colour (a sign, the word and the
    /// border's style), a hidden value marked.
    pub(super) fn table(
        &mut self,
        out: &mut String,
        lang: Language,
        header: &[&str],
        align: &[Align],
        rows: &[Vec<String>],
    ) {
        let class = |i: usize| match align.get(i) {
            Some(Align::Right) => "r",
            _ => "l",
        };
        let status_head = lang.word(Column::Status);
        let wide = if header.len() > WIDE {
            " class=\"wide\""
        } else {
            ""
        };
        let _ = write!(out, "<div class=\"table-wrap\"><table{wide}>\n<thead><tr>");
        for (i, head) in header.iter().enumerate() {
            let _ = write!(
                out,
                "<th scope=\"col\" class=\"{}\">{}</th>",
                class(i),
                escape(head)
            );
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        let marker = lang.suppressed();
        for row in rows {
            out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let hidden = cell.split(['/', ' ', '(', ')']).any(|part| part == marker);
                let extra = if hidden { " hidden-value" } else { "" };
                let _ = write!(out, "<td class=\"{}{extra}\">", class(i));
                match status(lang, header.get(i) == Some(&status_head), cell) {
                    Some((name, sign)) => {
                        let _ = write!(
                            out,
                            "<span class=\"badge {name}\">{sign}\u{a0}{}</span>",
                            escape(cell)
                        );
                    }
                    None => out.push_str(&escape(cell)),
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table></div>\n");
    }

    /// The end of the sections: the open one closed, then the legend of
    /// the markers used.
    pub(super) fn end(&mut self, out: &mut String, legend: &[String], hidden_so_far: u64) {
        self.close(out, hidden_so_far);
        if legend.is_empty() {
            return;
        }
        out.push_str("<p class=\"legend\">");
        let lines: Vec<String> = legend.iter().map(|l| escape(l)).collect();
        out.push_str(&lines.join("<br>\n"));
        out.push_str("</p>\n");
    }
}

/// A goal status in a status column: its badge's class and sign.
fn status(lang: Language, in_status_column: bool, cell: &str) -> Option<(&'static str, char)> {
    if !in_status_column {
        return None;
    }
    [
        (GoalStatus::Met, "met", '\u{2713}'),
        (GoalStatus::NotMet, "not-met", '\u{2717}'),
        (GoalStatus::NoData, "no-data", '\u{25cb}'),
    ]
    .into_iter()
    .find(|(s, _, _)| lang.word(*s) == cell)
    .map(|(_, name, sign)| (name, sign))
}
