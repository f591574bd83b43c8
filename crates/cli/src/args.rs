//! Command-line arguments.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use stegvis::error::DataErrorKind;
use stegvis::words::ErrorCode;
use stegvis::{Encoding, Language};

/// Goal attainment, progression and data quality of a labour-market programme.
#[derive(Debug, Parser)]
#[command(name = "stegvis", version, about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Print the report: enrolment, goals, parameter change, exits, follow-ups, data quality.
    Report(ReportArgs),
    /// Check the programme definition and the data; list every data-quality issue.
    Validate(ValidateArgs),
    /// Show why one participant counts as they do for every goal.
    Explain(ExplainArgs),
    /// Write a partial report: the counts of these participants, with no
    /// id, date of a person or row number, to combine with others'
    /// (docs/partials.md).
    Partial(PartialArgs),
    /// Combine partial reports of disjoint sets of participants into one
    /// report, as `report` prints it (docs/partials.md#combining).
    Combine(CombineArgs),
}

/// Where the programme and its data come from.
#[derive(Debug, Args)]
pub(crate) struct Input {
    /// Programme definition: TOML, or JSON when the name ends in `.json`.
    #[arg(long, value_name = "FILE", required_unless_present = "example")]
    pub(crate) programme: Option<PathBuf>,
    /// Participants CSV (id, gender, entry_date, …); a path ending in .xlsx
    /// is read as a workbook (the sheet named participants or deltagare,
    /// else the first sheet).
    #[arg(long, value_name = "CSV", requires = "assessments")]
    pub(crate) participants: Option<PathBuf>,
    /// Assessments CSV (participant_id, date, parameter, level).
    #[arg(long, value_name = "CSV", requires = "participants")]
    pub(crate) assessments: Option<PathBuf>,
    /// Follow-ups CSV (participant_id, date, status, receives_assistance).
    #[arg(long, value_name = "CSV", requires = "participants")]
    pub(crate) follow_ups: Option<PathBuf>,
    /// One .xlsx workbook with a sheet per table, named in English or
    /// Swedish (participants/deltagare, assessments/skattningar, optionally
    /// follow_ups), instead of --participants, --assessments and --follow-ups.
    #[arg(
        long,
        value_name = "XLSX",
        conflicts_with_all = ["participants", "assessments", "follow_ups"]
    )]
    pub(crate) workbook: Option<PathBuf>,
    /// Character encoding of the CSV files: auto (a byte-order mark, else UTF-8
    /// when the first non-ASCII character is UTF-8, else Windows-1252), utf-8,
    /// windows-1252, utf-16le or utf-16be.
    #[arg(
        long,
        value_name = "ENCODING",
        default_value = "auto",
        value_parser = encoding
    )]
    pub(crate) encoding: Encoding,
    /// Threads to read the assessments and follow-ups and to evaluate on;
    /// default: the available cores. The report and every error are the
    /// same with any number.
    #[arg(long, value_name = "N")]
    pub(crate) threads: Option<std::num::NonZeroUsize>,
    /// Use a bundled example programme and its synthetic data instead of files.
    #[arg(
        long,
        value_enum,
        conflicts_with_all = ["programme", "participants", "assessments", "follow_ups", "workbook"]
    )]
    pub(crate) example: Option<Example>,
    /// The date the report describes (YYYY-MM-DD); default today, capped at the programme's end.
    /// A comma-separated list (2022-06-30,2022-12-31) asks for a trend over those dates,
    /// the report at the latest.
    #[arg(long, value_name = "DATE[,DATE…]", value_parser = as_of)]
    pub(crate) as_of: Option<AsOf>,
}

/// `--as-of`: one date, or a list of trend dates (`docs/method.md#trend`).
#[derive(Debug, Clone)]
pub(crate) struct AsOf {
    /// The report's date: the date, or the latest of the list.
    pub(crate) date: NaiveDate,
    /// The list's trend; `None` for a single date.
    pub(crate) trend: Option<stegvis::Trend>,
}

/// Reads `--as-of`: a date, or dates separated by commas (a trend).
fn as_of(text: &str) -> Result<AsOf, String> {
    if !text.contains(',') {
        let date = one_date(text)?;
        return Ok(AsOf { date, trend: None });
    }
    let dates = text
        .split(',')
        .map(one_date)
        .collect::<Result<Vec<_>, _>>()?;
    let trend = stegvis::Trend::dates(dates).map_err(|e| format!("{e} [{}]", e.code()))?;
    let date = trend.as_of().expect("a list has a latest date");
    Ok(AsOf {
        date,
        trend: Some(trend),
    })
}

/// One `--as-of` date by the core's rule for date cells (`docs/data.md#dates`), so
/// it is exactly as strict as the data; the message names the rule and the
/// code, from the catalogue.
fn one_date(text: &str) -> Result<NaiveDate, String> {
    match stegvis::data::date(stegvis::Field::Text(text)) {
        Ok(Some(date)) => Ok(date),
        Ok(None) | Err(_) => {
            let code = ErrorCode::Data(DataErrorKind::InvalidDate);
            Err(format!(
                "{} [{}]",
                Language::English.error(code),
                code.code()
            ))
        }
    }
}

/// An `--encoding`: one of the names the core accepts.
fn encoding(name: &str) -> Result<Encoding, String> {
    name.parse()
        .map_err(|e: stegvis::data::UnknownEncoding| e.to_string())
}

/// A bundled example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Example {
    /// The Nordost programme (ESF 2020/00551), 200 planned participants.
    Nordost,
}

/// Output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Aligned text tables.
    #[default]
    Text,
    /// JSON (the report shape of `docs/report.md#keys`).
    Json,
}

/// Output format of `stegvis report`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Aligned text tables.
    #[default]
    Text,
    /// JSON (the report shape of `docs/report.md#keys`).
    Json,
    /// The tidy long table (section, item, group, measure, value, lower,
    /// upper, suppressed): one row per figure, as the page's CSV download,
    /// for a spreadsheet in the `--lang` locale (in Swedish `;` and a
    /// decimal comma; docs/report.md#spreadsheet-csv).
    Csv,
    /// An Excel workbook, one sheet per table (docs/report.md#workbook);
    /// give `-o FILE`.
    Xlsx,
    /// A printable, self-contained HTML document in the `--lang` language
    /// (docs/report.md#printable-report): every section, the charts, the
    /// method, a glossary and the notes on disclosure control.
    Html,
}

/// A comparison group's tables (`docs/comparison.md#inputs`).
#[derive(Debug, Args)]
pub(crate) struct ComparisonInput {
    /// The comparison group's participants CSV (the participants' columns;
    /// entry_date is the index date from which each member is followed).
    #[arg(
        long,
        value_name = "CSV",
        requires = "comparison_assessments",
        conflicts_with = "example"
    )]
    pub(crate) comparison_participants: Option<PathBuf>,
    /// The comparison group's assessments CSV.
    #[arg(long, value_name = "CSV", requires = "comparison_participants")]
    pub(crate) comparison_assessments: Option<PathBuf>,
    /// The comparison group's follow-ups CSV.
    #[arg(long, value_name = "CSV", requires = "comparison_participants")]
    pub(crate) comparison_follow_ups: Option<PathBuf>,
}

/// What a report counts, besides its data: strictness, profile, trend and
/// status date (`stegvis report` and `stegvis partial`).
#[derive(Debug, Args)]
pub(crate) struct Settings {
    /// Fail (exit 1) on the first data-quality issue instead of reporting it.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Add a funder's section: `esf` gives the ESF+ common indicators by
    /// gender (docs/esf.md#profile).
    #[arg(long, value_enum)]
    pub(crate) profile: Option<ProfileArg>,
    /// A trend at every calendar quarter, half-year or year end from the programme's
    /// start before the report's date, then that date; `none` turns the programme's
    /// default trend off.
    #[arg(long, value_name = "PERIOD", value_parser = ["quarter", "half-year", "year", "none"])]
    pub(crate) every: Option<String>,
    /// The participants' status on a calendar date (YYYY-MM-DD): their latest
    /// follow-up within the tolerance before it (docs/method.md#status-on-a-date);
    /// replaces the programme's status_on date. It must not lie after the
    /// report's date.
    #[arg(long, value_name = "DATE", value_parser = one_date)]
    pub(crate) status_on: Option<NaiveDate>,
    /// Days before the status date in which a follow-up counts (default the
    /// programme's, else 45).
    #[arg(long, value_name = "DAYS")]
    pub(crate) status_tolerance: Option<u32>,
}

/// How a report is written: format, language, suppression and file
/// (`stegvis report` and `stegvis combine`).
#[derive(Debug, Args)]
pub(crate) struct Output {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) format: ReportFormat,
    /// Publishable copy: hide counts below N and whatever would reveal them
    /// (the usual N is the core's default, 5).
    #[arg(long, value_name = "N")]
    pub(crate) min_cell: Option<u64>,
    /// Language of the text labels: sv or en.
    #[arg(long, value_name = "sv|en", default_value = "en")]
    pub(crate) lang: Language,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// `stegvis report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    pub(crate) input: Input,
    #[command(flatten)]
    pub(crate) comparison: ComparisonInput,
    #[command(flatten)]
    pub(crate) settings: Settings,
    #[command(flatten)]
    pub(crate) output: Output,
}

/// `stegvis partial`.
#[derive(Debug, Args)]
pub(crate) struct PartialArgs {
    #[command(flatten)]
    pub(crate) input: Input,
    #[command(flatten)]
    pub(crate) settings: Settings,
    /// Write the partial to FILE (e.g. nordost-east.partial.json) instead
    /// of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// `stegvis combine`.
#[derive(Debug, Args)]
pub(crate) struct CombineArgs {
    /// Partial reports written by `stegvis partial` (or `combine --partial`),
    /// of the same programme and settings and of disjoint participants.
    #[arg(value_name = "PARTIAL", required = true)]
    pub(crate) partials: Vec<PathBuf>,
    /// Write the combined partial instead of a report, to combine further
    /// (municipalities into a region, regions into a country).
    #[arg(long, conflicts_with_all = ["format", "min_cell", "lang"])]
    pub(crate) partial: bool,
    #[command(flatten)]
    pub(crate) output: Output,
}

/// A report profile (`docs/esf.md#profile`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ProfileArg {
    /// The ESF+ common indicators of Regulation (EU) 2021/1057, Annex I.
    Esf,
}

impl From<ProfileArg> for stegvis::vocab::Profile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::Esf => stegvis::vocab::Profile::Esf,
        }
    }
}

/// `stegvis validate`.
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    #[command(flatten)]
    pub(crate) input: Input,
    /// Treat data-quality issues as failures (exit 1).
    #[arg(long)]
    pub(crate) strict: bool,
    /// Language of the issue table: sv or en.
    #[arg(long, value_name = "sv|en", default_value = "en")]
    pub(crate) lang: Language,
}

/// `stegvis explain`.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    #[command(flatten)]
    pub(crate) input: Input,
    /// The participant's id.
    #[arg(long, value_name = "ID")]
    pub(crate) participant: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) format: Format,
    /// Language of the labels and reasons: sv or en.
    #[arg(long, value_name = "sv|en", default_value = "en")]
    pub(crate) lang: Language,
}
