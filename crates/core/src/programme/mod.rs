//! Programme definitions (SPEC §3): parsed from TOML or JSON through one serde
//! model, then validated as a whole so that every later step can trust it.

mod definition;
mod nesting;
mod validate;

// Ids and names are hashed once per row: foldhash is several times faster
// than SipHash, and these tables come from the user's own files.
use foldhash::HashMap;

use chrono::NaiveDate;

pub use definition::{
    BaselineRule, Criterion, DEFAULT_TOLERANCE_DAYS, FollowUpCriterion, GenderTarget,
    GoalDefinition, Improved, MeanGain, ParameterDefinition, Population, ProgrammeDefinition,
    Reached, UnknownPolicy,
};

use crate::error::{ProgrammeError, ProgrammeErrorKind};
use crate::vocab::same_ignoring_case;

/// Deepest nesting of `all` / `any` / `not` accepted (SPEC §14.10).
pub const MAX_CRITERION_DEPTH: usize = 64;

/// A validated programme: its definition plus the lookups the engine needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    definition: ProgrammeDefinition,
    scales: Vec<Scale>,
    parameter_ids: HashMap<String, usize>,
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
        let label = label.trim();
        let labels = self.labels.as_ref()?;
        // Exported data nearly always spells a label exactly as defined.
        let i = labels.iter().position(|l| l.trim() == label).or_else(|| {
            labels
                .iter()
                .position(|l| same_ignoring_case(l.trim(), label))
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

    /// latest − baseline, negated when lower is better.
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
        nesting::check(text, nesting::Syntax::Toml)?;
        let value: toml::Value = toml::from_str(text).map_err(|e| {
            ProgrammeError::new(ProgrammeErrorKind::InvalidToml, "", toml_message(&e))
        })?;
        Self::from_json_value(toml_to_json(value))
    }

    /// Parses and validates a JSON definition.
    pub fn from_json(text: &str) -> Result<Self, ProgrammeError> {
        use serde::Deserialize;
        nesting::check(text, nesting::Syntax::Json)?;
        let invalid = |e: serde_json::Error| {
            ProgrammeError::new(ProgrammeErrorKind::InvalidJson, "", e.to_string())
        };
        let mut parser = serde_json::Deserializer::from_str(text);
        parser.disable_recursion_limit(); // bounded by the nesting check
        let value = serde_json::Value::deserialize(&mut parser).map_err(invalid)?;
        parser.end().map_err(invalid)?;
        Self::from_json_value(value)
    }

    /// Validates a definition already parsed into a JSON value (Python dicts
    /// and JS objects arrive this way).
    pub fn from_json_value(value: serde_json::Value) -> Result<Self, ProgrammeError> {
        validate::criterion_depth(&value)?;
        let definition = validate::deserialize(value)?;
        Self::new(definition)
    }

    /// Validates a definition built in code.
    pub fn new(definition: ProgrammeDefinition) -> Result<Self, ProgrammeError> {
        validate::programme(&definition)?;
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
        })
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

    /// The parameters, in definition order.
    pub fn parameters(&self) -> &[ParameterDefinition] {
        &self.definition.parameters
    }

    /// The goals, in definition order.
    pub fn goals(&self) -> &[GoalDefinition] {
        &self.definition.goals
    }

    /// The scale of parameter `index` (definition order).
    pub fn scale(&self, index: usize) -> &Scale {
        &self.scales[index]
    }

    /// The index of a parameter by id.
    pub fn parameter_index(&self, id: &str) -> Option<usize> {
        self.parameter_ids.get(id).copied()
    }

    /// The as-of date used when none is given: `today`, capped at the end of
    /// the programme (SPEC §14.1).
    pub fn default_as_of(&self, today: NaiveDate) -> NaiveDate {
        today.min(self.definition.end)
    }

    /// The display name of parameter `index`: its name, or its id.
    pub fn parameter_name(&self, index: usize) -> &str {
        let p = &self.definition.parameters[index];
        p.name.as_deref().unwrap_or(&p.id)
    }
}

fn toml_message(e: &toml::de::Error) -> String {
    // toml's Display quotes the offending source line, which for a programme
    // file holds no personal data; keep only the first line for brevity.
    e.message().to_owned()
}

/// TOML dates become ISO strings, so that TOML and JSON share one serde model.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests;
