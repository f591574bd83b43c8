//! The three commands. Each loads its input, calls the core and writes to `out`.

use std::io::{IsTerminal, Write};

use stegvis::programme::ReentryRule;
use stegvis::words::{Explain, Label, Phrase, visible};
use stegvis::{Explanation, Language, Options, Programme};

use crate::args::{
    CombineArgs, ExplainArgs, Format, Input, Output, PartialArgs, ReportArgs, ReportFormat,
    Settings, ValidateArgs,
};
use crate::error::CliError;
use crate::input;

/// `stegvis report`: the report as text, JSON or the tidy CSV table,
/// suppressed on request.
pub(crate) fn report(args: &ReportArgs, out: &mut impl Write) -> Result<(), CliError> {
    let (programme, dataset, example) = input::load_data_compared(&args.input)?;
    let comparison = input::comparison(&programme, &args.input, &args.comparison, example)?;
    let options = options(&args.input, &args.settings)?;
    let report = match &comparison {
        Some(c) => dataset.evaluate_compared(c, &options)?,
        None => dataset.evaluate(&options)?,
    };
    write_report(report, &args.output, out)
}

/// The evaluation's options from the input's as-of date and the settings.
fn options(input: &Input, settings: &Settings) -> Result<Options, CliError> {
    let as_of = input.as_of.as_ref();
    let mut trend = as_of.and_then(|a| a.trend.clone());
    if let Some(every) = &settings.every {
        if trend.is_some() {
            return Err(CliError::Usage(
                "--every takes one --as-of date, not a list [invalid_argument]",
            ));
        }
        trend = stegvis::Trend::every(every);
    }
    Ok(Options::new()
        .with_as_of(as_of.map(|a| a.date))
        .with_trend(trend)
        .strict(settings.strict)
        .profile(settings.profile.map(Into::into))
        .status_on(settings.status_on)
        .status_tolerance(settings.status_tolerance))
}

/// Writes a report as `output` asks: suppressed on request, in its format,
/// to its file or `out`.
fn write_report(
    mut report: stegvis::Report,
    output: &Output,
    out: &mut impl Write,
) -> Result<(), CliError> {
    if let Some(min_cell) = output.min_cell {
        report = report.suppress(min_cell);
    }
    let lang = output.lang;
    let bytes = match output.format {
        ReportFormat::Text => report.to_text(lang).into_bytes(),
        ReportFormat::Json => format!("{}\n", report.to_json()).into_bytes(),
        ReportFormat::Csv => spreadsheet_csv(&report, lang),
        ReportFormat::Xlsx => {
            if output.output.is_none() && std::io::stdout().is_terminal() {
                return Err(CliError::Usage(
                    "--format xlsx writes a binary file: give -o FILE (or redirect the output)",
                ));
            }
            report
                .to_xlsx(lang, output.min_cell)
                .map_err(|e| CliError::Output(std::io::Error::other(e)))?
        }
        ReportFormat::Html => report.to_html(lang, output.min_cell).into_bytes(),
    };
    write_out(output.output.as_deref(), &bytes, out)
}

/// Writes `bytes` to the file, else to `out`.
fn write_out(
    file: Option<&std::path::Path>,
    bytes: &[u8],
    out: &mut impl Write,
) -> Result<(), CliError> {
    match file {
        Some(path) => std::fs::write(path, bytes).map_err(CliError::Output),
        None => Ok(out.write_all(bytes)?),
    }
}

/// `stegvis partial`: the participants' counts as a partial report
/// (`docs/partials.md`).
pub(crate) fn partial(args: &PartialArgs, out: &mut impl Write) -> Result<(), CliError> {
    let (_, dataset) = input::load_data(&args.input)?;
    let partial = dataset.partial(&options(&args.input, &args.settings)?)?;
    let json = format!("{}\n", partial.to_json());
    write_out(args.output.as_deref(), json.as_bytes(), out)
}

/// `stegvis combine`: partial reports combined into one report, or into one
/// partial (`docs/partials.md#combining`).
pub(crate) fn combine(args: &CombineArgs, out: &mut impl Write) -> Result<(), CliError> {
    let mut combined: Option<stegvis::Partial> = None;
    for path in &args.partials {
        let text =
            std::fs::read_to_string(path).map_err(|e| CliError::ReadPartial(path.clone(), e))?;
        let partial =
            stegvis::Partial::from_json(&text).map_err(|e| CliError::Partial(path.clone(), e))?;
        match &mut combined {
            Some(sum) => sum
                .add(&partial)
                .map_err(|e| CliError::Partial(path.clone(), e))?,
            None => combined = Some(partial),
        }
    }
    let combined = combined.expect("clap requires at least one partial");
    if args.partial {
        let json = format!("{}\n", combined.to_json());
        return write_out(args.output.output.as_deref(), json.as_bytes(), out);
    }
    write_report(combined.report(), &args.output, out)
}

/// The tidy table as a CSV file for a spreadsheet in `lang`'s locale.
fn spreadsheet_csv(report: &stegvis::Report, lang: stegvis::Language) -> Vec<u8> {
    let mut file = Vec::new();
    report
        .tidy()
        .write_spreadsheet_csv(&mut file, lang)
        .expect("writing to memory cannot fail");
    file
}

/// `stegvis validate`: the programme, then every data-quality issue; `ok` or
/// the number of offending rows.
pub(crate) fn validate(args: &ValidateArgs, out: &mut impl Write) -> Result<(), CliError> {
    let loaded = input::load(&args.input)?;
    let p = &loaded.programme;
    // Phrases name the programme: its controls print as escapes
    // (docs/report.md#control-characters), as in the report.
    let say = |phrase: Phrase<'_>| visible(&args.lang.phrase(&phrase)).into_owned();
    let checked = Phrase::ProgrammeChecked {
        name: p.name().into(),
        id: p.id().into(),
        parameters: p.parameters().len(),
        goals: p.goals().len(),
    };
    writeln!(out, "{}", say(checked))?;
    let Some(dataset) = loaded.dataset else {
        writeln!(out, "{}", say(Phrase::AllWell))?;
        return Ok(());
    };
    let as_of = args.input.as_of.as_ref().map(|a| a.date);
    // Data quality is that of the report's date: no trend.
    let options = Options::new().with_as_of(as_of).trend(stegvis::Trend::Off);
    let report = dataset.evaluate(&options)?;
    let issues = &report.data_quality;
    // A fresh report is never suppressed, so every count is a value.
    let count = |i: &stegvis::report::Issue| i.count.value().copied().unwrap_or(0);
    let total: u64 = issues.iter().map(count).sum();
    let checked = Phrase::DataChecked {
        date: report.as_of,
        issues: total,
    };
    writeln!(out, "{}", say(checked))?;
    if !issues.is_empty() {
        write!(out, "{}", report.data_quality_text(args.lang))?;
    }
    if total == 0 {
        writeln!(out, "{}", say(Phrase::AllWell))?;
    } else {
        writeln!(out, "{}", say(Phrase::IssuesFound { issues: total }))?;
        if args.strict {
            return Err(CliError::StrictIssues(total));
        }
    }
    Ok(())
}

/// `stegvis explain`: one participant, every goal.
pub(crate) fn explain(args: &ExplainArgs, out: &mut impl Write) -> Result<(), CliError> {
    let (programme, dataset) = input::load_data(&args.input)?;
    let as_of = args.input.as_of.as_ref().map(|a| a.date);
    let options = Options::new().with_as_of(as_of).language(args.lang);
    let explanation = dataset
        .explain_participant(&args.participant, &options)
        .ok_or(CliError::NoSuchParticipant)?;
    match args.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&explanation)
                .map_err(|e| CliError::Output(e.into()))?;
            writeln!(out, "{json}")?;
        }
        Format::Text => {
            let as_of = as_of.unwrap_or_else(|| programme.default_as_of(stegvis::today()));
            writeln!(out, "{}", args.lang.phrase(&Phrase::AsOf { date: as_of }))?;
            write_explanation(args.lang, &programme, &explanation, out)?;
        }
    }
    Ok(())
}

/// The participant's episodes and how they were counted
/// (`docs/method.md#explanations`): each as entry–exit (outcome), then
/// the re-entry rule, and under `per_episode` which episode this is.
fn write_episodes(
    lang: Language,
    explanation: &Explanation,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let episodes: Vec<String> = explanation
        .episodes
        .iter()
        .map(|e| match e.exit_date {
            Some(exit) => format!("{}–{exit} ({})", e.entry_date, lang.word(e.exit_outcome)),
            None => format!("{}–", e.entry_date),
        })
        .collect();
    let rule = lang.word(match explanation.reentry {
        ReentryRule::Once => Label::ReentryOnce,
        ReentryRule::PerEpisode => Label::ReentryPerEpisode,
        ReentryRule::Error => Label::ReentryError,
    });
    write!(
        out,
        "  {}: {} ({}: {rule}",
        lang.word(Explain::Episodes),
        episodes.join(", "),
        lang.word(Label::Reentry),
    )?;
    if let Some(k) = explanation.episode {
        write!(out, "; {} {k}", lang.word(Explain::Episode))?;
    }
    writeln!(out, ")")
}

/// One participant's explanation as labelled lines, every word from the
/// catalogue in `lang`.
fn write_explanation(
    lang: Language,
    programme: &Programme,
    explanation: &Explanation,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let participant = Phrase::Participant {
        id: explanation.participant_id.as_str().into(),
        gender: explanation.gender,
    };
    writeln!(out, "{}", visible(&lang.phrase(&participant)))?;
    write_episodes(lang, explanation, out)?;
    let labels = [
        Explain::InPopulation,
        Explain::Value,
        Explain::Counted,
        Explain::Reason,
    ]
    .map(|l| format!("{}:", lang.word(l)));
    // Values line up one space after the longest label.
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 1;
    let label = |i: usize| {
        let pad = width - labels[i].chars().count();
        format!("  {}{}", labels[i], " ".repeat(pad))
    };
    for (goal, e) in programme.goals().iter().zip(&explanation.goals) {
        writeln!(out)?;
        // Ids, names and reasons (which name parameters, labels and tags)
        // print their controls as escapes (docs/report.md#control-characters).
        let id = visible(&e.goal_id);
        match &goal.name {
            Some(name) => writeln!(out, "{id}: {}", visible(name))?,
            None => writeln!(out, "{id}")?,
        }
        let member = lang.yes_no(e.in_population);
        let population = visible(&e.population_reason);
        writeln!(out, "{}{member}, {population}", label(0))?;
        writeln!(out, "{}{}", label(1), lang.word(e.value))?;
        writeln!(out, "{}{}", label(2), lang.word(e.counted))?;
        writeln!(out, "{}{}", label(3), visible(&e.reason))?;
    }
    Ok(())
}
