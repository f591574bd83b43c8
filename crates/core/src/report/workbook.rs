//! The report as an Excel workbook (docs/report.md#workbook): one sheet
//! per table of the report, built from the same frames as the data frames
//! and the CSV, numbers as numbers with formats Excel shows in the reader's
//! own locale, hidden values marked with the catalogue's marker.

pub use rust_xlsxwriter::XlsxError;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};

use super::frames::{Frame, Values};
use super::{Figure, Report};
use crate::words::{Column, Language, Phrase, Section, Word};

/// Excel's limit on a sheet name.
const SHEET_NAME: usize = 31;

impl Report {
    /// The report as an .xlsx workbook in `lang` (docs/report.md#workbook):
    /// a sheet on the programme and the data quality, then goals (overall
    /// and per gender), the gender split, parameter change, and every
    /// figure (the tidy table). `min_cell` is the publishable copy's
    /// minimum cell size, stated on the first sheet.
    pub fn to_xlsx(&self, lang: Language, min_cell: Option<u64>) -> Result<Vec<u8>, XlsxError> {
        let styles = Styles::new();
        let mut book = Workbook::new();
        self.about_sheet(book.add_worksheet(), lang, min_cell, &styles)?;
        let sheets = [
            (lang.word(Section::Goals), self.goals_frame()),
            (
                lang.word(Word::Ui(crate::words::Ui::GoalsByGenderSheet)),
                self.goals_by_gender_frame(),
            ),
            (lang.word(Section::Enrolment), self.gender_frame()),
            (lang.word(Section::Parameters), self.parameters_frame()),
            (
                lang.word(Word::Ui(crate::words::Ui::FiguresSheet)),
                self.tidy(),
            ),
        ];
        for (name, frame) in sheets {
            let sheet = book.add_worksheet();
            sheet.set_name(sheet_name(name))?;
            frame_sheet(sheet, &frame, lang, &styles)?;
        }
        book.save_to_buffer()
    }

    fn about_sheet(
        &self,
        sheet: &mut Worksheet,
        lang: Language,
        min_cell: Option<u64>,
        styles: &Styles,
    ) -> Result<(), XlsxError> {
        sheet.set_name(sheet_name(lang.word(Section::ProgrammeAndData)))?;
        sheet.set_column_width(0, 40)?;
        sheet.set_column_width(1, 16)?;
        sheet.write_string_with_format(0, 0, &self.programme.name, &styles.title)?;
        sheet.write_string(1, 0, &self.programme.id)?;
        sheet.write_string(
            2,
            0,
            lang.phrase(&Phrase::ReportDescribes { date: self.as_of }),
        )?;
        let mut row = 3;
        if let Some(min_cell) = min_cell {
            sheet.write_string(row, 0, lang.phrase(&Phrase::PublishableCopy { min_cell }))?;
            row += 1;
        }
        row += 1;
        sheet.write_string_with_format(row, 0, lang.word(Section::DataQuality), &styles.header)?;
        row += 1;
        for (col, word) in [
            Column::Issue,
            Column::Table,
            Column::Count,
            Column::FirstRows,
        ]
        .into_iter()
        .enumerate()
        {
            sheet.write_string_with_format(row, col as u16, lang.word(word), &styles.header)?;
        }
        for issue in &self.data_quality {
            row += 1;
            sheet.write_string(row, 0, lang.word(issue.kind))?;
            sheet.write_string(row, 1, lang.word(issue.table))?;
            match issue.count {
                Figure::Value(n) => sheet.write_number(row, 2, n as f64)?,
                Figure::Suppressed => {
                    sheet.write_string_with_format(row, 2, lang.suppressed(), &styles.hidden)?
                }
            };
            let rows: Vec<String> = issue.rows.iter().map(u64::to_string).collect();
            sheet.write_string(row, 3, rows.join(", "))?;
        }
        Ok(())
    }
}

/// The cell formats.
struct Styles {
    title: Format,
    header: Format,
    share: Format,
    number: Format,
    hidden: Format,
}

impl Styles {
    fn new() -> Self {
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new().set_bold().set_align(FormatAlign::Center),
            share: Format::new().set_num_format("0.0%"),
            number: Format::new().set_num_format("0.00"),
            hidden: Format::new().set_italic().set_font_color("#57606A"),
        }
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(word: &str) -> String {
    word.chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .take(SHEET_NAME)
        .collect()
}

/// `text`, cut to the most characters an Excel cell holds.
fn within_a_cell(text: &str) -> &str {
    const MAX: usize = 32_767;
    text.char_indices()
        .nth(MAX)
        .map_or(text, |(at, _)| &text[..at])
}

/// Whether a column of fractions is shown as a percentage: shares, their
/// bounds, targets, deviations and gaps (docs/report.md#workbook).
fn is_share(column: &str) -> bool {
    [
        "share",
        "ci_",
        "target",
        "deviation",
        "gap",
        "rate",
        "lower",
        "upper",
    ]
    .iter()
    .any(|part| column.contains(part))
}

fn frame_sheet(
    sheet: &mut Worksheet,
    frame: &Frame,
    lang: Language,
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (col, (name, values)) in frame.columns.iter().enumerate() {
        let col16 = col as u16;
        sheet.write_string_with_format(0, col16, *name, &styles.header)?;
        sheet.set_column_width(col16, (name.len() as f64 + 2.0).max(10.0))?;
        let float = if is_share(name) {
            &styles.share
        } else {
            &styles.number
        };
        for row in 0..frame.len() {
            let at = row as u32 + 1;
            if frame.is_hidden(row, col) {
                sheet.write_string_with_format(at, col16, lang.suppressed(), &styles.hidden)?;
                continue;
            }
            match values {
                Values::Int(v) => v[row].map(|x| sheet.write_number(at, col16, x as f64)),
                Values::Float(v) => {
                    v[row].map(|x| sheet.write_number_with_format(at, col16, x, float))
                }
                // Text is written as text, never as a formula.
                Values::Text(v) => v[row]
                    .as_deref()
                    .map(|x| sheet.write_string(at, col16, within_a_cell(x))),
                Values::Bool(v) => v[row].map(|x| sheet.write_boolean(at, col16, x)),
            }
            .transpose()?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
