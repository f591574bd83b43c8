//! Programme definitions (`docs/programme.md#programme-definitions`): read from
//! TOML, JSON, a Python dict or a JS object straight into one serde model
//! through one guard (guard.rs), then validated as a whole so that every later
//! step can trust it.

mod breakdowns;
mod definition;
mod guard;
mod toml_text;
mod validate;

// Ids and names are hashed once per row: foldhash is several times faster
// than SipHash, and these tables come from the user's own files.
use foldhash::HashMap;

use chrono::NaiveDate;

pub use breakdowns::{
    BreakdownSpec, DEFAULT_AGE_BANDS, MAX_AGE_BAND, MAX_BREAKDOWNS, MAX_GROUPS, UNKNOWN_GROUP,
    age_band, age_group_keys,
};
pub use definition::{
    AtExit, BaselineRule, Criterion, DEFAULT_TOLERANCE_DAYS, FollowUpCriterion, GenderTarget,
    GoalDefinition, GoalPopulation, Improved, LeftAssistance, LeftAssistanceFollowUp, MeanGain,
    ParameterDefinition, ProgrammeDefinition, Reached, ReentryRule, StatusOnDefinition,
    UnknownPolicy,
};

use crate::error::{ProgrammeError, ProgrammeErrorKind};
use crate::vocab::{same_ignoring_case, trim};

/// Deepest nesting of `all` / `any` / `not` accepted (`docs/programme.md#validation`).
pub const MAX_CRITERION_DEPTH: usize = 64;

/// Most criteria (every `all`, `any`, `not` and rule counts as one) in all of
/// a programme's goals together, counted as written, so that a criterion
/// repeated inside itself cannot expand to millions of nodes
/// (`docs/programme.md#limits`).
pub const MAX_CRITERION_NODES: usize = 10_000;

/// Largest magnitude of a scale bound: a scale lies within
/// [−1 000 000, 1 000 000], so a gain fits an `i64` many times over
/// (`docs/programme.md#limits`).
pub const MAX_SCALE_LEVEL: i64 = 1_000_000;

/// Most levels a ladder may have: the transition table has one cell per
/// pair of levels (`docs/programme.md#limits`).
pub const MAX_LADDER_LEVELS: usize = 50;

/// Longest definition text, in bytes: 1 MiB, some three hundred times the
/// example's and room for the most criteria allowed. A longer text is
/// refused before it is parsed, as toml builds its whole document first
/// (`docs/programme.md#limits`).
pub const MAX_PROGRAMME_BYTES: usize = 1 << 20;

/// Up to this many parameters, [`Programme::parameter_index`] scans them.
const SCANNED_PARAMETERS: usize = 8;

/// A validated programme: its definition plus the lookups the engine needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    definition: ProgrammeDefinition,
    scales: Vec<Scale>,
    parameter_ids: HashMap<String, usize>,
    breakdowns: Vec<BreakdownSpec>,
}

/// The integer range of a parameter, with its labels for a ladder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    /// Lowest level.
    pub min: i64,
    /// Highest level.
    pub max: i64,
    /// Ladder labels (level i is `labels[i - 1]`), when defined by `levels`.
    pub labels: Option<Vec<String>>,
    /// Whether a higher level is better.
    pub higher_is_better: bool,
}

impl Scale {
    /// Whether `level` lies on the scale.
    pub fn contains(&self, level: i64) -> bool {
        (self.min..=self.max).contains(&level)
    }

    /// The level of a ladder label, compared after trimming, ignoring case.
    pub fn level_of(&self, label: &str) -> Option<i64> {
        let label = trim(label);
        let labels = self.labels.as_ref()?;
        // Exported data nearly always spells a label exactly as defined.
        let i = labels.iter().position(|l| trim(l) == label).or_else(|| {
            labels
                .iter()
                .position(|l| same_ignoring_case(trim(l), label))
        })?;
        Some(i as i64 + 1)
    }

    /// The better of two levels.
    pub fn better(&self, a: i64, b: i64) -> i64 {
        if self.higher_is_better {
            a.max(b)
        } else {
            a.min(b)
        }
    }

    /// The worse of two levels.
    pub fn worse(&self, a: i64, b: i64) -> i64 {
        if self.higher_is_better {
            a.min(b)
        } else {
            a.max(b)
        }
    }

    /// latest − baseline, negated when lower is better. Levels on a
    /// validated scale (|level| ≤ [`MAX_SCALE_LEVEL`]) cannot overflow.
    pub fn gain(&self, baseline: i64, latest: i64) -> i64 {
        if self.higher_is_better {
            latest - baseline
        } else {
            baseline - latest
        }
    }
}

impl Programme {
    /// Parses and validates a TOML definition.
    pub fn from_toml(text: &str) -> Result<Self, ProgrammeError> {
        check_length(text)?;
        // The one exception to "one guard": toml builds its own document,
        // recursively, before serde sees any of it (toml_text.rs).
        toml_text::check_depth(text)?;
        let mut document = toml::de::DeTable::parse(text).map_err(|e| {
            // toml's Display quotes the offending source line; keep only
            // the message.
            ProgrammeError::new(ProgrammeErrorKind::InvalidToml, "", e.message())
        })?;
        toml_text::normalise(document.get_mut())?;
        let definition = guard::read(toml::Deserializer::from(document), |_| {
            ProgrammeErrorKind::InvalidValue
        })?;
        Self::new(definition)
    }

    /// Parses and validates a JSON definition.
    pub fn from_json(text: &str) -> Result<Self, ProgrammeError> {
        check_length(text)?;
        let mut parser = serde_json::Deserializer::from_str(text);
        // serde_json's limit (128) is below what 64 levels of `any` need;
        // the guard bounds the depth instead, before serde_json recurses.
        parser.disable_recursion_limit();
        let definition = guard::read(&mut parser, json_kind)?;
        parser
            .end()
            .map_err(|e| ProgrammeError::new(ProgrammeErrorKind::InvalidJson, "", e.to_string()))?;
        Self::new(definition)
    }

    /// Validates a definition already parsed into a JSON value.
    pub fn from_json_value(value: serde_json::Value) -> Result<Self, ProgrammeError> {
        Self::new(guard::read(value, json_kind)?)
    }

    /// Reads and validates a definition from any self-describing serde
    /// source, e.g. a Python dict or a JS object seen through a binding's
    /// deserializer. It passes the same guard as TOML and JSON text; an
    /// error the source raises itself is `invalid_value`.
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(
        source: D,
    ) -> Result<Self, ProgrammeError> {
        Self::new(guard::read(source, |_| ProgrammeErrorKind::InvalidValue)?)
    }

    /// Validates a definition built in code.
    pub fn new(definition: ProgrammeDefinition) -> Result<Self, ProgrammeError> {
        validate::programme(&definition)?;
        let breakdowns = breakdowns::parse(&definition)?;
        let scales = definition
            .parameters
            .iter()
            .map(validate::scale_of)
            .collect();
        let parameter_ids = definition
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        Ok(Programme {
            definition,
            scales,
            parameter_ids,
            breakdowns,
        })
    }

    /// How several rows of one participant id are counted
    /// (`docs/method.md#episodes`).
    pub fn reentry(&self) -> ReentryRule {
        self.definition.reentry
    }

    /// The definition, as given (defaults filled in).
    pub fn definition(&self) -> &ProgrammeDefinition {
        &self.definition
    }

    /// The definition as a JSON value, the shape `from_json_value` reads.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(&self.definition).expect("a programme definition always serialises")
    }

    /// The programme's id.
    pub fn id(&self) -> &str {
        &self.definition.id
    }

    /// The programme's name.
    pub fn name(&self) -> &str {
        &self.definition.name
    }

    /// First day of the period.
    pub fn start(&self) -> NaiveDate {
        self.definition.start
    }

    /// Last day of the period.
    pub fn end(&self) -> NaiveDate {
        self.definition.end
    }

    /// The last day of recruitment: `recruitment_end`, else the end
    /// (`docs/method.md#recruitment`).
    pub fn recruitment_end(&self) -> NaiveDate {
        self.definition
            .recruitment_end
            .unwrap_or(self.definition.end)
    }

    /// The parameters, in definition order.
    pub fn parameters(&self) -> &[ParameterDefinition] {
        &self.definition.parameters
    }

    /// The goals, in definition order.
    pub fn goals(&self) -> &[GoalDefinition] {
        &self.definition.goals
    }

    /// The breakdowns, in programme order (`docs/programme.md#breakdowns`).
    pub fn breakdowns(&self) -> &[BreakdownSpec] {
        &self.breakdowns
    }

    /// The lower bounds of the age bands (`docs/programme.md#breakdowns`).
    pub fn age_bands(&self) -> &[u32] {
        self.definition
            .age_bands
            .as_deref()
            .unwrap_or(&DEFAULT_AGE_BANDS)
    }

    /// The names of the extra participant columns the breakdowns read, in
    /// programme order (`docs/data.md#breakdown-columns`).
    pub fn breakdown_columns(&self) -> impl Iterator<Item = &str> {
        self.breakdowns.iter().filter_map(|b| match b {
            BreakdownSpec::Column(name) => Some(name.as_str()),
            _ => None,
        })
    }

    /// The scale of parameter `index` (definition order).
    pub fn scale(&self, index: usize) -> &Scale {
        &self.scales[index]
    }

    /// The index of a parameter by id.
    pub fn parameter_index(&self, id: &str) -> Option<usize> {
        // Every assessment row asks. Among a handful of parameters, most
        // told apart by length alone, a scan beats hashing the id
        // (`docs/decisions.md#decision-149`).
        let parameters = &self.definition.parameters;
        if parameters.len() <= SCANNED_PARAMETERS {
            return parameters.iter().position(|p| p.id == id);
        }
        self.parameter_ids.get(id).copied()
    }

    /// The as-of date used when none is given: `today`, capped at the end of
    /// the programme (`docs/method.md#as-of`).
    pub fn default_as_of(&self, today: NaiveDate) -> NaiveDate {
        today.min(self.definition.end)
    }

    /// The display name of parameter `index`: its name, or its id.
    pub fn parameter_name(&self, index: usize) -> &str {
        let p = &self.definition.parameters[index];
        p.name.as_deref().unwrap_or(&p.id)
    }
}

/// `programme_too_large` for a text past [`MAX_PROGRAMME_BYTES`].
fn check_length(text: &str) -> Result<(), ProgrammeError> {
    if text.len() <= MAX_PROGRAMME_BYTES {
        return Ok(());
    }
    let message = format!("longer than {MAX_PROGRAMME_BYTES} bytes");
    Err(ProgrammeError::new(
        ProgrammeErrorKind::ProgrammeTooLarge,
        "",
        message,
    ))
}

/// A syntax error is `invalid_json`; a type serde_json refused itself is
/// `invalid_value`, as any other source's.
fn json_kind(e: &serde_json::Error) -> ProgrammeErrorKind {
    if e.is_syntax() || e.is_eof() {
        ProgrammeErrorKind::InvalidJson
    } else {
        ProgrammeErrorKind::InvalidValue
    }
}

#[cfg(test)]
mod guard_tests;
#[cfg(test)]
mod tests;
