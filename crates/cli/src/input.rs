//! Loading a programme and its data from files or from a bundled example.

use std::path::Path;

use stegvis::{CsvFiles, DataError, Dataset, Programme};

use crate::args::{ComparisonInput, Example, Input};
use crate::error::CliError;

/// The Nordost example, embedded so that `--example nordost` works anywhere.
mod nordost {
    pub(super) const PROGRAMME: &str = include_str!("../../../examples/nordost/programme.toml");
    pub(super) const PARTICIPANTS: &str =
        include_str!("../../../examples/nordost/participants.csv");
    pub(super) const ASSESSMENTS: &str = include_str!("../../../examples/nordost/assessments.csv");
    pub(super) const FOLLOW_UPS: &str = include_str!("../../../examples/nordost/follow_ups.csv");
    /// The comparison group (`docs/comparison.md#example`).
    pub(super) const COMPARISON_PARTICIPANTS: &str =
        include_str!("../../../examples/nordost/comparison_participants.csv");
    pub(super) const COMPARISON_ASSESSMENTS: &str =
        include_str!("../../../examples/nordost/comparison_assessments.csv");
    pub(super) const COMPARISON_FOLLOW_UPS: &str =
        include_str!("../../../examples/nordost/comparison_follow_ups.csv");
}

/// A programme and, when data was given, its dataset.
pub(crate) struct Loaded {
    pub(crate) programme: Programme,
    pub(crate) dataset: Option<Dataset>,
    /// The comparison group, when the example ships one.
    pub(crate) comparison: Option<Dataset>,
}

/// Reads what `input` names. Data is optional here; commands that need it
/// check for it.
pub(crate) fn load(input: &Input) -> Result<Loaded, CliError> {
    if let Some(example) = input.example {
        return load_example(example);
    }
    let path = input
        .programme
        .as_deref()
        .ok_or(CliError::Usage("--programme or --example is required"))?;
    let programme = read_programme(path)?;
    let dataset = match (&input.participants, &input.assessments) {
        // One workbook for every table (`docs/data.md#workbook-sheets`).
        _ if input.workbook.is_some() => input
            .workbook
            .as_deref()
            .map(|path| Dataset::from_workbook_file(&programme, path))
            .transpose()?,
        (Some(participants), Some(assessments)) => Some(Dataset::from_csv_files(
            &programme,
            CsvFiles {
                participants,
                assessments,
                follow_ups: input.follow_ups.as_deref(),
                encoding: input.encoding,
                threads: input.threads,
            },
        )?),
        _ => None,
    };
    Ok(Loaded {
        programme,
        dataset,
        comparison: None,
    })
}

/// The comparison group: the files `comparison` names, else the example's
/// own (`docs/comparison.md#inputs`). Errors name the file and the
/// comparison table.
pub(crate) fn comparison(
    programme: &Programme,
    input: &Input,
    comparison: &ComparisonInput,
    example: Option<Dataset>,
) -> Result<Option<Dataset>, CliError> {
    let (Some(participants), Some(assessments)) = (
        &comparison.comparison_participants,
        &comparison.comparison_assessments,
    ) else {
        return Ok(example);
    };
    let files = CsvFiles {
        participants,
        assessments,
        follow_ups: comparison.comparison_follow_ups.as_deref(),
        encoding: input.encoding,
        threads: input.threads,
    };
    let dataset = Dataset::from_csv_files(programme, files).map_err(DataError::in_comparison)?;
    Ok(Some(dataset))
}

/// Like [`load`], but the data is required.
pub(crate) fn load_data(input: &Input) -> Result<(Programme, Dataset), CliError> {
    let (programme, dataset, _) = load_data_compared(input)?;
    Ok((programme, dataset))
}

/// Like [`load_data`], with the example's comparison group when it has one.
pub(crate) fn load_data_compared(
    input: &Input,
) -> Result<(Programme, Dataset, Option<Dataset>), CliError> {
    let loaded = load(input)?;
    let dataset = loaded.dataset.ok_or(CliError::Usage(
        "--participants and --assessments (or --workbook) are required (or --example nordost)",
    ))?;
    Ok((loaded.programme, dataset, loaded.comparison))
}

fn read_programme(path: &Path) -> Result<Programme, CliError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| CliError::ReadProgramme(path.to_owned(), e))?;
    let is_json = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    let programme = if is_json {
        Programme::from_json(&text)
    } else {
        Programme::from_toml(&text)
    };
    programme.map_err(|e| CliError::Programme(path.to_owned(), e))
}

fn load_example(example: Example) -> Result<Loaded, CliError> {
    let Example::Nordost = example;
    let origin = Path::new("examples/nordost");
    let programme = Programme::from_toml(nordost::PROGRAMME)
        .map_err(|e| CliError::Programme(origin.join("programme.toml"), e))?;
    let named = |file: &str| {
        let name = origin.join(file).display().to_string();
        move |e: DataError| e.in_file(name)
    };
    let mut builder = Dataset::builder(&programme);
    builder
        .read_participants_csv(nordost::PARTICIPANTS.as_bytes())
        .map_err(named("participants.csv"))?;
    builder
        .read_assessments_csv(nordost::ASSESSMENTS.as_bytes())
        .map_err(named("assessments.csv"))?;
    builder
        .read_follow_ups_csv(nordost::FOLLOW_UPS.as_bytes())
        .map_err(named("follow_ups.csv"))?;
    let dataset = builder.build();
    let comparison = |file: &str| {
        let name = named(file);
        move |e: DataError| name(e).in_comparison()
    };
    let mut builder = Dataset::builder(&programme);
    builder
        .read_participants_csv(nordost::COMPARISON_PARTICIPANTS.as_bytes())
        .map_err(comparison("comparison_participants.csv"))?;
    builder
        .read_assessments_csv(nordost::COMPARISON_ASSESSMENTS.as_bytes())
        .map_err(comparison("comparison_assessments.csv"))?;
    builder
        .read_follow_ups_csv(nordost::COMPARISON_FOLLOW_UPS.as_bytes())
        .map_err(comparison("comparison_follow_ups.csv"))?;
    Ok(Loaded {
        dataset: Some(dataset),
        comparison: Some(builder.build()),
        programme,
    })
}
