//! Breakdowns declared in a programme (`docs/programme.md#breakdowns`):
//! `breakdowns = ["age", "tag:newly_arrived", "column:district"]` and the
//! age bands, checked once so that the readers and the engine can trust them.

use std::collections::HashSet;

use super::definition::ProgrammeDefinition;
use crate::error::{ProgrammeError, ProgrammeErrorKind as Kind};
use crate::vocab::BreakdownKind;

/// The ESF+ age bands' lower bounds: under 18, 18–29, 30–54, 55 and over.
pub const DEFAULT_AGE_BANDS: [u32; 3] = [18, 30, 55];

/// Most breakdowns a programme may declare (`docs/programme.md#limits`).
pub const MAX_BREAKDOWNS: usize = 16;

/// Highest lower bound of an age band.
pub const MAX_AGE_BAND: u32 = 150;

/// Most distinct values of one column breakdown (`docs/data.md#breakdown-columns`).
pub const MAX_GROUPS: usize = 1000;

/// What a breakdown may be.
const WHAT: &str = "a breakdown is `age`, `tag:<name>`, `column:<name>` or `cohort:<period>`";

/// The group of participants without a value.
pub const UNKNOWN_GROUP: &str = "unknown";

/// The standard participant columns, which a column breakdown cannot name.
const STANDARD_COLUMNS: [&str; 7] = [
    "id",
    "gender",
    "entry_date",
    "birth_date",
    "exit_date",
    "exit_outcome",
    "tags",
];

/// One declared breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakdownSpec {
    /// Age band at entry.
    Age,
    /// Has the tag (`yes`) or not (`no`).
    Tag(String),
    /// The value of an extra participant column.
    Column(String),
    /// The calendar half-year or year of entry (`docs/method.md#cohorts`).
    Cohort(crate::trend::Period),
}

impl BreakdownSpec {
    /// Its kind.
    pub fn kind(&self) -> BreakdownKind {
        match self {
            BreakdownSpec::Age => BreakdownKind::Age,
            BreakdownSpec::Tag(_) => BreakdownKind::Tag,
            BreakdownSpec::Column(_) => BreakdownKind::Column,
            BreakdownSpec::Cohort(_) => BreakdownKind::Cohort,
        }
    }

    /// Its id in the report: `age`, `tag:<name>`, `column:<name>` (the
    /// name trimmed).
    pub fn id(&self) -> String {
        match self {
            BreakdownSpec::Age => "age".to_owned(),
            BreakdownSpec::Tag(name) => format!("tag:{name}"),
            BreakdownSpec::Column(name) => format!("column:{name}"),
            BreakdownSpec::Cohort(period) => format!("cohort:{}", period.as_str()),
        }
    }

    /// Its name: the tag or column (`None` for age).
    pub fn name(&self) -> Option<&str> {
        match self {
            BreakdownSpec::Age | BreakdownSpec::Cohort(_) => None,
            BreakdownSpec::Tag(name) | BreakdownSpec::Column(name) => Some(name),
        }
    }
}

/// Checks `breakdowns` and `age_bands`; the breakdowns in programme order.
pub(super) fn parse(def: &ProgrammeDefinition) -> Result<Vec<BreakdownSpec>, ProgrammeError> {
    if let Some(bands) = &def.age_bands {
        if bands.is_empty() {
            let message = "at least one lower bound";
            return Err(ProgrammeError::new(
                Kind::InvalidValue,
                "age_bands",
                message,
            ));
        }
        for (i, &b) in bands.iter().enumerate() {
            if b == 0 || b > MAX_AGE_BAND || (i > 0 && b <= bands[i - 1]) {
                let message = "lower bounds from 1 to 150, strictly ascending";
                let path = format!("age_bands[{i}]");
                return Err(ProgrammeError::new(Kind::InvalidValue, path, message));
            }
        }
    }
    if def.breakdowns.len() > MAX_BREAKDOWNS {
        let path = format!("breakdowns[{MAX_BREAKDOWNS}]");
        let message = "at most 16 breakdowns";
        return Err(ProgrammeError::new(Kind::InvalidValue, path, message));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(def.breakdowns.len());
    for (i, text) in def.breakdowns.iter().enumerate() {
        let path = format!("breakdowns[{i}]");
        let invalid = |message: &str| Err(ProgrammeError::new(Kind::InvalidValue, &path, message));
        let text = text.trim();
        let spec = if text == "age" {
            BreakdownSpec::Age
        } else if let Some((kind, name)) = text.split_once(':') {
            let name = name.trim();
            if name.is_empty() {
                return invalid("a tag or column name cannot be empty");
            }
            match kind.trim() {
                "tag" => BreakdownSpec::Tag(name.to_owned()),
                "column"
                    if STANDARD_COLUMNS
                        .iter()
                        .any(|c| c.eq_ignore_ascii_case(name)) =>
                {
                    return invalid("a column breakdown names an extra column, not a standard one");
                }
                "column" => BreakdownSpec::Column(name.to_owned()),
                "cohort" => match crate::trend::Period::parse(name) {
                    Some(p @ (crate::trend::Period::HalfYear | crate::trend::Period::Year)) => {
                        BreakdownSpec::Cohort(p)
                    }
                    _ => {
                        return invalid(
                            "a cohort breakdown is `cohort:half-year` or `cohort:year`",
                        );
                    }
                },
                _ => return invalid(WHAT),
            }
        } else {
            return invalid(WHAT);
        };
        // Column headers match ignoring ASCII case, so two spellings of one
        // column are the same breakdown.
        let key = match &spec {
            BreakdownSpec::Column(name) => format!("column:{}", name.to_ascii_lowercase()),
            // One cohort breakdown (docs/decisions.md#decision-118).
            BreakdownSpec::Cohort(_) => "cohort".to_owned(),
            other => other.id(),
        };
        if !seen.insert(key) {
            let message = "breakdown listed twice";
            return Err(ProgrammeError::new(Kind::DuplicateId, path, message));
        }
        out.push(spec);
    }
    Ok(out)
}

/// The group keys of the age bands with lower bounds `bands`: `<b1`,
/// `b1-(b2−1)`, …, `bk+`, then `unknown`.
pub fn age_group_keys(bands: &[u32]) -> Vec<String> {
    let mut keys = Vec::with_capacity(bands.len() + 2);
    if let Some(first) = bands.first() {
        keys.push(format!("<{first}"));
    }
    for pair in bands.windows(2) {
        keys.push(format!("{}-{}", pair[0], pair[1] - 1));
    }
    if let Some(last) = bands.last() {
        keys.push(format!("{last}+"));
    }
    keys.push(UNKNOWN_GROUP.to_owned());
    keys
}

/// The index of the band an age falls into (among [`age_group_keys`]).
pub fn age_band(bands: &[u32], age: u32) -> usize {
    bands.iter().take_while(|&&b| age >= b).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_bands_are_the_esf_bands() {
        let keys = age_group_keys(&DEFAULT_AGE_BANDS);
        assert_eq!(keys, ["<18", "18-29", "30-54", "55+", "unknown"]);
        assert_eq!(age_band(&DEFAULT_AGE_BANDS, 17), 0);
        assert_eq!(age_band(&DEFAULT_AGE_BANDS, 18), 1);
        assert_eq!(age_band(&DEFAULT_AGE_BANDS, 29), 1);
        assert_eq!(age_band(&DEFAULT_AGE_BANDS, 30), 2);
        assert_eq!(age_band(&DEFAULT_AGE_BANDS, 54), 2);
        assert_eq!(age_band(&DEFAULT_AGE_BANDS, 55), 3);
        assert_eq!(age_band(&DEFAULT_AGE_BANDS, 130), 3);
    }

    #[test]
    fn one_band_gives_two_groups_and_unknown() {
        assert_eq!(age_group_keys(&[25]), ["<25", "25+", "unknown"]);
        assert_eq!(
            age_group_keys(&[20, 21]),
            ["<20", "20-20", "21+", "unknown"]
        );
    }
}
